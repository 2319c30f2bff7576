// Who is signed in may change under them: an administrator edits their role or account, a team file brings the team's
// account. The sidebar and every guarded button follow at once (the main process enforces either way); a burst of such
// changes, a bundle import say, is read once.
import { useEffect, useRef } from 'react';
import { useDomainEvents } from '../lib/live';
import { useSession } from '../stores/session';

const BURST_MS = 200;

export function useSignedInUserRefresh(): void {
  const timer = useRef<number | null>(null);
  useDomainEvents(
    (event) => event.entity === 'user' || event.entity === 'role',
    () => {
      if (timer.current !== null) return;
      timer.current = window.setTimeout(() => {
        timer.current = null;
        // A session that ended meanwhile is the API client's to report.
        useSession.getState().refreshUser().catch(() => undefined);
      }, BURST_MS);
    },
  );
  useEffect(
    () => () => {
      if (timer.current !== null) window.clearTimeout(timer.current);
    },
    [],
  );
}
