// The ticket list: tab + filters + search, keyset pages fetched as the user scrolls, counts per status, the selected row.
import { sessionStore } from '../../stores/sessionStores';
import type { StatusCounts, TicketSummary } from '../../../../electron/contract';
import { api } from '../../api/client';
import { EMPTY_FILTERS, filterInput, TAB_STATUSES, type Tab, type TicketFilters } from './filters';

export { EMPTY_FILTERS, TABS, tabCount, type Tab, type TicketFilters } from './filters';

export const SORTS = ['updated_at', 'created_at', 'priority', 'due'] as const;
export type TicketSort = (typeof SORTS)[number];

interface TicketListState {
  tab: Tab;
  sort: TicketSort;
  filters: TicketFilters;
  items: TicketSummary[];
  nextCursor: string | null;
  counts: StatusCounts | null;
  loading: boolean;
  loadingMore: boolean;
  error: unknown;
  selectedIndex: number;
  setTab(tab: Tab): void;
  setSort(sort: TicketSort): void;
  setFilters(patch: Partial<TicketFilters>): void;
  clearFilters(): void;
  /** `live`: a refresh after a domain event; keeps the selected ticket and as many rows as were loaded (up to 200). */
  reload(options?: { live?: boolean }): Promise<void>;
  loadMore(): Promise<void>;
  select(index: number): void;
  move(delta: number): void;
}

export const PAGE_SIZE = 100;
const MAX_PAGE = 200;

// Each reload bumps this; answers to older requests are dropped so a slow page never overwrites a newer filter.
let generation = 0;

export const useTicketList = sessionStore<TicketListState>('ticketList', (set, get) => ({
  tab: 'active',
  sort: 'updated_at',
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
  setSort(sort) {
    set({ sort, selectedIndex: 0 });
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
    const { tab, filters, sort } = get();
    const filter = filterInput(filters);
    const statuses = TAB_STATUSES[tab];
    const limit = options.live ? Math.min(MAX_PAGE, Math.max(PAGE_SIZE, get().items.length)) : PAGE_SIZE;
    const keepId = options.live ? get().items[get().selectedIndex]?.id : undefined;
    if (!options.live) set({ loading: true, error: null });
    try {
      const [page, counts] = await Promise.all([
        api.call('tickets.list', { ...filter, ...(statuses ? { status: statuses } : {}), sort, limit }),
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
    const { nextCursor, loadingMore, loading, tab, filters, sort } = get();
    if (!nextCursor || loadingMore || loading) return;
    const mine = generation;
    const statuses = TAB_STATUSES[tab];
    set({ loadingMore: true });
    try {
      const page = await api.call('tickets.list', {
        ...filterInput(filters),
        ...(statuses ? { status: statuses } : {}),
        sort,
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
