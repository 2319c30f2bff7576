// One small uPlot chart for one metric of a ticket, drawn from its server-side series (every reading, or each time
// bucket's lowest and highest: peaks stay visible); data updates in place, the plot is created once.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatDate, formatDateTime, formatNumber, formatTime } from '../../lib/format';
import { useTheme } from '../../lib/theme';
import type { TelemetrySeriesDto } from '../../../../electron/contract/telemetrySeries';

const HEIGHT = 140;

function cssVar(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

function toData(series: TelemetrySeriesDto): uPlot.AlignedData {
  return [series.times.map((ms) => ms / 1000), series.values];
}

/** Times along the axis: hours when the span fits in a day, dates otherwise (Intl, in the UI language). */
function axisLabels(_u: uPlot, splits: number[]): string[] {
  const span = (splits.at(-1) ?? 0) - (splits[0] ?? 0);
  return splits.map((s) => (span < 36 * 3600 ? formatTime(new Date(s * 1000).toISOString()) : formatDate(new Date(s * 1000).toISOString())));
}

/** Few readings are drawn as dots: uPlot's own rule hid them when they shared an instant (two at 14:30 drew nothing). */
const FEW_POINTS = 60;
const fewPoints = (_u: uPlot, _series: number, first: number, last: number): boolean => last - first < FEW_POINTS;

/** uPlot pads a lone instant by 86400/ms, i.e. ~1000 days in seconds mode; an hour either side reads better. */
function singleInstantRange(u: uPlot, min: number, max: number): uPlot.Range.MinMax {
  const xs = u.data[0];
  const first = xs[0];
  return first !== undefined && first === xs[xs.length - 1] ? [first - 1800, first + 1800] : [min, max];
}

export function MetricChart({ series, label }: { series: TelemetrySeriesDto; label: string }) {
  const { t } = useTranslation('telemetry');
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const { last } = series;
  const theme = useTheme();

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const text = cssVar('--text-muted', '#5b6470');
    const grid = cssVar('--border', '#e1e4e8');
    const accent = cssVar('--accent', '#047857');
    const chart = new uPlot(
      {
        width: Math.max(200, el.clientWidth),
        height: HEIGHT,
        legend: { show: false },
        cursor: { drag: { x: false, y: false } },
        // One reading (or one instant) would otherwise stretch the axis over years: give it an hour around it.
        scales: { x: { time: true, range: singleInstantRange } },
        axes: [
          { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid }, values: axisLabels, space: 64, font: '11px system-ui' },
          { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid }, size: 48, font: '11px system-ui', values: (_u, splits) => splits.map((v) => formatNumber(v)) },
        ],
        series: [{ value: (_u, v) => (v == null ? '' : formatDateTime(new Date(v * 1000).toISOString())) }, { label, stroke: accent, width: 1.5, points: { size: 5, fill: accent, show: fewPoints } }],
      },
      toData(series),
      el,
    );
    plot.current = chart;
    const observer = new ResizeObserver(() => chart.setSize({ width: Math.max(200, el.clientWidth), height: HEIGHT }));
    observer.observe(el);
    return () => {
      observer.disconnect();
      chart.destroy();
      plot.current = null;
    };
    // Built once per metric (the chart key) and theme (its colours): new readings go through setData below.
  }, [theme]);

  useEffect(() => {
    plot.current?.setData(toData(series));
  }, [series]);

  const summary = t('chart.summary', {
    metric: label,
    count: series.count,
    value: `${formatNumber(last.value)} ${series.unit}`,
    at: formatDateTime(last.measuredAt),
  });
  const range = t('chart.range', { min: formatNumber(series.min), max: formatNumber(series.max), unit: series.unit });
  // Said when the line is the bucket extremes rather than every reading, so nobody reads it as raw points.
  const drawn = series.exact ? '' : ` ${t('chart.summarised', { points: formatNumber(series.times.length), readings: formatNumber(series.count) })}`;

  return (
    <figure className="telemetry-chart" data-metric={series.metric} data-count={series.count} data-points={series.times.length}>
      <figcaption className="telemetry-chart-caption">
        <span className="telemetry-chart-title">
          {label} <span className="muted">({series.unit})</span>
        </span>
        <span className="telemetry-chart-last" title={formatDateTime(last.measuredAt)}>
          {formatNumber(last.value)} {series.unit}
        </span>
      </figcaption>
      <div ref={host} className="telemetry-chart-plot" role="img" aria-label={`${summary}. ${range}.${drawn}`} />
      <p className="telemetry-chart-range muted" title={drawn.trim() || undefined}>
        {range}
      </p>
    </figure>
  );
}
