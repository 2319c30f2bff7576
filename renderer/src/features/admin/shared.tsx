// Small pieces shared by the administration sections.
import type { TFunction } from 'i18next';
import { Search } from 'lucide-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { Modal } from '../../components/Modal';
import { errorMessage, fieldErrors } from '../../lib/errors';
import { leaveSearchOnEscape } from '../../lib/searchKeys';

/** Administration reasons first (admin:reason.*), then the shared translations. */
export function adminError(t: TFunction, error: unknown): string {
  if (error instanceof ApiError && error.reason) {
    const key = `admin:reason.${error.reason}`;
    if (t(key, { defaultValue: '' })) return t(key);
  }
  return errorMessage(t, error);
}

/**
 * The state every administration form keeps: field errors, one failure line, busy while saving.
 * `send(save)` runs a save; a refusal fills the field errors and the failure line in the user's language.
 */
export function useAdminForm(t: TFunction) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function send(save: () => Promise<void>): Promise<void> {
    setBusy(true);
    setFailure(null);
    try {
      await save();
    } catch (error) {
      setErrors(fieldErrors(error));
      setFailure(adminError(t, error));
    } finally {
      setBusy(false);
    }
  }
  return { errors, setErrors, failure, busy, send };
}

export function SectionHeader({ title, query, onQuery, children }: { title: string; query?: string; onQuery?: (q: string) => void; children?: ReactNode }) {
  const { t } = useTranslation('admin');
  return (
    <div className="admin-toolbar">
      <h2>{title}</h2>
      {onQuery && (
        <div className="admin-search">
          <Search size={14} aria-hidden="true" />
          <input
            type="search"
            value={query ?? ''}
            onChange={(e) => onQuery(e.target.value)}
            onKeyDown={(e) => leaveSearchOnEscape(e, () => onQuery(''))}
            placeholder={t('search')} aria-label={t('searchIn', { section: title })} />
        </div>
      )}
      <span className="spacer" />
      {children}
    </div>
  );
}

export { FormFooter } from '../../components/FormFooter';

/** A confirmation for destructive actions; a failure (e.g. in_use) stays visible inside the dialog. */
export function ConfirmDialog({ title, text, confirmLabel, onConfirm, onClose }: { title: string; text: string; confirmLabel: string; onConfirm: () => Promise<void>; onClose: () => void }) {
  const { t } = useTranslation('admin');
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function confirm() {
    setBusy(true);
    setFailure(null);
    try {
      await onConfirm();
      onClose();
    } catch (error) {
      setFailure(adminError(t, error));
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
    </Modal>
  );
}
