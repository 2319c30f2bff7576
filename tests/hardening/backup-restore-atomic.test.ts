// Issue 18.13: two backups started in the same millisecond shared one `.partial` (the second deleted the first's), and
// restore checked "in use" then swapped the files with a gap in which another program could open the old file.
import Database from 'better-sqlite3';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/open';
import { createBackup, restoreDatabase, validateBackupFile, writeBackup } from '../../db/reliability';
import { removeTempDirs, tempDir } from '../reliability/support';

afterAll(removeTempDirs);

function liveDatabase() {
  const dir = tempDir();
  const file = path.join(dir, 'emerald.db');
  const live = openDatabase(file);
  live.sqlite.prepare('INSERT INTO customers (id, name) VALUES (?, ?)').run('c-1', 'Clínica Norte');
  return { dir, file, live };
}

describe('backups started together', () => {
  it('get distinct names and both finish sound', async () => {
    const { dir, live } = liveDatabase();
    try {
      const now = new Date('2026-03-02T09:15:30.123Z');
      const [a, b, c] = await Promise.all([0, 1, 2].map(() => createBackup(dir, live.sqlite, { now })));
      const names = [a, b, c].map((backup) => backup!.fileName);
      expect(new Set(names).size).toBe(3);
      for (const backup of [a, b, c]) expect(validateBackupFile(backup!.path).schemaVersion).toBeGreaterThan(0);
      expect(readdirSync(path.join(dir, 'backups')).filter((name) => name.endsWith('.partial'))).toEqual([]);
    } finally {
      live.close();
    }
  });

  it('a second writer aimed at the same file is refused, and the first one still finishes', async () => {
    const { dir, live } = liveDatabase();
    try {
      const target = path.join(dir, 'copy.db');
      const results = await Promise.allSettled([writeBackup(live.sqlite, target), writeBackup(live.sqlite, target)]);
      expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      const refused = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(String(refused?.reason)).toMatch(/another backup is being written/);
      expect(validateBackupFile(target).schemaVersion).toBeGreaterThan(0);
      expect(existsSync(`${target}.partial`)).toBe(false);
    } finally {
      live.close();
    }
  });
});

describe('restore', () => {
  it('holds the live file from the in-use check through the swap: no one can open it in between', async () => {
    const { dir, file, live } = liveDatabase();
    const backup = await createBackup(dir, live.sqlite);
    let attempt: unknown = 'not tried';
    const result = restoreDatabase({
      file,
      from: backup.path,
      live,
      beforeSwap: () => {
        const intruder = new Database(file, { fileMustExist: true });
        try {
          intruder.pragma('busy_timeout = 0');
          intruder.prepare('SELECT count(*) FROM customers').get();
          attempt = 'got in';
        } catch (error) {
          attempt = (error as { code?: string }).code;
        } finally {
          intruder.close();
        }
      },
    });
    try {
      expect(attempt).toBe('SQLITE_BUSY');
      expect(result.database.sqlite.prepare('SELECT name FROM customers').all()).toEqual([{ name: 'Clínica Norte' }]);
      expect(result.database.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      result.database.close();
    }
    expect(readdirSync(dir).filter((name) => name.includes('.restoring-') || name.endsWith('-journal'))).toEqual([]);
  });
});
