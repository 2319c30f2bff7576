// The hub's sync lane: jobs in order, a turn at a time (other work gets in between), a failure stays its own; the
// writes queued together share one transaction and answer only once it committed.
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HubLane } from '../../electron/services/sync/net/hubLane';
import { removeTempDirs, tempDir } from '../db/helpers';

let sqlite: Database.Database;
let file: string;
beforeEach(() => {
  file = path.join(tempDir(), 'lane.db');
  sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.exec('CREATE TABLE pages (id INTEGER PRIMARY KEY, member TEXT NOT NULL UNIQUE)');
});
afterEach(() => {
  sqlite.close();
  removeTempDirs();
});

const insert = (member: string) => () => sqlite.prepare('INSERT INTO pages (member) VALUES (?)').run(member).changes;
const members = () => (sqlite.prepare('SELECT member FROM pages ORDER BY id').all() as { member: string }[]).map((row) => row.member);
const dataVersion = (db: Database.Database) => db.pragma('data_version', { simple: true }) as number;

describe('hub lane', () => {
  it('runs jobs in order, one per turn, and lets other work in between', async () => {
    const lane = new HubLane(sqlite);
    const order: string[] = [];
    const jobs = [1, 2, 3].map((n) =>
      lane.run(() => {
        order.push(`job${n}`);
        // Work that arrives while a job runs is served before the next job.
        setImmediate(() => order.push(`other after job${n}`));
        return n;
      }),
    );
    expect(await Promise.all(jobs)).toEqual([1, 2, 3]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual(['job1', 'other after job1', 'job2', 'other after job2', 'job3', 'other after job3']);
  });

  it('a failing job rejects its own call only', async () => {
    const lane = new HubLane(sqlite);
    const failed = lane.run(() => {
      throw new Error('bad page');
    });
    const next = lane.run(() => 'ok');
    await expect(failed).rejects.toThrow('bad page');
    expect(await next).toBe('ok');
  });

  it('commits the writes queued together once, and answers each only after that commit', async () => {
    const lane = new HubLane(sqlite);
    // Another connection, as the hub's own window reads: it sees a new version of the file once per commit.
    const window = new Database(file, { readonly: true });
    const versionBefore = dataVersion(window);
    const committedWhenAnswered: number[] = [];
    const writes = ['A', 'B', 'C', 'D'].map((member) =>
      lane.write(insert(member)).then((changes) => {
        committedWhenAnswered.push((window.prepare('SELECT count(*) AS n FROM pages').get() as { n: number }).n);
        return changes;
      }),
    );
    expect(await Promise.all(writes)).toEqual([1, 1, 1, 1]);
    expect(committedWhenAnswered).toEqual([4, 4, 4, 4]);
    expect(dataVersion(window) - versionBefore).toBe(1);
    window.close();
  });

  it('undoes a failing write alone: the writes before and after it in the same turn commit', async () => {
    const lane = new HubLane(sqlite);
    const first = lane.write(insert('A'));
    const failing = lane.write(() => {
      insert('B')();
      insert('A')(); // the UNIQUE member: this write fails after it wrote B
      return 1;
    });
    const after = lane.write(insert('C'));
    expect(await first).toBe(1);
    await expect(failing).rejects.toThrow(/UNIQUE/);
    expect(await after).toBe(1);
    expect(members()).toEqual(['A', 'C']);
    expect(sqlite.inTransaction).toBe(false);
  });

  it('a read queued between writes runs in a turn of its own and sees the writes before it', async () => {
    const lane = new HubLane(sqlite);
    const order: string[] = [];
    const write1 = lane.write(() => order.push('write A') && insert('A')());
    const read = lane.run(() => {
      order.push(`read (in a transaction: ${sqlite.inTransaction})`);
      return members();
    });
    const write2 = lane.write(() => order.push('write B') && insert('B')());
    await Promise.all([write1, write2]);
    expect(await read).toEqual(['A']);
    expect(order).toEqual(['write A', 'read (in a transaction: false)', 'write B']);
  });

  it('rejects the turn when another connection holds the file past the busy timeout, and serves the next one', async () => {
    const lane = new HubLane(sqlite);
    sqlite.pragma('busy_timeout = 0');
    const other = new Database(file);
    other.prepare('BEGIN IMMEDIATE').run();
    await expect(lane.write(insert('A'))).rejects.toThrow(/locked|busy/i);
    other.prepare('ROLLBACK').run();
    other.close();
    expect(await lane.write(insert('B'))).toBe(1);
    expect(members()).toEqual(['B']);
  });

  it('rejects every write of the turn when the commit fails, and leaves no transaction open', async () => {
    const lane = new HubLane(sqlite);
    sqlite.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, page_id INTEGER REFERENCES pages (id) DEFERRABLE INITIALLY DEFERRED)');
    sqlite.pragma('foreign_keys = ON');
    const good = lane.write(insert('A'));
    // A deferred foreign key is checked at COMMIT: the whole turn's transaction fails there.
    const dangling = lane.write(() => sqlite.prepare('INSERT INTO notes (page_id) VALUES (999)').run().changes);
    await expect(good).rejects.toThrow(/FOREIGN KEY/);
    await expect(dangling).rejects.toThrow(/FOREIGN KEY/);
    expect(members()).toEqual([]);
    expect(sqlite.inTransaction).toBe(false);
    // The lane goes on.
    expect(await lane.write(insert('B'))).toBe(1);
    expect(members()).toEqual(['B']);
  });
});
