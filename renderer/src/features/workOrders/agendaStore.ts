// The agenda: a day or week window, whose agenda (mine, one technician's, or everyone's), and its OTs.
import { sessionStore } from '../../stores/sessionStores';
import type { WorkOrderDto } from '../../../../electron/contract';
import { api } from '../../api/client';
import { addDays, type LocalDate } from '../../../../electron/contract/zonedTime';
import { companyZone } from '../../lib/timeZone';
import { agendaRange, todayIn, type AgendaMode } from './dates';

export type { AgendaMode } from './dates';

interface AgendaState {
  mode: AgendaMode;
  /** Any company-calendar day inside the shown window; null means today. */
  anchor: LocalDate | null;
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
  anchor: null,
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
    // Whole calendar days, not 24-hour steps: a 23- or 25-hour day never skips or repeats a date.
    set({ anchor: addDays(anchor ?? todayIn(companyZone()), steps * (mode === 'week' ? 7 : 1)) });
    void get().load();
  },
  today() {
    set({ anchor: null });
    void get().load();
  },
  setTechnician(technicianId) {
    set({ technicianId });
    void get().load();
  },

  async load() {
    const { mode, anchor, technicianId } = get();
    const zone = companyZone();
    const { from, to } = agendaRange(mode, anchor ?? todayIn(zone), zone);
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
