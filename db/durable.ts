// The app's connection commits with synchronous=NORMAL (db/open.ts): an app crash loses nothing, a power cut may roll
// back the last commits (never corrupts). Where another party relies on a commit — we acknowledge ops, or we hand out
// ops of our own, whose sequence numbers must never be reused for other ops — the log is synced here before it is told.
import { closeSync, fsyncSync, openSync } from 'node:fs';
import { open } from 'node:fs/promises';
import type Database from 'better-sqlite3';

/**
 * Makes every commit so far durable without writing anything: syncs the write-ahead log to disk, which is what a FULL
 * commit does after its own frames. Call before sending this copy's ops to another device or hub.
 */
export function syncCommitted(sqlite: Database.Database): void {
  const wal = walFileOf(sqlite);
  if (!wal) return;
  let fd: number;
  try {
    fd = openSync(wal, 'r+');
  } catch (error) {
    if (noLog(error)) return;
    throw error;
  }
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * The write-ahead log of a file's connection (none in memory). SQLite locks the -shm and the database file, never the
 * -wal: opening and closing it here releases no lock of SQLite's.
 */
function walFileOf(sqlite: Database.Database): string | null {
  return sqlite.memory || !sqlite.name ? null : `${sqlite.name}-wal`;
}

/** No log (rollback journal, or the last connection closed and checkpointed it): everything is in the synced file. */
const noLog = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

/** Per write-ahead log: the last fsync asked for, and the one not started yet that new callers may still share. */
const walSyncs = new Map<string, { last: Promise<void>; unstarted: Promise<void> | null }>();

/** How syncCommittedAsync syncs a log file (a property, so a test can hold it and see who waits for it). */
export const walSync = { file: fsyncIfPresent };

async function fsyncIfPresent(file: string): Promise<void> {
  let handle;
  try {
    handle = await open(file, 'r+');
  } catch (error) {
    if (noLog(error)) return;
    throw error;
  }
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * syncCommitted off this thread (the fsync runs in libuv's pool): resolves once an fsync that started after this call
 * ended. Callers that arrive while one waits to start share it, so thirty members' requests cost one or two fsyncs.
 */
export function syncCommittedAsync(sqlite: Database.Database): Promise<void> {
  const wal = walFileOf(sqlite);
  if (!wal) return Promise.resolve();
  const entry = walSyncs.get(wal) ?? { last: Promise.resolve(), unstarted: null };
  if (entry.unstarted) return entry.unstarted;
  const mine = entry.last
    .catch(() => undefined)
    .then(() => {
      // Started: commits made from now on need the next one.
      entry.unstarted = null;
      return walSync.file(wal);
    });
  entry.unstarted = mine;
  entry.last = mine;
  walSyncs.set(wal, entry);
  const forget = () => {
    if (entry.last === mine) walSyncs.delete(wal);
  };
  mine.then(forget, forget);
  return mine;
}
