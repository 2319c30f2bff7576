// telemetry.series: per metric, the figures over every reading and at most ~`points` points to draw, so a ticket with
// 10,000 readings sends a few KB and the chart still shows every peak (the lowest and highest reading of each bucket).
import { DEFAULT_SERIES_POINTS } from '../../contract/telemetry';
import type { TelemetryPagedReading, TelemetrySeriesDto, TelemetrySeriesResult } from '../../contract/telemetrySeries';
import type { ServiceContext } from '../context';
import { loadTicket } from '../tickets';
import { windowReadings, type ReadingsWindow } from './flatten';

/** One metric's readings in time order, reduced to ≤ `points` points (two per bucket: its min and its max). */
export function seriesOf(readings: readonly TelemetryPagedReading[], points: number): TelemetrySeriesDto {
  const first = readings[0];
  if (!first) throw new Error('seriesOf needs at least one reading');
  let min = first.value;
  let max = first.value;
  for (const r of readings) {
    if (r.value < min) min = r.value;
    if (r.value > max) max = r.value;
  }
  const lastReading = readings[readings.length - 1] ?? first;
  const base = { metric: first.metric, unit: first.unit, count: readings.length, min, max, last: { value: lastReading.value, measuredAt: lastReading.measuredAt } };
  const times = readings.map((r) => Date.parse(r.measuredAt));
  if (readings.length <= points) {
    return { ...base, exact: true, bucketStartMs: times[0] ?? 0, bucketMs: 0, times, values: readings.map((r) => r.value) };
  }
  const buckets = Math.max(1, Math.floor(points / 2));
  const start = times[0] ?? 0;
  const span = (times[times.length - 1] ?? start) - start + 1;
  const width = Math.max(1, Math.ceil(span / buckets));
  const outTimes: number[] = [];
  const outValues: number[] = [];
  // Readings are in time order, so each bucket is one run: keep its lowest and highest, in the order they happened.
  let i = 0;
  while (i < readings.length) {
    const bucket = Math.floor(((times[i] ?? start) - start) / width);
    let lo = i;
    let hi = i;
    let j = i + 1;
    while (j < readings.length && Math.floor(((times[j] ?? start) - start) / width) === bucket) {
      const value = readings[j]?.value ?? 0;
      if (value < (readings[lo]?.value ?? 0)) lo = j;
      if (value > (readings[hi]?.value ?? 0)) hi = j;
      j += 1;
    }
    for (const k of lo === hi ? [lo] : lo < hi ? [lo, hi] : [hi, lo]) {
      outTimes.push(times[k] ?? start);
      outValues.push(readings[k]?.value ?? 0);
    }
    i = j;
  }
  return { ...base, exact: false, bucketStartMs: start, bucketMs: width, times: outTimes, values: outValues };
}

export function readingsSeries(ctx: ServiceContext, input: ReadingsWindow & { points?: number | undefined }): TelemetrySeriesResult {
  loadTicket(ctx.db, input.ticketId);
  const readings = windowReadings(ctx.sqlite, input);
  const groups = new Map<string, TelemetryPagedReading[]>();
  for (const r of readings) {
    const key = `${r.metric}\u0000${r.unit}`;
    const group = groups.get(key);
    if (group) group.push(r);
    else groups.set(key, [r]);
  }
  const points = input.points ?? DEFAULT_SERIES_POINTS;
  const series = [...groups.values()].map((group) => seriesOf(group, points));
  series.sort((a, b) => (a.metric < b.metric ? -1 : a.metric > b.metric ? 1 : a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0));
  return { total: readings.length, series };
}
