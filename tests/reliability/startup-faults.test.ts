// Startup faults: each bad situation is refused with the right reason and a clear message, and no byte changes.
import Database from 'better-sqlite3';
import { chmodSync, copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { DatabaseOpenError, type DatabaseOpenFailure } from '../../db/errors';
import { openDatabase, type OpenOptions } from '../../db/open';
import { createBackup, latestBackup } from '../../db/reliability';
import { buildFixtureDatabase } from '../../scripts/fixtures/build';
import { bundledScript } from '../support/bundled';
import { Child, damageMiddle, handToUnprivileged, removeTempDirs, runUnprivileged, sha256, tempDir } from './support';

const FIXTURE_V2 = path.join(import.meta.dirname, '../fixtures/emerald-v2.db');
/** The child that opens a file as `nobody` (runUnprivileged), bundled once for the file. */
const openAttempt = await bundledScript('tests/reliability/open-attempt.ts');
const children: Child[] = [];

afterEach(async () => {
  for (const child of children.splice(0)) await child.kill();
});
afterAll(removeTempDirs);

/** A current-schema database written the way the app writes it (WAL), with enough rows to span many pages. */
function appDatabase(): { dir: string; file: string } {
  const dir = tempDir();
  const file = path.join(dir, 'emerald.db');
  const opened = openDatabase(file);
  opened.close();
  const raw = new Database(file);
  raw.exec("INSERT INTO users (id, email, username, full_name, password_hash) VALUES ('u1', 'a@example.com', 'a', 'A', 'x')");
  const insert = raw.prepare("INSERT INTO tickets (id, code, title, description, creator_id) VALUES (?, ?, ?, ?, 'u1')");
  raw.transaction(() => {
    for (let i = 0; i < 1500; i++) insert.run(`t${i}`, `TK-2026-${String(i).padStart(6, '0')}`, `Ticket ${i}`, 'x'.repeat(200));
  })();
  raw.close();
  return { dir, file };
}

function openFailure(file: string, options?: OpenOptions): DatabaseOpenError {
  try {
    openDatabase(file, options).close();
  } catch (error) {
    if (error instanceof DatabaseOpenError) return error;
    throw error;
  }
  throw new Error('openDatabase unexpectedly succeeded');
}

/** As expectRefused, but the open happens in a child process of an unprivileged user (see runUnprivileged). */
function expectRefusedUnprivileged(file: string, reason: DatabaseOpenFailure, message: RegExp): void {
  const before = sha256(file);
  const outcome = runUnprivileged(openAttempt, [file]);
  expect(outcome).toEqual({ reason, message: expect.stringMatching(message), path: file });
  expect(sha256(file), 'the original file must be byte-identical').toBe(before);
}

function expectRefused(file: string, reason: DatabaseOpenFailure, message: RegExp, options?: OpenOptions): DatabaseOpenError {
  const before = sha256(file);
  const error = openFailure(file, options);
  expect(error.reason).toBe(reason);
  expect(error.message).toMatch(message);
  expect(error.path).toBe(file);
  expect(sha256(file), 'the original file must be byte-identical').toBe(before);
  return error;
}

describe('opening a database at startup', () => {
  it('another process holding an exclusive lock: locked', async () => {
    const { file } = appDatabase();
    const holder = await Child.start('lock-holder.ts', [file, 'exclusive']);
    children.push(holder);
    await holder.waitFor((line) => line === 'locked');
    expectRefused(file, 'locked', /in use by another program/, { busyTimeoutMs: 200 });
    await holder.kill();
    // Once the other program is gone the same file opens.
    openDatabase(file).close();
  });

  it('bytes overwritten in the middle of the file: corrupt', () => {
    const { file } = appDatabase();
    writeFileSync(file, damageMiddle(readFileSync(file)));
    expectRefused(file, 'corrupt', /damaged/);
  });

  it('the first page overwritten (not a database any more): corrupt', () => {
    const { file } = appDatabase();
    const bytes = readFileSync(file);
    bytes.fill(0x20, 0, 100);
    writeFileSync(file, bytes);
    expectRefused(file, 'corrupt', /damaged/);
  });

  // Works as root too: SQLite cannot create the -wal it needs, exactly as in a folder it may not write.
  it('a folder where the -wal file cannot be created: read_only', () => {
    const { file } = appDatabase();
    mkdirSync(`${file}-wal`);
    expectRefused(file, 'read_only', /cannot be written to/);
  });

  // Permissions do not bind root, and CI runs as root: these two open the file in a child running as `nobody`.
  it('a read-only folder (chmod 555): read_only', () => {
    const { dir, file } = appDatabase();
    handToUnprivileged(dir, file);
    chmodSync(dir, 0o555);
    try {
      expectRefusedUnprivileged(file, 'read_only', /cannot be written to/);
    } finally {
      chmodSync(dir, 0o755);
    }
  });

  it('a read-only file in a writable folder (chmod 444): read_only at open, not at the first save', () => {
    const { dir, file } = appDatabase();
    handToUnprivileged(dir, file);
    chmodSync(file, 0o444);
    try {
      expectRefusedUnprivileged(file, 'read_only', /cannot be written to/);
    } finally {
      chmodSync(file, 0o644);
    }
  });

  it('the same child, given the folder and file writable, opens the database (the refusals above are the permissions)', () => {
    const { dir, file } = appDatabase();
    handToUnprivileged(dir, file);
    expect(runUnprivileged(openAttempt, [file])).toEqual({ opened: true });
  });

  it('no room to write while upgrading (SQLITE_FULL): disk_full, file untouched, no copy left behind', () => {
    const dir = tempDir();
    const file = path.join(dir, 'emerald.db');
    copyFileSync(FIXTURE_V2, file);
    // As the app left it: WAL mode, so opening does not rewrite the header.
    const raw = new Database(file);
    raw.pragma('journal_mode = WAL');
    raw.close();
    expectRefused(file, 'disk_full', /no space left/, {
      onConnect: (sqlite) => sqlite.pragma(`max_page_count = ${sqlite.pragma('page_count', { simple: true }) as number}`),
    });
    expect(readdirSync(dir).filter((name) => name.endsWith('.bak')), 'the pre-migration copy is removed when nothing changed').toEqual([]);
    const raw2 = new Database(file, { readonly: true });
    expect(raw2.pragma('user_version', { simple: true })).toBe(2);
    raw2.close();
  });
});

describe('latestBackup: what the shell and the CLI offer when the database cannot be opened', () => {
  it('offers the newest backup that passes the checks, skipping a damaged newer one', async () => {
    const dir = tempDir();
    const opened = openDatabase(path.join(dir, 'emerald.db'));
    const older = await createBackup(dir, opened.sqlite, { now: new Date('2026-03-01T08:00:00.000Z') });
    const newer = await createBackup(dir, opened.sqlite, { now: new Date('2026-03-02T08:00:00.000Z') });
    opened.close();
    expect(latestBackup(dir)?.path).toBe(newer.path);
    writeFileSync(newer.path, damageMiddle(readFileSync(newer.path), 64 * 1024));
    expect(latestBackup(dir)?.path).toBe(older.path);
  });

  it('offers nothing when there is no backup folder or no good backup', () => {
    const dir = tempDir();
    expect(latestBackup(dir)).toBeNull();
    mkdirSync(path.join(dir, 'backups'));
    writeFileSync(path.join(dir, 'backups', 'emerald-20260301T080000000Z-v2.db'), 'not a database');
    expect(latestBackup(dir)).toBeNull();
  });

  it('skips a backup written by a newer version', () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'backups'));
    const good = path.join(dir, 'backups', 'emerald-20260301T080000000Z-v2.db');
    buildFixtureDatabase(good, 2);
    const future = path.join(dir, 'backups', 'emerald-20260302T080000000Z-v99.db');
    copyFileSync(good, future);
    const raw = new Database(future);
    raw.pragma('user_version = 99');
    raw.close();
    expect(latestBackup(dir)?.path).toBe(good);
  });
});
