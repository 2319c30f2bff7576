// The dispatch board's state: which window (a day or a week around an anchor day), the board of that window and the
// unplanned queue beside it. Both reload on domain events, so others' changes appear without a reload.
import type { QueuedWorkOrderDto } from '../../../../electron/contract';
import type { DispatchBoardDto } from '../../../../electron/contract/dispatchBoard';
import type { LocalDate } from '../../../../electron/contract/zonedTime';
import { calendarWindowActions } from '../../lib/calendarWindow';
import { api } from '../../api/client';
import { companyZone } from '../../lib/timeZone';
import { sessionStore } from '../../stores/sessionStores';
import { todayIn } from '../workOrders/dates';
import { boardDays, type BoardMode } from './boardLayout';

/** The queue shows this many at first; "Ver más" asks for the next page. */
const QUEUE_PAGE = 50;

interface BoardState {
  mode: BoardMode;
  /** A company-calendar day inside the window; null means today. */
  anchor: LocalDate | null;
  board: DispatchBoardDto | null;
  loading: boolean;
  error: unknown;
  queue: QueuedWorkOrderDto[];
  queueCursor: string | null;
  queueError: unknown;
  setMode(mode: BoardMode): void;
  shift(steps: number): void;
  today(): void;
  /** Shows the window that holds `day` (after a move to a day not on screen). */
  showDay(day: LocalDate): void;
  load(): Promise<void>;
  loadQueue(): Promise<void>;
  loadMoreQueue(): Promise<void>;
}

// An older window's answer arriving after a newer one was asked is dropped.
let generation = 0;
let queueGeneration = 0;

export function windowDays(state: Pick<BoardState, 'mode' | 'anchor'>, zone = companyZone()): LocalDate[] {
  return boardDays(state.mode, state.anchor ?? todayIn(zone));
}

export const useDispatchBoard = sessionStore<BoardState>('dispatchBoard', (set, get) => ({
  mode: 'week',
  anchor: null,
  board: null,
  loading: false,
  error: null,
  queue: [],
  queueCursor: null,
  queueError: null,

  ...calendarWindowActions(set, get),
  showDay(day) {
    if (windowDays(get()).includes(day)) return;
    set({ anchor: day });
    void get().load();
  },

  async load() {
    const days = windowDays(get());
    const mine = ++generation;
    set({ loading: true, error: null });
    try {
      const board = await api.call('workOrders.board', { from: days[0] as LocalDate, to: days[days.length - 1] as LocalDate });
      if (mine === generation) set({ board, loading: false });
    } catch (error) {
      if (mine === generation) set({ error, loading: false });
    }
  },

  async loadQueue() {
    const mine = ++queueGeneration;
    try {
      // A live reload keeps as many rows as were shown (up to the page limit).
      const limit = Math.min(Math.max(get().queue.length, QUEUE_PAGE), 200);
      const page = await api.call('workOrders.dispatchQueue', { limit });
      if (mine === queueGeneration) set({ queue: page.items, queueCursor: page.nextCursor, queueError: null });
    } catch (error) {
      if (mine === queueGeneration) set({ queueError: error });
    }
  },

  async loadMoreQueue() {
    const { queueCursor } = get();
    if (!queueCursor) return;
    const mine = ++queueGeneration;
    try {
      const page = await api.call('workOrders.dispatchQueue', { limit: QUEUE_PAGE, cursor: queueCursor });
      if (mine === queueGeneration) set((s) => ({ queue: [...s.queue, ...page.items], queueCursor: page.nextCursor }));
    } catch (error) {
      if (mine === queueGeneration) set({ queueError: error });
    }
  },
}));
