// A writing connection of its own (the job worker's jobs, a bundle import's second connection), at synchronous=FULL. Same pragmas and functions as db/open.ts without migrating
// or checking: the engine opened (and migrated) this file before any job could run.
import Database from 'better-sqlite3';
import { foldForSearch } from '../../../db/open';

const BUSY_TIMEOUT_MS = 5000;

export function openWriter(file: string): Database.Database {
  const sqlite = new Database(file, { fileMustExist: true });
  try {
    sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.function('fold', { deterministic: true }, (text: unknown) => (typeof text === 'string' ? foldForSearch(text) : text));
    return sqlite;
  } catch (error) {
    sqlite.close();
    throw error;
  }
}
