// The idle lock locks at its deadline by the clock, not only when its timer fires: a hidden window's timers fire a
// minute or more late, and the first key or click after the deadline must lock, not keep the session open.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startIdleLock } from '../../renderer/src/app/idleLock';

const MINUTE = 60_000;

function lockWith() {
  const targets = { window: new EventTarget(), document: new EventTarget() };
  const lock = vi.fn();
  const stop = startIdleLock(targets, MINUTE, lock);
  return { targets, lock, stop, fire: (target: EventTarget, name: string) => target.dispatchEvent(new Event(name)) };
}

beforeEach(() => vi.useFakeTimers({ now: new Date('2026-12-04T10:00:00.000Z') }));
afterEach(() => vi.useRealTimers());

describe('the idle lock', () => {
  it('locks a minute after the last activity, each activity moving the deadline', () => {
    const { targets, lock, fire } = lockWith();
    vi.advanceTimersByTime(40_000);
    fire(targets.window, 'keydown');
    vi.advanceTimersByTime(40_000);
    expect(lock).not.toHaveBeenCalled();
    vi.advanceTimersByTime(20_000);
    expect(lock).toHaveBeenCalledTimes(1);
    // Locked once: later events do nothing more.
    fire(targets.window, 'pointerdown');
    vi.advanceTimersByTime(5 * MINUTE);
    expect(lock).toHaveBeenCalledTimes(1);
  });

  it('locks at the first click after the deadline when the timer has not fired (a throttled background window)', () => {
    const { targets, lock, fire } = lockWith();
    // The clock moves on while no timer runs, as in a hidden window.
    vi.setSystemTime(new Date('2026-12-04T10:02:00.000Z'));
    fire(targets.window, 'pointerdown');
    expect(lock).toHaveBeenCalledTimes(1);
  });

  it('locks when the window is seen again after the deadline', () => {
    const { targets, lock, fire } = lockWith();
    vi.setSystemTime(new Date('2026-12-04T10:01:30.000Z'));
    fire(targets.document, 'visibilitychange');
    expect(lock).toHaveBeenCalledTimes(1);
  });

  it('does nothing once stopped (signed out, or the setting changed)', () => {
    const { lock, stop } = lockWith();
    stop();
    vi.advanceTimersByTime(10 * MINUTE);
    expect(lock).not.toHaveBeenCalled();
  });
});
