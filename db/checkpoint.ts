// WAL checkpoints when the app is idle, not inside a user's write.
// SQLite's automatic checkpoint runs in whichever commit crosses 1000 pages: that commit pays several
// milliseconds (most of the write p95). Commits stay durable either way (WAL + synchronous=FULL).
import type Database from 'better-sqlite3';

export interface IdleCheckpointer {
  /** Call after each commit. */
  noteWrite(): void;
  /** Checkpoints what is pending and stops the timers. */
  stop(): void;
}

export interface CheckpointOptions {
  /** Quiet time after the last write before checkpointing. */
  idleMs?: number;
  /** Longest a write may wait for its checkpoint while writes keep coming. */
  maxDelayMs?: number;
}

export function idleCheckpointer(sqlite: Database.Database, options: CheckpointOptions = {}): IdleCheckpointer {
  const idleMs = options.idleMs ?? 1000;
  const maxDelayMs = options.maxDelayMs ?? 10_000;
  sqlite.pragma('wal_autocheckpoint = 0');
  let idleTimer: NodeJS.Timeout | null = null;
  let firstPendingAt: number | null = null;

  const checkpoint = () => {
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = null;
    firstPendingAt = null;
    // PASSIVE never waits for readers or writers; what it cannot copy now is copied next time.
    if (sqlite.open) sqlite.pragma('wal_checkpoint(PASSIVE)');
  };

  return {
    noteWrite() {
      const now = Date.now();
      firstPendingAt ??= now;
      if (now - firstPendingAt >= maxDelayMs) return checkpoint();
      if (idleTimer) clearTimeout(idleTimer);
      idleTimer = setTimeout(checkpoint, idleMs);
      idleTimer.unref();
    },
    stop() {
      if (firstPendingAt !== null) checkpoint();
      if (idleTimer) clearTimeout(idleTimer);
      idleTimer = null;
    },
  };
}
