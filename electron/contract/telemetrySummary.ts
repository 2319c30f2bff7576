// What a telemetry timeline event weighs on the wire (issue 17): a summary per metric, never its (up to 1,000) readings.
// Pure: the ticket reply builds it on the server, the bitácora words it in the renderer.

/** One metric (and unit) of one event: how many readings, their range and the latest one. */
export interface TelemetryMetricSummary {
  metric: string;
  unit: string;
  count: number;
  min: number;
  max: number;
  /** The reading measured last (the later in the list on a tie). */
  last: { value: number; measuredAt: string };
}

/** meta_data.summary of a telemetry event in the ticket reply; `readings` themselves come from telemetry.readings. */
export interface TelemetryEventSummary {
  count: number;
  /** Sorted by metric then unit; at most MAX_SUMMARY_METRICS of them. */
  metrics: TelemetryMetricSummary[];
  /** Metrics left out beyond MAX_SUMMARY_METRICS (an import of 1,000 differently named metrics stays small). */
  moreMetrics: number;
}

/** An event of 1,000 readings of 1,000 made-up metrics must not weigh 100 KB: the first dozen metrics are named. */
export const MAX_SUMMARY_METRICS = 12;

interface LooseReading {
  metric?: unknown;
  value?: unknown;
  unit?: unknown;
  measuredAt?: unknown;
}

/** Summarises stored readings (anything not shaped like a reading is skipped, as the bitácora always did). */
export function summarizeTelemetry(readings: readonly unknown[]): TelemetryEventSummary {
  const groups = new Map<string, TelemetryMetricSummary>();
  let count = 0;
  for (const item of readings) {
    const r = (item ?? {}) as LooseReading;
    if (typeof r.metric !== 'string' || typeof r.value !== 'number') continue;
    const unit = typeof r.unit === 'string' ? r.unit : '';
    const measuredAt = typeof r.measuredAt === 'string' ? r.measuredAt : '';
    count += 1;
    const key = `${r.metric}\u0000${unit}`;
    const group = groups.get(key);
    if (!group) {
      groups.set(key, { metric: r.metric, unit, count: 1, min: r.value, max: r.value, last: { value: r.value, measuredAt } });
      continue;
    }
    group.count += 1;
    if (r.value < group.min) group.min = r.value;
    if (r.value > group.max) group.max = r.value;
    if (measuredAt >= group.last.measuredAt) group.last = { value: r.value, measuredAt };
  }
  const metrics = [...groups.values()].sort((a, b) => (a.metric < b.metric ? -1 : a.metric > b.metric ? 1 : a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0));
  return { count, metrics: metrics.slice(0, MAX_SUMMARY_METRICS), moreMetrics: Math.max(0, metrics.length - MAX_SUMMARY_METRICS) };
}

/** A telemetry event's meta_data as the ticket reply carries it: everything but the readings, plus their summary. */
export function telemetryMetaForReply(meta: Record<string, unknown> | null): Record<string, unknown> | null {
  if (!meta || !Array.isArray(meta.readings)) return meta;
  const { readings, ...rest } = meta;
  return { ...rest, summary: summarizeTelemetry(readings as unknown[]) };
}

/** The summary a reply's telemetry event carries (or one built from readings, for metaData that still has them). */
export function telemetrySummaryOf(meta: Record<string, unknown> | null): TelemetryEventSummary | null {
  if (!meta) return null;
  if (Array.isArray(meta.readings)) return summarizeTelemetry(meta.readings as unknown[]);
  const summary = meta.summary as TelemetryEventSummary | undefined;
  return summary && typeof summary.count === 'number' && Array.isArray(summary.metrics) ? summary : null;
}
