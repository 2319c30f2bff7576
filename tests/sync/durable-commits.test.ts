// Commits run at synchronous=NORMAL (a power cut may roll back the last ones); the commits another party relies on run
// at FULL. A temporary trigger writes down the level each op's insert ran at, as seen inside its transaction.
import { afterAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import path from 'node:path';
import { durably, syncCommitted, syncCommittedAsync } from '../../db/durable';
import { pairWithHub, syncRound } from '../../electron/services/sync/net/hubClient';
import { ADMIN, type TestApp } from '../support/backend';
import { tempDir } from '../db/helpers';
import { sqliteOf } from './team.helpers';
import { adminContext, makeCode, netWorld, servicesOf } from './net.helpers';

const world = netWorld();
afterAll(() => world.close());

const NORMAL = 1;
const FULL = 2;

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
  it('local writes commit at NORMAL; the hub stores a pushed page at FULL, then goes back to NORMAL', async () => {
    const { app: hubApp, hub } = await world.hubApp();
    const member = await world.app({ setup: false });
    await pairWithHub(adminContext(member), { url: hub.url, code: await makeCode(hubApp), deviceName: 'Portátil de Tomás' });
    await member.admin.call('auth.login', { login: ADMIN.username, password: ADMIN.password });
    const memberLevels = watchOpLevels(member);
    const hubLevels = watchOpLevels(hubApp);

    await member.admin.call('tickets.create', { title: 'Aire', description: 'Gotea' });
    expect(memberLevels().length).toBeGreaterThan(0);
    expect(memberLevels().every((row) => row.level === NORMAL)).toBe(true);

    const round = await syncRound(servicesOf(member));
    expect(round.sent).toBeGreaterThan(0);
    const received = hubLevels().filter((row) => row.device_id === deviceOf(member));
    // The answer to the push acknowledges these ops: they were committed at FULL.
    expect(received.length).toBe(round.sent);
    expect(received.every((row) => row.level === FULL)).toBe(true);
    expect(sqliteOf(hubApp).pragma('synchronous', { simple: true })).toBe(NORMAL);

    // The hub's own writes afterwards are back at NORMAL.
    await hubApp.admin.call('tickets.create', { title: 'Router', description: 'Sin conexión' });
    const own = hubLevels().filter((row) => row.device_id === deviceOf(hubApp));
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((row) => row.level === NORMAL)).toBe(true);
  }, 60_000);
});

describe('durably and syncCommitted', () => {
  const open = () => {
    const sqlite = new Database(path.join(tempDir(), 'x.db'));
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.exec('CREATE TABLE t (x INTEGER)');
    return sqlite;
  };

  it('runs the work at FULL and puts the level back, also when the work throws', () => {
    const sqlite = open();
    try {
      const level = durably(sqlite, () => {
        sqlite.prepare('INSERT INTO t VALUES (1)').run();
        return sqlite.pragma('synchronous', { simple: true });
      });
      expect(level).toBe(FULL);
      expect(sqlite.pragma('synchronous', { simple: true })).toBe(NORMAL);
      expect(() =>
        durably(sqlite, () => {
          throw new Error('refused');
        }),
      ).toThrow('refused');
      expect(sqlite.pragma('synchronous', { simple: true })).toBe(NORMAL);
    } finally {
      sqlite.close();
    }
  });

  it('refuses to start inside a transaction (SQLite cannot change the level there)', () => {
    const sqlite = open();
    try {
      expect(() => sqlite.transaction(() => durably(sqlite, () => 1))()).toThrow(/outside a transaction/);
    } finally {
      sqlite.close();
    }
  });

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
