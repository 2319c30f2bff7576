// The fetch request for one channel call in browser mode (no DOM needed: the tests build it in Node too).
import { UPLOAD_INPUT_HEADER, uploadFieldOf } from '../../../electron/contract/uploads';

/** A file's text or bytes go as the raw body (no JSON escaping; the server reads it in chunks up to the contract's limit),
 *  the other fields in one header; everything else is a JSON body. */
export function requestFor(channel: string, input: unknown, token?: string): RequestInit {
  // The page itself sends no token (its launch cookie stands for it); other clients may pass one.
  const auth: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
  const upload = uploadFieldOf(channel);
  const fields = input !== null && typeof input === 'object' ? (input as Record<string, unknown>) : null;
  const file = upload && fields ? fields[upload.field] : undefined;
  const binary = upload?.kind === 'binary' && file instanceof Uint8Array;
  if (upload && fields && (typeof file === 'string' || binary)) {
    const rest = Object.fromEntries(Object.entries(fields).filter(([key]) => key !== upload.field));
    return {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        ...auth,
        'Content-Type': binary ? 'application/octet-stream' : 'text/plain; charset=utf-8',
        [UPLOAD_INPUT_HEADER]: encodeURIComponent(JSON.stringify(rest)),
      },
      body: file as string | Uint8Array<ArrayBuffer>,
    };
  }
  return { method: 'POST', credentials: 'same-origin', headers: { ...auth, 'Content-Type': 'application/json' }, body: JSON.stringify(input ?? {}) };
}
