// Two threads of one process write to one SQLite file: the engine, answering the person at this PC, and the hub's
// thread, applying thirty laptops' pages. SQLite alone makes a blocked writer poll (its busy handler sleeps 1, 2, 5,
// 10 ms…), so a note typed during a sync burst could wait 10–50 ms. These turns sit in front of SQLite's lock: the
// window's writer blocks on shared memory and is woken the moment the hub's turn ends, and the hub takes no new turn
// (and ends the one it is in after its current write) while the window's writer waits. SQLite's lock still decides who
// writes; the turns only decide who asks first, so a turn never held (or never released) costs time, never data.
import type Database from 'better-sqlite3';
import { threadId } from 'node:worker_threads';

const HOLDER = 0;
const WAITING = 1;
const FREE = 0;
// Node 20 has Atomics.waitAsync (ES2024); the project's lib is older.
type WaitAsync = (cells: Int32Array, index: number, value: number, timeoutMs: number) => { async: false } | { async: true; value: Promise<unknown> };
const waitAsync = (Atomics as unknown as { waitAsync: WaitAsync }).waitAsync;

/** Longest the window's writer waits for a turn before going on to SQLite's own lock anyway (a thread that died holding it). */
const MAX_WAIT_MS = 2_000;

export class WriteTurns {
  readonly buffer: SharedArrayBuffer;
  private readonly cells: Int32Array;
  /** This thread's mark in the holder cell (0 is "free"). */
  private readonly me = threadId + 1;
  /** Nested interactive writes on this thread (a transaction inside another takes no second turn). */
  private depth = 0;

  constructor(buffer: SharedArrayBuffer = new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT)) {
    this.buffer = buffer;
    this.cells = new Int32Array(buffer);
  }

  /**
   * The window's side: blocks until no other thread holds the turn, then holds it; the returned function gives it back.
   * While it waits, the background side takes no new turn. Re-entrant on one thread.
   */
  enterInteractive(): () => void {
    const cells = this.cells;
    if (this.depth > 0) {
      this.depth++;
      return () => this.leaveInteractive(true);
    }
    // This thread's own background turn is running it (a hub job writing through a service): that turn covers it.
    if (Atomics.load(cells, HOLDER) === this.me) return () => undefined;
    let held = false;
    Atomics.add(cells, WAITING, 1);
    try {
      const deadline = performance.now() + MAX_WAIT_MS;
      for (;;) {
        const holder = Atomics.compareExchange(cells, HOLDER, FREE, this.me);
        if (holder === FREE) {
          held = true;
          break;
        }
        const left = deadline - performance.now();
        if (left <= 0) break;
        Atomics.wait(cells, HOLDER, holder, left);
      }
    } finally {
      Atomics.sub(cells, WAITING, 1);
    }
    if (held) this.depth = 1;
    return () => this.leaveInteractive(held);
  }

  /** The background side: takes the turn when it is free and no interactive writer waits for it. */
  tryEnterBackground(): boolean {
    if (Atomics.load(this.cells, WAITING) > 0) return false;
    return Atomics.compareExchange(this.cells, HOLDER, FREE, this.me) === FREE;
  }

  /** An interactive writer waits: the background ends its turn at the next write boundary. */
  interactiveWaiting(): boolean {
    return Atomics.load(this.cells, WAITING) > 0;
  }

  leaveBackground(): void {
    this.release();
  }

  /** Resolves when the background side may try again: the holder left, or the waiting writer is about to take it. */
  whenWorthRetrying(): Promise<void> {
    const holder = Atomics.load(this.cells, HOLDER);
    if (holder === FREE) return new Promise((resolve) => setImmediate(resolve));
    const waited = waitAsync(this.cells, HOLDER, holder, MAX_WAIT_MS);
    return waited.async ? waited.value.then(() => undefined) : Promise.resolve();
  }

  private leaveInteractive(held: boolean): void {
    if (!held) return;
    this.depth--;
    if (this.depth === 0) this.release();
  }

  private release(): void {
    if (Atomics.compareExchange(this.cells, HOLDER, this.me, FREE) === this.me) Atomics.notify(this.cells, HOLDER);
  }
}

// The turns a connection shares with another thread's connection to the same file; none when nothing shares it.
const shared = new WeakMap<Database.Database, WriteTurns>();

export function shareWriteTurns(sqlite: Database.Database, turns: WriteTurns): void {
  shared.set(sqlite, turns);
}

export function unshareWriteTurns(sqlite: Database.Database): void {
  shared.delete(sqlite);
}

export function writeTurnsOf(sqlite: Database.Database): WriteTurns | undefined {
  return shared.get(sqlite);
}
