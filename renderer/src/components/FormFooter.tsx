// The footer of every form dialog: Cancel, then the submit button (which says "Guardando…" while busy).
import { useTranslation } from 'react-i18next';

export function FormFooter({ formId, busy, submit, onClose }: { formId: string; busy: boolean; submit: string; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <>
      <button type="button" className="btn" onClick={onClose}>
        {t('actions.cancel')}
      </button>
      <button type="submit" form={formId} className="btn btn-primary" disabled={busy}>
        {busy ? t('state.saving') : submit}
      </button>
    </>
  );
}
