// What stops the completion dialog from closing the OT, said inside the dialog: required checklist items still
// unanswered (with a way to the checklist), or the service's own refusal.
import { useTranslation } from 'react-i18next';

/** Puts the OT's checklist card in view and focus, once the dialog has closed and handed the focus back. */
export function focusChecklistCard(): void {
  window.setTimeout(() => {
    const card = document.querySelector<HTMLElement>('.ot-checklist');
    if (!card) return;
    card.tabIndex = -1;
    card.scrollIntoView({ block: 'start' });
    card.focus({ preventScroll: true });
  }, 0);
}

interface Props {
  missing: string[];
  /** The service's refusal, already in words. */
  refusal: string | null;
  onGoToChecklist: () => void;
}

export function CompletionBlocker({ missing, refusal, onGoToChecklist }: Props) {
  const { t } = useTranslation('checklists');
  if (missing.length === 0 && !refusal) return null;
  return (
    <div className="alert completion-blocker" role="alert">
      {missing.length > 0 && (
        <>
          <p>{t('completion.missing', { list: missing.join(', ') })}</p>
          <button type="button" className="btn" onClick={onGoToChecklist}>
            {t('completion.goToChecklist')}
          </button>
        </>
      )}
      {refusal && <p>{refusal}</p>}
    </div>
  );
}
