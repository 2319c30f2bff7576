// Channels whose input carries a file's text. Browser mode uploads that field as the raw request body (no JSON
// escaping, no general body limit), capped by a limit derived from the channel's own schema maximum.
import { MAX_INVITE_CHARS } from './team';
import { MAX_IMPORT_CHARS } from './telemetry';

export interface UploadField {
  /** The input field holding the file's text. */
  field: string;
  /** The schema's maximum for that field, in characters (UTF-16 units, what zod's max counts). */
  maxChars: number;
}

const UPLOAD_FIELDS: Readonly<Record<string, UploadField>> = {
  'telemetry.import': { field: 'content', maxChars: MAX_IMPORT_CHARS },
  'team.join': { field: 'invite', maxChars: MAX_INVITE_CHARS },
};

export function uploadFieldOf(channel: string): UploadField | undefined {
  return Object.hasOwn(UPLOAD_FIELDS, channel) ? UPLOAD_FIELDS[channel] : undefined;
}

/** UTF-8 takes at most 3 bytes per UTF-16 unit (a 4-byte character is 2 units), so a body this long holds every text
 *  the schema accepts; the schema stays the judge of the decoded text. */
export function uploadLimitBytes(upload: UploadField): number {
  return upload.maxChars * 3;
}

/** The header carrying the other (small) fields of an upload, as URI-encoded JSON. */
export const UPLOAD_INPUT_HEADER = 'x-emerald-input';
