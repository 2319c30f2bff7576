// Commits run at synchronous=NORMAL (a power cut may roll back the last ones); what another party relies on is made
// durable before it is told (an fsync of the log after the commit). A temporary trigger writes down
// the level each op's insert ran at, as seen inside its transaction.
import { afterAll, describe, expect, it, vi } from 'vitest';
import Database from 'better-sqlite3';
import path from 'node:path';
import { syncCommitted, syncCommittedAsync, walSync } from '../../db/durable';
import { pairWithHub, syncRound } from '../../electron/services/sync/net/hubClient';
import { ADMIN, type TestApp } from '../support/backend';
import { tempDir } from '../db/helpers';
import { sqliteOf } from './team.helpers';
import { adminContext, makeCode, netWorld, servicesOf } from './net.helpers';

const world = netWorld();
afterAll(() => world.close());

const NORMAL = 1;

/** From now on, every op stored in `app` notes its device and the synchronous level of the transaction storing it. */
function watchOpLevels(app: TestApp): () => { device_id: string; level: number }[] {
  const sqlite = sqliteOf(app);
  sqlite.exec(`CREATE TEMP TABLE op_levels (device_id TEXT, level INTEGER);
    CREATE TEMP TRIGGER note_op_level AFTER INSERT ON main.sync_ops BEGIN
      INSERT INTO op_levels SELECT new.device_id, synchronous FROM pragma_synchronous;
    END;`);
  return () => sqlite.prepare('SELECT device_id, level FROM op_levels').all() as { device_id: string; level: number }[];
}

const deviceOf = (app: TestApp) => (sqliteOf(app).prepare('SELECT device_id FROM sync_local WHERE id = 1').get() as { device_id: string }).device_id;

describe('durable commits', () => {
  it('local writes commit at NORMAL; the hub answers a pushed page only once the log holding it is on disk', async () => {
    const { app: hubApp, hub } = await world.hubApp();
    const member = await world.app({ setup: false });
    await pairWithHub(adminContext(member), { url: hub.url, code: await makeCode(hubApp), deviceName: 'Portátil de Tomás' });
    await member.admin.call('auth.login', { login: ADMIN.username, password: ADMIN.password });
    const memberLevels = watchOpLevels(member);
    const hubLevels = watchOpLevels(hubApp);

    await member.admin.call('tickets.create', { title: 'Aire', description: 'Gotea' });
    expect(memberLevels().length).toBeGreaterThan(0);
    expect(memberLevels().every((row) => row.level === NORMAL)).toBe(true);

    // The hub's log syncs are held: the pushed page is committed there, but its answer must wait for the fsync.
    const hubWal = `${sqliteOf(hubApp).name}-wal`;
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const held: string[] = [];
    const original = walSync.file;
    const spy = vi.spyOn(walSync, 'file').mockImplementation(async (file) => {
      if (file === hubWal) {
        held.push(file);
        await gate;
      }
      return original(file);
    });
    try {
      let answered = false;
      const round = syncRound(servicesOf(member)).then((result) => ((answered = true), result));
      const received = () => hubLevels().filter((row) => row.device_id === deviceOf(member));
      await vi.waitFor(
        () => {
          expect(received().length).toBeGreaterThan(0);
          expect(held.length).toBeGreaterThan(0);
        },
        { timeout: 20_000 },
      );
      expect(answered).toBe(false);
      release();
      const result = await round;
      expect(result.sent).toBe(received().length);
      // Committed at NORMAL like any write: the fsync of the log after the commit is what makes them durable.
      expect(received().every((row) => row.level === NORMAL)).toBe(true);
    } finally {
      release();
      spy.mockRestore();
    }

    // The hub's own writes afterwards are at NORMAL too.
    await hubApp.admin.call('tickets.create', { title: 'Router', description: 'Sin conexión' });
    const own = hubLevels().filter((row) => row.device_id === deviceOf(hubApp));
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((row) => row.level === NORMAL)).toBe(true);
  }, 60_000);
});

describe('syncCommitted', () => {
  const open = () => {
    const sqlite = new Database(path.join(tempDir(), 'x.db'));
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.exec('CREATE TABLE t (x INTEGER)');
    return sqlite;
  };

  it('syncCommitted syncs a WAL file and passes over a connection without one', () => {
    const sqlite = open();
    try {
      sqlite.prepare('INSERT INTO t VALUES (1)').run();
      syncCommitted(sqlite);
      expect(sqlite.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 1 });
    } finally {
      sqlite.close();
    }
    const memory = new Database(':memory:');
    expect(() => syncCommitted(memory)).not.toThrow();
    memory.close();
  });

  it('syncCommittedAsync: callers before an fsync starts share it; a caller after it started gets the next one', async () => {
    const sqlite = open();
    try {
      sqlite.prepare('INSERT INTO t VALUES (1)').run();
      const first = syncCommittedAsync(sqlite);
      // Not started yet (it starts on a later tick): a commit made now is covered by the same fsync.
      expect(syncCommittedAsync(sqlite)).toBe(first);
      await new Promise((resolve) => setImmediate(resolve));
      // The first one has started: a commit made now needs an fsync that starts after it, queued behind.
      sqlite.prepare('INSERT INTO t VALUES (2)').run();
      const second = syncCommittedAsync(sqlite);
      expect(second).not.toBe(first);
      const order: string[] = [];
      await Promise.all([first.then(() => order.push('first')), second.then(() => order.push('second'))]);
      expect(order).toEqual(['first', 'second']);
      // Both done: the next caller starts afresh.
      const third = syncCommittedAsync(sqlite);
      expect(third).not.toBe(second);
      await third;
    } finally {
      sqlite.close();
    }
    const memory = new Database(':memory:');
    await expect(syncCommittedAsync(memory)).resolves.toBeUndefined();
    memory.close();
  });
});
