// The agenda: a day or week window, whose agenda (mine, one technician's, or everyone's), its OTs, and that person's
// overdue visits (Atrasadas), which are listed first whatever window is shown.
import { sessionStore } from '../../stores/sessionStores';
import type { OverdueWorkOrderDto, WorkOrderDto } from '../../../../electron/contract';
import { api } from '../../api/client';
import type { LocalDate } from '../../../../electron/contract/zonedTime';
import { calendarWindowActions } from '../../lib/calendarWindow';
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
  /** The first overdue OTs of this agenda's person (everyone's for '') and how many there are. */
  overdue: OverdueWorkOrderDto[];
  overdueTotal: number;
  loading: boolean;
  error: unknown;
  setMode(mode: AgendaMode, day?: LocalDate | null): void;
  shift(steps: number): void;
  today(): void;
  setTechnician(id: string): void;
  load(): Promise<void>;
  loadOverdue(): Promise<void>;
}

/** The agenda lists this many overdue OTs at most; the rest are counted and wait in Órdenes de trabajo → Atrasadas. */
const OVERDUE_SHOWN = 100;

// Each load bumps this; an older window's answer arriving after a newer one was asked is dropped.
let generation = 0;
let overdueGeneration = 0;

export const useAgenda = sessionStore<AgendaState>('agenda', (set, get) => ({
  mode: 'week',
  anchor: null,
  // Dispatchers start with everyone's agenda; the screen switches technicians to 'me'.
  technicianId: '',
  items: [],
  overdue: [],
  overdueTotal: 0,
  loading: false,
  error: null,

  ...calendarWindowActions(set, get),
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
    // Not awaited: the days show as soon as they arrive; the overdue list follows the same person, not the window.
    void get().loadOverdue();
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

  async loadOverdue() {
    const { technicianId } = get();
    const mine = ++overdueGeneration;
    try {
      const page = await api.call('workOrders.overdue', { limit: OVERDUE_SHOWN, ...(technicianId ? { technicianId } : {}) });
      if (mine === overdueGeneration) set({ overdue: page.items, overdueTotal: page.total });
    } catch {
      // The days' own load reports errors; a failed overdue read keeps the last list rather than blanking it.
    }
  },
}));
