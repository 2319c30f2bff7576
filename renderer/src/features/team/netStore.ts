// Background sync state (sync.status) shared by the sidebar footer and Administración → Equipo.
import { create } from 'zustand';
import type { OutputOf } from '../../../../electron/contract';
import { api } from '../../api/client';

export type SyncNetStatus = OutputOf<'sync.status'>;

interface NetStatusState {
  status: SyncNetStatus | null;
  load(): Promise<void>;
}

let inFlight: Promise<void> | null = null;

export const useNetStatus = create<NetStatusState>((set) => ({
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
