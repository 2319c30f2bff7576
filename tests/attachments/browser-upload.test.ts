// Browser mode: a photo goes up as the raw request body (built by the renderer's own requestFor), streamed past the
// 2 MB JSON limit up to the attachment cap, and comes back as a file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestFor } from '../../renderer/src/api/request-init';
import { MAX_ATTACHMENT_BYTES, type AttachmentDto } from '../../electron/contract/attachments';
import { DEFAULT_BODY_LIMIT_BYTES } from '../../electron/ipc/http/body';
import { newLaunchToken } from '../../electron/ipc/http/guards';
import { startBrowserServer, type BrowserServer } from '../../electron/ipc/http/server';
import { BrowserTab, rawRequest } from '../browser-mode/http-client';
import { ADMIN, startTestApp, type TestApp } from '../support/backend';
import { noiseJpeg } from './images';

let app: TestApp;
let server: BrowserServer;
let tab: BrowserTab;
let ticketId: string;
const token = newLaunchToken();

beforeAll(async () => {
  app = await startTestApp({ setup: false });
  server = await startBrowserServer({ backend: app.backend, port: 0, token, staticDir: app.dir });
  tab = new BrowserTab(server.port, token);
  await tab.post('auth.setup', ADMIN);
  await tab.post('auth.login', { login: ADMIN.username, password: ADMIN.password });
  ticketId = (await tab.post('tickets.create', { title: 'Fuga en la sala de calderas' })).json<{ value: { id: string } }>().value.id;
});
afterAll(async () => {
  await server.close();
  app.close();
});

/** The renderer's request for a channel call, sent with this tab's session cookie. */
async function send(channel: string, input: unknown): Promise<Response> {
  const init = requestFor(channel, input, token);
  return fetch(`http://127.0.0.1:${server.port}/api/${channel}`, {
    ...init,
    headers: { ...(init.headers as Record<string, string>), cookie: tab.cookie ?? '' },
  });
}

describe('attachments in browser mode', () => {
  it('uploads a photo over 2 MB as the raw body and gives the original back byte for byte', async () => {
    const bytes = await noiseJpeg(1800, 1400, 95);
    expect(bytes.length).toBeGreaterThan(DEFAULT_BODY_LIMIT_BYTES);
    const init = requestFor('attachments.add', { ticketId, fileName: 'caldera.jpg', bytes }, token);
    expect((init.headers as Record<string, string>)['Content-Type']).toBe('application/octet-stream');
    const response = await send('attachments.add', { ticketId, fileName: 'caldera.jpg', bytes });
    const envelope = (await response.json()) as { ok: boolean; value: AttachmentDto };
    expect(envelope).toMatchObject({ ok: true, value: { fileName: 'caldera.jpg', sizeBytes: bytes.length, width: 1800, height: 1400 } });

    const original = await send('attachments.original', { id: envelope.value.id });
    expect(original.headers.get('content-type')).toMatch(/^image\/jpeg/);
    expect(Buffer.from(await original.arrayBuffer()).equals(bytes)).toBe(true);
  }, 30_000);

  it('stops reading a body over the attachment cap and answers 413', async () => {
    const response = await rawRequest({
      port: server.port,
      method: 'POST',
      path: '/api/attachments.add',
      headers: {
        'content-type': 'application/octet-stream',
        authorization: `Bearer ${token}`,
        'x-emerald-input': encodeURIComponent(JSON.stringify({ ticketId, fileName: 'enorme.pdf' })),
        ...(tab.cookie ? { cookie: tab.cookie } : {}),
      },
      body: Buffer.alloc(MAX_ATTACHMENT_BYTES + 1024),
    });
    expect(response.status).toBe(413);
    expect(response.json()).toMatchObject({ ok: false, error: { details: { reason: 'body_too_large' } } });
  }, 30_000);

  it('a binary channel sent as JSON is refused as invalid input (bytes cannot travel in JSON)', async () => {
    const response = await tab.post('attachments.add', { ticketId, fileName: 'x.jpg', bytes: [255, 216, 255] });
    expect(response.json()).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });
});
