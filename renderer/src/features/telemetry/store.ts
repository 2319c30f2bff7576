// Telemetry state per ticket: the readings listed by the main process, refetched when the ticket changes.
import { create } from 'zustand';
import type { InputOf, TelemetryImportReport, TelemetryReadingDto } from '../../../../electron/contract';
import type { TelemetryReadingInput } from '../../../../electron/contract/telemetry';
import { api } from '../../api/client';

/** Charts keep the most recent readings of a ticket; older ones stay in the bitácora. */
export const CHART_READING_LIMIT = 5000;

interface TicketReadings {
  readings: TelemetryReadingDto[];
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

export const useTelemetry = create<TelemetryState>((set, get) => ({
  byTicket: {},

  /** One request at a time per ticket; updates arriving meanwhile coalesce into one more (a socket flood stays cheap). */
  async load(ticketId) {
    const running = inFlight.get(ticketId);
    if (running) {
      running.again = true;
      return;
    }
    const state = { again: false };
    inFlight.set(ticketId, state);
    const patch = (value: Partial<TicketReadings>) =>
      set((s) => ({ byTicket: { ...s.byTicket, [ticketId]: { readings: [], loading: false, error: null, ...s.byTicket[ticketId], ...value } } }));
    try {
      do {
        state.again = false;
        if (!get().byTicket[ticketId]) patch({ loading: true });
        try {
          const readings = await api.call('telemetry.list', { ticketId, limit: CHART_READING_LIMIT });
          patch({ readings, loading: false, error: null });
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
