// The team status every screen shares: the sidebar sync line, the conflicts badge and Administración → Equipo.
import { onSessionReset, sessionStore } from '../../stores/sessionStores';
import type { OutputOf } from '../../../../electron/contract';
import { api } from '../../api/client';
import { freshRead } from '../../lib/freshRead';

export type TeamStatus = OutputOf<'team.status'>;
export type TeamMember = TeamStatus['members'][number];

interface TeamStatusState {
  status: TeamStatus | null;
  error: unknown;
  load(): Promise<void>;
}

// Several triggers (events, the 30 s timer, a screen opening) may ask at once: no answer older than the last ask.
const reads = freshRead(() =>
  api
    .call('team.status', {})
    .then((status) => useTeamStatus.setState({ status, error: null }))
    .catch((error: unknown) => useTeamStatus.setState({ error })),
);
// A read of a signed-out session never finishes (its answer is dropped): the next session asks afresh.
onSessionReset('teamStatusInFlight', () => reads.reset());

export const useTeamStatus = sessionStore<TeamStatusState>('teamStatus', () => ({ status: null, error: null, load: () => reads.run() }));
