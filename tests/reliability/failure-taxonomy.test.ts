// Issue 18 structure: one failure taxonomy for the three doors a database file comes through — opening it (start,
// server, CLI), restoring it as a backup, checking it — instead of three (open had 'corrupt' where restore said
// 'not_emerald' for the same hollow file, restore said 'in_use' where open said 'locked', check had no reason at all).
// Each reason is produced by each door that can meet it, and has words in Spanish and English that the start dialog
// and the CLI both use.
import Database from 'better-sqlite3';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultMigrationsFolder, schemaVersionOf } from '../../db/migrations';
import { DATABASE_FAILURES, DatabaseFailureError, FAILURE_WORDS, type DatabaseFailure } from '../../db/failures';
import { APPLICATION_ID, openDatabase } from '../../db/open';
import { checkDatabase, restoreDatabase } from '../../db/reliability';
import { databaseErrorDialog } from '../../electron/main/messages';
import { damageMiddle, removeTempDirs, tempDir } from './support';

const CURRENT = schemaVersionOf(defaultMigrationsFolder());
const holders: Database.Database[] = [];
afterAll(() => {
  for (const holder of holders) holder.close();
  removeTempDirs();
});

/** A sound Emerald database with enough rows that damage in its middle hits data pages. */
function emeraldFile(): string {
  const file = path.join(tempDir(), 'emerald.db');
  openDatabase(file).close();
  const raw = new Database(file);
  raw.exec("INSERT INTO users (id, email, username, full_name, password_hash) VALUES ('u1', 'a@example.com', 'a', 'A', 'x')");
  const insert = raw.prepare("INSERT INTO tickets (id, code, title, description, creator_id) VALUES (?, ?, ?, ?, 'u1')");
  raw.transaction(() => {
    for (let i = 0; i < 1500; i++) insert.run(`t${i}`, `TK-2026-${String(i).padStart(6, '0')}`, `Ticket ${i}`, 'x'.repeat(200));
  })();
  raw.pragma('journal_mode = DELETE'); // one plain file: what a copied backup is
  raw.close();
  return file;
}

/** A file that fails with `reason`, built the way it happens to people. */
const FIXTURES: Record<Exclude<DatabaseFailure, 'same_file' | 'read_only' | 'disk_full' | 'migration_failed'>, () => string> = {
  missing: () => path.join(tempDir(), 'nada.db'),
  unreadable: () => {
    const folder = path.join(tempDir(), 'emerald.db');
    mkdirSync(folder);
    return folder;
  },
  not_emerald: () => {
    const file = path.join(tempDir(), 'otra-app.db');
    const other = new Database(file);
    other.exec('CREATE TABLE recetas (nombre TEXT)');
    other.close();
    return file;
  },
  newer_version: () => {
    const file = emeraldFile();
    const raw = new Database(file);
    raw.pragma(`user_version = ${CURRENT + 1}`);
    raw.close();
    return file;
  },
  corrupt: () => {
    const file = emeraldFile();
    writeFileSync(file, damageMiddle(readFileSync(file), 64 * 1024));
    return file;
  },
  missing_schema: () => {
    const file = path.join(tempDir(), 'hueco.db');
    const hollow = new Database(file);
    hollow.exec('CREATE TABLE notes (body TEXT)');
    hollow.pragma(`application_id = ${APPLICATION_ID}`);
    hollow.pragma(`user_version = ${CURRENT}`);
    hollow.close();
    return file;
  },
  locked: () => {
    // Another connection holds the file exclusively (SQLite sees it across connections of one process too).
    const file = emeraldFile();
    const holder = new Database(file);
    holder.pragma('locking_mode = EXCLUSIVE');
    holder.exec('BEGIN EXCLUSIVE');
    holders.push(holder);
    return file;
  },
};

function reasonOf(work: () => unknown): DatabaseFailure | 'accepted' {
  try {
    work();
    return 'accepted';
  } catch (error) {
    if (error instanceof DatabaseFailureError) return error.reason;
    throw error;
  }
}

const openDoor = (file: string) => reasonOf(() => openDatabase(file, { busyTimeoutMs: 100 }).close());
/** Restoring `from` into a fresh data folder, or (locked) restoring a good backup into the held file. */
const restoreDoor = (from: string, into = path.join(tempDir(), 'emerald.db')) => reasonOf(() => restoreDatabase({ file: into, from }).database.close());
const checkDoor = (file: string) => checkDatabase(file, undefined, { busyTimeoutMs: 100 }).reason ?? 'accepted';

describe('each reason through each door', () => {
  for (const reason of ['unreadable', 'not_emerald', 'newer_version', 'corrupt', 'missing_schema'] as const) {
    it(`${reason}: open, restore and check all say ${reason}`, () => {
      const file = FIXTURES[reason]();
      expect({ open: openDoor(file), restore: restoreDoor(file), check: checkDoor(file) }).toEqual({ open: reason, restore: reason, check: reason });
    });
  }

  it('missing: restore and check say missing; opening a missing file makes a new database', () => {
    const file = FIXTURES.missing();
    expect({ restore: restoreDoor(file), check: checkDoor(file) }).toEqual({ restore: 'missing', check: 'missing' });
    expect(openDoor(file)).toBe('accepted');
  });

  it('locked: open and check of the held file, and a restore into it, all say locked', () => {
    const file = FIXTURES.locked();
    const backup = emeraldFile();
    expect({ open: openDoor(file), restore: restoreDoor(backup, file), check: checkDoor(file) }).toEqual({ open: 'locked', restore: 'locked', check: 'locked' });
  });

  it('same_file: a restore of the live database onto itself', () => {
    const file = emeraldFile();
    expect(restoreDoor(file, file)).toBe('same_file');
  });

  it('a sound file passes every door', () => {
    const file = emeraldFile();
    expect({ check: checkDoor(file), restore: restoreDoor(file), open: openDoor(file) }).toEqual({ check: 'accepted', restore: 'accepted', open: 'accepted' });
  });
});

describe('one mapping to words', () => {
  it('every reason has its own words in Spanish and English, and the start dialog shows exactly them', () => {
    for (const reason of DATABASE_FAILURES) {
      for (const language of ['es', 'en'] as const) {
        const words = FAILURE_WORDS[language][reason];
        expect(words.message.length, `${language} ${reason}`).toBeGreaterThan(10);
        expect(databaseErrorDialog(reason, language, '/datos/emerald.db')).toMatchObject({ message: words.message, detail: expect.stringContaining(words.advice) });
      }
      expect(FAILURE_WORDS.es[reason].message).not.toBe(FAILURE_WORDS.en[reason].message);
    }
    const messages = DATABASE_FAILURES.map((reason) => FAILURE_WORDS.en[reason].message);
    expect(new Set(messages).size).toBe(messages.length);
  });

  it('a refusal carries those words whichever door refused', () => {
    const file = FIXTURES.missing_schema();
    const messages = [() => openDatabase(file), () => restoreDatabase({ file: path.join(tempDir(), 'emerald.db'), from: file })].map((work) => {
      try {
        work();
      } catch (error) {
        return (error as Error).message;
      }
      return '';
    });
    for (const message of messages) expect(message).toContain(FAILURE_WORDS.en.missing_schema.message);
  });
});
