// Issue 18.16: one company time zone (a replicated setting, the computer's zone until set, a valid IANA name) for the
// year in codes, the names of period files, the CLI's --from/--to days; telemetry's end is half-open.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemTimeZone } from '../../electron/contract/zonedTime';
import { parseArgs } from '../../scripts/args';
import { reportCommand } from '../../scripts/commands/report';
import { startDomainApp, type DomainFixture } from '../domain/fixtures';
import { expectError } from '../foundation/helpers';
import { settingsVersions } from '../support/versions';

let f: DomainFixture;

beforeAll(async () => {
  f = await startDomainApp();
});
afterAll(() => f.app.close());

const setZone = async (timeZone: string) => f.admin.call('settings.update', { versions: await settingsVersions(f.admin), timeZone });

/** Visits in the report periods under test, some already past on the test clock: booked as recorded history. */
async function scheduledVisit(at: string): Promise<string> {
  const ticket = await f.admin.call('tickets.create', { title: `Visita ${at}`, description: 'Revisión' });
  const wo = await f.admin.call('workOrders.requestVisit', { ticketId: ticket.id, otType: 'repair' });
  return (await f.admin.call('workOrders.schedule', { id: wo.id, version: wo.version, scheduledDate: at, technicianId: f.tec1.id, recordsPastVisit: true, confirmOverlap: true })).code;
}

describe('the company time zone setting', () => {
  it('is the computer’s zone until set, takes only a zone Intl knows, and travels to the team', async () => {
    expect((await f.admin.call('settings.get', {})).timeZone).toBe(systemTimeZone());
    await expectError(f.admin, 'settings.update', { versions: await settingsVersions(f.admin), timeZone: 'Europe/Atlantis' }, 'VALIDATION');
    expect((await setZone('Europe/Madrid')).timeZone).toBe('Europe/Madrid');
    const op = f.app.backend.database.sqlite.prepare("SELECT kind FROM sync_ops WHERE entity = 'settings' AND row_id = 'timeZone'").get();
    expect(op).toEqual({ kind: 'insert' });
  });

  it('dates the year of a code on the company calendar: 23:30 UTC on 31 December is already next year in Madrid', async () => {
    await setZone('Europe/Madrid');
    f.app.clock.set('2026-12-31T23:30:00.000Z');
    await f.admin.call('auth.login', { login: 'admin', password: 'admin-password-1' });
    const ticket = await f.admin.call('tickets.create', { title: 'Nochevieja', description: 'Caldera' });
    expect(ticket.code).toMatch(/-2027-/);
    await setZone('UTC');
    const utc = await f.admin.call('tickets.create', { title: 'Nochevieja UTC', description: 'Caldera' });
    expect(utc.code).toMatch(/-2026-/);
    f.app.clock.set('2026-03-02T09:00:00.000Z');
    await f.admin.call('auth.login', { login: 'admin', password: 'admin-password-1' });
  });

  it('names a March period’s zip in Madrid from 1 March, not from 28 February', async () => {
    await setZone('Europe/Madrid');
    const { jobId } = await f.admin.call('reports.batchStart', { from: '2026-02-28T23:00:00.000Z', to: '2026-03-31T22:00:00.000Z' });
    let status = await f.admin.call('reports.batchStatus', { jobId });
    for (let i = 0; i < 200 && (status.status === 'running' || status.status === 'queued'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      status = await f.admin.call('reports.batchStatus', { jobId });
    }
    expect(status.status).toBe('done');
    expect((await f.admin.call('reports.batchResult', { jobId })).fileName).toBe('work-orders_2026-03-01_2026-03-31.zip');
  });

  it('telemetry’s window is half-open: a reading at exactly `to` is outside it', async () => {
    const ticket = await f.admin.call('tickets.create', { title: 'Cuadro eléctrico', description: 'Tensión' });
    const at = (minutes: number) => new Date(Date.parse('2026-03-02T08:00:00.000Z') + minutes * 60_000).toISOString();
    await f.admin.call('telemetry.record', {
      ticketId: ticket.id,
      readings: [0, 10, 20].map((m) => ({ metric: 'voltage', value: 230 + m, unit: 'V', measuredAt: at(m) })),
    });
    const window = await f.admin.call('telemetry.list', { ticketId: ticket.id, from: at(0), to: at(20) });
    expect(window.map((r) => r.value)).toEqual([230, 240]);
  });
});

describe('the CLI’s --from/--to', () => {
  it('are days on the company calendar, as in the app: an OT at 00:30 on 1 March in Madrid is in March', async () => {
    await setZone('Europe/Madrid');
    const firstOfMarch = await scheduledVisit('2026-02-28T23:30:00.000Z'); // 1 March, 00:30 in Madrid
    const firstOfApril = await scheduledVisit('2026-03-31T22:30:00.000Z'); // 1 April, 00:30 in Madrid
    const out = path.join(f.app.dir, 'march.csv');
    await reportCommand.run(
      parseArgs(['report', 'work-orders-csv', '--data-dir', f.app.dir, '--from', '2026-03-01', '--to', '2026-03-31', '--out', out, '--date-field', 'scheduled_date']),
    );
    const csv = readFileSync(out, 'utf8');
    expect(csv).toContain(firstOfMarch);
    expect(csv).not.toContain(firstOfApril);
  });
});
