// Locks the UI after the configured idle time, matching the session expiry the main process enforces.
import { useEffect } from 'react';
import { useSession } from '../stores/session';
import { startIdleLock } from './idleLock';

export function useIdleLock(): void {
  const phase = useSession((s) => s.phase);
  const minutes = useSession((s) => s.settings?.sessionTimeoutMinutes ?? 30);
  const lock = useSession((s) => s.lock);
  useEffect(() => {
    if (phase !== 'ready') return;
    return startIdleLock({ window, document }, minutes * 60_000, lock);
  }, [phase, minutes, lock]);
}
