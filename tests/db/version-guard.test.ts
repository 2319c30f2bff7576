// Files Emerald must refuse without touching them: a newer schema, or a SQLite file that is not Emerald's.
import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DatabaseOpenError } from '../../db/errors';
import { defaultMigrationsFolder, schemaVersionOf } from '../../db/migrations';
import { openDatabase } from '../../db/open';
import { filesIn, fingerprint, removeTempDirs, seedRows, tempDir } from './helpers';

afterEach(removeTempDirs);

function openFailure(file: string): DatabaseOpenError {
  try {
    openDatabase(file).close();
  } catch (error) {
    if (error instanceof DatabaseOpenError) return error;
    throw error;
  }
  throw new Error(`${file} opened but should have been refused`);
}

/** A migrated Emerald file whose user_version claims a schema from the future. */
function newerFile(): { dir: string; file: string } {
  const dir = tempDir();
  const file = path.join(dir, 'emerald.db');
  const opened = openDatabase(file);
  seedRows(opened.sqlite);
  opened.sqlite.pragma('user_version = 999');
  opened.close();
  return { dir, file };
}

describe('a file written by a newer Emerald', () => {
  it('is refused with reason newer_version and a message naming both versions', () => {
    const { file } = newerFile();
    const error = openFailure(file);
    expect(error.reason).toBe('newer_version');
    expect(error.path).toBe(file);
    expect(error.message).toContain('newer version');
    expect(error.message).toContain('999');
    expect(error.message).toContain(String(schemaVersionOf(defaultMigrationsFolder())));
  });

  it('is left byte-identical, with no copy, journal or WAL files left beside it', () => {
    const { dir, file } = newerFile();
    const before = fingerprint(file);
    const filesBefore = filesIn(dir);
    expect(filesBefore).toEqual(['emerald.db']);
    openFailure(file);
    openFailure(file); // twice: a user who retries must not damage it either
    expect(fingerprint(file)).toEqual(before);
    expect(filesIn(dir)).toEqual(filesBefore);
  });
});

describe('a SQLite file that is not Emerald', () => {
  it('is refused with reason not_emerald and left byte-identical', () => {
    const dir = tempDir();
    const file = path.join(dir, 'other.db');
    const other = new Database(file);
    other.exec("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL); INSERT INTO invoices (total) VALUES (12.5)");
    other.close();
    expect(new Database(file, { readonly: true }).pragma('application_id', { simple: true })).toBe(0);
    const before = fingerprint(file);
    const error = openFailure(file);
    expect(error.reason).toBe('not_emerald');
    expect(error.message).toContain('not an Emerald database');
    expect(fingerprint(file)).toEqual(before);
    expect(filesIn(dir)).toEqual(['other.db']);
  });

  it('a file that is not SQLite at all is refused as corrupt, not migrated over', () => {
    const dir = tempDir();
    const file = path.join(dir, 'notes.db');
    writeFileSync(file, 'these are my notes, not a database\n'.repeat(200));
    const before = fingerprint(file);
    const error = openFailure(file);
    expect(error.reason).toBe('corrupt');
    expect(fingerprint(file)).toEqual(before);
  });
});
