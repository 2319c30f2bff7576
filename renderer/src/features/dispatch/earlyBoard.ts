// The dispatch board's first rows are asked for the moment the board is opened, before React draws the layout and
// mounts the screen: on a fresh open once the session is known (in the same tick), and in the running app at the hash
// change (while the screen's code may still be loading). The screen's own load takes that answer (boardStore's `reuse`).
import { useEffect } from 'react';
import { allows } from '../../../../electron/contract/access';
import { parseHash } from '../../lib/router';
import { useSession } from '../../stores/session';
import { useDispatchBoard } from './boardStore';

function readIfOnBoard(): void {
  const { phase, user, permissions } = useSession.getState();
  if (phase !== 'ready' || !user) return;
  // The screen is for people who plan (DispatchScreen); a technician sent to Mi día reads no board.
  if (!allows({ isSuperuser: user.isSuperuser, permissions }, 'workorders:write')) return;
  if (parseHash(window.location.hash).name !== 'dispatch') return;
  void useDispatchBoard.getState().load({ reuse: true });
}

/** Call in App (its effects are in place before the session's bootstrap answers). */
export function useEarlyBoard(): void {
  useEffect(() => {
    const unsubscribe = useSession.subscribe((now, before) => {
      if (now.phase === 'ready' && before.phase !== 'ready') readIfOnBoard();
    });
    window.addEventListener('hashchange', readIfOnBoard);
    return () => {
      unsubscribe();
      window.removeEventListener('hashchange', readIfOnBoard);
    };
  }, []);
}
