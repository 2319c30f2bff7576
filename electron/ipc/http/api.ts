// POST /api/<channel>: JSON body in, the router's envelope out; the session rides in an HttpOnly cookie.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Backend } from '../backend';
import { parseJsonBody, readBody } from './body';
import { readSessionCookie, sessionCookieHeader } from './cookies';
import { isFilePayload, sendError, sendFile, sendJson } from './responses';

export type Dispatcher = Pick<Backend, 'dispatch'>;

export async function handleApiCall(
  req: IncomingMessage,
  res: ServerResponse,
  backend: Dispatcher,
  channel: string,
  bodyLimitBytes: number,
): Promise<void> {
  const body = await readBody(req, bodyLimitBytes);
  if (!body.ok) {
    if (body.reason === 'too_large') {
      sendError(res, 413, { code: 'VALIDATION', message: `the request body is larger than ${bodyLimitBytes} bytes`, details: { reason: 'body_too_large' } }, { Connection: 'close' });
    }
    return;
  }
  const input = parseJsonBody(body.body);
  if (!input.ok) {
    sendError(res, 400, { code: 'VALIDATION', message: 'the request body is not valid JSON', details: { reason: 'invalid_json' } });
    return;
  }
  const result = await backend.dispatch({ sessionToken: readSessionCookie(req.headers.cookie) }, channel, input.value);
  const headers: Record<string, string> = result.session === undefined ? {} : { 'Set-Cookie': sessionCookieHeader(result.session) };
  if (result.envelope.ok && isFilePayload(result.envelope.value)) {
    sendFile(res, result.envelope.value, headers);
    return;
  }
  // HTTP 200 even for ok:false: the envelope is the answer, the status only speaks about the transport.
  sendJson(res, 200, result.envelope, headers);
}
