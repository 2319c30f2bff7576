// The team status every screen shares: the sidebar sync line, the conflicts badge and Administración → Equipo.
import { onSessionReset, sessionStore } from '../../stores/sessionStores';
import type { OutputOf } from '../../../../electron/contract';
import { api } from '../../api/client';

export type TeamStatus = OutputOf<'team.status'>;
export type TeamMember = TeamStatus['members'][number];

interface TeamStatusState {
  status: TeamStatus | null;
  error: unknown;
  load(): Promise<void>;
}

// Several triggers (events, the 30 s timer, a screen opening) may ask at once: one call answers them all.
let inFlight: Promise<void> | null = null;
// A read of a signed-out session never finishes (its answer is dropped): the next session asks afresh.
onSessionReset('teamStatusInFlight', () => (inFlight = null));

export const useTeamStatus = sessionStore<TeamStatusState>('teamStatus', (set) => ({
  status: null,
  error: null,
  load() {
    inFlight ??= api
      .call('team.status', {})
      .then((status) => set({ status, error: null }))
      .catch((error: unknown) => set({ error }))
      .finally(() => {
        inFlight = null;
      });
    return inFlight;
  },
}));
