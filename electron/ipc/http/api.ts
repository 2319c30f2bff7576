// POST /api/<channel>: JSON body in, the router's envelope out; the session rides in an HttpOnly cookie.
// A channel taking a file's text (contract/uploads.ts) may instead get that text as the raw body, the other fields
// in a header: no JSON escaping, and the limit is the one the contract's schema implies, not the general 2 MB.
// Each answer says in Server-Timing how long the engine took with it (the window's devtools show it beside the request).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { UPLOAD_INPUT_HEADER, uploadFieldOf, uploadLimitBytes, type UploadField } from '../../contract/uploads';
import type { EngineTransport } from '../engine/host';
import { parseJsonBody, readBody } from './body';
import { readSessionCookie, sessionCookieHeader } from './cookies';
import { isFilePayload, sendError, sendFile, sendJson } from './responses';

export type Dispatcher = Pick<EngineTransport, 'dispatch'>;

/** Room for the JSON around a file field when a client sends an upload channel as plain JSON. */
const JSON_ENVELOPE_MARGIN_BYTES = 64 * 1024;

const isJson = (contentType: string | undefined) => contentType === undefined || /^application\/json\b/i.test(contentType.trim());

const badRequest = (res: ServerResponse, message: string) =>
  sendError(res, 400, { code: 'VALIDATION', message, details: { reason: 'invalid_json' } });

/** The other fields of a raw upload: a JSON object, URI-encoded in one header. */
function uploadFields(req: IncomingMessage): Record<string, unknown> | null {
  const raw = req.headers[UPLOAD_INPUT_HEADER];
  if (raw === undefined) return {};
  if (typeof raw !== 'string') return null;
  try {
    const value = JSON.parse(decodeURIComponent(raw)) as unknown;
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

async function readInput(
  req: IncomingMessage,
  res: ServerResponse,
  upload: UploadField | undefined,
  generalLimitBytes: number,
): Promise<{ ok: true; value: unknown } | { ok: false }> {
  const raw = !isJson(req.headers['content-type']);
  if (raw && !upload) {
    badRequest(res, 'this channel takes a JSON body');
    return { ok: false };
  }
  const fields = raw ? uploadFields(req) : {};
  if (fields === null) {
    badRequest(res, `the ${UPLOAD_INPUT_HEADER} header is not a URI-encoded JSON object`);
    return { ok: false };
  }
  const limit = upload ? Math.max(generalLimitBytes, uploadLimitBytes(upload) + (raw ? 0 : JSON_ENVELOPE_MARGIN_BYTES)) : generalLimitBytes;
  const body = await readBody(req, limit);
  if (!body.ok) {
    if (body.reason === 'too_large') {
      sendError(res, 413, { code: 'VALIDATION', message: `the request body is larger than ${limit} bytes`, details: { reason: 'body_too_large' } }, { Connection: 'close' });
    }
    return { ok: false };
  }
  if (raw && upload) {
    // A binary field gets the bytes as they came (a Buffer is a Uint8Array), a text field their UTF-8 text.
    const value = upload.kind === 'binary' ? new Uint8Array(body.body.buffer, body.body.byteOffset, body.body.length) : body.body.toString('utf8');
    return { ok: true, value: { ...fields, [upload.field]: value } };
  }
  const input = parseJsonBody(body.body);
  if (!input.ok) badRequest(res, 'the request body is not valid JSON');
  return input;
}

export async function handleApiCall(
  req: IncomingMessage,
  res: ServerResponse,
  backend: Dispatcher,
  channel: string,
  bodyLimitBytes: number,
  port: number,
): Promise<void> {
  const input = await readInput(req, res, uploadFieldOf(channel), bodyLimitBytes);
  if (!input.ok) return;
  const dispatchedAt = performance.now();
  const result = await backend.dispatch({ sessionToken: readSessionCookie(req.headers.cookie, port) }, channel, input.value);
  const headers: Record<string, string> = { 'Server-Timing': engineTiming(performance.now() - dispatchedAt) };
  if (result.session !== undefined) headers['Set-Cookie'] = sessionCookieHeader(port, result.session);
  if (result.envelope.ok && isFilePayload(result.envelope.value)) {
    sendFile(res, result.envelope.value, headers);
    return;
  }
  // HTTP 200 even for ok:false: the envelope is the answer, the status only speaks about the transport.
  sendJson(res, 200, result.envelope, headers);
}

/** From handing the call to the engine to its answer (its thread included when it runs in one), in ms. */
export const engineTiming = (ms: number): string => `engine;dur=${ms.toFixed(2)}`;

/** The engine's time of an answer, read back from its Server-Timing header; null when it carries none. */
export function engineMsOf(serverTiming: string | string[] | undefined): number | null {
  const match = /(?:^|,)\s*engine;dur=([0-9.]+)/.exec(Array.isArray(serverTiming) ? serverTiming.join(',') : (serverTiming ?? ''));
  return match ? Number(match[1]) : null;
}
