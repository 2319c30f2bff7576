// Turns any thrown error into a sentence in the user's language.
import type { TFunction } from 'i18next';
import { ApiError } from '../api/client';

export function errorMessage(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) {
    const reason = error.reason;
    if (reason && t(`common:errors.reason.${reason}`, { defaultValue: '' })) return t(`common:errors.reason.${reason}`, errorWords(error));
    return t(`common:errors.code.${error.code}`);
  }
  return t('common:errors.code.INTERNAL');
}

/** A refusal's text details (an OT's code, the missing checklist items) for its sentence; count and context steer i18next, so not those. */
export function errorWords(error: ApiError): Record<string, string> {
  const details = Object.entries(error.shape.details ?? {}).filter(([key, value]) => typeof value === 'string' && key !== 'count' && key !== 'context');
  return Object.fromEntries(details) as Record<string, string>;
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
