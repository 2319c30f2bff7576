// The idle lock's clock: locks `idleMs` after the last activity. A hidden window's timers fire late (browsers and
// Electron throttle a background page's timers to about once a minute), so the deadline is also checked against
// the clock when the window is seen or used again: someone coming back after the deadline finds it locked, and the
// activity that would have kept it open does not.
const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'wheel'] as const;

export interface IdleLockTargets {
  /** Where activity and focus are heard (the window). */
  window: EventTarget;
  /** Where visibility changes are heard (the document). */
  document: EventTarget;
}

/** Starts the lock's clock; returns the stop. */
export function startIdleLock(targets: IdleLockTargets, idleMs: number, lock: () => void): () => void {
  let lastActivity = Date.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  function check(): void {
    clearTimeout(timer);
    if (stopped) return;
    const left = lastActivity + idleMs - Date.now();
    if (left > 0) {
      timer = setTimeout(check, left);
      return;
    }
    stop();
    lock();
  }
  function activity(): void {
    if (Date.now() - lastActivity >= idleMs) check();
    else lastActivity = Date.now();
  }
  function stop(): void {
    stopped = true;
    clearTimeout(timer);
    for (const name of ACTIVITY_EVENTS) targets.window.removeEventListener(name, activity);
    targets.window.removeEventListener('focus', check);
    targets.document.removeEventListener('visibilitychange', check);
  }
  for (const name of ACTIVITY_EVENTS) targets.window.addEventListener(name, activity, { passive: true });
  targets.window.addEventListener('focus', check);
  targets.document.addEventListener('visibilitychange', check);
  check();
  return stop;
}
