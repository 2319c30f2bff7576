// Issue 18.12: the live-events stream answered anyone holding the launch token. It now needs a signed-in session,
// and ends (sending nothing more) when that session ends; the Electron window gets events only while signed in.
import { request, type IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../../electron/ipc/electron-channels';
import { registerIpcDispatcher, type InvokeEventLike } from '../../electron/ipc/electron-dispatch';
import { newLaunchToken } from '../../electron/ipc/http/guards';
import { startBrowserServer, type BrowserServer } from '../../electron/ipc/http/server';
import { BrowserTab } from '../browser-mode/http-client';
import { ADMIN, startTestApp, type TestApp } from '../support/backend';

let app: TestApp;
let server: BrowserServer;
const token = newLaunchToken();

beforeAll(async () => {
  app = await startTestApp();
  server = await startBrowserServer({ backend: app.backend, port: 0, token, staticDir: app.dir, heartbeatMs: 60_000 });
});
afterAll(async () => {
  await server.close();
  app.close();
});

interface Stream {
  response: IncomingMessage;
  text(): string;
  ended: Promise<void>;
}

/** Opens /api/events as EventSource would (launch token in the query, the tab's cookie if any) and collects it. */
function openStream(cookie: string | null): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { host: `127.0.0.1:${server.port}`, ...(cookie ? { cookie } : {}) };
    const req = request({ host: '127.0.0.1', port: server.port, path: `/api/events?token=${encodeURIComponent(token)}`, headers }, (response) => {
      let received = '';
      response.on('data', (chunk: Buffer) => (received += chunk.toString('utf8')));
      const ended = new Promise<void>((done) => response.on('close', () => done()));
      resolve({ response, text: () => received, ended });
    });
    req.on('error', reject);
    req.end();
  });
}

async function signedInTab(): Promise<BrowserTab> {
  const tab = new BrowserTab(server.port, token);
  await tab.post('auth.login', { login: ADMIN.username, password: ADMIN.password });
  expect(tab.cookie).not.toBeNull();
  return tab;
}

/** Resolves once the collected text satisfies `seen` (data may already have arrived). */
async function waitForText(stream: Stream, seen: (text: string) => boolean): Promise<void> {
  while (!seen(stream.text())) await new Promise<void>((resolve) => stream.response.once('data', () => resolve()));
}
const connected = (stream: Stream) => waitForText(stream, (text) => text.includes(': connected'));

describe('browser mode live events', () => {
  it('refuses the launch token alone: no session, no stream', async () => {
    const stream = await openStream(null);
    await stream.ended;
    expect(stream.response.statusCode).toBe(401);
    expect(JSON.parse(stream.text())).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED', details: { reason: 'no_session' } } });
    expect(stream.text()).not.toContain('event: domain');
  });

  it('refuses a cookie whose session has ended', async () => {
    const tab = await signedInTab();
    const stale = tab.cookie;
    await tab.post('auth.logout', {});
    const stream = await openStream(stale);
    await stream.ended;
    expect(stream.response.statusCode).toBe(401);
  });

  it('streams to a signed-in tab and, once it signs out, sends nothing more and ends', async () => {
    const observer = await signedInTab();
    const writer = await signedInTab();
    const stream = await openStream(observer.cookie);
    expect(stream.response.statusCode).toBe(200);
    await connected(stream);

    const before = (await writer.post('customers.create', { name: 'Clínica Antes' })).json<{ value: { id: string } }>().value.id;
    await waitForText(stream, (text) => text.includes(before));

    await observer.post('auth.logout', {});
    const after = (await writer.post('customers.create', { name: 'Clínica Después' })).json<{ value: { id: string } }>().value.id;
    await stream.ended;
    expect(stream.text()).toContain(before);
    expect(stream.text()).not.toContain(after);
    expect(stream.text()).not.toContain('Clínica Después');
  });

  it('ends the stream of a session that went idle, without the stream itself keeping it alive', async () => {
    const observer = await signedInTab();
    const stream = await openStream(observer.cookie);
    await connected(stream);
    // Past the idle timeout of the observer's session; someone signs in afresh and writes.
    app.clock.advance(24 * 60 * 60_000);
    const again = await signedInTab();
    const created = (await again.post('customers.create', { name: 'Clínica Inactiva' })).json<{ value: { id: string } }>().value.id;
    await stream.ended;
    expect(stream.text()).not.toContain(created);
    expect((await observer.post('auth.me', {})).json()).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });
});

describe('Electron window live events', () => {
  it('pushes events only to a window whose session is active', async () => {
    const handlers = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => unknown>();
    const ipcMain = { handle: (channel: string, fn: (event: InvokeEventLike, ...args: unknown[]) => unknown) => void handlers.set(channel, fn), removeHandler: () => undefined };
    const sent: Record<number, unknown[]> = { 1: [], 2: [] };
    const windows = [1, 2].map((id) => ({ id, isDestroyed: () => false, send: (channel: string, payload: unknown) => void (channel === EVENT_CHANNEL && sent[id]!.push(payload)) }));
    const writer = app.caller();
    await writer.call('auth.login', { login: ADMIN.username, password: ADMIN.password });
    const dispatcher = registerIpcDispatcher({ ipcMain, backend: app.backend, windows: () => windows, isAppUrl: () => true });
    try {
      const invoke = (id: number, channel: string, input: unknown) => handlers.get(INVOKE_CHANNEL)!({ sender: { id }, senderFrame: { url: 'app://emerald/', parent: null } }, channel, input);
      await invoke(1, 'auth.login', { login: ADMIN.username, password: ADMIN.password });
      await writer.call('customers.create', { name: 'Taller Uno' });
      expect(sent[1]).toHaveLength(1);
      expect(sent[2]).toEqual([]);
      await invoke(1, 'auth.logout', {});
      await writer.call('customers.create', { name: 'Taller Dos' });
      expect(sent[1]).toHaveLength(1);
      expect(sent[2]).toEqual([]);
    } finally {
      dispatcher.dispose();
    }
  });
});
