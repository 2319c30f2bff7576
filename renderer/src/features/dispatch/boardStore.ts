// The dispatch board's state: which window (a day or a week around an anchor day), the board of that window and the
// unplanned queue beside it. Both reload on domain events, so others' changes appear without a reload.
import type { QueuedWorkOrderDto } from '../../../../electron/contract';
import type { DispatchBoardDto } from '../../../../electron/contract/dispatchBoard';
import type { LocalDate } from '../../../../electron/contract/zonedTime';
import { calendarWindowActions } from '../../lib/calendarWindow';
import { api } from '../../api/client';
import { takeEarlyOrCall } from '../../api/earlyCalls';
import { companyZone } from '../../lib/timeZone';
import { onSessionReset, sessionStore } from '../../stores/sessionStores';
import { todayIn } from '../workOrders/dates';
import { boardDays, type BoardMode } from './boardLayout';
import { FIRST_MODE, FIRST_ROWS, firstRowsInput, joinBoardRows, LATER_ROWS } from './boardRows';

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
  /** `day`: the day a week narrowed to one day shows, if the week holds it (lib/weekToDay.ts). */
  setMode(mode: BoardMode, day?: LocalDate | null): void;
  shift(steps: number): void;
  today(): void;
  /** Shows the window that holds `day` (after a move to a day not on screen). */
  showDay(day: LocalDate): void;
  /**
   * Reads the window's board, its first rows first. `reuse`: nothing is asked when the same window is on its way or
   * arrived within REUSE_MS (the screen mounting right after the read started at sign-in, earlyBoard.ts).
   */
  load(options?: { reuse?: boolean }): Promise<void>;
  loadQueue(): Promise<void>;
  loadMoreQueue(): Promise<void>;
}

// An older window's answer arriving after a newer one was asked is dropped.
let generation = 0;
let queueGeneration = 0;
/** The board read on its way and the last one that arrived (for load's `reuse`). */
let inFlight: { key: string; generation: number; done: Promise<void> } | null = null;
let lastLoaded: { key: string; at: number } | null = null;
const REUSE_MS = 1000;
onSessionReset('dispatchBoardLoads', () => {
  inFlight = null;
  lastLoaded = null;
});

export function windowDays(state: Pick<BoardState, 'mode' | 'anchor'>, zone = companyZone()): LocalDate[] {
  return boardDays(state.mode, state.anchor ?? todayIn(zone));
}

export const useDispatchBoard = sessionStore<BoardState>('dispatchBoard', (set, get) => ({
  mode: FIRST_MODE,
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

  async load(options = {}) {
    const first = firstRowsInput(windowDays(get()));
    const window = { from: first.from, to: first.to };
    const key = JSON.stringify(window);
    if (options.reuse && (inFlight?.key === key || (lastLoaded?.key === key && Date.now() - lastLoaded.at < REUSE_MS))) return inFlight?.done;
    const mine = ++generation;
    // A new window paints its first rows as soon as they arrive; a reload of the window on screen keeps it until the
    // whole new board is there (no rows blanking for a moment).
    const shown = get().board;
    const paintFirst = !shown || shown.from !== window.from || shown.to !== window.to;
    set({ loading: true, error: null });
    const done = (async () => {
      try {
        let board: DispatchBoardDto | null = null;
        // The technicians changed between the reads (the parts cannot be joined): the parts are read once more.
        for (let attempt = 0; !board && attempt < 2; attempt++) {
          // A fresh open's first rows were asked for at start (app/startCalls.ts): taken when that was this same window.
          const firstRows: DispatchBoardDto = attempt === 0 ? await takeEarlyOrCall('workOrders.board', first) : await api.call('workOrders.board', first);
          if (mine !== generation) return;
          board = firstRows;
          for (let offset = FIRST_ROWS; board && offset < firstRows.technicians.length; offset += LATER_ROWS) {
            if (paintFirst) set({ board });
            const later: DispatchBoardDto = await api.call('workOrders.board', { ...window, rows: { offset, limit: LATER_ROWS } });
            if (mine !== generation) return;
            board = joinBoardRows(board, later);
          }
        }
        // Changed again while reading them: the whole board in one read (slower, but consistent).
        board ??= await api.call('workOrders.board', window);
        if (mine !== generation) return;
        set({ board, loading: false });
        lastLoaded = { key, at: Date.now() };
      } catch (error) {
        if (mine === generation) set({ error, loading: false });
      } finally {
        if (inFlight?.generation === mine) inFlight = null;
      }
    })();
    inFlight = { key, generation: mine, done };
    return done;
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
