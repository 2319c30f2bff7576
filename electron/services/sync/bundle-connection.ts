// A second connection to this copy's file for bundle work. An import holds its one transaction here across many
// pages while the app's own connection keeps answering reads; an export reads one consistent snapshot here.
import type Database from 'better-sqlite3';
import { AppError } from '../../contract';
import { openWriter } from '../jobs';

/** The file behind a connection; bundles need a real file (a second connection to :memory: is another database). */
export function databaseFileOf(sqlite: Database.Database): string {
  if (!sqlite.name || sqlite.memory) throw new AppError('INTERNAL', 'bundles need a database file', { reason: 'no_database_file' });
  return sqlite.name;
}

/** A writing connection like the job worker's (db/open.ts's pragmas and functions, no migration, no quick_check: the
 *  app already opened this file), at synchronous=FULL: an import reported done is on disk, whatever happens to the
 *  power next (the sender may discard it). */
export function openSecondConnection(sqlite: Database.Database): Database.Database {
  return openWriter(databaseFileOf(sqlite));
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
