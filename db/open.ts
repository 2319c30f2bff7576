// Opening the database file: pragmas, version guard, a copy before migrating, safe migration.
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { accessSync, constants, existsSync, statSync, unlinkSync, renameSync } from 'node:fs';
import path from 'node:path';
import * as schema from './schema';
import { withStatementCache } from './statements';
import { DatabaseOpenError, classifySqliteError } from './errors';
import { failureText, type DatabaseFailure } from './failures';
import { defaultMigrationsFolder, schemaVersionOf } from './migrations';
import { createPrivateFile, makePrivate } from './private-files';
import { schemaFailure, schemaProblems, summarizeSchemaProblems } from './schema-check';
import { dropValueSamples } from './statistics';

/** PRAGMA application_id of every Emerald file: 'EMRD'. */
export const APPLICATION_ID = 0x454d5244;
const BUSY_TIMEOUT_MS = 5000;

export type AppDb = BetterSQLite3Database<typeof schema>;

export interface OpenedDatabase {
  /** The drizzle handle services use. */
  db: AppDb;
  /** The raw connection, for FTS queries, pragmas and backups. */
  sqlite: Database.Database;
  path: string;
  schemaVersion: number;
  /** Where the file was copied before migrating, if it was. */
  preMigrationCopy: string | null;
  close(): void;
}

export interface OpenOptions {
  migrationsFolder?: string;
  readonly?: boolean;
  /** How long to wait for another connection's lock before giving up (default 5000 ms). */
  busyTimeoutMs?: number;
  /** Test hook: runs on the new connection before any pragma (e.g. a page limit to simulate a full disk). */
  onConnect?: (sqlite: Database.Database) => void;
  /** Skip quick_check at open: the caller runs it after start (the job worker's integrity check) and reports a failure. */
  deferIntegrityCheck?: boolean;
  /** Test hook: runs between migrate() and the foreign-key check. */
  afterMigrate?: (sqlite: Database.Database) => void;
}

interface FileIdentity {
  applicationId: number;
  userVersion: number;
  tableCount: number;
}

function readIdentity(file: string, busyTimeoutMs: number): FileIdentity {
  // Read-only, so a refused file stays byte-identical.
  const missingSidecars = ['-wal', '-shm'].map((suffix) => file + suffix).filter((sidecar) => !existsSync(sidecar));
  const probe = new Database(file, { readonly: true, fileMustExist: true });
  try {
    probe.pragma(`busy_timeout = ${busyTimeoutMs}`);
    const applicationId = probe.pragma('application_id', { simple: true }) as number;
    const userVersion = probe.pragma('user_version', { simple: true }) as number;
    const { n } = probe.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number };
    return { applicationId, userVersion, tableCount: n };
  } finally {
    probe.close();
    removeProbeSidecars(file, missingSidecars);
  }
}

/** A read-only look at a WAL file creates empty -wal/-shm it cannot remove; drop them so a refused file leaves no trace. */
function removeProbeSidecars(file: string, createdByProbe: string[]): void {
  const wal = file + '-wal';
  if (!createdByProbe.includes(wal) || !existsSync(wal) || statSync(wal).size > 0) return;
  for (const sidecar of createdByProbe) {
    if (existsSync(sidecar)) unlinkSync(sidecar);
  }
}

function fail(file: string, error: unknown, fallback: 'corrupt' | 'migration_failed' = 'corrupt'): never {
  if (error instanceof DatabaseOpenError) throw error;
  const reason = classifySqliteError(error) ?? fallback;
  throw new DatabaseOpenError(reason, file, openFailureText(reason, file, innermostMessage(error)), { cause: error });
}

/** SQLite's own words: drizzle's wrapper message carries the query and its bound values, which do not belong in a dialog or a log. */
function innermostMessage(error: unknown): string {
  let current = error;
  for (let depth = 0; depth < 5 && current instanceof Error && current.cause instanceof Error; depth++) current = current.cause;
  return current instanceof Error ? current.message : String(current);
}

/** Case- and accent-free text for search: SQLite's lower() and LIKE fold ASCII only, so SQL gets fold('Ñandú') = 'nandu'. */
export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

export function openDatabase(file: string, options: OpenOptions = {}): OpenedDatabase {
  const migrationsFolder = options.migrationsFolder ?? defaultMigrationsFolder();
  const knownVersion = schemaVersionOf(migrationsFolder);
  // A folder (or anything but a file) where the database should be cannot be read as one.
  if (existsSync(file) && !statSync(file).isFile()) throw new DatabaseOpenError('unreadable', file, openFailureText('unreadable', file, 'not a file'));
  const isNew = !existsSync(file) || statSync(file).size === 0;

  const busyTimeoutMs = options.busyTimeoutMs ?? BUSY_TIMEOUT_MS;
  let identity: FileIdentity | null = null;
  if (!isNew) {
    try {
      identity = readIdentity(file, busyTimeoutMs);
    } catch (error) {
      fail(file, error);
    }
    if (identity.tableCount > 0 && identity.applicationId !== APPLICATION_ID) {
      throw new DatabaseOpenError('not_emerald', file, openFailureText('not_emerald', file));
    }
    if (identity.userVersion > knownVersion) {
      const detail = `schema ${identity.userVersion}, this version knows ${knownVersion}`;
      throw new DatabaseOpenError('newer_version', file, openFailureText('newer_version', file, detail));
    }
  }

  // SQLite silently falls back to read-only when it cannot write the file: refuse now, not at the first save.
  if (!options.readonly && !isNew) assertWritable(file);

  let sqlite: Database.Database | undefined;
  try {
    // 0600 before SQLite writes a byte; its -wal and -shm take the database file's mode.
    if (!options.readonly) {
      if (isNew) createPrivateFile(file);
      makePrivate(file, `${file}-wal`, `${file}-shm`);
    }
    sqlite = new Database(file, { readonly: options.readonly ?? false });
    options.onConnect?.(sqlite);
    sqlite.pragma(`busy_timeout = ${busyTimeoutMs}`);
    if (!options.readonly) {
      sqlite.pragma('journal_mode = WAL');
      // NORMAL: an app crash loses no commit, a power cut may roll back the last ones (never corrupts); commits another
      // party relies on (an acknowledgement, ops we hand out) are made durable with db/durable.ts.
      sqlite.pragma('synchronous = NORMAL');
    }
    sqlite.pragma('foreign_keys = ON');
    // Statement journals in memory: on disk, every statement that runs triggers spilled its journal into a new temp
    // file past 64 KiB (an open, writes and an unlink per statement): a twelfth of a ticket close's CPU time (perf).
    sqlite.pragma('temp_store = MEMORY');
    sqlite.function('fold', { deterministic: true }, (text: unknown) => (typeof text === 'string' ? foldForSearch(text) : text));
    if (!isNew) {
      // Seconds on a big file: a caller that shows a window first defers it to a worker (deferIntegrityCheck).
      const check = options.deferIntegrityCheck ? 'ok' : sqlite.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw new DatabaseOpenError('corrupt', file, openFailureText('corrupt', file, String(check)));
      assertSchemaWhole(sqlite, file, migrationsFolder, identity?.userVersion ?? 0);
    }
  } catch (error) {
    if (sqlite?.open) sqlite.close();
    fail(file, error);
  }

  const db = drizzle(withStatementCache(sqlite), { schema });
  let preMigrationCopy: string | null = null;
  const currentVersion = identity?.userVersion ?? 0;
  const migrating = !options.readonly && currentVersion < knownVersion;
  if (migrating) {
    const progress = { committed: false };
    try {
      if (identity && identity.tableCount > 0) preMigrationCopy = copyBeforeMigrate(sqlite, file, currentVersion);
      migrateSafely(sqlite, db, migrationsFolder, knownVersion, progress, options.afterMigrate);
    } catch (error) {
      sqlite.close();
      // drizzle's migrate() is one transaction: if it did not commit, the file was never changed.
      if (preMigrationCopy && progress.committed) restoreCopy(preMigrationCopy, file);
      else if (preMigrationCopy) unlinkSync(preMigrationCopy);
      fail(file, error, 'migration_failed');
    }
  }
  // Files analyzed by an older version (or by hand) hold samples that would re-compile statements at every new value.
  if (!options.readonly) dropValueSamples(sqlite);
  // An upgrade may rewrite whole tables: fold them into the file now, or every read goes through a WAL of hundreds of
  // MB until the first idle checkpoint after a write.
  if (migrating) sqlite.pragma('wal_checkpoint(TRUNCATE)');

  return {
    db,
    sqlite,
    path: file,
    schemaVersion: knownVersion,
    preMigrationCopy,
    close: () => {
      if (!sqlite.open) return;
      try {
        if (!options.readonly) sqlite.pragma('optimize');
      } catch {
        // Statistics are a nicety: a damaged file (the integrity check reports it) must still be closed, not left open.
      } finally {
        sqlite.close();
      }
    },
  };
}

/** The tables, columns and triggers the file's version promises are there (before migrating: a migration on a hollow
 *  file fails halfway; at the current version the first query would die with "no such table"). */
function assertSchemaWhole(sqlite: Database.Database, file: string, migrationsFolder: string, version: number): void {
  const problems = schemaProblems(sqlite, migrationsFolder, version);
  const reason = schemaFailure(problems);
  if (reason) throw new DatabaseOpenError(reason, file, openFailureText(reason, file, summarizeSchemaProblems(problems)));
}

function assertWritable(file: string): void {
  for (const target of [file, path.dirname(file)]) {
    try {
      accessSync(target, constants.W_OK);
    } catch (error) {
      throw new DatabaseOpenError('read_only', file, openFailureText('read_only', file, `${target} is not writable`), { cause: error });
    }
  }
}

/** The failure's words with what to do (opening is where the user can act), the file and what was found. */
function openFailureText(reason: DatabaseFailure, file: string, detail?: string): string {
  return failureText(reason, file, detail, { advice: true });
}

function copyBeforeMigrate(sqlite: Database.Database, file: string, fromVersion: number): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const copy = `${file}.v${fromVersion}-${stamp}.bak`;
  // VACUUM INTO writes a consistent, self-contained copy even with a WAL in use (into an empty file: a private one).
  createPrivateFile(copy);
  sqlite.prepare('VACUUM INTO ?').run(copy);
  return copy;
}

function restoreCopy(copy: string, file: string): void {
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(file + suffix)) unlinkSync(file + suffix);
  }
  renameSync(copy, file);
}

/**
 * drizzle-kit's table rebuilds start with PRAGMA foreign_keys=OFF, which is ignored inside the
 * migrator's transaction, so a DROP TABLE would cascade into child tables (drizzle-orm #5782, #4640).
 * Turn enforcement off on the connection first, check every reference after, then turn it back on.
 */
function migrateSafely(
  sqlite: Database.Database,
  db: AppDb,
  migrationsFolder: string,
  knownVersion: number,
  progress: { committed: boolean },
  afterMigrate?: (sqlite: Database.Database) => void,
): void {
  sqlite.pragma('foreign_keys = OFF');
  try {
    migrate(db, { migrationsFolder });
    progress.committed = true;
    afterMigrate?.(sqlite);
    const violations = sqlite.pragma('foreign_key_check') as unknown[];
    if (violations.length > 0) {
      throw new Error(`migration left ${violations.length} broken references: ${JSON.stringify(violations.slice(0, 5))}`);
    }
    sqlite.pragma(`application_id = ${APPLICATION_ID}`);
    sqlite.pragma(`user_version = ${knownVersion}`);
  } finally {
    sqlite.pragma('foreign_keys = ON');
  }
}
