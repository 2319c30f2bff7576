// Telemetry state per ticket: the chart series the main process summarised (≤ ~500 points per metric, issue 17) over
// the chosen period, refetched when the ticket changes. The readings themselves are paged by ReadingsTable.
import { onSessionReset, sessionStore } from '../../stores/sessionStores';
import type { InputOf, TelemetryImportReport } from '../../../../electron/contract';
import type { TelemetryReadingInput } from '../../../../electron/contract/telemetry';
import type { TelemetrySeriesDto } from '../../../../electron/contract/telemetrySeries';
import { api } from '../../api/client';

/** Series of this many tickets at most stay in memory; the least recently loaded go first. */
export const CACHED_TICKET_LIMIT = 8;

/** The periods the panel offers, back from now; 'all' is every reading. */
export const TELEMETRY_PERIODS = { all: null, day: 24 * 3600_000, week: 7 * 24 * 3600_000, month: 30 * 24 * 3600_000 } as const;
export type TelemetryPeriod = keyof typeof TELEMETRY_PERIODS;

interface TicketTelemetry {
  series: TelemetrySeriesDto[];
  /** Readings in the period, over every metric. */
  total: number;
  period: TelemetryPeriod;
  /** Where the loaded series start (undefined: every reading); the readings table pages the same window. */
  from: string | undefined;
  loading: boolean;
  error: unknown;
}

interface TelemetryState {
  byTicket: Record<string, TicketTelemetry>;
  /** Loads (or reloads) the ticket's series; a new `period` replaces the one shown. */
  load(ticketId: string, period?: TelemetryPeriod): Promise<void>;
  record(ticketId: string, readings: TelemetryReadingInput[]): Promise<void>;
  importFile(input: InputOf<'telemetry.import'>): Promise<TelemetryImportReport>;
}

const inFlight = new Map<string, { again: boolean }>();
// Loads of a signed-out session never finish (their answers are dropped): forget them with the store.
onSessionReset('telemetryInFlight', () => inFlight.clear());

/** `byTicket` with `ticketId`'s entry set and moved last (most recent), the oldest dropped beyond CACHED_TICKET_LIMIT. */
export function keepRecent<T>(byTicket: Record<string, T>, ticketId: string, entry: T): Record<string, T> {
  const others = Object.entries(byTicket).filter(([id]) => id !== ticketId);
  return Object.fromEntries([...others.slice(-(CACHED_TICKET_LIMIT - 1)), [ticketId, entry]]);
}

/** The period's start, back from now on this computer's clock (the readings' times are instants, not local dates). */
export function periodStart(period: TelemetryPeriod, now: Date = new Date()): string | undefined {
  const span = TELEMETRY_PERIODS[period];
  return span === null ? undefined : new Date(now.getTime() - span).toISOString();
}

export const useTelemetry = sessionStore<TelemetryState>('telemetry', (set, get) => ({
  byTicket: {},

  /** One request at a time per ticket; updates arriving meanwhile coalesce into one more (a socket stream stays cheap). */
  async load(ticketId, period) {
    const patch = (value: Partial<TicketTelemetry>) =>
      set((s) => ({
        byTicket: keepRecent(s.byTicket, ticketId, { series: [], total: 0, period: 'all', from: undefined, loading: false, error: null, ...s.byTicket[ticketId], ...value }),
      }));
    if (period) patch({ period, loading: true });
    const running = inFlight.get(ticketId);
    if (running) {
      running.again = true;
      return;
    }
    const state = { again: false };
    inFlight.set(ticketId, state);
    try {
      do {
        state.again = false;
        const current = get().byTicket[ticketId];
        if (!current) patch({ loading: true });
        const wanted = get().byTicket[ticketId]?.period ?? 'all';
        const from = periodStart(wanted);
        try {
          const result = await api.call('telemetry.series', { ticketId, ...(from ? { from } : {}) });
          // A period changed meanwhile asks again; this answer is for the old one.
          if ((get().byTicket[ticketId]?.period ?? 'all') !== wanted) state.again = true;
          else patch({ series: result.series, total: result.total, from, loading: false, error: null });
        } catch (error) {
          patch({ loading: false, error });
        }
      } while (state.again);
    } finally {
      inFlight.delete(ticketId);
    }
  },

  async record(ticketId, readings) {
    await api.call('telemetry.record', { ticketId, readings });
    await get().load(ticketId);
  },

  async importFile(input) {
    const report = await api.call('telemetry.import', input);
    if (report.imported > 0) await get().load(input.ticketId);
    return report;
  },
}));
