// Restore: a good backup replaces the database (old -wal never replayed), the previous file is kept;
// a bad backup or a database in use is refused before anything is touched.
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { defaultMigrationsFolder, schemaVersionOf } from '../../db/migrations';
import { openDatabase } from '../../db/open';
import { createBackup, restoreDatabase, RestoreError, type RestoreRefusal } from '../../db/reliability';
import { Child, damageMiddle, removeTempDirs, sha256, tempDir } from './support';

const FIXTURE_V2 = path.join(import.meta.dirname, '../fixtures/emerald-v2.db');
const CURRENT = schemaVersionOf(defaultMigrationsFolder());
const children: Child[] = [];

afterEach(async () => {
  for (const child of children.splice(0)) await child.kill();
});
afterAll(removeTempDirs);

function addCustomer(sqlite: Database.Database, name: string): void {
  sqlite.prepare('INSERT INTO customers (id, name) VALUES (?, ?)').run(name, name);
}

function customers(file: string): string[] {
  const sqlite = new Database(file, { readonly: true });
  try {
    return (sqlite.prepare('SELECT name FROM customers ORDER BY name').all() as { name: string }[]).map((r) => r.name);
  } finally {
    sqlite.close();
  }
}

/** A data folder with a live database holding customer "before-backup", and one backup of it. */
async function folderWithBackup() {
  const dir = tempDir();
  const file = path.join(dir, 'emerald.db');
  const live = openDatabase(file);
  addCustomer(live.sqlite, 'before-backup');
  const backup = await createBackup(dir, live.sqlite);
  addCustomer(live.sqlite, 'after-backup');
  return { dir, file, live, backup };
}

describe('restoreDatabase', () => {
  it('replaces the database with the backup, closes the live connection, keeps the previous file', async () => {
    const { file, live, backup } = await folderWithBackup();
    const result = restoreDatabase({ file, from: backup.path, live, now: new Date('2026-03-02T10:00:00.000Z') });
    try {
      expect(live.sqlite.open).toBe(false);
      const names = (result.database.sqlite.prepare('SELECT name FROM customers').all() as { name: string }[]).map((r) => r.name);
      expect(names).toEqual(['before-backup']);
      expect(result.database.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(result.backupSchemaVersion).toBe(CURRENT);
    } finally {
      result.database.close();
    }
    expect(result.previousCopy).toBe(`${file}.before-restore-2026-03-02T10-00-00-000Z`);
    expect(customers(result.previousCopy as string)).toEqual(['after-backup', 'before-backup']);
    expect(readdirSync(path.dirname(file)).filter((n) => n.includes('.restoring-'))).toEqual([]);
  });

  it("never replays the old database's -wal into the restored file, and the kept copy still has it", async () => {
    const { dir, file, live, backup } = await folderWithBackup();
    live.close();
    // A crash after a commit leaves the change only in emerald.db-wal (a clean close would have checkpointed it).
    const crashed = openDatabase(file);
    crashed.sqlite.pragma('wal_autocheckpoint = 0');
    addCustomer(crashed.sqlite, 'only-in-wal');
    const walBytes = readFileSync(`${file}-wal`);
    const mainBytes = readFileSync(file);
    crashed.close();
    writeFileSync(file, mainBytes);
    writeFileSync(`${file}-wal`, walBytes);
    expect(customers(file)).toContain('only-in-wal');

    const result = restoreDatabase({ file, from: backup.path });
    try {
      const names = (result.database.sqlite.prepare('SELECT name FROM customers').all() as { name: string }[]).map((r) => r.name);
      expect(names).toEqual(['before-backup']);
      expect(result.database.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      result.database.close();
    }
    expect(customers(result.previousCopy as string)).toContain('only-in-wal');
    expect(existsSync(path.join(dir, 'backups', backup.fileName))).toBe(true);
  });

  it('restores an older backup and upgrades it to this schema', () => {
    const dir = tempDir();
    const file = path.join(dir, 'emerald.db');
    openDatabase(file).close();
    const fixtureBefore = sha256(FIXTURE_V2);
    const result = restoreDatabase({ file, from: FIXTURE_V2 });
    try {
      expect(result.backupSchemaVersion).toBe(2);
      expect(result.database.sqlite.pragma('user_version', { simple: true })).toBe(CURRENT);
      expect(result.database.sqlite.prepare("SELECT name FROM customers").all()).toEqual([{ name: 'Ferretería Núñez' }]);
    } finally {
      result.database.close();
    }
    // The backup itself is only read.
    expect(sha256(FIXTURE_V2)).toBe(fixtureBefore);
  });

  it('restores from a copied live database (WAL mode) and leaves nothing beside that file', () => {
    const source = path.join(tempDir(), 'emerald.db');
    const opened = openDatabase(source);
    addCustomer(opened.sqlite, 'copied');
    opened.close();
    const listing = readdirSync(path.dirname(source));
    const file = path.join(tempDir(), 'emerald.db');
    const result = restoreDatabase({ file, from: source });
    result.database.close();
    expect(customers(file)).toEqual(['copied']);
    expect(readdirSync(path.dirname(source))).toEqual(listing);
  });

  it('restores into an empty data folder (nothing to keep)', async () => {
    const { backup, live } = await folderWithBackup();
    live.close();
    const file = path.join(tempDir(), 'emerald.db');
    const result = restoreDatabase({ file, from: backup.path });
    result.database.close();
    expect(result.previousCopy).toBeNull();
    expect(customers(file)).toEqual(['before-backup']);
  });
});

describe('restoreDatabase refuses, touching nothing', () => {
  async function expectRefusal(makeBackup: (dir: string, good: string) => string, reason: RestoreRefusal, message: RegExp) {
    const { dir, file, live, backup } = await folderWithBackup();
    live.close();
    const from = makeBackup(dir, backup.path);
    const before = sha256(file);
    const filesBefore = readdirSync(dir).sort();
    let refusal: unknown;
    try {
      restoreDatabase({ file, from }).database.close();
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(RestoreError);
    expect((refusal as RestoreError).reason).toBe(reason);
    expect((refusal as RestoreError).message).toMatch(message);
    expect(sha256(file)).toBe(before);
    expect(readdirSync(dir).sort()).toEqual(filesBefore);
    expect(customers(file)).toEqual(['after-backup', 'before-backup']);
  }

  it('a missing file: missing', async () => {
    await expectRefusal((dir) => path.join(dir, 'nope.db'), 'missing', /does not exist/);
  });

  it('a file that is not a database: not_emerald', async () => {
    await expectRefusal(
      (dir) => {
        writeFileSync(path.join(dir, 'notes.txt'), 'hola');
        return path.join(dir, 'notes.txt');
      },
      'not_emerald',
      /not an Emerald database/,
    );
  });

  it("another application's SQLite database: not_emerald", async () => {
    await expectRefusal(
      (dir) => {
        const other = path.join(dir, 'other.db');
        const sqlite = new Database(other);
        sqlite.exec('CREATE TABLE customers (id, name)');
        sqlite.close();
        return other;
      },
      'not_emerald',
      /not an Emerald database/,
    );
  });

  it('a damaged backup: corrupt', async () => {
    await expectRefusal(
      (dir, good) => {
        const damaged = path.join(dir, 'damaged.db');
        writeFileSync(damaged, damageMiddle(readFileSync(good), 64 * 1024));
        return damaged;
      },
      'corrupt',
      /damaged/,
    );
  });

  it('a backup from a newer version: newer_version', async () => {
    await expectRefusal(
      (dir, good) => {
        const future = path.join(dir, 'future.db');
        copyFileSync(good, future);
        const sqlite = new Database(future);
        sqlite.pragma(`user_version = ${CURRENT + 1}`);
        sqlite.close();
        return future;
      },
      'newer_version',
      /newer version of Emerald/,
    );
  });

  it('the database is open in another process: locked', async () => {
    const { file, live, backup } = await folderWithBackup();
    live.close();
    const holder = await Child.start('lock-holder.ts', [file, 'open']);
    children.push(holder);
    await holder.waitFor((line) => line === 'locked');
    const before = sha256(file);
    let refusal: unknown;
    try {
      restoreDatabase({ file, from: backup.path }).database.close();
    } catch (error) {
      refusal = error;
    }
    expect((refusal as RestoreError).reason).toBe('locked');
    expect((refusal as RestoreError).message).toMatch(/in use by another program/);
    expect(sha256(file)).toBe(before);
    await holder.kill();
    // Once it is closed, the same restore goes through.
    const result = restoreDatabase({ file, from: backup.path });
    result.database.close();
    expect(customers(file)).toEqual(['before-backup']);
  });
});
