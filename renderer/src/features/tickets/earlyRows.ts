// A fresh open of the ticket list asks for its rows as soon as the session is known, while the screen's code is still
// loading, instead of once the screen has mounted; the screen's own reload then takes that answer (store.ts).
import { useLayoutEffect } from 'react';
import { parseHash } from '../../lib/router';
import { useCan, useSession } from '../../stores/session';
import { useTicketList } from './store';

/** How recent rows the mounting screen takes as they are instead of asking again. */
export const EARLY_ROWS_REUSE_MS = 1000;

/** Call in App after useTechnicianLanding: its layout effect has already sent a technician to Mi día by then. */
export function useEarlyTicketRows(): void {
  const ready = useSession((s) => s.phase === 'ready');
  const canRead = useCan('tickets:read');
  useLayoutEffect(() => {
    if (!ready || !canRead || parseHash(window.location.hash).name !== 'tickets') return;
    const list = useTicketList.getState();
    if (list.items.length === 0) void list.reload();
  }, [ready, canRead]);
}
