import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TicketDetail } from '../../electron/contract';
import { minutesBefore, startTelemetryApp, telemetryEventCount, type TelemetryApp } from './helpers';

let app: TelemetryApp;
beforeEach(async () => {
  app = await startTelemetryApp();
});
afterEach(() => app.close());

const reading = (overrides: Record<string, unknown> = {}) => ({
  metric: 'voltage',
  value: 229.8,
  unit: 'V',
  source: 'Fluke 87V',
  measuredAt: minutesBefore(app, 10),
  ...overrides,
});

async function issuesOf(input: unknown): Promise<{ code: string; reason: unknown; messages: string[] }> {
  const env = await app.admin.envelope('telemetry.record', input);
  if (env.ok) throw new Error('telemetry.record unexpectedly succeeded');
  const issues = (env.error.details?.issues ?? []) as { message: string }[];
  return { code: env.error.code, reason: env.error.details?.reason, messages: issues.map((i) => i.message) };
}

describe('telemetry.record', () => {
  it('stores a batch as one telemetry event with a Spanish summary and pushes a ticket update', async () => {
    const pushed: unknown[] = [];
    app.backend.events.on((event) => pushed.push(event));
    const result = await app.admin.call('telemetry.record', {
      ticketId: app.ticketId,
      readings: [reading(), reading({ metric: 'current', value: 4.1, unit: 'A' }), reading({ metric: 'temperature', value: 41, unit: 'ºC' })],
    });
    expect(result.readings).toBe(3);
    const detail: TicketDetail = await app.admin.call('tickets.get', { id: app.ticketId });
    const event = detail.timeline.find((e) => e.id === result.eventId);
    expect(event?.eventType).toBe('telemetry');
    expect(event?.content).toBe('3 lecturas: voltaje 229.8 V, corriente 4.1 A, temperatura 41 °C');
    // The reply carries a summary per metric (issue 17); the readings themselves come from telemetry.readings.
    const summary = (event?.metaData as { summary: { count: number; metrics: { metric: string; unit: string }[] } }).summary;
    expect(summary.count).toBe(3);
    expect(summary.metrics.map((m) => [m.metric, m.unit])).toEqual([['current', 'A'], ['temperature', '°C'], ['voltage', 'V']]);
    const page = await app.admin.call('telemetry.readings', { ticketId: app.ticketId });
    expect(page.readings.map((r) => r.unit).sort()).toEqual(['A', 'V', '°C']);
    expect(pushed).toContainEqual({ entity: 'ticket', id: app.ticketId, kind: 'updated' });
  });

  it('leaves the search index alone: readings are not searchable text and must not re-index the ticket', async () => {
    const searchText = () =>
      app.backend.database.sqlite
        // The ticket's index rows (its own and one per event) are one rowid range (services/search/schema.ts).
        .prepare(
          `SELECT group_concat(s.timeline, char(10)) AS timeline, count(*) AS n FROM ticket_search s JOIN ticket_search_docs d
           ON s.rowid BETWEEN d.doc_id * 16777216 AND d.doc_id * 16777216 + 16777215 WHERE d.ticket_id = ?`,
        )
        .get(app.ticketId) as { timeline: string; n: number };
    await app.admin.call('tickets.addNote', { id: app.ticketId, content: 'Medición de tensión en el cuadro' });
    const before = searchText();
    expect(before.timeline).toContain('Medición de tensión');
    await app.admin.call('telemetry.record', { ticketId: app.ticketId, readings: [reading()] });
    expect(searchText()).toEqual(before);
  });

  it('lists readings flattened, sorted by time, filtered by metric and window', async () => {
    const first = await app.admin.call('telemetry.record', {
      ticketId: app.ticketId,
      readings: [reading({ value: 231, measuredAt: minutesBefore(app, 5) }), reading({ metric: 'signal', value: -71, unit: 'dBm', measuredAt: minutesBefore(app, 30) })],
    });
    const second = await app.admin.call('telemetry.record', { ticketId: app.ticketId, readings: [reading({ value: 228, measuredAt: minutesBefore(app, 20) })] });
    const all = await app.admin.call('telemetry.list', { ticketId: app.ticketId });
    expect(all.map((r) => [r.metric, r.value, r.eventId])).toEqual([
      ['signal', -71, first.eventId],
      ['voltage', 228, second.eventId],
      ['voltage', 231, first.eventId],
    ]);
    const voltage = await app.admin.call('telemetry.list', { ticketId: app.ticketId, metric: 'Voltage', from: minutesBefore(app, 25), to: minutesBefore(app, 10) });
    expect(voltage.map((r) => r.value)).toEqual([228]);
    const latestOne = await app.admin.call('telemetry.list', { ticketId: app.ticketId, limit: 1 });
    expect(latestOne.map((r) => r.value)).toEqual([231]);
  });

  it('lists only the readings of events written after a known one (live refresh)', async () => {
    const first = await app.admin.call('telemetry.record', { ticketId: app.ticketId, readings: [reading({ value: 1 })] });
    expect(await app.admin.call('telemetry.list', { ticketId: app.ticketId, afterEventId: first.eventId })).toEqual([]);
    // Written later but measured earlier: still new to a chart that has seen `first`.
    const second = await app.admin.call('telemetry.record', { ticketId: app.ticketId, readings: [reading({ value: 2, measuredAt: minutesBefore(app, 50) }), reading({ value: 3 })] });
    const fresh = await app.admin.call('telemetry.list', { ticketId: app.ticketId, afterEventId: first.eventId });
    expect(fresh.map((r) => [r.value, r.eventId])).toEqual([
      [2, second.eventId],
      [3, second.eventId],
    ]);
  });

  it('refuses a unit that does not fit a known metric, but takes any short unit for an unknown metric', async () => {
    const bad = await issuesOf({ ticketId: app.ticketId, readings: [reading({ unit: 'mV' })] });
    expect(bad.code).toBe('VALIDATION');
    expect(bad.messages).toContain('unit_not_allowed');
    const ok = await app.admin.call('telemetry.record', { ticketId: app.ticketId, readings: [reading({ metric: 'caudal', unit: 'l/min', value: 12 })] });
    expect(ok.readings).toBe(1);
    const tooLong = await issuesOf({ ticketId: app.ticketId, readings: [reading({ metric: 'caudal', unit: 'x'.repeat(17) })] });
    expect(tooLong.code).toBe('VALIDATION');
  });

  it('refuses readings from the future (beyond 5 minutes of clock skew) and before 2000', async () => {
    const future = new Date(app.clock.now().getTime() + 6 * 60_000).toISOString();
    expect(await issuesOf({ ticketId: app.ticketId, readings: [reading({ measuredAt: future })] })).toMatchObject({ code: 'VALIDATION', reason: 'measured_in_future' });
    const skew = new Date(app.clock.now().getTime() + 4 * 60_000).toISOString();
    await app.admin.call('telemetry.record', { ticketId: app.ticketId, readings: [reading({ measuredAt: skew })] });
    const old = await issuesOf({ ticketId: app.ticketId, readings: [reading({ measuredAt: '1999-12-31T23:59:59Z' })] });
    expect(old.messages).toContain('measured_before_2000');
    expect(telemetryEventCount(app, app.ticketId)).toBe(1);
  });

  it('refuses non-finite and non-numeric values', async () => {
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY, '229.8', null]) {
      expect((await issuesOf({ ticketId: app.ticketId, readings: [reading({ value })] })).code).toBe('VALIDATION');
    }
    expect(telemetryEventCount(app, app.ticketId)).toBe(0);
  });

  it('answers NOT_FOUND for an unknown ticket and checks permissions', async () => {
    const missing = '01890000-0000-7000-8000-000000000000';
    expect(await app.admin.failure('telemetry.record', { ticketId: missing, readings: [reading()] })).toBe('NOT_FOUND');
    expect(await app.admin.failure('telemetry.list', { ticketId: missing })).toBe('NOT_FOUND');
    const readOnly = await app.userWithRole('Solo lectura', 'lectura1');
    expect(await readOnly.caller.failure('telemetry.record', { ticketId: app.ticketId, readings: [reading()] })).toBe('FORBIDDEN');
    expect(await readOnly.caller.call('telemetry.list', { ticketId: app.ticketId })).toEqual([]);
    expect(await readOnly.caller.failure('telemetry.socketInfo', {})).toBe('FORBIDDEN');
  });

  it('lets a technician record only on tickets with a work order assigned to them', async () => {
    const tech = await app.userWithRole('Técnico', 'tec1');
    const env = await tech.caller.envelope('telemetry.record', { ticketId: app.ticketId, readings: [reading()] });
    expect(env.ok ? null : env.error.details?.reason).toBe('not_your_ticket');
    await app.admin.call('workOrders.requestVisit', { ticketId: app.ticketId, otType: 'diagnosis', technicianId: tech.id });
    const ok = await tech.caller.call('telemetry.record', { ticketId: app.ticketId, readings: [reading()] });
    expect(ok.readings).toBe(1);
  });

  it('gives admins a stable per-install socket token that settings never expose', async () => {
    const first = await app.admin.call('telemetry.socketInfo', {});
    const second = await app.admin.call('telemetry.socketInfo', {});
    expect(first.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(second.token).toBe(first.token);
    expect(first).toMatchObject({ enabled: false, port: 5181, stats: null });
    const settings = await app.admin.call('settings.get', {});
    expect(JSON.stringify(settings)).not.toContain(first.token);
    expect(settings).toMatchObject({ telemetrySocketEnabled: false, telemetrySocketPort: 5181 });
  });
});
