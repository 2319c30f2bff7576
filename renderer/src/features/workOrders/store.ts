// Work orders: the open OT, the lists (all / dispatch queue), the agenda and the technician directory.
import { sessionStore } from '../../stores/sessionStores';
import type { DirectoryUser, WorkOrderDetail, WorkOrderDto, WorkOrderStatus } from '../../../../electron/contract';
import { api } from '../../api/client';

export type ListView = 'queue' | 'all';

interface WorkOrdersState {
  view: ListView;
  statusFilter: WorkOrderStatus[];
  query: string;
  items: WorkOrderDto[];
  nextCursor: string | null;
  listLoading: boolean;
  listError: unknown;
  detail: WorkOrderDetail | null;
  detailError: unknown;
  technicians: DirectoryUser[];
  setView(view: ListView): void;
  setStatusFilter(statuses: WorkOrderStatus[]): void;
  setQuery(query: string): void;
  loadList(more?: boolean): Promise<void>;
  loadDetail(id: string): Promise<void>;
  setDetail(detail: WorkOrderDetail): void;
  loadTechnicians(): Promise<void>;
}

const PAGE = 50;
// Each new list (view, filter, search) and each detail request bumps its counter; an older request's answer, arriving
// after a newer one was asked, is dropped (a slow page must never replace the current filter's).
let listGeneration = 0;
let detailGeneration = 0;

export const useWorkOrders = sessionStore<WorkOrdersState>('workOrders', (set, get) => ({
  view: 'queue',
  statusFilter: [],
  query: '',
  items: [],
  nextCursor: null,
  listLoading: false,
  listError: null,
  detail: null,
  detailError: null,
  technicians: [],

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

  async loadList(more = false) {
    const { view, statusFilter, query, nextCursor } = get();
    const q = query.trim();
    const cursor = more && nextCursor ? { cursor: nextCursor } : {};
    const mine = more ? listGeneration : ++listGeneration;
    set({ listLoading: true, listError: null });
    try {
      const page =
        view === 'queue'
          ? await api.call('workOrders.dispatchQueue', { limit: PAGE, ...cursor })
          : await api.call('workOrders.list', { limit: PAGE, ...cursor, ...(statusFilter.length ? { status: statusFilter } : {}), ...(q ? { q } : {}) });
      if (mine !== listGeneration) return;
      set({ items: more ? [...get().items, ...page.items] : page.items, nextCursor: page.nextCursor, listLoading: false });
    } catch (error) {
      if (mine === listGeneration) set({ listError: error, listLoading: false });
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
    const users = await api.call('users.directory', {});
    set({ technicians: users.filter((u) => u.isActive && u.canExecuteWorkOrders) });
  },
}));
