// Issue 18.9: browser mode refused telemetry imports the contract allows (2 MB body limit, 5 MB of file text): file
// fields are uploaded as the raw request body, and the server's limit is derived from the contract's own maximum.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestFor } from '../../renderer/src/api/request-init';
import { MAX_IMPORT_CHARS } from '../../electron/contract/telemetry';
import { uploadFieldOf, uploadLimitBytes } from '../../electron/contract/uploads';
import { DEFAULT_BODY_LIMIT_BYTES } from '../../electron/ipc/http/body';
import { newLaunchToken } from '../../electron/ipc/http/guards';
import { startBrowserServer, type BrowserServer } from '../../electron/ipc/http/server';
import { BrowserTab, rawRequest } from '../browser-mode/http-client';
import { ADMIN, startTestApp, type TestApp } from '../support/backend';

let app: TestApp;
let server: BrowserServer;
let tab: BrowserTab;
let ticketId: string;
const token = newLaunchToken();

/** A valid CSV of about `bytes` bytes (long source names keep the row count, hence the test, small). */
function csvOf(bytes: number): string {
  const source = 's'.repeat(90);
  const lines = ['metric,value,unit,source,measured_at'];
  let size = lines[0]!.length + 1;
  for (let i = 0; size < bytes; i++) {
    const line = `voltage,${200 + (i % 50)},V,${source},2026-03-01T${String(8 + (i % 10)).padStart(2, '0')}:00:00Z`;
    lines.push(line);
    size += line.length + 1;
  }
  return `${lines.join('\n')}\n`;
}

beforeAll(async () => {
  app = await startTestApp({ setup: false });
  server = await startBrowserServer({ backend: app.backend, port: 0, token, staticDir: app.dir });
  tab = new BrowserTab(server.port, token);
  await tab.post('auth.setup', ADMIN);
  await tab.post('auth.login', { login: ADMIN.username, password: ADMIN.password });
  ticketId = (await tab.post('tickets.create', { title: 'Sonda de tensión en el cuadro' })).json<{ value: { id: string } }>().value.id;
});
afterAll(async () => {
  await server.close();
  app.close();
});

/** The way the renderer's bridge sends a file field: the text as the body, the other fields in a header. */
function upload(channel: string, fields: Record<string, unknown>, text: string | Buffer) {
  return rawRequest({
    port: server.port,
    method: 'POST',
    path: `/api/${channel}`,
    headers: {
      'content-type': 'text/plain; charset=utf-8',
      authorization: `Bearer ${token}`,
      'x-emerald-input': encodeURIComponent(JSON.stringify(fields)),
      ...(tab.cookie ? { cookie: tab.cookie } : {}),
    },
    body: text,
  });
}

describe('file uploads in browser mode', () => {
  it('the server limit for a file field is derived from the contract and holds every text the contract accepts', () => {
    const telemetry = uploadFieldOf('telemetry.import');
    expect(telemetry).toEqual({ field: 'content', maxChars: MAX_IMPORT_CHARS });
    // UTF-8 needs at most 3 bytes per UTF-16 unit: 5 M characters of 'ñ' or '€' still fit.
    expect(uploadLimitBytes(telemetry!)).toBe(MAX_IMPORT_CHARS * 3);
    expect(uploadLimitBytes(telemetry!)).toBeGreaterThan(DEFAULT_BODY_LIMIT_BYTES);
  });

  it('imports a 3 MB CSV sent as the raw body (over the old 2 MB limit)', async () => {
    const content = csvOf(3 * 1024 * 1024);
    const response = await upload('telemetry.import', { ticketId, format: 'csv', mode: 'valid_rows', fileName: 'lecturas.csv' }, content);
    expect(response.status).toBe(200);
    const envelope = response.json<{ ok: boolean; value: { imported: number; rejectedCount: number } }>();
    expect(envelope).toMatchObject({ ok: true, value: { rejectedCount: 0 } });
    expect(envelope.value.imported).toBe(content.trim().split('\n').length - 1);
  }, 60_000);

  it('also takes the same file as JSON, the way other clients call the API', async () => {
    const content = csvOf(2.5 * 1024 * 1024);
    const response = await tab.post('telemetry.import', { ticketId, format: 'csv', mode: 'all_or_nothing', content });
    expect(response.status).toBe(200);
    expect(response.json()).toMatchObject({ ok: true });
  }, 60_000);

  it('refuses a body beyond the derived limit with 413, and a file over the contract with VALIDATION', async () => {
    const fields = { ticketId, format: 'csv', mode: 'valid_rows' };
    const tooBig = await rawRequest({
      port: server.port,
      method: 'POST',
      path: '/api/telemetry.import',
      headers: { 'content-type': 'text/plain', 'content-length': String(MAX_IMPORT_CHARS * 3 + 1), authorization: `Bearer ${token}`, 'x-emerald-input': encodeURIComponent(JSON.stringify(fields)) },
      body: '',
    }).catch((error: NodeJS.ErrnoException) => ({ status: error.code === 'ECONNRESET' ? 413 : 0 }));
    expect(tooBig.status).toBe(413);
    const overContract = await upload('telemetry.import', fields, 'a'.repeat(MAX_IMPORT_CHARS + 1));
    expect(overContract.json()).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  }, 60_000);

  it('refuses a raw body on a channel that takes no file, and unreadable fields', async () => {
    const notUpload = await upload('customers.create', { name: 'x' }, 'texto');
    expect(notUpload.status).toBe(400);
    const badFields = await rawRequest({
      port: server.port,
      method: 'POST',
      path: '/api/telemetry.import',
      headers: { 'content-type': 'text/plain', authorization: `Bearer ${token}`, 'x-emerald-input': '%7Bnope' },
      body: 'metric,value\n',
    });
    expect(badFields.status).toBe(400);
  });
});

describe("the renderer's browser-mode request", () => {
  it('sends the file field of telemetry.import as the raw body, and the import succeeds over 2 MB', async () => {
    const content = csvOf(2.2 * 1024 * 1024);
    const init = requestFor('telemetry.import', { ticketId, format: 'csv', mode: 'valid_rows', content, fileName: 'grande.csv' }, token);
    expect((init.headers as Record<string, string>)['Content-Type']).toMatch(/^text\/plain/);
    expect(init.body).toBe(content);
    // What the page's fetch would send, with the session cookie the browser would add.
    const headers = { ...(init.headers as Record<string, string>), ...(tab.cookie ? { cookie: tab.cookie } : {}) };
    const response = await fetch(`http://127.0.0.1:${server.port}/api/telemetry.import`, { ...init, headers });
    expect(await response.json()).toMatchObject({ ok: true, value: { rejectedCount: 0 } });
    // Other channels stay JSON.
    expect((requestFor('auth.me', {}, token).headers as Record<string, string>)['Content-Type']).toBe('application/json');
  }, 60_000);
});
