// Mi día: the signed-in technician's open visits (earlier days first, then today's), reloaded on changes.
import type { MyDayDto } from '../../../../electron/contract/myDay';
import { api } from '../../api/client';
import { sessionStore } from '../../stores/sessionStores';

interface MyDayState {
  day: MyDayDto | null;
  loading: boolean;
  error: unknown;
  /** The visit whose Empezar is on its way (its button waits). */
  starting: string | null;
  load(): Promise<void>;
  start(id: string, version: number): Promise<void>;
}

// Each load bumps this; an older answer arriving after a newer one was asked is dropped.
let generation = 0;

export const useMyDay = sessionStore<MyDayState>('myDay', (set, get) => ({
  day: null,
  loading: false,
  error: null,
  starting: null,

  async load() {
    const mine = ++generation;
    set({ loading: true });
    try {
      const day = await api.call('workOrders.myDay', {});
      if (mine === generation) set({ day, loading: false, error: null });
    } catch (error) {
      if (mine === generation) set({ error, loading: false });
    }
  },

  /** Starts the visit; the list is read again whatever happens (a stale version means someone changed it). */
  async start(id, version) {
    set({ starting: id });
    try {
      await api.call('workOrders.start', { id, version });
    } finally {
      set({ starting: null });
      await get().load();
    }
  },
}));
