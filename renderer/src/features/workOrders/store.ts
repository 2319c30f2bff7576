// Work orders: the open OT, the lists (all / dispatch queue), the agenda and the technician directory.
import { create } from 'zustand';
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

export const useWorkOrders = create<WorkOrdersState>((set, get) => ({
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
    set({ listLoading: true, listError: null });
    try {
      const page =
        view === 'queue'
          ? await api.call('workOrders.dispatchQueue', { limit: PAGE, ...cursor })
          : await api.call('workOrders.list', { limit: PAGE, ...cursor, ...(statusFilter.length ? { status: statusFilter } : {}), ...(q ? { q } : {}) });
      // A slower answer for an older search must not replace the current one.
      if (get().query !== query || get().view !== view) return;
      set({ items: more ? [...get().items, ...page.items] : page.items, nextCursor: page.nextCursor, listLoading: false });
    } catch (error) {
      set({ listError: error, listLoading: false });
    }
  },

  async loadDetail(id) {
    try {
      const detail = await api.call('workOrders.get', { id });
      set({ detail, detailError: null });
    } catch (error) {
      set({ detailError: error, detail: get().detail?.id === id ? get().detail : null });
    }
  },

  setDetail(detail) {
    set({ detail, detailError: null });
  },

  async loadTechnicians() {
    const users = await api.call('users.directory', {});
    set({ technicians: users.filter((u) => u.isActive && u.canExecuteWorkOrders) });
  },
}));
