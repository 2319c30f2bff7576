// Work orders: the open OT, the lists (dispatch queue / Atrasadas / all, with the filters of "Todas"), and the
// technician directory. Filters live here, not in the screen, so they are still set when one comes back from an OT.
import { sessionStore } from '../../stores/sessionStores';
import type { DirectoryUser, OverdueWorkOrderDto, QueuedWorkOrderDto, WorkOrderDetail, WorkOrderDto, WorkOrderStatus, WorkOrderType } from '../../../../electron/contract';
import { addDays, startOfDayIso, type LocalDate } from '../../../../electron/contract/zonedTime';
import { api } from '../../api/client';
import { companyZone } from '../../lib/timeZone';
import { technicianFilterPeople } from './TechnicianPicker';

export type ListView = 'queue' | 'overdue' | 'all';

/** A row of any of the lists: the queue adds priority and town, Atrasadas how late. */
export type ListItem = WorkOrderDto & Partial<Pick<QueuedWorkOrderDto, 'priority' | 'customerTown'> & Pick<OverdueWorkOrderDto, 'overdue'>>;

/** The "Todas" filters besides status and text: technician ('', 'me', 'unassigned' or an id), type, and a period of
 *  company-calendar days on the scheduled date ('yyyy-mm-dd', '' for open-ended). */
export interface ListFilters {
  technicianId: string;
  otType: WorkOrderType | '';
  from: LocalDate | '';
  to: LocalDate | '';
}

const NO_FILTERS: ListFilters = { technicianId: '', otType: '', from: '', to: '' };

/** The channel's period: from the start of `from` to the start of the day after `to`, on the company calendar. */
export function periodOf(filters: ListFilters, zone: string): { from?: string; to?: string } {
  return {
    ...(filters.from ? { from: startOfDayIso(zone, filters.from) } : {}),
    ...(filters.to ? { to: startOfDayIso(zone, addDays(filters.to, 1)) } : {}),
  };
}

interface WorkOrdersState {
  view: ListView;
  statusFilter: WorkOrderStatus[];
  query: string;
  filters: ListFilters;
  /** How many OTs are overdue for this user (the Atrasadas badge); null until known. */
  overdueTotal: number | null;
  items: ListItem[];
  nextCursor: string | null;
  listLoading: boolean;
  listError: unknown;
  detail: WorkOrderDetail | null;
  detailError: unknown;
  /** Who can be given visits (active, may carry out OTs): the pickers that schedule. */
  technicians: DirectoryUser[];
  /** The Técnico filters' people: those, then the deactivated ones (their history and the visits they still hold). */
  filterTechnicians: DirectoryUser[];
  setView(view: ListView): void;
  setStatusFilter(statuses: WorkOrderStatus[]): void;
  setQuery(query: string): void;
  setFilters(filters: Partial<ListFilters>): void;
  clearFilters(): void;
  loadList(more?: boolean): Promise<void>;
  loadOverdueTotal(): Promise<void>;
  loadDetail(id: string): Promise<void>;
  setDetail(detail: WorkOrderDetail): void;
  loadTechnicians(): Promise<void>;
}

const PAGE = 50;
// Each new list (view, filter, search) and each detail request bumps its counter; an older request's answer, arriving
// after a newer one was asked, is dropped (a slow page must never replace the current filter's).
let listGeneration = 0;
let detailGeneration = 0;
let overdueGeneration = 0;

export const useWorkOrders = sessionStore<WorkOrdersState>('workOrders', (set, get) => ({
  view: 'queue',
  statusFilter: [],
  query: '',
  filters: NO_FILTERS,
  overdueTotal: null,
  items: [],
  nextCursor: null,
  listLoading: false,
  listError: null,
  detail: null,
  detailError: null,
  technicians: [],
  filterTechnicians: [],

  setView(view) {
    set({ view, items: [], nextCursor: null });
    void get().loadList();
  },
  setStatusFilter(statuses) {
    set({ statusFilter: statuses, items: [], nextCursor: null });
    void get().loadList();
  },

  setQuery(query) {
    set({ query, nextCursor: null });
    void get().loadList();
  },
  setFilters(filters) {
    set({ filters: { ...get().filters, ...filters }, items: [], nextCursor: null });
    void get().loadList();
  },
  clearFilters() {
    set({ filters: NO_FILTERS, statusFilter: [], query: '', items: [], nextCursor: null });
    void get().loadList();
  },

  async loadList(more = false) {
    const { view, statusFilter, query, filters, nextCursor } = get();
    const q = query.trim();
    const cursor = more && nextCursor ? { cursor: nextCursor } : {};
    const mine = more ? listGeneration : ++listGeneration;
    set({ listLoading: true, listError: null });
    // The badge follows every reload (an OT started or moved elsewhere changes it); its answer is not waited for.
    if (!more) void get().loadOverdueTotal();
    try {
      let page: { items: ListItem[]; nextCursor: string | null };
      if (view === 'queue') page = await api.call('workOrders.dispatchQueue', { limit: PAGE, ...cursor });
      else if (view === 'overdue') page = await api.call('workOrders.overdue', { limit: PAGE, ...cursor });
      else {
        page = await api.call('workOrders.list', {
          limit: PAGE,
          ...cursor,
          ...(statusFilter.length ? { status: statusFilter } : {}),
          ...(q ? { q } : {}),
          ...(filters.technicianId ? { technicianId: filters.technicianId } : {}),
          ...(filters.otType ? { otType: filters.otType } : {}),
          ...periodOf(filters, companyZone()),
        });
      }
      if (mine !== listGeneration) return;
      set({ items: more ? [...get().items, ...page.items] : page.items, nextCursor: page.nextCursor, listLoading: false });
    } catch (error) {
      if (mine === listGeneration) set({ listError: error, listLoading: false });
    }
  },

  async loadOverdueTotal() {
    const mine = ++overdueGeneration;
    try {
      const { total } = await api.call('workOrders.overdue', { limit: 1 });
      if (mine === overdueGeneration) set({ overdueTotal: total });
    } catch {
      // The badge is a hint; the list itself says what went wrong.
    }
  },

  async loadDetail(id) {
    const mine = ++detailGeneration;
    try {
      const detail = await api.call('workOrders.get', { id });
      if (mine === detailGeneration) set({ detail, detailError: null });
    } catch (error) {
      if (mine === detailGeneration) set({ detailError: error, detail: get().detail?.id === id ? get().detail : null });
    }
  },

  setDetail(detail) {
    // An action's answer is newer than any load still on its way.
    detailGeneration += 1;
    set({ detail, detailError: null });
  },

  async loadTechnicians() {
    const people = technicianFilterPeople(await api.call('users.directory', { includeInactive: true }));
    set({ technicians: people.filter((u) => u.isActive), filterTechnicians: people });
  },
}));
