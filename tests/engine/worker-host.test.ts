// The engine in its worker thread behind startEngineWorker: the same answers as the in-process backend, domain events
// across the thread, the worker's start-up errors rebuilt as the same types, and a dead worker failing calls cleanly.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatabaseOpenError } from '../../db/errors';
import { openDatabase } from '../../db/open';
import type { DomainEvent, Envelope } from '../../electron/contract';
import { createBackend, databasePath, type Backend } from '../../electron/ipc/backend';
import type { EngineHost } from '../../electron/ipc/engine/host';
import { registerIpcDispatcher, type IpcMainLike, type InvokeEventLike } from '../../electron/ipc/electron-dispatch';
import { startEngineWorker, type EngineWorkerHost } from '../../electron/ipc/engine/worker-host';
import { damageMiddle, databaseOfManyPages } from '../reliability/support';
import { ADMIN } from '../support/backend';

const dirs: string[] = [];
const newDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'emerald-engine-'));
  dirs.push(dir);
  return dir;
};
const logged: string[] = [];
let engine: EngineWorkerHost;
let inProcess: Backend;

beforeAll(async () => {
  engine = await startEngineWorker({ dataDir: newDir(), log: (message) => logged.push(message) });
  inProcess = createBackend({ dataDir: newDir() });
}, 30_000);

afterAll(async () => {
  await engine?.close();
  inProcess?.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A caller over any EngineHost, keeping the session the engine hands out (as a transport does). */
function callerOf(host: EngineHost) {
  let token: string | null = null;
  return async (channel: string, input: unknown): Promise<Envelope<unknown>> => {
    const result = await host.dispatch({ sessionToken: token }, channel, input);
    if (result.session !== undefined) token = result.session;
    return result.envelope;
  };
}

/** What must match between two databases: no ids, times or numbers that differ by run. */
function comparable(envelope: Envelope<unknown>): unknown {
  return JSON.parse(
    JSON.stringify(envelope, (key, value: unknown) => {
      if (typeof value === 'string' && /^[0-9a-f-]{36}$/.test(value)) return '<id>';
      if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) return '<time>';
      return key === 'durationMs' ? '<ms>' : value;
    }),
  );
}

describe('the engine worker', () => {
  it('answers setup, login, tickets.create and tickets.list like the in-process backend', async () => {
    const viaWorker = callerOf(engine);
    const viaBackend = callerOf(inProcess);
    const script: Array<[string, unknown]> = [
      ['auth.setup', ADMIN],
      ['auth.login', { login: ADMIN.username, password: ADMIN.password }],
      ['tickets.create', { title: 'Caldera sin presión' }],
      ['tickets.create', { title: 'Aire acondicionado gotea' }],
      ['tickets.list', {}],
      ['tickets.create', { title: '' }],
      ['no.such.channel', {}],
    ];
    for (const [channel, input] of script) {
      const [worker, backend] = [await viaWorker(channel, input), await viaBackend(channel, input)];
      expect(comparable(worker), channel).toEqual(comparable(backend));
    }
    const list = await viaWorker('tickets.list', {});
    expect(list.ok && (list.value as { items: unknown[] }).items).toHaveLength(2);
    // Without a session the worker refuses like the router does.
    expect((await engine.dispatch({ sessionToken: null }, 'tickets.list', {})).envelope).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('passes the domain events of a write to the host listeners, before the call answers', async () => {
    const call = callerOf(engine);
    await call('auth.login', { login: ADMIN.username, password: ADMIN.password });
    const seen: DomainEvent[] = [];
    const off = engine.onEvent((event) => seen.push(event));
    const created = await call('tickets.create', { title: 'Termo eléctrico' });
    off();
    expect(created.ok).toBe(true);
    const id = created.ok ? (created.value as { id: string }).id : '';
    expect(seen).toContainEqual(expect.objectContaining({ entity: 'ticket', id, kind: 'created' }));
  });

  it('answers session status and ends sessions for the transports', async () => {
    const login = await engine.dispatch({ sessionToken: null }, 'auth.login', { login: ADMIN.username, password: ADMIN.password });
    const token = typeof login.session === 'string' ? login.session : null;
    expect(token).not.toBeNull();
    expect(await engine.sessionStatus(token)).toBe('active');
    expect(await engine.sessionStatus('not-a-token')).toBe('missing');
    await engine.endSession(token);
    expect(await engine.sessionStatus(token)).toBe('missing');
  });

  it('serves the Electron window through the worker: its session, events only while signed in, a closed window signed out', async () => {
    let handler: ((event: InvokeEventLike, ...args: unknown[]) => unknown) | null = null;
    const ipcMain: IpcMainLike = { handle: (_channel, listener) => void (handler = listener), removeHandler: () => void (handler = null) };
    const sent: unknown[] = [];
    const window = { id: 7, isDestroyed: () => false, send: (_channel: string, payload: unknown) => void sent.push(payload) };
    const dispatcher = registerIpcDispatcher({ ipcMain, backend: engine, windows: () => [window], isAppUrl: () => true });
    const invoke = async (channel: string, input: unknown) =>
      (await handler!({ sender: { id: 7 }, senderFrame: { url: 'app://emerald/index.html', parent: null } }, channel, input)) as Envelope<unknown>;
    try {
      // Signed out: a write by another session sends the window nothing.
      const other = callerOf(engine);
      await other('auth.login', { login: ADMIN.username, password: ADMIN.password });
      await other('customers.create', { name: 'Antes de entrar' });
      expect((await invoke('auth.login', { login: ADMIN.username, password: ADMIN.password })).ok).toBe(true);
      expect(await invoke('auth.me', {})).toMatchObject({ ok: true, value: { user: { username: ADMIN.username } } });
      const created = await invoke('customers.create', { name: 'Clínica Norte' });
      // The session check crosses the thread: the event follows shortly after the answer.
      await expect.poll(() => sent.some((event) => (event as DomainEvent).entity === 'customer' && (event as DomainEvent).id === (created.ok ? (created.value as { id: string }).id : ''))).toBe(true);
      expect(sent.some((event) => JSON.stringify(event).includes('Antes de entrar'))).toBe(false);
      dispatcher.forget(7);
      expect(await invoke('auth.me', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    } finally {
      dispatcher.dispose();
    }
  });

  it('rebuilds a start-up failure as the same DatabaseOpenError (a file from a newer Emerald)', async () => {
    const dir = newDir();
    const opened = openDatabase(databasePath(dir));
    opened.sqlite.pragma('user_version = 999');
    opened.close();
    const failure = await startEngineWorker({ dataDir: dir }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(DatabaseOpenError);
    expect(failure).toMatchObject({ reason: 'newer_version', path: databasePath(dir) });
  }, 30_000);

  it('reports a file found damaged after start through startup, once the first calls were answered', async () => {
    const dir = newDir();
    databaseOfManyPages(dir);
    writeFileSync(databasePath(dir), damageMiddle(readFileSync(databasePath(dir))));

    const damaged = await startEngineWorker({ dataDir: dir, startupJobs: { backup: true } });
    try {
      expect((await damaged.dispatch({ sessionToken: null }, 'auth.status', {})).envelope.ok).toBe(true);
      const report = await damaged.startup;
      expect(report?.integrity.ok).toBe(false);
      expect(report?.backup).toBeNull();
    } finally {
      await damaged.close();
    }
  }, 60_000);

  // Last: it ends the shared worker.
  it('fails pending and later calls with engine_unavailable when the worker dies, and logs it', async () => {
    const call = callerOf(engine);
    await call('auth.login', { login: ADMIN.username, password: ADMIN.password });
    // A backup waits on the job worker, which starts on this first job: still unanswered when the thread ends. (Not a
    // login: ending a thread while argon2 still hashes in the pool crashed the whole test process at exit.)
    const pending = call('backup.create', {});
    await engine.thread.terminate();
    const unavailable = { ok: false, error: { code: 'INTERNAL', details: { reason: 'engine_unavailable' } } };
    expect(await pending).toMatchObject(unavailable);
    expect(await call('tickets.list', {})).toMatchObject(unavailable);
    expect(await engine.sessionStatus('anything')).toBe('missing');
    expect(logged.some((line) => line.includes('engine worker exited'))).toBe(true);
  });
});
