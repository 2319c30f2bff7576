// The hub's sync work (a push page applied, a pull page read, a member's vector noted) runs one turn of the event loop
// at a time. Thirty members arriving together would otherwise run thirty transactions back to back while the hub's own
// window waits behind them; between two turns here, the loop answers whatever else came in.
// Writes queued together share one transaction (group commit): each in a savepoint of its own, so a failing write
// undoes only itself, and every write of the turn answers after the commit. Thirty pushes then cost a few commits,
// not thirty, and the window's connection finds the file changed (and drops its page cache) a few times, not thirty.
import type Database from 'better-sqlite3';
import { prepared } from '../../sql';

interface Entry {
  job: () => unknown;
  write: boolean;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** Longest a turn keeps adding queued writes to its transaction (ms), and most writes it takes. */
const TURN_BUDGET_MS = 8;
const TURN_MAX_WRITES = 64;

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

export class HubLane {
  private readonly queue: Entry[] = [];
  private scheduled = false;

  constructor(private readonly sqlite: Database.Database) {}

  /** Runs `job` alone in a later turn, after the jobs queued before it. */
  run<T>(job: () => T): Promise<T> {
    return this.enqueue(job, false);
  }

  /**
   * Runs `job` in a later turn inside the turn's transaction, after the jobs queued before it; resolves once that
   * transaction committed, so the caller's events go out after it (the window's reads then see what they announce).
   */
  write<T>(job: () => T): Promise<T> {
    return this.enqueue(job, true);
  }

  private enqueue<T>(job: () => T, write: boolean): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ job, write, resolve: resolve as (value: unknown) => void, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.queue.length === 0) return;
    this.scheduled = true;
    // setImmediate: after pending I/O is handled, so requests that arrived meanwhile are read first.
    setImmediate(() => {
      this.scheduled = false;
      this.turn();
      this.schedule();
    });
  }

  private turn(): void {
    const first = this.queue.shift();
    if (!first) return;
    if (!first.write) {
      settle(first, attempt(first.job));
      return;
    }
    const batch = [first];
    const outcomes = new Map<Entry, Outcome>();
    try {
      this.writeTurn(batch, outcomes);
    } catch (error) {
      // BEGIN, a savepoint or the rollback failed (the file locked past the busy timeout, say): nothing of the turn stays.
      if (this.sqlite.inTransaction) prepared(this.sqlite, 'ROLLBACK').run();
      for (const entry of batch) outcomes.set(entry, { ok: false, error });
    }
    for (const entry of batch) settle(entry, outcomes.get(entry) as Outcome);
  }

  /** Runs `batch[0]` and the writes queued behind it (added to `batch`) in one transaction; notes each one's outcome. */
  private writeTurn(batch: Entry[], outcomes: Map<Entry, Outcome>): void {
    const sqlite = this.sqlite;
    const started = performance.now();
    // Written and kept so far: what a failed commit, or a failure that ends the transaction, takes back.
    let kept: Entry[] = [];
    const undoKept = (outcome: Outcome) => {
      for (const entry of kept) outcomes.set(entry, outcome);
      kept = [];
    };
    for (let entry = batch[0]; entry; ) {
      if (!sqlite.inTransaction) prepared(sqlite, 'BEGIN IMMEDIATE').run();
      prepared(sqlite, 'SAVEPOINT hub_lane_write').run();
      const outcome = attempt(entry.job);
      outcomes.set(entry, outcome);
      if (outcome.ok) {
        prepared(sqlite, 'RELEASE hub_lane_write').run();
        kept.push(entry);
      } else if (sqlite.inTransaction) {
        prepared(sqlite, 'ROLLBACK TO hub_lane_write').run();
        prepared(sqlite, 'RELEASE hub_lane_write').run();
      } else {
        // SQLite ended the whole transaction (a full disk, say): the writes before this one went with it.
        undoKept(outcome);
      }
      const next = this.queue[0];
      if (!next?.write || batch.length >= TURN_MAX_WRITES || performance.now() - started >= TURN_BUDGET_MS) break;
      batch.push(this.queue.shift() as Entry);
      entry = next;
    }
    if (!sqlite.inTransaction) return;
    try {
      prepared(sqlite, 'COMMIT').run();
    } catch (error) {
      if (sqlite.inTransaction) prepared(sqlite, 'ROLLBACK').run();
      undoKept({ ok: false, error });
    }
  }
}

function attempt(job: () => unknown): Outcome {
  try {
    return { ok: true, value: job() };
  } catch (error) {
    return { ok: false, error };
  }
}

function settle(entry: Entry, outcome: Outcome): void {
  if (outcome.ok) entry.resolve(outcome.value);
  else entry.reject(outcome.error);
}
