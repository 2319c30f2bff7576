// Telemetry state per ticket: the readings listed by the main process, refetched when the ticket changes.
import { onSessionReset, sessionStore } from '../../stores/sessionStores';
import type { InputOf, TelemetryImportReport, TelemetryReadingDto } from '../../../../electron/contract';
import type { TelemetryReadingInput } from '../../../../electron/contract/telemetry';
import { api } from '../../api/client';

/** Charts keep the most recent readings of a ticket; older ones stay in the bitácora. */
export const CHART_READING_LIMIT = 5000;
/** Readings of this many tickets at most stay in memory (each up to CHART_READING_LIMIT); the least recently loaded go first. */
export const CACHED_TICKET_LIMIT = 8;

interface TicketReadings {
  readings: TelemetryReadingDto[];
  /** The newest event seen: live refreshes ask only for readings of events after it. */
  lastEventId: string | null;
  loading: boolean;
  error: unknown;
}

interface TelemetryState {
  byTicket: Record<string, TicketReadings>;
  load(ticketId: string): Promise<void>;
  record(ticketId: string, readings: TelemetryReadingInput[]): Promise<void>;
  importFile(input: InputOf<'telemetry.import'>): Promise<TelemetryImportReport>;
}

const inFlight = new Map<string, { again: boolean }>();
// Loads of a signed-out session never finish (their answers are dropped): forget them with the store.
onSessionReset('telemetryInFlight', () => inFlight.clear());

const newestEvent = (readings: readonly TelemetryReadingDto[], start: string | null) =>
  readings.reduce<string | null>((max, r) => (max === null || r.eventId > max ? r.eventId : max), start);

const byTime = (a: TelemetryReadingDto, b: TelemetryReadingDto) =>
  a.measuredAt < b.measuredAt ? -1 : a.measuredAt > b.measuredAt ? 1 : a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0;

/** `byTicket` with `ticketId`'s entry set and moved last (most recent), the oldest dropped beyond CACHED_TICKET_LIMIT. */
export function keepRecent<T>(byTicket: Record<string, T>, ticketId: string, entry: T): Record<string, T> {
  const others = Object.entries(byTicket).filter(([id]) => id !== ticketId);
  return Object.fromEntries([...others.slice(-(CACHED_TICKET_LIMIT - 1)), [ticketId, entry]]);
}

/** New readings merged in time order; the chart keeps the latest CHART_READING_LIMIT. */
export function mergeReadings(current: readonly TelemetryReadingDto[], fresh: readonly TelemetryReadingDto[]): TelemetryReadingDto[] {
  return [...current, ...fresh].sort(byTime).slice(-CHART_READING_LIMIT);
}

export const useTelemetry = sessionStore<TelemetryState>('telemetry', (set, get) => ({
  byTicket: {},

  /**
   * The first load lists the latest readings; later ones (after a ticket 'updated' event) only the new events'.
   * One request at a time per ticket; updates arriving meanwhile coalesce into one more (a socket stream stays cheap).
   */
  async load(ticketId) {
    const running = inFlight.get(ticketId);
    if (running) {
      running.again = true;
      return;
    }
    const state = { again: false };
    inFlight.set(ticketId, state);
    const patch = (value: Partial<TicketReadings>) =>
      set((s) => ({
        byTicket: keepRecent(s.byTicket, ticketId, { readings: [], lastEventId: null, loading: false, error: null, ...s.byTicket[ticketId], ...value }),
      }));
    try {
      do {
        state.again = false;
        const current = get().byTicket[ticketId];
        if (!current) patch({ loading: true });
        try {
          const after = current?.lastEventId ?? null;
          if (after && current) {
            const fresh = await api.call('telemetry.list', { ticketId, afterEventId: after, limit: CHART_READING_LIMIT });
            if (fresh.length > 0) patch({ readings: mergeReadings(current.readings, fresh), lastEventId: newestEvent(fresh, after), error: null });
          } else {
            const readings = await api.call('telemetry.list', { ticketId, limit: CHART_READING_LIMIT });
            patch({ readings, lastEventId: newestEvent(readings, null), loading: false, error: null });
          }
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

/** Readings grouped per metric (and unit, should one metric arrive in two units), in time order. */
export interface MetricSeries {
  key: string;
  metric: string;
  unit: string;
  readings: TelemetryReadingDto[];
}

export function groupByMetric(readings: readonly TelemetryReadingDto[]): MetricSeries[] {
  const groups = new Map<string, MetricSeries>();
  for (const reading of readings) {
    const key = `${reading.metric}\u0000${reading.unit}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { key, metric: reading.metric, unit: reading.unit, readings: [] }));
    group.readings.push(reading);
  }
  return [...groups.values()].sort((a, b) => a.metric.localeCompare(b.metric) || a.unit.localeCompare(b.unit));
}
