// Issue 17: a ticket with 10,000 readings opens with a small reply (telemetry events carry summaries), the chart's
// series keeps every bucket's extremes, and every reading is still reachable a page at a time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketDetail } from '../../electron/contract';
import type { TelemetryEventSummary } from '../../electron/contract/telemetrySummary';
import type { TelemetryPagedReading } from '../../electron/contract/telemetrySeries';
import { inTransaction, type ServiceContext } from '../../electron/services/context';
import { appendTelemetryEvent } from '../../electron/services/telemetry';
import { loadActor } from '../../electron/services/users/actor';
import { startTelemetryApp, type TelemetryApp } from './helpers';

const REPLY_BUDGET_BYTES = 200 * 1024;
const MINUTE = 60_000;
const METRICS = [
  { metric: 'voltage', unit: 'V', base: 230 },
  { metric: 'current', unit: 'A', base: 4 },
  { metric: 'temperature', unit: '°C', base: 24 },
] as const;

interface Reading {
  metric: string;
  value: number;
  unit: string;
  source?: string;
  measuredAt: string;
}

/** `count` readings a minute apart ending an hour before the clock, three metrics in turn, with a spike every 997th. */
function makeReadings(app: TelemetryApp, count: number, seed: number): Reading[] {
  const end = app.clock.now().getTime() - 60 * MINUTE;
  return Array.from({ length: count }, (_, i) => {
    const spec = METRICS[i % METRICS.length] ?? METRICS[0];
    const wobble = Math.sin((i + seed) / 7) * 3 + ((i * 7919 + seed) % 13) / 10;
    const spike = (i + seed) % 997 === 0 ? 40 : (i + seed) % 991 === 0 ? -40 : 0;
    // Same-minute pairs now and then: ties in time are ordered by event and place.
    const minutesAgo = count - i - (i % 50 === 0 ? 1 : 0);
    return { metric: spec.metric, unit: spec.unit, value: Math.round((spec.base + wobble + spike) * 100) / 100, source: 'Fluke 87V', measuredAt: new Date(end - minutesAgo * MINUTE).toISOString() };
  });
}

function serviceContext(app: TelemetryApp): ServiceContext {
  const { db, sqlite } = app.backend.database;
  const adminId = (sqlite.prepare(`SELECT id FROM users WHERE username = 'admin'`).get() as { id: string }).id;
  return { db, sqlite, clock: app.clock, events: app.backend.events, actor: loadActor(sqlite, adminId) };
}

/** Readings written as `perEvent`-reading telemetry events in one transaction (10,000 router calls would take minutes). */
function seed(app: TelemetryApp, ticketId: string, readings: readonly Reading[], perEvent: number): void {
  const ctx = serviceContext(app);
  inTransaction(ctx, (tx) => {
    for (let i = 0; i < readings.length; i += perEvent) {
      appendTelemetryEvent(tx, { ticketId, readings: readings.slice(i, i + perEvent).map((r) => ({ ...r, source: r.source })), via: 'import', fileName: 'lecturas.csv' }, ctx.actor?.id ?? null, app.clock.now().toISOString());
    }
  });
}

/** The summary computed the plain way, to compare with the service's. */
function expectedSummary(readings: readonly Reading[]): TelemetryEventSummary {
  const keys = [...new Set(readings.map((r) => `${r.metric}\u0000${r.unit}`))].sort();
  const metrics = keys.map((key) => {
    const [metric = '', unit = ''] = key.split('\u0000');
    const mine = readings.filter((r) => r.metric === metric && r.unit === unit);
    const values = mine.map((r) => r.value);
    const latest = mine.reduce((a, b) => (b.measuredAt >= a.measuredAt ? b : a));
    return { metric, unit, count: mine.length, min: Math.min(...values), max: Math.max(...values), last: { value: latest.value, measuredAt: latest.measuredAt } };
  });
  return { count: readings.length, metrics, moreMetrics: 0 };
}

const bytesOf = (value: unknown) => Buffer.byteLength(JSON.stringify(value), 'utf8');

let app: TelemetryApp;
let bigTicket: string;
let bigReadings: Reading[];
let fineTicket: string;

beforeAll(async () => {
  app = await startTelemetryApp();
  bigTicket = app.ticketId;
  bigReadings = makeReadings(app, 10_000, 0);
  seed(app, bigTicket, bigReadings, 1000);
  fineTicket = (await app.admin.call('tickets.create', { title: 'Sonda enviando cada minuto', description: 'Una lectura por evento' })).id;
  // One-reading events: what each weighs is the point (the timeline page bounds how many a reply carries); 1,000 of
  // them keep this file quick, 10,000 are measured by the bench (scripts/bench/telemetryTicket.ts).
  seed(app, fineTicket, makeReadings(app, 1000, 3), 1);
}, 120_000);

afterAll(() => app?.close());

describe('tickets.get with 10,000 readings', () => {
  it('stays under 200 KB with ten events of 1,000 readings, each carrying a summary instead of its readings', async () => {
    const detail: TicketDetail = await app.admin.call('tickets.get', { id: bigTicket });
    expect(bytesOf(detail)).toBeLessThan(REPLY_BUDGET_BYTES);
    const events = detail.timeline.filter((e) => e.eventType === 'telemetry');
    expect(events).toHaveLength(10);
    for (const [n, event] of events.entries()) {
      expect(event.metaData).not.toHaveProperty('readings');
      expect(event.metaData).toMatchObject({ via: 'import', fileName: 'lecturas.csv' });
      expect(event.metaData?.summary).toEqual(expectedSummary(bigReadings.slice(n * 1000, (n + 1) * 1000)));
    }
  });

  it('keeps each one-reading event small (the timeline page bounds how many come)', async () => {
    const detail: TicketDetail = await app.admin.call('tickets.get', { id: fineTicket });
    const events = detail.timeline.filter((e) => e.eventType === 'telemetry');
    expect(events.length).toBeGreaterThan(0);
    // A whole event, author and text included, weighs well under the 1,000-reading event's share of the budget.
    for (const event of events) expect(bytesOf(event)).toBeLessThan(700);
    const one = events[0]?.metaData?.summary as TelemetryEventSummary;
    expect(one.count).toBe(1);
  });

  it('names a dozen metrics at most per event, counting the rest', async () => {
    const ticket = await app.admin.call('tickets.create', { title: 'Importación con muchas magnitudes', description: 'x' });
    const at = new Date(app.clock.now().getTime() - MINUTE).toISOString();
    const readings = Array.from({ length: 1000 }, (_, i) => ({ metric: `canal_${String(i).padStart(4, '0')}_${'x'.repeat(50)}`, value: i, unit: 'u', measuredAt: at }));
    seed(app, ticket.id, readings, 1000);
    const detail: TicketDetail = await app.admin.call('tickets.get', { id: ticket.id });
    const summary = detail.timeline.find((e) => e.eventType === 'telemetry')?.metaData?.summary as TelemetryEventSummary;
    expect(summary.count).toBe(1000);
    expect(summary.metrics).toHaveLength(12);
    expect(summary.moreMetrics).toBe(988);
    expect(bytesOf(detail)).toBeLessThan(20 * 1024);
  });
});

describe('telemetry.series', () => {
  it('reduces each metric to at most 500 points and keeps the lowest and highest reading of every bucket', async () => {
    const result = await app.admin.call('telemetry.series', { ticketId: bigTicket });
    expect(result.total).toBe(10_000);
    expect(result.series.map((s) => s.metric)).toEqual(['current', 'temperature', 'voltage']);
    expect(bytesOf(result)).toBeLessThan(60 * 1024);
    for (const series of result.series) {
      const mine = bigReadings.filter((r) => r.metric === series.metric);
      expect(series.exact).toBe(false);
      expect(series.count).toBe(mine.length);
      expect(series.times.length).toBe(series.values.length);
      expect(series.times.length).toBeLessThanOrEqual(500);
      expect(series.min).toBe(Math.min(...mine.map((r) => r.value)));
      expect(series.max).toBe(Math.max(...mine.map((r) => r.value)));
      // Independently: the readings of each bucket, and its extremes must be among the points of that bucket.
      const buckets = new Map<number, number[]>();
      for (const r of mine) {
        const bucket = Math.floor((Date.parse(r.measuredAt) - series.bucketStartMs) / series.bucketMs);
        buckets.set(bucket, [...(buckets.get(bucket) ?? []), r.value]);
      }
      const drawn = new Map<number, number[]>();
      series.times.forEach((t, i) => {
        const bucket = Math.floor((t - series.bucketStartMs) / series.bucketMs);
        drawn.set(bucket, [...(drawn.get(bucket) ?? []), series.values[i] ?? NaN]);
      });
      expect([...drawn.keys()].sort((a, b) => a - b)).toEqual([...buckets.keys()].sort((a, b) => a - b));
      for (const [bucket, values] of buckets) {
        const points = drawn.get(bucket) ?? [];
        expect(points.length).toBeLessThanOrEqual(2);
        expect(Math.min(...points)).toBe(Math.min(...values));
        expect(Math.max(...points)).toBe(Math.max(...values));
      }
      expect([...series.times]).toEqual([...series.times].sort((a, b) => a - b));
    }
  });

  it('gives every reading when they fit, filtered by metric and period', async () => {
    const from = bigReadings[6000]?.measuredAt ?? '';
    const to = bigReadings[6300]?.measuredAt ?? '';
    const result = await app.admin.call('telemetry.series', { ticketId: bigTicket, metric: 'Voltaje', from, to });
    const mine = bigReadings.filter((r) => r.metric === 'voltage' && r.measuredAt >= from && r.measuredAt < to);
    expect(result.series).toHaveLength(1);
    const [series] = result.series;
    expect(series?.exact).toBe(true);
    expect(series?.count).toBe(mine.length);
    expect([...(series?.values ?? [])].sort()).toEqual(mine.map((r) => r.value).sort());
  });
});

describe('telemetry.readings', () => {
  it('pages through every reading exactly once, newest first', async () => {
    const seen: TelemetryPagedReading[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await app.admin.call('telemetry.readings', { ticketId: bigTicket, limit: 500, ...(cursor ? { cursor } : {}) });
      expect(page.total).toBe(10_000);
      expect(page.readings.length).toBeLessThanOrEqual(500);
      expect(bytesOf(page)).toBeLessThan(REPLY_BUDGET_BYTES);
      seen.push(...page.readings);
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor && pages < 100);
    expect(pages).toBe(20);
    expect(new Set(seen.map((r) => `${r.eventId}/${r.index}`)).size).toBe(10_000);
    const times = seen.map((r) => r.measuredAt);
    expect(times).toEqual([...times].sort().reverse());
    // The same multiset of readings as written.
    const key = (r: Reading) => `${r.metric}|${r.unit}|${r.value}|${r.measuredAt}`;
    expect(seen.map(key).sort()).toEqual(bigReadings.map(key).sort());
  });

  it('filters by metric and refuses a cursor it never gave', async () => {
    const page = await app.admin.call('telemetry.readings', { ticketId: bigTicket, metric: 'temperature', limit: 10 });
    expect(page.total).toBe(bigReadings.filter((r) => r.metric === 'temperature').length);
    expect(page.readings.every((r) => r.metric === 'temperature' && r.unit === '°C')).toBe(true);
    expect(await app.admin.failure('telemetry.readings', { ticketId: bigTicket, cursor: 'nonsense' })).toBe('VALIDATION');
  });
});
