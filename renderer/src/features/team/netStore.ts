// Background sync state (sync.status) shared by the sidebar footer and Administración → Equipo.
import { onSessionReset, sessionStore } from '../../stores/sessionStores';
import type { OutputOf } from '../../../../electron/contract';
import { api } from '../../api/client';

export type SyncNetStatus = OutputOf<'sync.status'>;

interface NetStatusState {
  status: SyncNetStatus | null;
  load(): Promise<void>;
}

let inFlight: Promise<void> | null = null;
// A read of a signed-out session never finishes (its answer is dropped): the next session asks afresh.
onSessionReset('netStatusInFlight', () => (inFlight = null));

export const useNetStatus = sessionStore<NetStatusState>('netStatus', (set) => ({
  status: null,
  load() {
    inFlight ??= api
      .call('sync.status', {})
      .then((status) => set({ status }))
      // The footer is a hint: a failed read keeps the last known state instead of showing an error.
      .catch(() => undefined)
      .finally(() => {
        inFlight = null;
      });
    return inFlight;
  },
}));
