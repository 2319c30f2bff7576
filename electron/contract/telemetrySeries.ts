// What the telemetry panel reads (issue 17): a chart series per metric summarised to a few hundred points, and the
// readings themselves a page at a time.
import type { TelemetryReadingDto } from './dto';
import type { TelemetryMetricSummary } from './telemetrySummary';

/**
 * One metric (and unit) over the period asked: its figures over every reading (`count` is the period's readings, not
 * the points drawn), and the points the chart draws.
 */
export interface TelemetrySeriesDto extends TelemetryMetricSummary {
  /** true: the points are every reading; false: per time bucket its lowest and highest reading, in time order. */
  exact: boolean;
  /** Buckets start at bucketStartMs and are bucketMs wide (0 when exact). */
  bucketStartMs: number;
  bucketMs: number;
  /** Epoch milliseconds and values, same length, in time order. */
  times: number[];
  values: number[];
}

export interface TelemetrySeriesResult {
  /** Readings in the period over every metric. */
  total: number;
  series: TelemetrySeriesDto[];
}

/** A reading in a page: `index` is its place in its event, so (eventId, index) names it. */
export interface TelemetryPagedReading extends TelemetryReadingDto {
  index: number;
}

export interface TelemetryReadingsPage {
  /** Newest first. */
  readings: TelemetryPagedReading[];
  /** Readings matching the filters, over every page. */
  total: number;
  /** Pass back as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}
