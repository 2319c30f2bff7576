// A fresh open asks for the session and the list's first rows as the page starts (renderer/src/app/startCalls.ts):
// the list store takes those answers instead of asking again, each only once, and none after the session turned out
// not to be signed in (issue 17, fresh open of the list).
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { answerableWindow } from './answerable-window';

const { calls, window: fakeWindow, asked } = answerableWindow();

/** What this test uses of the list store and the early calls (typed here: the renderer's own types need the DOM library). */
interface ListState {
  items: { id: string }[];
  counts: { counts: Record<string, number>; capped: string[] } | null;
  reload(options?: { unlessWithinMs?: number }): Promise<void>;
}
interface EarlyCalls {
  startEarlyCall(channel: string, input: unknown): void;
  forgetEarlyCalls(): void;
}
interface Filters {
  FIRST_LIST_VIEW: unknown;
  listInputOf(view: unknown, limit: number): unknown;
  filterInput(filters: unknown): unknown;
}
let list: { getState(): ListState };
let early: EarlyCalls;
let filters: Filters;
let pageSize: number;
let resetSessionStores: () => void;
interface BoardState {
  mode: 'day' | 'week';
  anchor: string | null;
  board: { technicians: unknown[] } | null;
  load(): Promise<void>;
}
let boardStore: { getState(): BoardState; setState(state: Partial<BoardState>): void };
let windowDays: (state: Pick<BoardState, 'mode' | 'anchor'>) => string[];
let firstRowsInput: (days: string[]) => { from: string; to: string; rows: { offset: number; limit: number } };

const page = (ids: string[]) => ({ items: ids.map((id) => ({ id })), nextCursor: null });
const COUNTS = { counts: { open: 2, in_progress: 0, waiting: 0, closed: 0 }, capped: [] };

/** What startCalls.ts sends for a fresh open of the list. */
function startAsAFreshOpen(): void {
  const view = filters.FIRST_LIST_VIEW as { filters: unknown };
  early.startEarlyCall('tickets.list', filters.listInputOf(view, pageSize));
  early.startEarlyCall('tickets.counts', filters.filterInput(view.filters));
}

beforeAll(async () => {
  // The board's store reads the company zone from the session store, which brings the translations (their language
  // is kept in localStorage).
  const localStorage = { getItem: () => null, setItem: () => undefined };
  Object.assign(globalThis, { window: fakeWindow, localStorage, document: { documentElement: {} } });
  Object.defineProperty(globalThis, 'navigator', { value: { language: 'es-ES' }, configurable: true });
  const store = (await import('../../renderer/src/features/tickets/store' as string)) as { useTicketList: typeof list; PAGE_SIZE: number };
  list = store.useTicketList;
  pageSize = store.PAGE_SIZE;
  early = (await import('../../renderer/src/api/earlyCalls' as string)) as EarlyCalls;
  filters = (await import('../../renderer/src/features/tickets/filters' as string)) as Filters;
  ({ resetSessionStores } = (await import('../../renderer/src/stores/sessionStores' as string)) as { resetSessionStores: () => void });
  ({ useDispatchBoard: boardStore, windowDays } = (await import('../../renderer/src/features/dispatch/boardStore' as string)) as {
    useDispatchBoard: typeof boardStore;
    windowDays: typeof windowDays;
  });
  ({ firstRowsInput } = (await import('../../renderer/src/features/dispatch/boardRows' as string)) as { firstRowsInput: typeof firstRowsInput });
});

beforeEach(() => {
  resetSessionStores();
  early.forgetEarlyCalls();
  calls.length = 0;
});

describe('early calls of a fresh open', () => {
  it('the list store takes the rows and counts asked for at start, asking nothing more', async () => {
    startAsAFreshOpen();
    expect(calls.map((call) => call.channel)).toEqual(['tickets.list', 'tickets.counts']);
    asked('tickets.list')[0]?.answer(page(['a', 'b']));
    asked('tickets.counts')[0]?.answer(COUNTS);
    await list.getState().reload();
    expect(calls).toHaveLength(2);
    expect(list.getState().items.map((item) => item.id)).toEqual(['a', 'b']);
    expect(list.getState().counts).toEqual(COUNTS);
  });

  it('an early answer is taken once: the next reload asks again', async () => {
    startAsAFreshOpen();
    asked('tickets.list')[0]?.answer(page(['a']));
    asked('tickets.counts')[0]?.answer(COUNTS);
    await list.getState().reload();
    void list.getState().reload();
    expect(asked('tickets.list')).toHaveLength(2);
  });

  it('nothing asked at start is reused once the session turned out not to be signed in', () => {
    startAsAFreshOpen();
    early.forgetEarlyCalls();
    void list.getState().reload();
    expect(asked('tickets.list')).toHaveLength(2);
    expect(asked('tickets.counts')).toHaveLength(2);
  });

  it('an early call for other rows (another tab) is not taken by this reload', () => {
    early.startEarlyCall('tickets.list', filters.listInputOf({ tab: 'closed', filters: (filters.FIRST_LIST_VIEW as { filters: unknown }).filters, sort: 'updated_at' }, pageSize));
    void list.getState().reload();
    expect(asked('tickets.list')).toHaveLength(2);
  });

  it("the board's store takes its first rows asked for at start, and only for the same window", async () => {
    const board = (from: string, to: string) => ({ from, to, timeZone: 'Europe/Madrid', technicians: [{ id: 't1' }], rows: { offset: 0, limit: 12 }, workOrders: [], customers: [], clashes: [] });
    const thisWeek = firstRowsInput(windowDays(boardStore.getState()));
    early.startEarlyCall('workOrders.board', thisWeek);
    const loaded = boardStore.getState().load();
    expect(asked('workOrders.board')).toHaveLength(1);
    asked('workOrders.board')[0]?.answer(board(thisWeek.from, thisWeek.to));
    await loaded;
    expect(boardStore.getState().board?.technicians).toEqual([{ id: 't1' }]);

    // Another window (the day view) was on screen by the time the board loads: the early week is not taken.
    resetSessionStores();
    calls.length = 0;
    early.startEarlyCall('workOrders.board', thisWeek);
    boardStore.setState({ mode: 'day' });
    void boardStore.getState().load();
    expect(asked('workOrders.board')).toHaveLength(2);
    expect(asked('workOrders.board')[1]?.input).toEqual(firstRowsInput(windowDays({ mode: 'day', anchor: null })));
  });

  it('the board reads its later technicians a part at a time, one read after another, painting each part as it comes', async () => {
    boardStore.setState({ mode: 'week', board: null });
    const days = windowDays(boardStore.getState());
    const technicians = Array.from({ length: 50 }, (_, i) => ({ id: `t${i}` }));
    const part = (offset: number, limit: number) => ({
      from: days[0], to: days[days.length - 1], timeZone: 'Europe/Madrid', technicians, rows: { offset, limit },
      workOrders: [{ id: `wo${offset}`, customer: 0 }], customers: [{ id: `c${offset}` }], clashes: [],
    });
    const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
    const shown = () => boardStore.getState().board as unknown as { workOrders: { id: string; customer: number }[]; customers: { id: string }[] };
    const loaded = boardStore.getState().load();
    const reads = () => asked('workOrders.board');
    expect(reads().map((read) => read.input)).toEqual([firstRowsInput(days)]);
    reads()[0]?.answer(part(0, 12));
    await settle();
    expect(shown().workOrders.map((wo) => wo.id)).toEqual(['wo0']);
    // The next part is asked for only once the one before has answered.
    expect(reads().map((read) => (read.input as { rows: unknown }).rows)).toEqual([{ offset: 0, limit: 12 }, { offset: 12, limit: 20 }]);
    reads()[1]?.answer(part(12, 20));
    await settle();
    expect(shown().workOrders.map((wo) => wo.id)).toEqual(['wo0', 'wo12']);
    expect((reads()[2]?.input as { rows: unknown }).rows).toEqual({ offset: 32, limit: 20 });
    reads()[2]?.answer(part(32, 20));
    await loaded;
    expect(reads()).toHaveLength(3);
    // Each part names its customers by its own list: joined, the indexes follow the whole list.
    expect(shown().workOrders).toEqual([{ id: 'wo0', customer: 0 }, { id: 'wo12', customer: 1 }, { id: 'wo32', customer: 2 }]);
    expect(shown().customers.map((c) => c.id)).toEqual(['c0', 'c12', 'c32']);
  });

  it('technicians changed between two parts: the parts are read again, not the whole week in one read', async () => {
    boardStore.setState({ mode: 'week', board: null });
    const days = windowDays(boardStore.getState());
    const before = Array.from({ length: 20 }, (_, i) => ({ id: `t${i}` }));
    const after = [...before, { id: 'new' }];
    const part = (technicians: { id: string }[], offset: number, limit: number) => ({
      from: days[0], to: days[days.length - 1], timeZone: 'Europe/Madrid', technicians, rows: { offset, limit },
      workOrders: [{ id: `wo${offset}-${technicians.length}`, customer: null }], customers: [], clashes: [],
    });
    const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
    const loaded = boardStore.getState().load();
    const reads = () => asked('workOrders.board');
    reads()[0]?.answer(part(before, 0, 12));
    await settle();
    // Someone added a technician before the second part was read: it cannot be joined to the first.
    reads()[1]?.answer(part(after, 12, 20));
    await settle();
    expect(reads().map((read) => (read.input as { rows?: unknown }).rows)).toEqual([
      { offset: 0, limit: 12 },
      { offset: 12, limit: 20 },
      { offset: 0, limit: 12 },
    ]);
    reads()[2]?.answer(part(after, 0, 12));
    await settle();
    reads()[3]?.answer(part(after, 12, 20));
    await loaded;
    expect(reads().every((read) => (read.input as { rows?: unknown }).rows !== undefined)).toBe(true);
    const shown = boardStore.getState().board as unknown as { technicians: unknown[]; workOrders: { id: string }[] };
    expect(shown.technicians).toHaveLength(21);
    expect(shown.workOrders.map((wo) => wo.id)).toEqual(['wo0-21', 'wo12-21']);
  });
});
