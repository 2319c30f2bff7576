// A confirmation for destructive actions: Cancel and a red confirm button; a failure stays visible inside the dialog.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Modal } from './Modal';

export interface ConfirmDialogProps {
  title: string;
  text: string;
  /** A second paragraph that may arrive after the dialog opened (read out when it does). */
  detail?: string | null;
  confirmLabel: string;
  onConfirm: () => Promise<void>;
  onClose: () => void;
  /** The words for a refusal, in the caller's own terms (e.g. `in_use` in Administración). */
  describeError: (error: unknown) => string;
}

export function ConfirmDialog({ title, text, detail, confirmLabel, onConfirm, onClose, describeError }: ConfirmDialogProps) {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function confirm() {
    setBusy(true);
    setFailure(null);
    try {
      await onConfirm();
      onClose();
    } catch (error) {
      setFailure(describeError(error));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal
      title={title}
      open
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            {t('common:actions.cancel')}
          </button>
          <button type="button" className="btn btn-danger" onClick={() => void confirm()} disabled={busy}>
            {confirmLabel}
          </button>
        </>
      }
    >
      {failure && (
        <div className="alert" role="alert">
          {failure}
        </div>
      )}
      <p>{text}</p>
      <div aria-live="polite">{detail && <p>{detail}</p>}</div>
    </Modal>
  );
}
