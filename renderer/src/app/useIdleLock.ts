// Locks the UI after the configured idle time, matching the session expiry the main process enforces.
import { useEffect } from 'react';
import { useSession } from '../stores/session';

const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'wheel'] as const;

export function useIdleLock(): void {
  const phase = useSession((s) => s.phase);
  const minutes = useSession((s) => s.settings?.sessionTimeoutMinutes ?? 30);
  const lock = useSession((s) => s.lock);
  useEffect(() => {
    if (phase !== 'ready') return;
    let timer = window.setTimeout(lock, minutes * 60_000);
    const reset = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(lock, minutes * 60_000);
    };
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, reset, { passive: true });
    return () => {
      window.clearTimeout(timer);
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, reset);
    };
  }, [phase, minutes, lock]);
}
