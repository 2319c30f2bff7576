// Telemetry readings (issue 7): one schema for hand entry, CSV/JSON import and the local WebSocket.
import { z } from 'zod';
import { boundedDateTime, EARLIEST_DATE, id, isoDateTime } from './common';
import { channel } from './define';
import { MAX_IMPORT_CHARS } from './uploadLimits';
import type { TelemetryImportReport, TelemetryReadingDto, TelemetryRecordResult, TelemetrySocketInfo } from './dto';
import type { TelemetryReadingsPage, TelemetrySeriesResult } from './telemetrySeries';

/**
 * The metrics we know, in one table the form, the import, the socket and the service all use: the units each accepts
 * (the first is the canonical spelling stored) and the names people type for it in Spanish or English (compared
 * without case or accents, so "Presión" is pressure and must be in bar). Other metrics accept any unit ≤ 16 chars.
 */
export const METRICS = {
  voltage: { units: ['V', 'v'], names: ['voltaje', 'tension', 'voltage'] },
  current: { units: ['A', 'a'], names: ['corriente', 'intensidad', 'current', 'amperage'] },
  temperature: { units: ['°C', 'ºC', 'C'], names: ['temperatura', 'temperature', 'temp'] },
  signal: { units: ['dBm', 'dbm', 'DBM'], names: ['senal', 'cobertura', 'signal'] },
  humidity: { units: ['%'], names: ['humedad', 'humidity'] },
  pressure: { units: ['bar'], names: ['presion', 'pressure'] },
  power: { units: ['W', 'w'], names: ['potencia', 'power'] },
  frequency: { units: ['Hz', 'hz'], names: ['frecuencia', 'frequency'] },
  resistance: { units: ['Ω', 'ohm'], names: ['resistencia', 'resistance'] },
} as const satisfies Record<string, { units: readonly string[]; names: readonly string[] }>;

export type KnownMetric = keyof typeof METRICS;

/** Units accepted per known metric (the first is the one stored). */
export const METRIC_UNITS: Readonly<Record<string, readonly string[]>> = Object.fromEntries(Object.entries(METRICS).map(([key, spec]) => [key, spec.units]));

export const KNOWN_METRICS = Object.keys(METRICS) as KnownMetric[];

/** Lower case without accents: how metric names are compared ("Presión" = "presion"). */
export function foldMetricName(text: string): string {
  return text.trim().toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');
}

const METRIC_BY_NAME = new Map<string, KnownMetric>(
  KNOWN_METRICS.flatMap((key) => [key, ...METRICS[key].names].map((name) => [foldMetricName(name), key] as const)),
);

/** The known metric a typed name means ("Presión" → pressure), or the name itself, lower-cased, for other metrics. */
export function canonicalMetric(metric: string): string {
  return METRIC_BY_NAME.get(foldMetricName(metric)) ?? metric.trim().toLowerCase();
}

/** Readings measured before this are typos (a year 1900 default, a swapped field), not history. */
export const EARLIEST_MEASURED_AT = EARLIEST_DATE;
/** Clocks of measuring tools drift; further ahead than this is a wrong clock or a wrong field. */
export const MAX_FUTURE_SKEW_MS = 5 * 60_000;
export const MAX_READINGS_PER_RECORD = 1000;
export { MAX_IMPORT_CHARS };

/** Stable reasons (details.reason / report rows) the UI translates. */
export const READING_REASONS = {
  unitNotAllowed: 'unit_not_allowed',
  measuredTooEarly: 'measured_before_2000',
  measuredInFuture: 'measured_in_future',
} as const;

/** The stored unit of a known metric ("V" for voltage); null for metrics with free units. */
export function metricUnit(metric: string): string | null {
  return Object.hasOwn(METRIC_UNITS, metric) ? (METRIC_UNITS[metric]?.[0] ?? null) : null;
}

export function canonicalUnit(metric: string, unit: string): string | null {
  const allowed = Object.hasOwn(METRIC_UNITS, metric) ? METRIC_UNITS[metric] : undefined;
  if (!allowed) return unit;
  return allowed.includes(unit) ? (allowed[0] ?? unit) : null;
}

/** The one rule that needs a clock: the service applies it with its own clock, the form with the browser's. */
export function measuredAtIssue(measuredAt: string, now: Date): string | null {
  const at = Date.parse(measuredAt);
  if (at < Date.parse(EARLIEST_MEASURED_AT)) return READING_REASONS.measuredTooEarly;
  if (at > now.getTime() + MAX_FUTURE_SKEW_MS) return READING_REASONS.measuredInFuture;
  return null;
}

export const telemetryReading = z
  .strictObject({
    metric: z.string().trim().toLowerCase().min(1).max(64),
    // z.number() already refuses NaN and ±Infinity.
    value: z.number(),
    unit: z.string().trim().min(1).max(16),
    source: z.string().trim().max(100).optional(),
    measuredAt: boundedDateTime({ beforeRange: READING_REASONS.measuredTooEarly, afterRange: READING_REASONS.measuredInFuture }),
  })
  .transform((reading, ctx) => {
    // A known metric typed by name (any language, case or accents) is that metric, with that metric's units.
    const metric = canonicalMetric(reading.metric);
    const unit = canonicalUnit(metric, reading.unit);
    if (unit === null) {
      ctx.addIssue({ code: 'custom', path: ['unit'], message: READING_REASONS.unitNotAllowed, params: { reason: READING_REASONS.unitNotAllowed } });
      return z.NEVER;
    }
    return { ...reading, metric, unit };
  });

export type TelemetryReadingInput = z.input<typeof telemetryReading>;
export type TelemetryReading = z.output<typeof telemetryReading>;

export const telemetryRecordInput = z.strictObject({
  ticketId: id,
  readings: z.array(telemetryReading).min(1).max(MAX_READINGS_PER_RECORD),
});

export const telemetryListInput = z.strictObject({
  ticketId: id,
  metric: z.string().trim().toLowerCase().min(1).max(64).optional(),
  /** The window is [from, to): `to` itself is excluded, as in every other period. */
  from: isoDateTime.optional(),
  to: isoDateTime.optional(),
  /** Keeps the latest N readings in the window (charts need the recent end). */
  limit: z.number().int().min(1).max(50_000).optional(),
  /** Only readings of events written after this one (ids are time-ordered): cheap live refreshes. */
  afterEventId: id.optional(),
});

/** The chart draws at most this many points per metric by default (min and max of half as many time buckets). */
export const DEFAULT_SERIES_POINTS = 500;
export const MAX_READINGS_PAGE = 500;

/** Which readings a chart series or a page of readings covers: one ticket, optionally one metric, a period [from, to). */
const readingsWindow = {
  ticketId: id,
  /** A metric as typed ("Voltaje") means the known one ("voltage"), as when recording. */
  metric: z.string().trim().min(1).max(64).transform(canonicalMetric).optional(),
  unit: z.string().trim().min(1).max(16).optional(),
  from: isoDateTime.optional(),
  to: isoDateTime.optional(),
};

export const telemetrySeriesInput = z.strictObject({
  ...readingsWindow,
  points: z.number().int().min(10).max(2000).optional(),
});

export const telemetryReadingsInput = z.strictObject({
  ...readingsWindow,
  /** nextCursor of the previous page. */
  cursor: z.string().min(1).max(200).optional(),
  limit: z.number().int().min(1).max(MAX_READINGS_PAGE).optional(),
});

export const telemetryImportMode = z.enum(['valid_rows', 'all_or_nothing']);

export const telemetryImportInput = z.strictObject({
  ticketId: id,
  format: z.enum(['csv', 'json']),
  content: z.string().min(1).max(MAX_IMPORT_CHARS),
  mode: telemetryImportMode,
  /** Shown in the timeline entry ("lecturas.csv"). */
  fileName: z.string().trim().max(200).optional(),
});

/** One WebSocket message; `ref` is echoed in its ack so a tool can match answers. */
export const telemetrySocketMessage = telemetryRecordInput.extend({
  ref: z.union([z.string().max(64), z.number()]).optional(),
});

export const telemetryChannels = {
  'telemetry.record': channel<TelemetryRecordResult>()({
    input: telemetryRecordInput,
    access: ['tickets:write', 'workorders:execute'],
  }),
  'telemetry.list': channel<TelemetryReadingDto[]>()({ input: telemetryListInput, access: 'tickets:read' }),
  'telemetry.series': channel<TelemetrySeriesResult>()({ input: telemetrySeriesInput, access: 'tickets:read' }),
  'telemetry.readings': channel<TelemetryReadingsPage>()({ input: telemetryReadingsInput, access: 'tickets:read' }),
  'telemetry.import': channel<TelemetryImportReport>()({
    input: telemetryImportInput,
    access: ['tickets:write', 'workorders:execute'],
  }),
  'telemetry.socketInfo': channel<TelemetrySocketInfo>()({ input: z.strictObject({}), access: 'settings:admin' }),
};
