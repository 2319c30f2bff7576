// Issue 17: the open ticket's timeline in the renderer. A note's reply (event + header) joins what is shown; a fresh
// read (a live event from another window or a sync) keeps the older pages already loaded when it reaches them and
// replaces the timeline when it does not (never a hole); "Ver anteriores" prepends the page before the oldest shown.
// The real detail store runs in Node against a fake window.emerald bridge answering like the backend.
import path from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TicketDetail, TimelineAddition, TimelineEventDto, TimelinePage } from '../../electron/contract';
import { compareEvents, withAddition, withFreshDetail, withOlderPage } from '../../renderer/src/features/tickets/timelineMerge';

const TICKET_ID = '0190a000-0000-7000-8000-00000000000a';
const PAGE = 5;

/** The server's timeline: events 0..n-1, one a minute, two sharing each instant (so the id orders them). */
let history: TimelineEventDto[] = [];
const eventAt = (i: number): TimelineEventDto => ({
  id: `0190a000-0000-7000-8000-${String(i).padStart(12, '0')}`,
  ticketId: TICKET_ID,
  eventType: 'note',
  content: `Nota ${i}`,
  metaData: null,
  author: null,
  createdAt: new Date(Date.UTC(2026, 2, 2, 9, Math.floor(i / 2))).toISOString(),
});
const grow = (n: number) => {
  for (let i = 0; i < n; i++) history.push(eventAt(history.length));
};
const cursorOf = (index: number) => `before-${index}`;
/** The PAGE events before index `end` (exclusive), as tickets.timeline answers. */
const pageBefore = (end: number): TimelinePage => {
  const start = Math.max(0, end - PAGE);
  return { items: history.slice(start, end), olderCursor: start > 0 ? cursorOf(start) : null };
};
const detail = (overrides: Partial<TicketDetail> = {}): TicketDetail => {
  const latest = pageBefore(history.length);
  return {
    id: TICKET_ID,
    code: 'TK-2026-000001',
    formerCodes: [],
    title: 'Caldera',
    status: 'open',
    priority: 'medium',
    category: null,
    customer: null,
    assignedTo: null,
    createdAt: '2026-03-02T09:00:00.000Z',
    updatedAt: history.at(-1)?.createdAt ?? '2026-03-02T09:00:00.000Z',
    version: 1,
    sla: null,
    description: '',
    creator: null,
    customerDetail: null,
    resolution: null,
    closedAt: null,
    timeline: latest.items,
    timelineOlderCursor: latest.olderCursor,
    workOrders: [],
    slaClocks: {} as TicketDetail['slaClocks'],
    ...overrides,
  };
};
const ids = (events: readonly TimelineEventDto[]) => events.map((event) => event.content);
const wholeHistory = () => ids(history);

const fakeWindow = {
  emerald: {
    invoke: async (channel: string, input: Record<string, unknown>) => {
      if (channel === 'tickets.get') return { ok: true, value: detail() };
      if (channel === 'tickets.timeline') return { ok: true, value: pageBefore(Number(String(input.before).slice('before-'.length))) };
      if (channel === 'tickets.addNote') {
        grow(1);
        const event = { ...(history.at(-1) as TimelineEventDto), content: String(input.content) };
        history[history.length - 1] = event;
        const { timeline: _t, timelineOlderCursor: _c, description: _d, creator: _cr, customerDetail: _cd, resolution: _r, closedAt: _ca, workOrders: _w, formerCodes: _f, ...header } = detail();
        return { ok: true, value: { event, ticket: header } satisfies TimelineAddition };
      }
      return { ok: false, error: { code: 'NOT_FOUND', message: channel } };
    },
    on: () => () => undefined,
  },
  location: { hash: '', pathname: '/', search: '' },
  history: { replaceState: () => undefined },
  addEventListener: () => undefined,
  removeEventListener: () => undefined,
};

type Store = { getState(): Record<string, unknown> & { ticket: TicketDetail | null } };
let store: Store;

beforeAll(async () => {
  const stored = new Map<string, string>();
  const localStorage = { getItem: (key: string) => stored.get(key) ?? null, setItem: (key: string, value: string) => void stored.set(key, value) };
  Object.assign(globalThis, { window: fakeWindow, localStorage, document: { documentElement: {} } });
  Object.defineProperty(globalThis, 'navigator', { value: { language: 'es-ES' }, configurable: true });
  const module = (await import(/* @vite-ignore */ path.resolve('renderer/src/features/tickets/detailStore.ts'))) as { useTicketDetail: Store };
  store = module.useTicketDetail;
});

beforeEach(async () => {
  history = [];
  grow(12);
  // Another ticket first, so each test opens this one afresh.
  await (store.getState().open as (id: string | null) => Promise<void>)(null);
  await (store.getState().open as (id: string) => Promise<void>)(TICKET_ID);
});

const shown = () => ids(store.getState().ticket?.timeline ?? []);
const showEarlier = () => (store.getState().showEarlier as () => Promise<void>)();
const refresh = () => (store.getState().refresh as () => Promise<void>)();

describe('the open ticket in the detail store', () => {
  it('opens on the latest page and "Ver anteriores" walks back to the first event, once each, in order', async () => {
    expect(shown()).toEqual(wholeHistory().slice(-PAGE));
    await showEarlier();
    expect(shown()).toEqual(wholeHistory().slice(-2 * PAGE));
    await showEarlier();
    expect(shown()).toEqual(wholeHistory());
    expect(store.getState().ticket?.timelineOlderCursor).toBeNull();
    await showEarlier();
    expect(shown()).toEqual(wholeHistory());
  });

  it("a note's reply joins the timeline and the header without a reread; older pages stay", async () => {
    await showEarlier();
    await (store.getState().addNote as (content: string) => Promise<void>)('Pieza pedida');
    expect(shown()).toEqual(wholeHistory().slice(-2 * PAGE - 1));
    expect(shown().at(-1)).toBe('Pieza pedida');
    expect(store.getState().ticket?.updatedAt).toBe(history.at(-1)?.createdAt);
  });

  it('a live refresh keeps the older pages when the fresh page reaches them, and replaces all when it does not', async () => {
    await showEarlier();
    // Another window added two notes: the fresh latest page overlaps what is shown.
    grow(2);
    await refresh();
    expect(shown()).toEqual(wholeHistory().slice(-2 * PAGE - 2));
    const cursor = store.getState().ticket?.timelineOlderCursor;
    await showEarlier();
    expect(shown()).toEqual(wholeHistory().slice(-3 * PAGE - 2));
    expect(cursor).not.toBe(store.getState().ticket?.timelineOlderCursor);
    // A sync brought more than a page: keeping the old pages would leave a hole, so the fresh page alone.
    grow(PAGE + 3);
    await refresh();
    expect(shown()).toEqual(wholeHistory().slice(-PAGE));
    await showEarlier();
    expect(shown()).toEqual(wholeHistory().slice(-2 * PAGE));
  });
});

describe('timelineMerge', () => {
  it('orders by instant, then id; an event sent twice is kept once (the later copy)', () => {
    const [a, b] = [eventAt(0), eventAt(1)];
    expect(a.createdAt).toBe(b.createdAt);
    expect([b, a].sort(compareEvents)).toEqual([a, b]);
    const current = detail({ timeline: [a], timelineOlderCursor: null });
    const edited = { ...b, content: 'later copy' };
    const merged = withAddition(withAddition(current, { event: b, ticket: current }), { event: edited, ticket: current });
    expect(ids(merged.timeline)).toEqual(['Nota 0', 'later copy']);
  });

  it("drops an older page asked for before the timeline was replaced, and another ticket's addition", () => {
    const current = detail();
    expect(withOlderPage(current, 'before-1', pageBefore(1))).toBe(current);
    expect(withAddition(current, { event: eventAt(99), ticket: { ...current, id: 'other' } })).toBe(current);
    expect(withFreshDetail(current, { ...current, id: 'other' }).id).toBe('other');
  });
});
