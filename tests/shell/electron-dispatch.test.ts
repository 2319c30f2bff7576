// The ipcMain dispatcher driven by a fake ipcMain and fake windows over a real backend on a temp SQLite file.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DomainEvent, Envelope } from '../../electron/contract';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../../electron/ipc/electron-channels';
import { registerIpcDispatcher, type IpcDispatcher, type IpcMainLike, type InvokeEventLike } from '../../electron/ipc/electron-dispatch';
import { isAppUrl } from '../../electron/main/app-protocol';
import { ADMIN, startTestApp, type TestApp } from '../support/backend';

type Listener = (event: InvokeEventLike, ...args: unknown[]) => unknown;

class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, Listener>();
  handle(channel: string, listener: Listener): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** What ipcRenderer.invoke(INVOKE_CHANNEL, channel, input) would resolve to. */
  async invoke(event: InvokeEventLike, channel: unknown, input?: unknown): Promise<Envelope<unknown>> {
    const listener = this.handlers.get(INVOKE_CHANNEL);
    if (!listener) throw new Error('no handler registered');
    return (await listener(event, channel, input)) as Envelope<unknown>;
  }
}

class FakeWindow {
  readonly sent: Array<{ channel: string; payload: unknown }> = [];
  destroyed = false;
  constructor(
    readonly id: number,
    public url = 'app://emerald/index.html',
  ) {}
  isDestroyed(): boolean {
    return this.destroyed;
  }
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }
  /** An invoke event from this window's main frame (or a subframe, or a vanished frame). */
  event(frame: 'main' | 'child' | 'gone' = 'main', url = this.url): InvokeEventLike {
    if (frame === 'gone') return { sender: { id: this.id }, senderFrame: null };
    return { sender: { id: this.id }, senderFrame: { url, parent: frame === 'main' ? null : {} } };
  }
}

let app: TestApp;
let ipc: FakeIpcMain;
let windows: FakeWindow[];
let dispatcher: IpcDispatcher;

beforeEach(async () => {
  app = await startTestApp({ setup: false });
  await app.caller().call('auth.setup', ADMIN);
  ipc = new FakeIpcMain();
  windows = [new FakeWindow(1), new FakeWindow(2)];
  dispatcher = registerIpcDispatcher({ ipcMain: ipc, backend: app.backend, windows: () => windows, isAppUrl });
});

afterEach(() => {
  dispatcher.dispose();
  app.close();
});

const login = { login: ADMIN.username, password: ADMIN.password };

describe('IPC dispatcher', () => {
  it('registers exactly one invoke handler and removes it on dispose', () => {
    expect([...ipc.handlers.keys()]).toEqual([INVOKE_CHANNEL]);
    dispatcher.dispose();
    expect(ipc.handlers.size).toBe(0);
    dispatcher = registerIpcDispatcher({ ipcMain: ipc, backend: app.backend, windows: () => windows, isAppUrl });
  });

  it('answers the envelope shape, with NOT_FOUND for an unknown channel', async () => {
    const [main] = windows as [FakeWindow];
    expect(await ipc.invoke(main.event(), 'nope.nothing', {})).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', details: { reason: 'unknown_channel' } } });
    expect(await ipc.invoke(main.event(), '__proto__', {})).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const loggedIn = await ipc.invoke(main.event(), 'auth.login', login);
    expect(loggedIn).toMatchObject({ ok: true, value: { user: { username: ADMIN.username } } });
    expect(Object.keys(loggedIn).sort()).toEqual(['ok', 'value']);
    expect(JSON.stringify(loggedIn)).not.toMatch(/token/i);
  });

  it.each([
    ['a subframe', (w: FakeWindow) => w.event('child')],
    ['a frame that is gone', (w: FakeWindow) => w.event('gone')],
    ['a remote page', (w: FakeWindow) => w.event('main', 'https://evil.example/index.html')],
    ['a file:// page', (w: FakeWindow) => w.event('main', 'file:///tmp/index.html')],
    ['another app:// host', (w: FakeWindow) => w.event('main', 'app://other/index.html')],
    ['a webContents that is not our window', () => new FakeWindow(99).event()],
  ])('refuses calls from %s with FORBIDDEN and never reaches the router', async (_label, makeEvent) => {
    const before = app.backend.sessions.size;
    const answer = await ipc.invoke(makeEvent(windows[0] as FakeWindow), 'auth.login', login);
    expect(answer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', details: { reason: 'foreign_sender' } } });
    expect(app.backend.sessions.size).toBe(before);
  });

  it('keeps the session per window: one window signing in does not sign in another', async () => {
    const [first, second] = windows as [FakeWindow, FakeWindow];
    await ipc.invoke(first.event(), 'auth.login', login);
    expect(dispatcher.sessionCount()).toBe(1);
    expect(await ipc.invoke(first.event(), 'auth.me', {})).toMatchObject({ ok: true, value: { user: { username: ADMIN.username } } });
    expect(await ipc.invoke(second.event(), 'auth.me', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });

    await ipc.invoke(first.event(), 'auth.logout', {});
    expect(dispatcher.sessionCount()).toBe(0);
    expect(await ipc.invoke(first.event(), 'auth.me', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('ends the session of a window that closes', async () => {
    const [first] = windows as [FakeWindow];
    await ipc.invoke(first.event(), 'auth.login', login);
    const sessionsBefore = app.backend.sessions.size;
    dispatcher.forget(first.id);
    expect(dispatcher.sessionCount()).toBe(0);
    expect(app.backend.sessions.size).toBe(sessionsBefore - 1);
  });

  it('pushes every domain event to every live, signed-in window', async () => {
    const [first, second] = windows as [FakeWindow, FakeWindow];
    const closed = new FakeWindow(3);
    closed.destroyed = true;
    const signedOut = new FakeWindow(4);
    windows.push(closed, signedOut);
    await ipc.invoke(first.event(), 'auth.login', login);
    await ipc.invoke(second.event(), 'auth.login', login);
    const created = await ipc.invoke(first.event(), 'customers.create', { name: 'Taller Sur' });
    if (!created.ok) throw new Error(created.error.message);
    const expected: Partial<DomainEvent> = { entity: 'customer', kind: 'created', id: (created.value as { id: string }).id };
    for (const target of [first, second]) {
      expect(target.sent).toEqual([{ channel: EVENT_CHANNEL, payload: expect.objectContaining(expected) }]);
    }
    expect(closed.sent).toEqual([]);
    expect(signedOut.sent).toEqual([]);
  });
});
