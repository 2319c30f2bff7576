// Read-only looks at a database file: is it Emerald, which schema, is it sound, is someone using it.
import Database from 'better-sqlite3';
import { closeSync, existsSync, openSync, readSync, statSync, unlinkSync } from 'node:fs';
import { APPLICATION_ID } from '../open';
import { defaultMigrationsFolder, schemaVersionOf } from '../migrations';
import { schemaFailure, schemaProblems, summarizeSchemaProblems } from '../schema-check';
import { classifyReadFailure } from '../errors';
import { failureText } from '../failures';
import { RestoreError } from './errors';

const SQLITE_HEADER = 'SQLite format 3\u0000';

export interface FileFacts {
  applicationId: number;
  userVersion: number;
  /** `PRAGMA integrity_check` lines; `['ok']` when sound. */
  integrity: string[];
}

/** True when the file starts with SQLite's magic header (a cheap "is this a database at all"). */
export function hasSqliteHeader(file: string): boolean {
  if (statSync(file).size < SQLITE_HEADER.length) return false;
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(SQLITE_HEADER.length);
    readSync(fd, head, 0, head.length, 0);
    return head.toString('latin1') === SQLITE_HEADER;
  } finally {
    closeSync(fd);
  }
}

/**
 * Runs `read` on a read-only connection. A read-only look at a WAL file creates empty -wal/-shm it cannot
 * remove on close; those are removed afterwards, so looking at a file leaves no trace beside it.
 */
export function withReadOnly<T>(file: string, read: (sqlite: Database.Database) => T): T {
  const created = ['-wal', '-shm'].map((suffix) => file + suffix).filter((sidecar) => !existsSync(sidecar));
  let sqlite: Database.Database | undefined;
  try {
    sqlite = new Database(file, { readonly: true, fileMustExist: true });
    return read(sqlite);
  } finally {
    sqlite?.close();
    const wal = file + '-wal';
    if (created.includes(wal) && existsSync(wal) && statSync(wal).size === 0) {
      for (const sidecar of created) if (existsSync(sidecar)) unlinkSync(sidecar);
    }
  }
}

/** Opens read-only and runs the full integrity check; throws SQLite's error if the file cannot be read. */
export function readFileFacts(file: string, busyTimeoutMs = 5000): FileFacts {
  return withReadOnly(file, (probe) => {
    probe.pragma(`busy_timeout = ${busyTimeoutMs}`);
    const applicationId = probe.pragma('application_id', { simple: true }) as number;
    const userVersion = probe.pragma('user_version', { simple: true }) as number;
    const rows = probe.pragma('integrity_check') as { integrity_check: string }[];
    return { applicationId, userVersion, integrity: rows.map((r) => r.integrity_check) };
  });
}

export interface ValidBackup {
  path: string;
  schemaVersion: number;
}

/**
 * Everything a restore must know before it touches anything: the file exists, is an Emerald database,
 * passes integrity_check and was written by this version or an older one.
 */
export function validateBackupFile(file: string, migrationsFolder = defaultMigrationsFolder()): ValidBackup {
  if (!existsSync(file)) throw new RestoreError('missing', file, failureText('missing', file));
  if (!statSync(file).isFile()) throw new RestoreError('unreadable', file, failureText('unreadable', file, 'not a file'));
  if (!hasSqliteHeader(file)) throw new RestoreError('not_emerald', file, failureText('not_emerald', file));
  let facts: FileFacts;
  try {
    facts = readFileFacts(file);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const reason = classifyReadFailure(error);
    throw new RestoreError(reason, file, failureText(reason, file, detail), { cause: error });
  }
  if (facts.applicationId !== APPLICATION_ID) throw new RestoreError('not_emerald', file, failureText('not_emerald', file));
  if (facts.integrity.length !== 1 || facts.integrity[0] !== 'ok') {
    throw new RestoreError('corrupt', file, failureText('corrupt', file, facts.integrity.slice(0, 3).join('; ')));
  }
  const knownVersion = schemaVersionOf(migrationsFolder);
  if (facts.userVersion > knownVersion) {
    throw new RestoreError('newer_version', file, failureText('newer_version', file, `schema ${facts.userVersion}, this version knows ${knownVersion}`));
  }
  // Identity and version are only claims: the tables that version promises must be there too.
  const problems = facts.userVersion === 0 ? ['no schema version'] : withReadOnly(file, (probe) => schemaProblems(probe, migrationsFolder, facts.userVersion));
  const reason = facts.userVersion === 0 ? 'not_emerald' : schemaFailure(problems);
  if (reason) throw new RestoreError(reason, file, failureText(reason, file, summarizeSchemaProblems(problems)));
  return { path: file, schemaVersion: facts.userVersion };
}

/**
 * Whether another connection (this or another process) has the database open. An EXCLUSIVE lock is only
 * granted when nobody else holds even a read lock; a damaged file that cannot be locked counts as free.
 */
export function isDatabaseInUse(file: string, busyTimeoutMs = 200): boolean {
  if (!existsSync(file)) return false;
  let probe: Database.Database | undefined;
  try {
    probe = new Database(file, { fileMustExist: true });
    probe.pragma(`busy_timeout = ${busyTimeoutMs}`);
    probe.pragma('locking_mode = EXCLUSIVE');
    probe.exec('BEGIN EXCLUSIVE; ROLLBACK');
    return false;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
  } finally {
    probe?.close();
  }
}

/** An exclusive hold on a database file: no other connection reads or writes it until `release()`. */
export interface ExclusiveHold {
  release(): void;
}

const isBusy = (error: unknown) => {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
};

/**
 * Takes the file for a swap: 'in_use' when another connection has it, null when it is not a database SQLite can
 * lock (damaged: nothing can be using it as Emerald), else a hold kept until the new file is in place, so the
 * "in use" answer stays true through the swap. The file is first switched to a rollback journal (only possible
 * with no one else on it) so the hold works on the file alone: closing it then removes no -wal/-journal by
 * name, which after the swap would belong to the new database.
 */
export function holdExclusively(file: string, busyTimeoutMs = 200): ExclusiveHold | 'in_use' | null {
  if (!existsSync(file)) return null;
  const open = (): Database.Database => {
    const sqlite = new Database(file, { fileMustExist: true });
    sqlite.pragma(`busy_timeout = ${busyTimeoutMs}`);
    return sqlite;
  };
  let sqlite: Database.Database | undefined;
  try {
    sqlite = open();
    sqlite.pragma('journal_mode = DELETE');
    sqlite.close();
    sqlite = open();
    sqlite.pragma('locking_mode = EXCLUSIVE');
    // In rollback mode an EXCLUSIVE transaction locks the file; exclusive locking mode keeps the lock after it.
    sqlite.exec('BEGIN EXCLUSIVE; ROLLBACK');
    // Someone who opened it between the two steps may have turned WAL back on: their connection is the "in use".
    if (sqlite.pragma('journal_mode', { simple: true }) !== 'delete') {
      sqlite.close();
      return 'in_use';
    }
  } catch (error) {
    sqlite?.close();
    if (isBusy(error)) return 'in_use';
    return null;
  }
  const held = sqlite;
  return { release: () => held.close() };
}
