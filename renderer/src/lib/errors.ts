// Turns any thrown error into a sentence in the user's language.
import type { TFunction } from 'i18next';
import { ApiError } from '../api/client';

export function errorMessage(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) {
    const reason = error.reason;
    if (reason && t(`common:errors.reason.${reason}`, { defaultValue: '' })) return t(`common:errors.reason.${reason}`);
    return t(`common:errors.code.${error.code}`);
  }
  return t('common:errors.code.INTERNAL');
}

/** Field errors from a VALIDATION answer, keyed by the first path segment. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError) || error.code !== 'VALIDATION') return {};
  const issues = (error.shape.details?.issues ?? []) as { path: string; message: string }[];
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const key = issue.path.split('.')[0] ?? '';
    if (key && !out[key]) out[key] = issue.message;
  }
  return out;
}
