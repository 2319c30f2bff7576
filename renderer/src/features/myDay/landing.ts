// Technicians (may carry out OTs, may not plan them) start on Mi día; everyone else keeps the default screen.
import { useLayoutEffect } from 'react';
import { hrefFor } from '../../lib/router';
import { useCan, useSession } from '../../stores/session';

/** No screen named in the address: what a fresh start or a sign-in after sign-out looks like. */
const isBare = (hash: string) => hash === '' || hash === '#' || hash === '#/';

export function useTechnicianLanding(): void {
  const ready = useSession((s) => s.phase === 'ready');
  const executes = useCan('workorders:execute');
  const plans = useCan('workorders:write');
  // Before paint, so the technician never sees the ticket list flash by.
  useLayoutEffect(() => {
    if (ready && executes && !plans && isBare(window.location.hash)) window.location.replace(hrefFor({ name: 'myDay' }));
  }, [ready, executes, plans]);
}
