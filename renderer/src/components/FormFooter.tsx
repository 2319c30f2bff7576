// The footer of every form dialog: Cancel, then the submit button (which says "Guardando…" while busy).
import { useTranslation } from 'react-i18next';

/** `disabled` holds the submit back while the form is not complete (say why in the form, not only here). */
export function FormFooter({ formId, busy, submit, onClose, disabled = false }: { formId: string; busy: boolean; submit: string; onClose: () => void; disabled?: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <button type="button" className="btn" onClick={onClose}>
        {t('actions.cancel')}
      </button>
      <button type="submit" form={formId} className="btn btn-primary" disabled={busy || disabled}>
        {busy ? t('state.saving') : submit}
      </button>
    </>
  );
}
