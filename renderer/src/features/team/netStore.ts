// Background sync state (sync.status) shared by the sidebar footer and Administración → Equipo.
import { onSessionReset, sessionStore } from '../../stores/sessionStores';
import type { OutputOf } from '../../../../electron/contract';
import { api } from '../../api/client';
import { freshRead } from '../../lib/freshRead';

export type SyncNetStatus = OutputOf<'sync.status'>;

interface NetStatusState {
  status: SyncNetStatus | null;
  load(): Promise<void>;
  /** One round with the hub now (the footer's Reintentar, Equipo's Sincronizar ahora); the state it ends in. */
  syncNow(): Promise<SyncNetStatus>;
}

const reads = freshRead(() =>
  api
    .call('sync.status', {})
    .then((status) => useNetStatus.setState({ status }))
    // The footer is a hint: a failed read keeps the last known state instead of showing an error.
    .catch(() => undefined),
);
// A read of a signed-out session never finishes (its answer is dropped): the next session asks afresh.
onSessionReset('netStatusInFlight', () => reads.reset());

export const useNetStatus = sessionStore<NetStatusState>('netStatus', () => ({
  status: null,
  load: () => reads.run(),
  async syncNow() {
    const status = await api.call('sync.now', {});
    useNetStatus.setState({ status });
    return status;
  },
}));
