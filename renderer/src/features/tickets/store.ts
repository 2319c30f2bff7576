// The ticket list: tab + filters + search, keyset pages fetched as the user scrolls, counts per status, the selected row.
import { create } from 'zustand';
import type { InputOf, StatusCounts, TicketPriority, TicketStatus, TicketSummary } from '../../../../electron/contract';
import { api } from '../../api/client';

export const TABS = ['active', 'open', 'in_progress', 'waiting', 'closed', 'all'] as const;
export type Tab = (typeof TABS)[number];

const TAB_STATUSES: Record<Tab, TicketStatus[] | undefined> = {
  active: ['open', 'in_progress', 'waiting'],
  open: ['open'],
  in_progress: ['in_progress'],
  waiting: ['waiting'],
  closed: ['closed'],
  all: undefined,
};

export interface TicketFilters {
  priority: TicketPriority | '';
  /** '' any, 'me', 'unassigned' or a user id. */
  assignee: string;
  categoryId: string;
  customerId: string;
  q: string;
}

export const EMPTY_FILTERS: TicketFilters = { priority: '', assignee: '', categoryId: '', customerId: '', q: '' };
export const PAGE_SIZE = 100;
const MAX_PAGE = 200;

type FilterInput = InputOf<'tickets.counts'>;

export function filterInput(filters: TicketFilters): FilterInput {
  const q = filters.q.trim();
  return {
    ...(filters.priority ? { priority: filters.priority } : {}),
    ...(filters.assignee ? { assignedToId: filters.assignee } : {}),
    ...(filters.categoryId ? { categoryId: filters.categoryId } : {}),
    ...(filters.customerId ? { customerId: filters.customerId } : {}),
    ...(q ? { q } : {}),
  };
}

export function tabCount(counts: StatusCounts | null, tab: Tab): number | null {
  if (!counts) return null;
  const statuses = TAB_STATUSES[tab] ?? (Object.keys(counts) as TicketStatus[]);
  return statuses.reduce((sum, status) => sum + (counts[status] ?? 0), 0);
}

interface TicketListState {
  tab: Tab;
  filters: TicketFilters;
  items: TicketSummary[];
  nextCursor: string | null;
  counts: StatusCounts | null;
  loading: boolean;
  loadingMore: boolean;
  error: unknown;
  selectedIndex: number;
  setTab(tab: Tab): void;
  setFilters(patch: Partial<TicketFilters>): void;
  clearFilters(): void;
  /** `live`: a refresh after a domain event; keeps the selected ticket and as many rows as were loaded (up to 200). */
  reload(options?: { live?: boolean }): Promise<void>;
  loadMore(): Promise<void>;
  select(index: number): void;
  move(delta: number): void;
}

// Each reload bumps this; answers to older requests are dropped so a slow page never overwrites a newer filter.
let generation = 0;

export const useTicketList = create<TicketListState>((set, get) => ({
  tab: 'active',
  filters: EMPTY_FILTERS,
  items: [],
  nextCursor: null,
  counts: null,
  loading: false,
  loadingMore: false,
  error: null,
  selectedIndex: 0,

  setTab(tab) {
    set({ tab, selectedIndex: 0 });
    void get().reload();
  },
  setFilters(patch) {
    set({ filters: { ...get().filters, ...patch }, selectedIndex: 0 });
    void get().reload();
  },
  clearFilters() {
    set({ filters: EMPTY_FILTERS, selectedIndex: 0 });
    void get().reload();
  },

  async reload(options = {}) {
    const mine = ++generation;
    const { tab, filters } = get();
    const filter = filterInput(filters);
    const statuses = TAB_STATUSES[tab];
    const limit = options.live ? Math.min(MAX_PAGE, Math.max(PAGE_SIZE, get().items.length)) : PAGE_SIZE;
    const keepId = options.live ? get().items[get().selectedIndex]?.id : undefined;
    if (!options.live) set({ loading: true, error: null });
    try {
      const [page, counts] = await Promise.all([
        api.call('tickets.list', { ...filter, ...(statuses ? { status: statuses } : {}), limit }),
        api.call('tickets.counts', filter),
      ]);
      if (mine !== generation) return;
      const kept = keepId ? page.items.findIndex((item) => item.id === keepId) : -1;
      const selectedIndex = kept >= 0 ? kept : Math.min(get().selectedIndex, Math.max(0, page.items.length - 1));
      set({ items: page.items, nextCursor: page.nextCursor, counts, loading: false, error: null, selectedIndex });
    } catch (error) {
      if (mine === generation) set({ error, loading: false });
    }
  },

  async loadMore() {
    const { nextCursor, loadingMore, loading, tab, filters } = get();
    if (!nextCursor || loadingMore || loading) return;
    const mine = generation;
    const statuses = TAB_STATUSES[tab];
    set({ loadingMore: true });
    try {
      const page = await api.call('tickets.list', {
        ...filterInput(filters),
        ...(statuses ? { status: statuses } : {}),
        limit: PAGE_SIZE,
        cursor: nextCursor,
      });
      if (mine !== generation) return;
      set({ items: [...get().items, ...page.items], nextCursor: page.nextCursor, loadingMore: false });
    } catch (error) {
      if (mine === generation) set({ error, loadingMore: false });
    }
  },

  select(index) {
    const last = get().items.length - 1;
    set({ selectedIndex: Math.max(0, Math.min(index, last)) });
  },
  move(delta) {
    get().select(get().selectedIndex + delta);
  },
}));
