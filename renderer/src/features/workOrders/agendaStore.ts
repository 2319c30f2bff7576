// The agenda: a day or week window, whose agenda (mine, one technician's, or everyone's), and its OTs.
import { sessionStore } from '../../stores/sessionStores';
import type { WorkOrderDto } from '../../../../electron/contract';
import { api } from '../../api/client';
import { agendaRange, type AgendaMode } from './dates';

export type { AgendaMode } from './dates';

interface AgendaState {
  mode: AgendaMode;
  /** Any instant inside the shown window. */
  anchor: Date;
  /** 'me', a user id, or '' for every technician (dispatchers only). */
  technicianId: string;
  items: WorkOrderDto[];
  loading: boolean;
  error: unknown;
  setMode(mode: AgendaMode): void;
  shift(steps: number): void;
  today(): void;
  setTechnician(id: string): void;
  load(): Promise<void>;
}

// Each load bumps this; an older window's answer arriving after a newer one was asked is dropped.
let generation = 0;

export const useAgenda = sessionStore<AgendaState>('agenda', (set, get) => ({
  mode: 'week',
  anchor: new Date(),
  // Dispatchers start with everyone's agenda; the screen switches technicians to 'me'.
  technicianId: '',
  items: [],
  loading: false,
  error: null,

  setMode(mode) {
    set({ mode });
    void get().load();
  },
  shift(steps) {
    const { mode, anchor } = get();
    const next = new Date(anchor);
    next.setDate(next.getDate() + steps * (mode === 'week' ? 7 : 1));
    set({ anchor: next });
    void get().load();
  },
  today() {
    set({ anchor: new Date() });
    void get().load();
  },
  setTechnician(technicianId) {
    set({ technicianId });
    void get().load();
  },

  async load() {
    const { mode, anchor, technicianId } = get();
    const { from, to } = agendaRange(mode, anchor);
    const mine = ++generation;
    set({ loading: true, error: null });
    try {
      const items = await api.call('workOrders.agenda', {
        from,
        to,
        ...(technicianId ? { technicianId } : {}),
      });
      if (mine === generation) set({ items, loading: false });
    } catch (error) {
      if (mine === generation) set({ error, loading: false });
    }
  },
}));
