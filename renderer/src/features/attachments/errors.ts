import type { TFunction } from 'i18next';
import { ApiError } from '../../api/client';
import { errorMessage } from '../../lib/errors';

/** Where a file may not go any more, said about files (closed OT or ticket, body over 25 MB); else the app's words for the reason. */
export function attachmentError(t: TFunction, error: unknown): string {
  const reason = error instanceof ApiError ? error.reason : undefined;
  if (reason && t(`attachments:errors.${reason}`, { defaultValue: '' })) return t(`attachments:errors.${reason}`);
  return errorMessage(t, error);
}
