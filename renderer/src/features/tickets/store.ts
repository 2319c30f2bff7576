// The ticket list: tab + filters + search, keyset pages fetched as the user scrolls, counts per status, the selected row.
import { onSessionReset, sessionStore } from '../../stores/sessionStores';
import type { TicketCounts, TicketSummary } from '../../../../electron/contract';
import { api } from '../../api/client';
import { takeEarlyOrCall } from '../../api/earlyCalls';
import { EMPTY_FILTERS, filterInput, FIRST_LIST_VIEW, listInputOf, TAB_STATUSES, type Tab, type TicketFilters } from './filters';

export { EMPTY_FILTERS, TABS, tabCount, type Tab, type TicketFilters } from './filters';

export const SORTS = ['updated_at', 'created_at', 'priority', 'due'] as const;
export type TicketSort = (typeof SORTS)[number];

interface TicketListState {
  tab: Tab;
  sort: TicketSort;
  filters: TicketFilters;
  items: TicketSummary[];
  nextCursor: string | null;
  counts: TicketCounts | null;
  loading: boolean;
  loadingMore: boolean;
  error: unknown;
  selectedIndex: number;
  setTab(tab: Tab): void;
  setSort(sort: TicketSort): void;
  setFilters(patch: Partial<TicketFilters>): void;
  clearFilters(): void;
  /**
   * `live`: a refresh after a domain event; keeps the selected ticket and as many rows as were loaded (up to 200).
   * `unlessWithinMs`: nothing is asked when these same rows arrived less than this long ago (the screen mounting
   * just after the start-up asked for them).
   */
  reload(options?: { live?: boolean; unlessWithinMs?: number }): Promise<void>;
  loadMore(): Promise<void>;
  select(index: number): void;
  move(delta: number): void;
}

export const PAGE_SIZE = 100;
const MAX_PAGE = 200;

// Each reload bumps this; answers to older requests are dropped so a slow page never overwrites a newer filter.
let generation = 0;
// The reload still on its way and what it asked: the same reload again (the screen mounting while the start-up
// already asked for its rows) waits for that answer instead of asking twice.
let pending: { key: string; done: Promise<void> } | null = null;
let loaded: { key: string; at: number } | null = null;
onSessionReset('ticketListPending', () => {
  pending = null;
  loaded = null;
});

export const useTicketList = sessionStore<TicketListState>('ticketList', (set, get) => ({
  ...FIRST_LIST_VIEW,
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
    const { tab, filters, sort } = get();
    const filter = filterInput(filters);
    const limit = options.live ? Math.min(MAX_PAGE, Math.max(PAGE_SIZE, get().items.length)) : PAGE_SIZE;
    const listInput = listInputOf({ tab, filters, sort }, limit);
    const key = JSON.stringify([listInput, options.live === true]);
    if (pending?.key === key) return pending.done;
    if (options.unlessWithinMs !== undefined && loaded?.key === key && Date.now() - loaded.at < options.unlessWithinMs) return;
    const mine = ++generation;
    const keepId = options.live ? get().items[get().selectedIndex]?.id : undefined;
    if (!options.live) set({ loading: true, error: null });
    // Rows first (asked first, answered first): they paint as soon as tickets.list answers; the counts (slower with a
    // search word) fill the tabs when they come, and a failed count leaves the tabs without figures, the rows shown.
    // On a fresh open both were asked for as the page started (app/startCalls.ts): their answers are taken here.
    const rows = takeEarlyOrCall('tickets.list', listInput).then(
      (page) => {
        if (mine !== generation) return;
        const kept = keepId ? page.items.findIndex((item) => item.id === keepId) : -1;
        const selectedIndex = kept >= 0 ? kept : Math.min(get().selectedIndex, Math.max(0, page.items.length - 1));
        set({ items: page.items, nextCursor: page.nextCursor, loading: false, error: null, selectedIndex });
        loaded = { key, at: Date.now() };
      },
      (error: unknown) => {
        if (mine === generation) set({ error, loading: false });
      },
    );
    const counts = takeEarlyOrCall('tickets.counts', filter).then(
      (answer) => {
        if (mine === generation) set({ counts: answer });
      },
      () => undefined,
    );
    const done = Promise.all([rows, counts]).then(() => {
      if (pending?.done === done) pending = null;
    });
    pending = { key, done };
    return done;
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
