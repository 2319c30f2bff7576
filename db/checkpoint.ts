// WAL checkpoints when the app is idle, not inside a user's write.
// SQLite's automatic checkpoint runs in whichever commit crosses 1000 pages: that commit pays several
// milliseconds (most of the write p95). A checkpoint also syncs the log: with synchronous=NORMAL, what a power cut can
// roll back is the commits since the last checkpoint (usually the last idle second's, maxDelayMs's under steady writes).
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

/** Quiet time after the last write before the checkpoint, unless the caller says otherwise. */
export const CHECKPOINT_IDLE_MS = 1000;

export function idleCheckpointer(sqlite: Database.Database, options: CheckpointOptions = {}): IdleCheckpointer {
  const idleMs = options.idleMs ?? CHECKPOINT_IDLE_MS;
  const maxDelayMs = options.maxDelayMs ?? 10_000;
  sqlite.pragma('wal_autocheckpoint = 0');
  let timer: NodeJS.Timeout | null = null;
  let firstPendingAt: number | null = null;
  let lastWriteAt = 0;

  const checkpoint = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    firstPendingAt = null;
    // PASSIVE never waits for readers or writers; what it cannot copy now is copied next time.
    if (sqlite.open) sqlite.pragma('wal_checkpoint(PASSIVE)');
  };

  const arm = (ms: number) => {
    timer = setTimeout(onTimer, Math.max(0, ms));
    timer.unref();
  };

  // One timer for a burst of writes, not a clearTimeout and setTimeout per write: when it fires it checkpoints if the
  // writes went quiet (or have waited long enough), else waits for the rest. The bounded-delay checkpoint runs here
  // too, between calls, never inside the write that crossed the delay.
  function onTimer(): void {
    timer = null;
    if (firstPendingAt === null) return;
    const now = Date.now();
    const idleLeft = lastWriteAt + idleMs - now;
    const delayLeft = firstPendingAt + maxDelayMs - now;
    if (idleLeft <= 0 || delayLeft <= 0) checkpoint();
    else arm(Math.min(idleLeft, delayLeft));
  }

  return {
    noteWrite() {
      lastWriteAt = Date.now();
      firstPendingAt ??= lastWriteAt;
      if (!timer) arm(idleMs);
    },
    stop() {
      if (firstPendingAt !== null) checkpoint();
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
