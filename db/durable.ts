// The app's connection commits with synchronous=NORMAL (db/open.ts): an app crash loses nothing, a power cut may roll
// back the last commits (never corrupts). Where another party relies on a commit — we acknowledged ops, or we hand out
// ops of our own, whose sequence numbers must never be reused for other ops — that commit is made durable here.
import { closeSync, fsyncSync, openSync } from 'node:fs';
import type Database from 'better-sqlite3';

const FULL = 2;

/**
 * Runs `work` (synchronous: one or more transactions) with synchronous=FULL: its commits, and with them every commit
 * before, survive a power cut. Call outside a transaction (SQLite cannot change the level inside one).
 */
export function durably<T>(sqlite: Database.Database, work: () => T): T {
  if (sqlite.inTransaction) throw new Error('durably() must start outside a transaction');
  const level = sqlite.pragma('synchronous', { simple: true }) as number;
  if (level >= FULL) return work();
  sqlite.pragma('synchronous = FULL');
  try {
    return work();
  } finally {
    if (sqlite.open) sqlite.pragma(`synchronous = ${level}`);
  }
}

/**
 * Makes every commit so far durable without writing anything: syncs the write-ahead log to disk, which is what a FULL
 * commit does after its own frames. Call before sending this copy's ops to another device or hub.
 */
export function syncCommitted(sqlite: Database.Database): void {
  if (sqlite.memory || !sqlite.name) return;
  // SQLite locks the -shm and the database file, never the -wal: opening and closing it here releases no lock of SQLite's.
  let fd: number;
  try {
    fd = openSync(`${sqlite.name}-wal`, 'r+');
  } catch (error) {
    // No log (rollback journal, or the last connection closed and checkpointed it): everything is in the synced file.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
