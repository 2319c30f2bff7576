// Channels whose input carries a file (its text, or its bytes). Browser mode uploads that field as the raw request body
// (no JSON escaping, no general body limit), capped by a limit derived from the channel's own maximum.
import { MAX_ATTACHMENT_BYTES, MAX_IMPORT_CHARS, MAX_INVITE_CHARS } from './uploadLimits';

/** A text field: the body is UTF-8, the schema's maximum counts characters (UTF-16 units, what zod's max counts). */
export interface TextUploadField {
  kind?: 'text';
  field: string;
  maxChars: number;
}

/** A binary field (a Uint8Array in the input): the body is the bytes as they are, up to `maxBytes` (a longer body is
 *  refused with 413 body_too_large while it streams in; clients check the size first and say file_too_large). */
export interface BinaryUploadField {
  kind: 'binary';
  field: string;
  maxBytes: number;
}

export type UploadField = TextUploadField | BinaryUploadField;

const UPLOAD_FIELDS: Readonly<Record<string, UploadField>> = {
  'telemetry.import': { field: 'content', maxChars: MAX_IMPORT_CHARS },
  'team.join': { field: 'invite', maxChars: MAX_INVITE_CHARS },
  'attachments.add': { kind: 'binary', field: 'bytes', maxBytes: MAX_ATTACHMENT_BYTES },
};

export function uploadFieldOf(channel: string): UploadField | undefined {
  return Object.hasOwn(UPLOAD_FIELDS, channel) ? UPLOAD_FIELDS[channel] : undefined;
}

/** Binary: the cap itself. Text: UTF-8 takes at most 3 bytes per UTF-16 unit (a 4-byte character is 2 units), so a body
 *  this long holds every text the schema accepts; the schema stays the judge of the decoded text. */
export function uploadLimitBytes(upload: UploadField): number {
  return upload.kind === 'binary' ? upload.maxBytes : upload.maxChars * 3;
}

/** The header carrying the other (small) fields of an upload, as URI-encoded JSON. */
export const UPLOAD_INPUT_HEADER = 'x-emerald-input';
