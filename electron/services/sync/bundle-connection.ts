// A second connection to this copy's file for bundle work. An import holds its one transaction here across many
// pages while the app's own connection keeps answering reads; an export reads one consistent snapshot here.
import Database from 'better-sqlite3';
import { foldForSearch } from '../../../db/open';
import { AppError } from '../../contract';

const BUSY_TIMEOUT_MS = 5000;

/** The file behind a connection; bundles need a real file (a second connection to :memory: is another database). */
export function databaseFileOf(sqlite: Database.Database): string {
  if (!sqlite.name || sqlite.memory) throw new AppError('INTERNAL', 'bundles need a database file', { reason: 'no_database_file' });
  return sqlite.name;
}

/** The pragmas and functions of db/open.ts (no migration, no quick_check: the app already opened this file), but
 *  synchronous=FULL: an import reported done is on disk, whatever happens to the power next (the sender may discard it). */
export function openSecondConnection(sqlite: Database.Database): Database.Database {
  const second = new Database(databaseFileOf(sqlite), { fileMustExist: true });
  try {
    second.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    second.pragma('synchronous = FULL'); // db/durable.ts durably(), for the whole connection
    second.pragma('foreign_keys = ON');
    second.function('fold', { deterministic: true }, (text: unknown) => (typeof text === 'string' ? foldForSearch(text) : text));
    return second;
  } catch (error) {
    second.close();
    throw error;
  }
}

/** Runs `work` inside a read transaction: everything it reads comes from one moment, whatever is written meanwhile. */
export async function withReadSnapshot<T>(sqlite: Database.Database, work: (reader: Database.Database) => Promise<T>): Promise<T> {
  const reader = openSecondConnection(sqlite);
  try {
    reader.prepare('BEGIN').run();
    // A deferred transaction takes its snapshot at the first read.
    reader.prepare('SELECT 1 FROM sync_local').get();
    try {
      return await work(reader);
    } finally {
      reader.prepare('ROLLBACK').run();
    }
  } finally {
    reader.close();
  }
}
