// Who is signed in may change under them: an administrator edits their role or account, a team file brings the team's
// account. The sidebar and every guarded button follow at once (the main process enforces either way); a burst of such
// changes, a bundle import say, is read once.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useDomainEvents } from '../lib/live';
import { roleWords } from '../lib/roleWords';
import { useSession } from '../stores/session';
import { toast } from '../stores/toasts';

const BURST_MS = 200;

/** What the person may do, as one comparable text: their role and its permissions. */
function rightsOf(state: ReturnType<typeof useSession.getState>): string {
  const user = state.user;
  return user ? JSON.stringify([user.isSuperuser, user.roleName, [...state.permissions].sort()]) : '';
}

export function useSignedInUserRefresh(): void {
  const { t } = useTranslation();
  const timer = useRef<number | null>(null);
  useDomainEvents(
    (event) => event.entity === 'user' || event.entity === 'role',
    () => {
      if (timer.current !== null) return;
      timer.current = window.setTimeout(() => {
        timer.current = null;
        const before = rightsOf(useSession.getState());
        // A session that ended meanwhile is the API client's to report.
        useSession
          .getState()
          .refreshUser()
          .then(() => {
            // Rights changed under the person (a team file made them Técnico): said, so a screen that now refuses
            // them, or a menu gone, is not a mystery.
            const now = useSession.getState();
            if (!now.user || rightsOf(now) === before) return;
            toast.info(t('account.rightsChanged', { role: roleWords(t, now.user) ?? t('account.noRole') }));
          })
          .catch(() => undefined);
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
