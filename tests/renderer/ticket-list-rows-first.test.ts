// The ticket list paints its rows as soon as tickets.list answers: the counts come on their own, and a start-up
// request for the rows is shared with the screen's own reload instead of being asked twice (issue 17, fresh open).
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { answerableWindow } from './answerable-window';

const { calls, window: fakeWindow, asked } = answerableWindow();

/** What this test uses of the list store (typed here: the renderer's own types need the DOM library). */
interface ListState {
  items: { id: string }[];
  counts: { counts: Record<string, number>; capped: string[] } | null;
  loading: boolean;
  error: unknown;
  reload(options?: { live?: boolean; unlessWithinMs?: number }): Promise<void>;
  setTab(tab: string): void;
}
let list: { getState(): ListState };
let resetSessionStores: () => void;

const page = (ids: string[]) => ({ items: ids.map((id) => ({ id })), nextCursor: null });
const COUNTS = { counts: { open: 2, in_progress: 0, waiting: 0, closed: 0 }, capped: [] };
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeAll(async () => {
  (globalThis as unknown as { window: unknown }).window = fakeWindow;
  ({ useTicketList: list } = (await import('../../renderer/src/features/tickets/store' as string)) as { useTicketList: typeof list });
  ({ resetSessionStores } = (await import('../../renderer/src/stores/sessionStores' as string)) as { resetSessionStores: () => void });
});

beforeEach(() => {
  resetSessionStores();
  calls.length = 0;
});

describe('ticket list: rows first', () => {
  it('shows the rows when tickets.list answers, before tickets.counts does, and asks for the rows first', async () => {
    const done = list.getState().reload();
    expect(calls.map((call) => call.channel)).toEqual(['tickets.list', 'tickets.counts']);
    asked('tickets.list')[0]?.answer(page(['a', 'b']));
    await settle();
    expect(list.getState().items.map((item) => item.id)).toEqual(['a', 'b']);
    expect(list.getState().loading).toBe(false);
    expect(list.getState().counts).toBeNull();
    asked('tickets.counts')[0]?.answer(COUNTS);
    await done;
    expect(list.getState().counts).toEqual(COUNTS);
  });

  it('keeps the rows when the counts fail (the tabs go without figures)', async () => {
    const done = list.getState().reload();
    asked('tickets.counts')[0]?.fail({ code: 'INTERNAL', message: 'boom', details: { reason: 'internal' } });
    asked('tickets.list')[0]?.answer(page(['a']));
    await done;
    expect(list.getState().items).toHaveLength(1);
    expect(list.getState().error).toBeNull();
    expect(list.getState().counts).toBeNull();
  });

  it('shares a reload still on its way with the same reload asked again (start-up, then the screen mounting)', async () => {
    const first = list.getState().reload();
    const second = list.getState().reload({ unlessWithinMs: 1000 });
    expect(asked('tickets.list')).toHaveLength(1);
    asked('tickets.list')[0]?.answer(page(['a']));
    asked('tickets.counts')[0]?.answer(COUNTS);
    await Promise.all([first, second]);
    // Just answered: the mounting screen takes these rows; a plain reload (a re-open later) asks again.
    await list.getState().reload({ unlessWithinMs: 1000 });
    expect(asked('tickets.list')).toHaveLength(1);
    void list.getState().reload();
    expect(asked('tickets.list')).toHaveLength(2);
  });

  it('drops an older answer when the tab changed meanwhile', async () => {
    void list.getState().reload();
    list.getState().setTab('closed');
    const [older, newer] = asked('tickets.list');
    newer?.answer(page(['closed-1']));
    older?.answer(page(['open-1']));
    await settle();
    expect(list.getState().items.map((item) => item.id)).toEqual(['closed-1']);
  });
});
