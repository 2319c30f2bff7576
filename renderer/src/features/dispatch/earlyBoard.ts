// A fresh open of the dispatch board asks for its first rows the moment the session is known (in the same tick, before
// React draws the layout and mounts the screen), instead of once the screen has mounted; the screen's own load takes
// that answer (boardStore's `reuse`).
import { useEffect } from 'react';
import { allows } from '../../../../electron/contract/access';
import { parseHash } from '../../lib/router';
import { useSession } from '../../stores/session';
import { useDispatchBoard } from './boardStore';

/** Call in App (its effect is in place before the session's bootstrap answers). */
export function useEarlyBoard(): void {
  useEffect(
    () =>
      useSession.subscribe((now, before) => {
        if (now.phase !== 'ready' || before.phase === 'ready' || !now.user) return;
        // The screen is for people who plan (DispatchScreen); a technician sent to Mi día reads no board.
        if (!allows({ isSuperuser: now.user.isSuperuser, permissions: now.permissions }, 'workorders:write')) return;
        if (parseHash(window.location.hash).name !== 'dispatch' || useDispatchBoard.getState().board) return;
        void useDispatchBoard.getState().load();
      }),
    [],
  );
}
