// The hub's sync work (a push page applied, a pull page read, a member's vector noted) runs one turn of the event loop
// at a time. Thirty members arriving together would otherwise run thirty transactions back to back while the hub's own
// window waits behind them; between two turns here, the loop answers whatever else came in.
// Writes queued together share one transaction (group commit): each in a savepoint of its own, so a failing write
// undoes only itself, and every write of the turn answers after the commit. Thirty pushes then cost a few commits,
// not thirty, and the window's connection finds the file changed (and drops its page cache) a few times, not thirty.
// When the hub runs in a thread of its own, the window's writes go first (writeTurns.ts): a turn ends after the write
// in progress when one waits, and no turn starts while one does.
import type Database from 'better-sqlite3';
import { prepared } from '../../sql';
import { writeTurnsOf, type WriteTurns } from '../../writeTurns';

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
      const next = () => {
        this.scheduled = false;
        this.schedule();
      };
      const waitForTurn = this.turn();
      if (waitForTurn) void waitForTurn.then(next);
      else next();
    });
  }

  /** Runs the next job (and the writes queued behind a write); or, when the window's writer goes first, what to wait for. */
  private turn(): Promise<void> | null {
    const first = this.queue.shift();
    if (!first) return null;
    if (!first.write) {
      settle(first, attempt(first.job));
      return null;
    }
    const turns = writeTurnsOf(this.sqlite);
    if (turns && !turns.tryEnterBackground()) {
      this.queue.unshift(first);
      return turns.whenWorthRetrying();
    }
    const batch = [first];
    const outcomes = new Map<Entry, Outcome>();
    try {
      this.writeTurn(batch, outcomes, turns);
    } catch (error) {
      // BEGIN, a savepoint or the rollback failed (the file locked past the busy timeout, say): nothing of the turn stays.
      if (this.sqlite.inTransaction) prepared(this.sqlite, 'ROLLBACK').run();
      for (const entry of batch) outcomes.set(entry, { ok: false, error });
    } finally {
      turns?.leaveBackground();
    }
    for (const entry of batch) settle(entry, outcomes.get(entry) as Outcome);
    return null;
  }

  /**
   * Runs `batch[0]` and the writes queued behind it (added to `batch`) in one transaction, until the budget is spent or
   * the window's writer waits; notes each one's outcome.
   */
  private writeTurn(batch: Entry[], outcomes: Map<Entry, Outcome>, turns: WriteTurns | undefined): void {
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
      if (!next?.write || batch.length >= TURN_MAX_WRITES || performance.now() - started >= TURN_BUDGET_MS || turns?.interactiveWaiting()) break;
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
