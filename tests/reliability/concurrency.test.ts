// Two writers on one file: transactions wait for the write lock instead of failing, and a concurrent edit
// of the same ticket ends in exactly one success and one CONFLICT, never a lost update.
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { classifySqliteError } from '../../db/errors';
import { settings } from '../../db/schema';
import { createBackend, type Backend } from '../../electron/ipc/backend';
import { inTransaction, systemClock, type ServiceContext } from '../../electron/services/context';
import { Child, removeTempDirs, tempDir } from './support';
import { CHILD_ADMIN } from './child-app';
import { Caller } from '../support/backend';

const children: Child[] = [];
const backends: Backend[] = [];

afterEach(async () => {
  for (const child of children.splice(0)) await child.kill();
  for (const backend of backends.splice(0)) backend.close();
});
afterAll(removeTempDirs);

function backendIn(dir: string): Backend {
  const backend = createBackend({ dataDir: dir });
  backends.push(backend);
  return backend;
}

function contextOf(backend: Backend): ServiceContext {
  return { db: backend.database.db, sqlite: backend.database.sqlite, actor: null, clock: systemClock, events: backend.events };
}

async function holdWriteLock(file: string, ms: number): Promise<Child> {
  const holder = await Child.start('lock-holder.ts', [file, 'write', String(ms)]);
  children.push(holder);
  await holder.waitFor((line) => line === 'locked');
  return holder;
}

describe('durability settings of every connection the app opens', () => {
  it('WAL, synchronous=NORMAL (FULL only where another party relies on a commit: db/durable.ts), a busy timeout and foreign keys on', () => {
    const { sqlite } = backendIn(tempDir()).database;
    expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(sqlite.pragma('synchronous', { simple: true })).toBe(1);
    expect(sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
  });
});

describe('two writers on one file', () => {
  it('inTransaction waits for the other writer (BEGIN IMMEDIATE) where a deferred read-then-write fails at once', async () => {
    const dir = tempDir();
    const backend = backendIn(dir);
    const ctx = contextOf(backend);
    const readThenWrite = (key: string) => (tx: ServiceContext['db']) => {
      tx.select().from(settings).all();
      tx.insert(settings).values({ key, value: 1 }).run();
    };

    // Control: drizzle's default (deferred) transaction, while another process holds the write lock.
    const holder = await holdWriteLock(path.join(dir, 'emerald.db'), 1500);
    let deferredError: unknown;
    try {
      ctx.db.transaction(readThenWrite('deferred'));
    } catch (error) {
      deferredError = error;
    }
    expect(classifySqliteError(deferredError)).toBe('locked');

    // The same work through inTransaction waits for the lock (busy_timeout) and commits.
    inTransaction(ctx, readThenWrite('immediate'));
    await holder.exited;
    const keys = ctx.sqlite.prepare("SELECT key FROM settings WHERE key IN ('deferred', 'immediate', 'lock_holder') ORDER BY key").all();
    expect(keys).toEqual([{ key: 'immediate' }, { key: 'lock_holder' }]);
  });

  it('two processes editing the same ticket at the same version: one succeeds, the other gets CONFLICT', async () => {
    const dir = tempDir();
    const backend = backendIn(dir);
    const admin = new Caller(backend);
    await admin.call('auth.setup', CHILD_ADMIN);
    await admin.call('auth.login', { login: CHILD_ADMIN.username, password: CHILD_ADMIN.password });
    const ticket = await admin.call('tickets.create', { title: 'Editado por dos', description: '' });

    let version = ticket.version;
    for (let round = 0; round < 2; round++) {
      const titles = [`Versión A${round}`, `Versión B${round}`];
      const editors = await Promise.all(titles.map((title) => Child.start('editor.ts', [dir, ticket.id, String(version), title])));
      children.push(...editors);
      await Promise.all(editors.map((e) => e.waitFor((line) => line === 'ready')));
      for (const editor of editors) editor.process.stdin.write('go\n');
      await Promise.all(editors.map((e) => e.exited));
      const results = editors.map((e) => e.lines[e.lines.length - 1]);
      expect([...results].sort(), `round ${round}: ${editors.map((e) => e.stderr).join('\n')}`).toEqual(['CONFLICT', 'ok']);

      const after = await admin.call('tickets.get', { id: ticket.id });
      expect(after.version).toBe(version + 1);
      // The winner's title is there: the loser did not overwrite it.
      expect(after.title).toBe(titles[results.indexOf('ok')]);
      version = after.version;
    }
  });
});
