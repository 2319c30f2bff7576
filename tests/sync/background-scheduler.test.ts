// The background sync scheduler with fake timers: debounce, interval, backoff, no overlapping rounds, the status.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BackgroundSyncStatus } from '../../electron/contract/teamNet';
import { SyncScheduler, type RoundOutcome, type SchedulerOptions } from '../../electron/services/sync/background/scheduler';

class Unreachable extends Error {}
class Refused extends Error {}

interface Harness {
  scheduler: SyncScheduler;
  statuses: BackgroundSyncStatus[];
  /** Wall times (fake ms since the test began) at which rounds started. */
  startedAt: number[];
  maxConcurrent: () => number;
  setBehaviour(next: () => Promise<RoundOutcome>): void;
  pending: { value: number };
}

const T0 = Date.parse('2026-03-02T09:00:00.000Z');
const inStep: RoundOutcome = { sent: 0, received: 0, inStep: true };

function harness(extra: Partial<SchedulerOptions> = {}): Harness {
  const statuses: BackgroundSyncStatus[] = [];
  const startedAt: number[] = [];
  const pending = { value: 0 };
  let concurrent = 0;
  let maxConcurrent = 0;
  let behaviour: () => Promise<RoundOutcome> = () => Promise.resolve(inStep);
  const scheduler = new SyncScheduler({
    round: async () => {
      startedAt.push(Date.now() - T0);
      concurrent += 1;
      maxConcurrent = Math.max(maxConcurrent, concurrent);
      try {
        return await behaviour();
      } finally {
        concurrent -= 1;
      }
    },
    pending: () => pending.value,
    now: () => Date.now(),
    classify: (error) => (error instanceof Refused ? { state: 'refused', reason: 'revoked' } : { state: 'unreachable', reason: 'unreachable' }),
    onStatus: (status) => statuses.push(status),
    ...extra,
  });
  return { scheduler, statuses, startedAt, maxConcurrent: () => maxConcurrent, setBehaviour: (next) => (behaviour = next), pending };
}

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (error: unknown) => void } {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(T0);
});

afterEach(() => {
  vi.useRealTimers();
});

describe('the background sync scheduler', () => {
  it('syncs at start, then every 30 s while nothing changes', async () => {
    const h = harness();
    h.scheduler.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(h.startedAt).toEqual([0]);
    expect(h.scheduler.status()).toMatchObject({ state: 'synced', lastSyncAt: new Date(T0).toISOString(), unreachableSince: null });
    await vi.advanceTimersByTimeAsync(29_999);
    expect(h.startedAt).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(h.startedAt).toEqual([0, 30_000, 60_000, 90_000]);
    await h.scheduler.stop();
  });

  it('syncs about a second after a local change, once for a burst of changes', async () => {
    const h = harness();
    h.scheduler.start();
    await vi.advanceTimersByTimeAsync(5_000);
    h.scheduler.noteLocalChange();
    await vi.advanceTimersByTimeAsync(400);
    h.scheduler.noteLocalChange();
    h.scheduler.noteLocalChange();
    await vi.advanceTimersByTimeAsync(2_000);
    // The first change set the round 1 s after it; later ones in that second ride along instead of pushing it back.
    expect(h.startedAt).toEqual([0, 6_000]);
    // And the 30 s interval counts from that round.
    await vi.advanceTimersByTimeAsync(30_000);
    expect(h.startedAt).toEqual([0, 6_000, 36_000]);
    await h.scheduler.stop();
  });

  it('never runs two rounds at once: changes and "sync now" during a round make one round after it', async () => {
    const h = harness();
    const slow = deferred<RoundOutcome>();
    h.setBehaviour(() => slow.promise);
    h.scheduler.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(h.scheduler.status().state).toBe('syncing');
    h.scheduler.noteLocalChange();
    const now = h.scheduler.syncNow();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(h.startedAt).toEqual([0]);
    h.setBehaviour(() => Promise.resolve(inStep));
    slow.resolve(inStep);
    const after = await now;
    expect(after.state).toBe('synced');
    expect(h.startedAt).toEqual([0, 120_000]);
    expect(h.maxConcurrent()).toBe(1);
    await h.scheduler.stop();
  });

  it('runs again at once while the hub says there is more (paged rounds)', async () => {
    const h = harness();
    const pages: RoundOutcome[] = [
      { sent: 500, received: 0, inStep: false },
      { sent: 500, received: 0, inStep: false },
      { sent: 12, received: 3, inStep: true },
    ];
    h.setBehaviour(() => Promise.resolve(pages.shift() ?? inStep));
    h.scheduler.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(h.startedAt).toEqual([0, 0, 0]);
    expect(h.scheduler.status().state).toBe('synced');
    await h.scheduler.stop();
  });

  it('backs off exponentially while the hub is unreachable, capped at 1 minute, and says since when', async () => {
    const h = harness();
    h.setBehaviour(() => Promise.reject(new Unreachable('ECONNREFUSED')));
    h.pending.value = 7;
    h.scheduler.start();
    await vi.advanceTimersByTimeAsync(20 * 60_000);
    const gaps = h.startedAt.slice(1).map((at, i) => at - (h.startedAt[i] as number));
    expect(gaps.slice(0, 5)).toEqual([2_000, 4_000, 8_000, 16_000, 32_000]);
    expect(gaps.slice(5).length).toBeGreaterThan(10);
    expect(gaps.slice(5).every((gap) => gap === 60_000)).toBe(true);
    expect(h.scheduler.status()).toEqual({
      state: 'unreachable',
      pending: 7,
      lastSyncAt: null,
      unreachableSince: new Date(T0).toISOString(),
      reason: 'unreachable',
    });
    await h.scheduler.stop();
  });

  it('a local change still tries during backoff, and a success resets it', async () => {
    const h = harness();
    h.setBehaviour(() => Promise.reject(new Unreachable()));
    h.scheduler.start();
    await vi.advanceTimersByTimeAsync(60_000 + 2_000 + 4_000 + 8_000 + 16_000 + 32_000);
    const tried = h.startedAt.length;
    // The next retry is 64 s away; a change tries after the debounce instead.
    h.setBehaviour(() => Promise.resolve(inStep));
    h.scheduler.noteLocalChange();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(h.startedAt).toHaveLength(tried + 1);
    expect(h.scheduler.status()).toMatchObject({ state: 'synced', unreachableSince: null });
    await vi.advanceTimersByTimeAsync(30_000);
    expect(h.startedAt).toHaveLength(tried + 2);
    await h.scheduler.stop();
  });

  it('"sync now" tries at once even while backing off', async () => {
    const h = harness();
    h.setBehaviour(() => Promise.reject(new Unreachable()));
    h.scheduler.start();
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    const tried = h.startedAt.length;
    h.setBehaviour(() => Promise.resolve({ sent: 3, received: 1, inStep: true }));
    expect(await h.scheduler.syncNow()).toMatchObject({ state: 'synced', unreachableSince: null });
    expect(h.startedAt).toHaveLength(tried + 1);
    await h.scheduler.stop();
  });

  it('a refusal shows its reason and is retried with backoff too', async () => {
    const h = harness();
    h.setBehaviour(() => Promise.reject(new Refused()));
    h.scheduler.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(h.scheduler.status()).toMatchObject({ state: 'refused', reason: 'revoked', unreachableSince: null });
    await vi.advanceTimersByTimeAsync(2_000);
    expect(h.startedAt).toEqual([0, 2_000]);
    await h.scheduler.stop();
  });

  it('emits each status change once: syncing, synced, unreachable, synced again, off', async () => {
    const h = harness();
    h.scheduler.start();
    await vi.advanceTimersByTimeAsync(0);
    h.setBehaviour(() => Promise.reject(new Unreachable()));
    await vi.advanceTimersByTimeAsync(30_000);
    h.setBehaviour(() => Promise.resolve(inStep));
    await vi.advanceTimersByTimeAsync(2_000);
    await h.scheduler.stop();
    expect(h.statuses.map((status) => status.state)).toEqual(['syncing', 'synced', 'syncing', 'unreachable', 'syncing', 'synced', 'off']);
    expect(h.statuses[3]).toMatchObject({ unreachableSince: new Date(T0 + 30_000).toISOString() });
  });

  it('reports pending changes as they grow with local edits', async () => {
    const h = harness();
    h.scheduler.start();
    await vi.advanceTimersByTimeAsync(0);
    h.pending.value = 3;
    h.scheduler.noteLocalChange();
    expect(h.statuses.at(-1)).toMatchObject({ state: 'synced', pending: 3 });
    h.pending.value = 0;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(h.statuses.at(-1)).toMatchObject({ state: 'synced', pending: 0 });
    await h.scheduler.stop();
  });

  it('a push from the hub (long poll) brings a round at once, between intervals', async () => {
    const polls: { signal: AbortSignal; answer: (changed: boolean) => void }[] = [];
    const h = harness({ waitForRemote: (signal) => new Promise((resolve) => polls.push({ signal, answer: resolve })) });
    h.scheduler.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(polls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(5_000);
    polls[0]?.answer(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(h.startedAt).toEqual([0, 5_000]);
    // The round aborted nothing it still needed: a fresh poll is open after it.
    expect(polls).toHaveLength(2);
    expect(polls[1]?.signal.aborted).toBe(false);
    h.scheduler.noteLocalChange();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(polls[1]?.signal.aborted).toBe(true);
    await h.scheduler.stop();
  });

  it('a long poll the hub drops after holding it brings a round at once; one refused at once waits for the interval', async () => {
    const polls: { signal: AbortSignal; fail: (error: unknown) => void }[] = [];
    const h = harness({ waitForRemote: (signal) => new Promise((_, reject) => polls.push({ signal, fail: reject })) });
    h.scheduler.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(polls).toHaveLength(1);
    // The hub goes away 10 s into the poll: the round right after finds it unreachable.
    await vi.advanceTimersByTimeAsync(10_000);
    h.setBehaviour(() => Promise.reject(new Unreachable('ECONNREFUSED')));
    polls[0]?.fail(new Unreachable('ECONNRESET'));
    await vi.advanceTimersByTimeAsync(0);
    expect(h.startedAt).toEqual([0, 10_000]);
    expect(h.scheduler.status().state).toBe('unreachable');
    // Back, and in step again: a poll that fails the moment it starts brings no round before the interval.
    h.setBehaviour(() => Promise.resolve(inStep));
    await vi.advanceTimersByTimeAsync(2_000);
    expect(h.startedAt).toEqual([0, 10_000, 12_000]);
    expect(polls).toHaveLength(2);
    polls[1]?.fail(new Unreachable('ECONNRESET'));
    await vi.advanceTimersByTimeAsync(29_999);
    expect(h.startedAt).toEqual([0, 10_000, 12_000]);
    await vi.advanceTimersByTimeAsync(1);
    expect(h.startedAt).toEqual([0, 10_000, 12_000, 42_000]);
    await h.scheduler.stop();
  });

  it('stop ends the timers: no round after it, state off', async () => {
    const h = harness();
    h.scheduler.start();
    await vi.advanceTimersByTimeAsync(0);
    await h.scheduler.stop();
    h.scheduler.noteLocalChange();
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(h.startedAt).toEqual([0]);
    expect(h.scheduler.status().state).toBe('off');
  });
});
