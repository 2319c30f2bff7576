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

const page = (ids: string[]) => ({ items: ids.map((id) => ({ id })), nextCursor: null });
const COUNTS = { counts: { open: 2, in_progress: 0, waiting: 0, closed: 0 }, capped: [] };

/** What startCalls.ts sends for a fresh open of the list. */
function startAsAFreshOpen(): void {
  const view = filters.FIRST_LIST_VIEW as { filters: unknown };
  early.startEarlyCall('tickets.list', filters.listInputOf(view, pageSize));
  early.startEarlyCall('tickets.counts', filters.filterInput(view.filters));
}

beforeAll(async () => {
  (globalThis as unknown as { window: unknown }).window = fakeWindow;
  const store = (await import('../../renderer/src/features/tickets/store' as string)) as { useTicketList: typeof list; PAGE_SIZE: number };
  list = store.useTicketList;
  pageSize = store.PAGE_SIZE;
  early = (await import('../../renderer/src/api/earlyCalls' as string)) as EarlyCalls;
  filters = (await import('../../renderer/src/features/tickets/filters' as string)) as Filters;
  ({ resetSessionStores } = (await import('../../renderer/src/stores/sessionStores' as string)) as { resetSessionStores: () => void });
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
});
