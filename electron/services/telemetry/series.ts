// telemetry.series: per metric, the figures over every reading and at most ~`points` points to draw, so a ticket with
// 10,000 readings sends a few KB and the chart still shows every peak (the lowest and highest reading of each bucket).
import { DEFAULT_SERIES_POINTS } from '../../contract/telemetry';
import type { TelemetrySeriesDto, TelemetrySeriesResult } from '../../contract/telemetrySeries';
import type { TelemetryMetricSummary } from '../../contract/telemetrySummary';
import type { ServiceContext } from '../context';
import { prepared } from '../sql';
import { loadTicket } from '../tickets';
import { windowWhere, type ReadingsWindow } from './window';

/** One metric's readings in time order (times in epoch ms), reduced to ≤ `points` points (two per bucket: its min and its max). */
export function seriesOf(figures: TelemetryMetricSummary, times: number[], values: number[], points: number): TelemetrySeriesDto {
  if (times.length <= points) {
    return { ...figures, exact: true, bucketStartMs: times[0] ?? 0, bucketMs: 0, times, values };
  }
  const buckets = Math.max(1, Math.floor(points / 2));
  const start = times[0] ?? 0;
  const span = (times[times.length - 1] ?? start) - start + 1;
  const width = Math.max(1, Math.ceil(span / buckets));
  const outTimes: number[] = [];
  const outValues: number[] = [];
  // Readings are in time order, so each bucket is one run: keep its lowest and highest, in the order they happened.
  let i = 0;
  while (i < times.length) {
    const bucket = Math.floor(((times[i] ?? start) - start) / width);
    let lo = i;
    let hi = i;
    let j = i + 1;
    while (j < times.length && Math.floor(((times[j] ?? start) - start) / width) === bucket) {
      const value = values[j] ?? 0;
      if (value < (values[lo] ?? 0)) lo = j;
      if (value > (values[hi] ?? 0)) hi = j;
      j += 1;
    }
    for (const k of lo === hi ? [lo] : lo < hi ? [lo, hi] : [hi, lo]) {
      outTimes.push(times[k] ?? start);
      outValues.push(values[k] ?? 0);
    }
    i = j;
  }
  return { ...figures, exact: false, bucketStartMs: start, bucketMs: width, times: outTimes, values: outValues };
}

/**
 * One metric and unit's readings in the window along the table's key, oldest first, as epoch ms and values. SQLite
 * hands them over as two JSON arrays (the subquery's order is the aggregate's): half the cost of a row object each.
 */
function metricReadings(ctx: ServiceContext, where: string, params: Record<string, string>): { times: number[]; values: number[] } {
  const row = prepared(
    ctx.sqlite,
    `SELECT json_group_array(measured_ms) AS times, json_group_array(value) AS vals
     FROM (SELECT measured_ms, value FROM telemetry_readings WHERE ${where} ORDER BY measured_at, event_id, idx)`,
  ).get(params) as { times: string; vals: string };
  const times = JSON.parse(row.times) as (number | null)[];
  // A time SQLite cannot read (never one the services wrote: they store ISO UTC) is plotted as Date.parse would: NaN.
  for (let k = 0; k < times.length; k++) if (times[k] === null) times[k] = NaN;
  return { times: times as number[], values: JSON.parse(row.vals) as number[] };
}

/** The figures over every reading of one metric; its last reading is the greatest (time, event, place), as stored. */
function figuresOf(ctx: ServiceContext, where: string, params: Record<string, string>, key: { metric: string; unit: string }, values: readonly number[]): TelemetryMetricSummary {
  let min = values[0] ?? 0;
  let max = min;
  for (const value of values) {
    if (value < min) min = value;
    if (value > max) max = value;
  }
  const last = prepared(ctx.sqlite, `SELECT value, measured_at AS measuredAt FROM telemetry_readings WHERE ${where} ORDER BY measured_at DESC, event_id DESC, idx DESC LIMIT 1`).get(params) as TelemetryMetricSummary['last'];
  return { ...key, count: values.length, min, max, last };
}

export function readingsSeries(ctx: ServiceContext, input: ReadingsWindow & { points?: number | undefined }): TelemetrySeriesResult {
  loadTicket(ctx.db, input.ticketId);
  const window = windowWhere(input);
  const points = input.points ?? DEFAULT_SERIES_POINTS;
  // The metrics and units first (a skip along the key, not a pass over the readings), then one key range each: the
  // readings reach JavaScript once, as two numbers each.
  const keys = prepared(ctx.sqlite, `SELECT DISTINCT metric, unit FROM telemetry_readings WHERE ${window.where} ORDER BY metric, unit`).all(window.params) as { metric: string; unit: string }[];
  const series: TelemetrySeriesDto[] = [];
  let total = 0;
  for (const key of keys) {
    const { where, params } = windowWhere({ ...input, ...key });
    const { times, values } = metricReadings(ctx, where, params);
    if (times.length === 0) continue;
    total += times.length;
    series.push(seriesOf(figuresOf(ctx, where, params, key, values), times, values, points));
  }
  return { total, series };
}
