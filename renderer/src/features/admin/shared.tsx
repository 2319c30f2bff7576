// Small pieces shared by the administration sections.
import type { TFunction } from 'i18next';
import { Search } from 'lucide-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { ConfirmDialog as BaseConfirmDialog, type ConfirmDialogProps } from '../../components/ConfirmDialog';
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

/** Someone else saved this row after the form was filled: the form reloads it instead of failing again and again. */
export function isStaleVersion(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'CONFLICT' && error.reason === 'stale_version';
}

/**
 * A VALIDATION refusal about no field the form shows (a field the screen forgot to send, say) is said as what it
 * is; "some fields have errors" with nothing marked leaves the person nowhere. Null when a shown field is marked.
 */
export function hiddenFieldFailure(t: TFunction, error: unknown, shownFields: readonly string[]): string | null {
  if (!(error instanceof ApiError) || error.code !== 'VALIDATION') return null;
  const issues = (error.shape.details?.issues ?? []) as { path: string; message: string }[];
  if (issues.some((issue) => shownFields.includes(issue.path.split('.')[0] ?? ''))) return null;
  const first = issues[0];
  const detail = first ? `${first.path || '—'}: ${first.message}` : error.message;
  return t('admin:failure.hiddenField', { detail });
}

export interface AdminFormOptions {
  /** The fields the form shows (a refusal about any other one is not "some fields have errors"); absent: all. */
  fields?: readonly string[];
  /** Reads the row again into the form after a stale_version CONFLICT; the form stays open for a second save. */
  reload?: () => Promise<void>;
}

/**
 * The state every administration form keeps: field errors, one failure line, busy while saving.
 * `send(save)` runs a save; a refusal fills the field errors and the failure line in the user's language.
 */
export function useAdminForm(t: TFunction, options: AdminFormOptions = {}) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function send(save: () => Promise<void>): Promise<void> {
    setBusy(true);
    setFailure(null);
    try {
      await save();
    } catch (error) {
      setFailure(await explainFailure(t, error, options, setErrors));
    } finally {
      setBusy(false);
    }
  }
  return { errors, setErrors, failure, setFailure, busy, send };
}

/** The one field a service rule's refusal names (`details.field`: a common password, a role deleted meanwhile), if any. */
function ruleFieldOf(error: unknown): string | null {
  if (!(error instanceof ApiError) || error.code !== 'VALIDATION' || error.shape.details?.issues) return null;
  const field = error.shape.details?.field;
  return typeof field === 'string' ? field : null;
}

/** The failure line for a refused save (null when the message is under its field); marks the fields the refusal names. */
export async function explainFailure(t: TFunction, error: unknown, options: AdminFormOptions, setErrors: (errors: Record<string, string>) => void): Promise<string | null> {
  if (isStaleVersion(error) && options.reload) {
    setErrors({});
    try {
      await options.reload();
    } catch (reloadError) {
      return adminError(t, reloadError);
    }
    return adminError(t, error);
  }
  const { fields } = options;
  // A rule the service checks on one shown field: its reason goes under that field, not into a line about hidden ones.
  const ruleField = ruleFieldOf(error);
  if (ruleField && (!fields || fields.includes(ruleField))) {
    setErrors({ [ruleField]: adminError(t, error) });
    return null;
  }
  const found = fieldErrors(error);
  if (!fields) {
    setErrors(found);
    return adminError(t, error);
  }
  setErrors(Object.fromEntries(Object.entries(found).filter(([key]) => fields.includes(key))));
  return hiddenFieldFailure(t, error, fields) ?? adminError(t, error);
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

/** The shared confirmation, with Administración's words for a refusal (e.g. in_use). */
export function ConfirmDialog(props: Omit<ConfirmDialogProps, 'describeError'>) {
  const { t } = useTranslation('admin');
  return <BaseConfirmDialog {...props} describeError={(error) => adminError(t, error)} />;
}
