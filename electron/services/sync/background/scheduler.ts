// Background sync: when to run a round with the hub. Pure — the round, the clock and the timers are injected —
// so the rules (debounce after a local change, 30 s interval, backoff while unreachable, never two rounds at once)
// are tested with fake timers. A round is async I/O: it never blocks a service call.
import type { BackgroundSyncStatus } from '../../../contract/teamNet';

export interface RoundOutcome {
  sent: number;
  received: number;
  /** True when neither side has anything more for the other. False: another page is waiting, run again at once. */
  inStep: boolean;
}

export interface SchedulerTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Why a round failed, as the footer shows it: no answer (retry with backoff) or an answer that says no. */
export interface RoundFailure {
  state: 'unreachable' | 'refused';
  reason: string;
}

export interface SchedulerOptions {
  round(): Promise<RoundOutcome>;
  /** Local ops the hub has not acknowledged yet (read after every round and on every status). */
  pending(): number;
  /** Wall clock in ms (the domain clock: status times are shown to people). */
  now(): number;
  classify(error: unknown): RoundFailure;
  onStatus?(status: BackgroundSyncStatus): void;
  /**
   * Optional push: resolves when the hub says it holds something new (a long poll), so a change made on another
   * member arrives within a second instead of at the next interval. Called only while idle and in step.
   */
  waitForRemote?(signal: AbortSignal): Promise<boolean>;
  timers?: SchedulerTimers;
  debounceMs?: number;
  intervalMs?: number;
  backoffStartMs?: number;
  backoffCapMs?: number;
}

export const SYNC_DEBOUNCE_MS = 1_000;
export const SYNC_INTERVAL_MS = 30_000;
export const SYNC_BACKOFF_START_MS = 2_000;
// A hub back after an outage is found within a minute: a refused connection costs it nothing.
export const SYNC_BACKOFF_CAP_MS = 60_000;

const globalTimers: SchedulerTimers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export class SyncScheduler {
  private readonly timers: SchedulerTimers;
  private readonly debounceMs: number;
  private readonly intervalMs: number;
  private readonly backoffStartMs: number;
  private readonly backoffCapMs: number;
  private timer: unknown = null;
  private timerDueAt = Infinity;
  private inFlight: Promise<void> | null = null;
  /** A change or "sync now" came while a round ran: run again right after it. */
  private again = false;
  private failures = 0;
  private stopped = true;
  private watch: AbortController | null = null;
  private state: BackgroundSyncStatus['state'] = 'off';
  private reason: string | undefined;
  private lastSyncAt: number | null = null;
  private unreachableSince: number | null = null;
  private lastEmitted = '';
  /** Rounds run so far (tests and the bench read it). */
  rounds = 0;

  constructor(private readonly options: SchedulerOptions) {
    this.timers = options.timers ?? globalTimers;
    this.debounceMs = options.debounceMs ?? SYNC_DEBOUNCE_MS;
    this.intervalMs = options.intervalMs ?? SYNC_INTERVAL_MS;
    this.backoffStartMs = options.backoffStartMs ?? SYNC_BACKOFF_START_MS;
    this.backoffCapMs = options.backoffCapMs ?? SYNC_BACKOFF_CAP_MS;
  }

  /** Starts syncing: a first round at once. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.state = 'syncing';
    this.arm(0);
    this.publish();
  }

  /** Stops timers and the push wait; a round in flight finishes (its result is kept) but nothing follows it. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.disarm();
    this.stopWatching();
    const running = this.inFlight;
    if (running) await running;
    this.state = 'off';
    this.reason = undefined;
    this.publish();
  }

  get running(): boolean {
    return !this.stopped;
  }

  /** A local change was committed: sync after a short quiet spell (even while backing off: the hub may be back). */
  noteLocalChange(): void {
    if (this.stopped) return;
    if (this.inFlight) {
      this.again = true;
      return;
    }
    this.publish();
    this.arm(this.debounceMs);
  }

  /** One round now (after the one in flight, if any); resolves with the status once it has run. */
  async syncNow(): Promise<BackgroundSyncStatus> {
    if (this.inFlight) {
      this.again = true;
      await this.inFlight;
      // The follow-up round started by the one that just ended answers this call.
      if (this.inFlight) await this.inFlight;
      return this.status();
    }
    this.disarm();
    await this.runRound();
    return this.status();
  }

  status(): BackgroundSyncStatus {
    const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
    return {
      state: this.state,
      pending: this.safePending(),
      lastSyncAt: iso(this.lastSyncAt),
      unreachableSince: iso(this.unreachableSince),
      ...(this.reason ? { reason: this.reason } : {}),
    };
  }

  private safePending(): number {
    try {
      return this.options.pending();
    } catch {
      return 0;
    }
  }

  private arm(ms: number): void {
    if (this.stopped) return;
    const dueAt = this.options.now() + ms;
    // An earlier wake-up wins: a debounced change does not push back a round already due sooner.
    if (this.timer !== null && this.timerDueAt <= dueAt) return;
    this.disarm();
    this.timerDueAt = dueAt;
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      this.timerDueAt = Infinity;
      void this.runRound();
    }, ms);
  }

  private disarm(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    this.timerDueAt = Infinity;
  }

  private runRound(): Promise<void> {
    if (this.inFlight) {
      this.again = true;
      return this.inFlight;
    }
    this.stopWatching();
    this.again = false;
    const run = this.roundOnce().finally(() => {
      this.inFlight = null;
      this.afterRound();
    });
    this.inFlight = run;
    return run;
  }

  private async roundOnce(): Promise<void> {
    this.rounds += 1;
    if (this.state !== 'syncing') {
      this.state = 'syncing';
      this.publish();
    }
    try {
      const outcome = await this.options.round();
      this.failures = 0;
      this.unreachableSince = null;
      this.reason = undefined;
      this.lastSyncAt = this.options.now();
      this.state = outcome.inStep ? 'synced' : 'syncing';
      if (!outcome.inStep) this.again = true;
    } catch (error) {
      const failure = this.options.classify(error);
      this.failures += 1;
      if (failure.state === 'unreachable') this.unreachableSince ??= this.options.now();
      else this.unreachableSince = null;
      this.state = failure.state;
      this.reason = failure.reason;
    }
  }

  private afterRound(): void {
    this.publish();
    if (this.stopped) return;
    if (this.again) {
      // Started right here, not on a timer: a "sync now" waiting on the round that just ended waits on this one.
      this.disarm();
      void this.runRound();
      return;
    }
    if (this.failures > 0) {
      this.arm(Math.min(this.backoffCapMs, this.backoffStartMs * 2 ** (this.failures - 1)));
      return;
    }
    this.arm(this.intervalMs);
    this.startWatching();
  }

  private startWatching(): void {
    const wait = this.options.waitForRemote;
    if (!wait || this.watch) return;
    const controller = new AbortController();
    this.watch = controller;
    const startedAt = this.options.now();
    wait(controller.signal).then(
      (changed) => {
        if (this.watch !== controller) return;
        this.watch = null;
        if (changed) this.arm(0);
        // A long poll that timed out waits again; one that answers at once (no push there) is left to the interval.
        else if (this.options.now() - startedAt >= this.debounceMs) this.startWatching();
      },
      () => {
        if (this.watch !== controller) return;
        this.watch = null;
        // A poll the hub held and then dropped (the hub stopped, the network went): a round says at once how the hub
        // is, so the footer stops saying "synced" within seconds. One that fails at once is left to the interval.
        if (this.options.now() - startedAt >= this.debounceMs) this.arm(0);
      },
    );
  }

  private stopWatching(): void {
    this.watch?.abort();
    this.watch = null;
  }

  /** Emits only real changes of what the footer shows (state, pending, times, reason). */
  private publish(): void {
    const status = this.status();
    const key = JSON.stringify(status);
    if (key === this.lastEmitted) return;
    this.lastEmitted = key;
    this.options.onStatus?.(status);
  }
}
