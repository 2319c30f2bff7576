// Issue 18.4: every date on the wire is bounded (2000 ≤ date < 2100) and normalised to UTC ('…Z'), so no stored date
// becomes '+010000-…' or '-000001-…' and falls out of every range query (they compare ISO strings).
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { channels } from '../../electron/contract';
import { isoDateTime } from '../../electron/contract/common';
import { runCli } from '../../scripts/cli';
import { removeTempDirs, tempDir } from '../db/helpers';
import { startDomainApp, type DomainFixture } from '../domain/fixtures';

const FAR_FUTURE = '9999-12-31T23:59:59-23:59';
const YEAR_ZERO = '0000-01-01T00:00:00+14:00';

describe('the shared date schema', () => {
  it('refuses dates outside 2000–2100, whatever their offset', () => {
    for (const bad of [FAR_FUTURE, YEAR_ZERO, '1999-12-31T23:59:59.999Z', '2000-01-01T00:30:00+01:00', '2100-01-01T00:00:00Z', '2099-12-31T23:30:00-01:00']) {
      expect(isoDateTime.safeParse(bad).success, bad).toBe(false);
    }
  });

  it('accepts the edges and answers UTC with milliseconds', () => {
    expect(isoDateTime.parse('2000-01-01T00:00:00Z')).toBe('2000-01-01T00:00:00.000Z');
    expect(isoDateTime.parse('2099-12-31T23:59:59.999Z')).toBe('2099-12-31T23:59:59.999Z');
    expect(isoDateTime.parse('2026-03-01T00:00:00+01:00')).toBe('2026-02-28T23:00:00.000Z');
  });

  it('is the only date schema channels use: every input field that looks like a date refuses year 9999', () => {
    // Probe each top-level input field: one that takes a date but refuses other text and an impossible date is a date field.
    const dateFields: string[] = [];
    for (const [name, def] of Object.entries(channels)) {
      const shape = (def.input as { shape?: Record<string, { safeParse(v: unknown): { success: boolean } }> }).shape;
      if (!shape) continue;
      for (const [field, schema] of Object.entries(shape)) {
        if (schema.safeParse('2026-03-02T09:00:00Z').success && !schema.safeParse('not a date, just words').success && !schema.safeParse('2026-13-45T09:00:00Z').success) {
          dateFields.push(`${name}.${field}`);
          expect(schema.safeParse(FAR_FUTURE).success, `${name}.${field} accepts year 9999`).toBe(false);
        }
      }
    }
    expect(dateFields).toContain('workOrders.schedule.scheduledDate');
    expect(dateFields).toContain('reports.batchStart.from');
    expect(dateFields).toContain('telemetry.list.to');
  });
});

describe('dates through the channels', () => {
  let f: DomainFixture;
  beforeAll(async () => {
    f = await startDomainApp();
  });
  afterAll(() => f.app.close());

  it('refuses scheduling an OT in year 9999 or year 0, and stores an offset date as UTC', async () => {
    const ticket = await f.admin.call('tickets.create', { title: 'Caldera sin presión' });
    const wo = await f.admin.call('workOrders.requestVisit', { ticketId: ticket.id, otType: 'repair' });
    for (const scheduledDate of [FAR_FUTURE, YEAR_ZERO]) {
      const env = await f.admin.envelope('workOrders.schedule', { id: wo.id, scheduledDate, technicianId: f.tec1.id, version: wo.version });
      expect(env.ok ? null : env.error.code).toBe('VALIDATION');
    }
    const done = await f.admin.call('workOrders.schedule', { id: wo.id, scheduledDate: '2026-03-05T10:00:00+01:00', technicianId: f.tec1.id, version: wo.version });
    expect(done.scheduledDate).toBe('2026-03-05T09:00:00.000Z');
    const stored = f.app.backend.database.sqlite.prepare('SELECT scheduled_date AS d FROM work_orders WHERE id = ?').get(wo.id) as { d: string };
    expect(stored.d).toBe('2026-03-05T09:00:00.000Z');
    const agenda = await f.admin.call('workOrders.agenda', { from: '2026-03-05T00:00:00+01:00', to: '2026-03-06T00:00:00+01:00' });
    expect(agenda.map((w) => w.id)).toEqual([wo.id]);
  });

  it('refuses a list filter with an unbounded date instead of matching nothing', async () => {
    const env = await f.admin.envelope('tickets.list', { createdFrom: YEAR_ZERO });
    expect(env.ok ? null : env.error.code).toBe('VALIDATION');
  });
});

describe('the CLI batch export', () => {
  afterAll(() => removeTempDirs());

  it('refuses a period outside 2000–2100 as bad usage (exit 2), as the channels do', async () => {
    const dir = tempDir();
    const errors: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      errors.push(String(chunk));
      return true;
    });
    try {
      const out = path.join(dir, 'periodo.zip');
      expect(await runCli(['report', 'batch', '--data-dir', dir, '--from', '0000-01-01', '--to', '2026-03-01', '--out', out])).toBe(2);
      expect(await runCli(['report', 'batch', '--data-dir', dir, '--from', '2026-01-01', '--to', FAR_FUTURE, '--out', out])).toBe(2);
    } finally {
      vi.restoreAllMocks();
    }
    expect(errors.join('')).toContain('between 2000 and 2099');
  });
});
