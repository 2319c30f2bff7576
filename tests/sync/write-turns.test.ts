// The window's writes go before the hub thread's: a hub turn ends after the write in progress when the window's writer
// waits, and the window's row lands between the hub's writes instead of after all of them. Real SQLite file, the
// window's writer in a thread of its own (tests/sync/write-turns-window.ts), as the engine is.
import Database from 'better-sqlite3';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inTransaction, type ServiceContext } from '../../electron/services/context';
import { HubLane } from '../../electron/services/sync/net/hubLane';
import { shareWriteTurns, unshareWriteTurns, WriteTurns } from '../../electron/services/writeTurns';
import { spawnTypeScriptWorker } from '../../electron/workers/spawn';
import { removeTempDirs, tempDir } from '../db/helpers';
import { startTestApp } from '../support/backend';

let sqlite: Database.Database;
let file: string;
let window: Worker | null = null;
beforeEach(() => {
  file = path.join(tempDir(), 'turns.db');
  sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.exec('CREATE TABLE pages (id INTEGER PRIMARY KEY, member TEXT NOT NULL UNIQUE)');
});
afterEach(async () => {
  await window?.terminate();
  window = null;
  unshareWriteTurns(sqlite);
  sqlite.close();
  removeTempDirs();
});

const members = () => (sqlite.prepare('SELECT member FROM pages ORDER BY id').all() as { member: string }[]).map((row) => row.member);

/** The window's writer thread; resolves once it listens. */
async function startWindow(turns: WriteTurns): Promise<Worker> {
  const worker = spawnTypeScriptWorker(path.join(import.meta.dirname, 'write-turns-window.ts'), { workerData: { file, turnsBuffer: turns.buffer } });
  await new Promise<void>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', () => resolve());
  });
  return worker;
}

/** Blocks this thread until the window's writer is waiting for a turn (it cannot get one while this thread holds it). */
function untilWindowWaits(turns: WriteTurns): void {
  const nap = new Int32Array(new SharedArrayBuffer(4));
  for (let i = 0; i < 10_000 && !turns.interactiveWaiting(); i++) Atomics.wait(nap, 0, 0, 1);
  if (!turns.interactiveWaiting()) throw new Error('the window never asked for a turn');
}

describe('write turns between the window and the hub thread', () => {
  it('ends the hub turn after the write in progress when the window waits, and lets the window write before the rest', async () => {
    const turns = new WriteTurns();
    shareWriteTurns(sqlite, turns);
    window = await startWindow(turns);
    const windowWrote = new Promise<string>((resolve) => window?.once('message', resolve));
    const lane = new HubLane(sqlite);
    const insert = (member: string) => () => sqlite.prepare('INSERT INTO pages (member) VALUES (?)').run(member).changes;
    const writes = [
      lane.write(() => {
        insert('hub 1')();
        // The window's note arrives while the hub is in its turn.
        window?.postMessage('window');
        untilWindowWaits(turns);
      }),
      lane.write(insert('hub 2')),
      lane.write(insert('hub 3')),
    ];
    await Promise.all([...writes, windowWrote]);
    expect(members()).toEqual(['hub 1', 'window', 'hub 2', 'hub 3']);
  });

  it('takes no hub turn while the window holds one, and takes it once the window is done', () => {
    const window = new WriteTurns();
    const hub = new WriteTurns(window.buffer);
    const leave = window.enterInteractive();
    expect(hub.tryEnterBackground()).toBe(false);
    leave();
    expect(hub.tryEnterBackground()).toBe(true);
    hub.leaveBackground();
  });

  it('holds one turn for nested writes on one thread, given back by the outermost', () => {
    const window = new WriteTurns();
    const hub = new WriteTurns(window.buffer);
    const outer = window.enterInteractive();
    const inner = window.enterInteractive();
    inner();
    expect(hub.tryEnterBackground()).toBe(false);
    outer();
    expect(hub.tryEnterBackground()).toBe(true);
    hub.leaveBackground();
  });

  it('a write inside a hub turn on the same thread runs under that turn and leaves it held', () => {
    const turns = new WriteTurns();
    const other = new WriteTurns(turns.buffer);
    expect(turns.tryEnterBackground()).toBe(true);
    const leave = turns.enterInteractive();
    leave();
    expect(other.tryEnterBackground()).toBe(false);
    turns.leaveBackground();
    expect(other.tryEnterBackground()).toBe(true);
    other.leaveBackground();
  });

  it('a service write holds the turn for its transaction when the connection shares turns', async () => {
    const app = await startTestApp();
    const { database, clock, events } = app.backend;
    const ctx: ServiceContext = { db: database.db, sqlite: database.sqlite, actor: null, clock, events, dataDir: app.dir };
    const turns = new WriteTurns();
    const hub = new WriteTurns(turns.buffer);
    shareWriteTurns(ctx.sqlite, turns);
    try {
      expect(inTransaction(ctx, () => hub.tryEnterBackground())).toBe(false);
      expect(hub.tryEnterBackground()).toBe(true);
      hub.leaveBackground();
    } finally {
      unshareWriteTurns(ctx.sqlite);
      app.close();
    }
  });
});
