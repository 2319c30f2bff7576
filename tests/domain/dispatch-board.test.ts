// workOrders.board: the days asked for on the company calendar, technicians only, each OT's length (its own or its
// type's default) and the clashes between one technician's overlapping visits. The reply is compact: a block carries
// what it shows, each customer travels once. The clock sits on Monday 2 March 2026
// 09:00 UTC; visits are booked ahead of it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WorkOrderDetail } from '../../electron/contract';
import { OPEN_WORK_ORDERS_SQL } from '../../electron/services/users/users';
import { BOARD_TECHNICIANS_SQL, boardQuery } from '../../electron/services/workOrders/board';
import { ADMIN } from '../support/backend';
import { settingsVersions } from '../support/versions';
import { errorOf, startDomainApp, type DomainFixture } from './fixtures';

let f: DomainFixture;
beforeEach(async () => {
  f = await startDomainApp();
  await f.admin.call('settings.update', { versions: await settingsVersions(f.admin), timeZone: 'Europe/Madrid' });
});
afterEach(() => f.app.close());

type OtType = 'diagnosis' | 'repair' | 'install' | 'upgrade' | 'maintenance';

/** A visit on a new ticket, scheduled for `technicianId` at `at` (a clash is confirmed: the board shows it). */
async function booked(technicianId: string, at: string, otType: OtType = 'repair', title = 'Router sin conexión'): Promise<WorkOrderDetail> {
  const ticket = await f.admin.call('tickets.create', { title, customerId: f.customerId });
  const wo = await f.admin.call('workOrders.requestVisit', { ticketId: ticket.id, otType });
  return f.admin.call('workOrders.schedule', { id: wo.id, scheduledDate: at, technicianId, version: wo.version, confirmOverlap: true });
}

const board = (from: string, to: string) => f.admin.call('workOrders.board', { from, to });

describe('workOrders.board', () => {
  it('answers the OTs of the days asked for, on the company calendar (Madrid), with what the board shows', async () => {
    // Madrid is UTC+1 in March: Monday 2 March starts at 1 March 23:00 UTC.
    const monday = await booked(f.tec1.id, '2026-03-02T09:30:00.000Z', 'repair', 'Impresora atascada');
    const sundayLate = await booked(f.tec1.id, '2026-03-08T21:30:00.000Z', 'diagnosis'); // Sunday 8 March 22:30–23:30 in Madrid
    const nextMonday = await booked(f.tec2.id, '2026-03-08T23:00:00.000Z'); // Monday 9 March 00:00 in Madrid
    await f.admin.call('customers.update', { id: f.customerId, version: 1, town: 'Alcalá de Henares' });

    const week = await board('2026-03-02', '2026-03-08');
    expect(week).toMatchObject({ from: '2026-03-02', to: '2026-03-08', timeZone: 'Europe/Madrid' });
    expect(week.range).toEqual({ from: '2026-03-01T23:00:00.000Z', to: '2026-03-08T23:00:00.000Z' });
    expect(week.workOrders.map((w) => w.id)).toEqual([monday.id, sundayLate.id]);
    expect(week.workOrders[0]).toEqual({
      id: monday.id,
      code: monday.code,
      version: monday.version,
      technicianId: f.tec1.id,
      // The title only travels for an OT without a customer (the block shows the customer).
      ticketTitle: null,
      customer: 0,
      otType: 'repair',
      status: 'scheduled',
      start: '2026-03-02T09:30:00.000Z',
      estimatedMinutes: 120,
      defaultDuration: true,
    });
    // Each customer travels once, however many blocks name it.
    expect(week.workOrders[1]?.customer).toBe(0);
    expect(week.customers).toEqual([{ id: f.customerId, name: 'Clínica Dental Sonrisa', town: 'Alcalá de Henares' }]);

    // Without a customer the block shows the ticket's title.
    const walkIn = await f.admin.call('tickets.create', { title: 'Portátil de mostrador' });
    const walkInVisit = await f.admin.call('workOrders.requestVisit', { ticketId: walkIn.id, otType: 'diagnosis' });
    await f.admin.call('workOrders.schedule', { id: walkInVisit.id, version: walkInVisit.version, technicianId: f.tec2.id, scheduledDate: '2026-03-03T10:00:00.000Z' });
    const walkInBlock = (await board('2026-03-03', '2026-03-03')).workOrders.find((w) => w.id === walkInVisit.id);
    expect(walkInBlock).toMatchObject({ ticketTitle: 'Portátil de mostrador', customer: null });

    // One day: Monday 9 March in Madrid holds only the visit at its midnight.
    const day = await board('2026-03-09', '2026-03-09');
    expect(day.workOrders.map((w) => w.id)).toEqual([nextMonday.id]);
  });

  it('text comes through as written: quotes, backslashes, escapes and emoji in a title and a customer', async () => {
    // The rows travel from SQLite as JSON text (board.ts): every character must survive the trip.
    const awkward = 'Caja "B" \\ planta 2 🔧 señal </script> \\u0041';
    await f.admin.call('customers.update', { id: f.customerId, version: 1, name: awkward, town: 'L\'Hospitalet "centro"' });
    const withCustomer = await booked(f.tec1.id, '2026-03-03T09:00:00.000Z');
    const walkIn = await f.admin.call('tickets.create', { title: awkward });
    const visit = await f.admin.call('workOrders.requestVisit', { ticketId: walkIn.id, otType: 'diagnosis' });
    await f.admin.call('workOrders.schedule', { id: visit.id, version: visit.version, technicianId: f.tec2.id, scheduledDate: '2026-03-03T10:00:00.000Z' });

    const day = await board('2026-03-03', '2026-03-03');
    expect(day.customers).toEqual([{ id: f.customerId, name: awkward, town: 'L\'Hospitalet "centro"' }]);
    expect(day.workOrders.find((w) => w.id === withCustomer.id)).toMatchObject({ customer: 0, ticketTitle: null });
    expect(day.workOrders.find((w) => w.id === visit.id)).toMatchObject({ customer: null, ticketTitle: awkward });
  });

  it('a visit still under way when the range starts is on it; pending and cancelled OTs are not', async () => {
    // Sunday 23:00 Madrid, an install of 3 h: it runs into Monday 9 March.
    const overnight = await booked(f.tec1.id, '2026-03-08T22:00:00.000Z', 'install');
    const shortSunday = await booked(f.tec1.id, '2026-03-08T20:00:00.000Z', 'diagnosis'); // ends 21:00 UTC, before Monday
    const cancelled = await booked(f.tec1.id, '2026-03-09T10:00:00.000Z');
    await f.admin.call('workOrders.cancel', { id: cancelled.id, version: cancelled.version, reason: 'El cliente ya no lo necesita' });
    const ticket = await f.admin.call('tickets.create', { title: 'Sin planificar', customerId: f.customerId });
    await f.admin.call('workOrders.requestVisit', { ticketId: ticket.id, otType: 'repair', technicianId: f.tec1.id, scheduledDate: '2026-03-09T09:00:00.000Z' });

    const monday = await board('2026-03-09', '2026-03-09');
    expect(monday.workOrders.map((w) => w.id)).toEqual([overnight.id]);
    expect(monday.workOrders.map((w) => w.id)).not.toContain(shortSunday.id);
  });

  it('rows are the active users who may carry out OTs, by name; an agent or a deactivated technician without open OTs is not one', async () => {
    const agent = await f.app.userWithRole('Agente', 'agente', 'Alicia Agente');
    const gone = await f.app.userWithRole('Técnico', 'tec3', 'Tadeo Técnico');
    const user = (await f.admin.call('users.list', { includeInactive: true })).find((u) => u.id === gone.id);
    await f.admin.call('users.deactivate', { id: gone.id, version: user?.version ?? 1 });

    const names = (await board('2026-03-02', '2026-03-02')).technicians.map((u) => u.fullName);
    expect(names).toContain('Teresa Técnica');
    expect(names).toContain('Tomás Técnico');
    expect(names.indexOf('Teresa Técnica')).toBeLessThan(names.indexOf('Tomás Técnico'));
    expect(names).not.toContain('Alicia Agente');
    expect(names).not.toContain('Tadeo Técnico');
    // Full access may carry out OTs too: the same rule as workOrders.schedule's, which refuses the agent.
    expect(names).toContain(ADMIN.fullName);
    const ticket = await f.admin.call('tickets.create', { title: 'Sin técnico', customerId: f.customerId });
    const wo = await f.admin.call('workOrders.requestVisit', { ticketId: ticket.id, otType: 'repair' });
    const refused = await errorOf(f.admin, 'workOrders.schedule', { id: wo.id, version: wo.version, technicianId: agent.id, scheduledDate: '2026-03-05T09:00:00.000Z' });
    expect(refused.details).toMatchObject({ reason: 'not_a_technician' });
  });

  it('a deactivated technician keeps a row, flagged and after the active ones, while holding a scheduled or in-progress OT; nothing is booked onto it', async () => {
    const tadeo = await f.app.userWithRole('Técnico', 'tec3', 'Tadeo Técnico');
    const ursula = await f.app.userWithRole('Técnico', 'tec4', 'Úrsula Técnica');
    const bruno = await f.app.userWithRole('Técnico', 'tec5', 'Bruno Técnico');
    const planned = await booked(tadeo.id, '2026-03-03T09:00:00.000Z');
    const underWay = await booked(ursula.id, '2026-03-02T09:30:00.000Z');
    const running = await f.admin.call('workOrders.start', { id: underWay.id, version: underWay.version });
    // Bruno's work is all done or called off: nothing of his is left to move.
    const finished = await booked(bruno.id, '2026-03-02T10:00:00.000Z');
    const started = await f.admin.call('workOrders.start', { id: finished.id, version: finished.version });
    await f.admin.call('workOrders.complete', { id: started.id, version: started.version, workDone: 'Revisado' });
    const calledOff = await booked(bruno.id, '2026-03-04T10:00:00.000Z');
    await f.admin.call('workOrders.cancel', { id: calledOff.id, version: calledOff.version, reason: 'El cliente ya no lo necesita' });
    const everyone = await f.admin.call('users.list', { includeInactive: true });
    for (const gone of [tadeo, ursula, bruno]) {
      await f.admin.call('users.deactivate', { id: gone.id, version: everyone.find((u) => u.id === gone.id)?.version ?? 1 });
    }

    const week = await board('2026-03-02', '2026-03-08');
    const active = week.technicians.filter((u) => !u.deactivated).map((u) => u.fullName);
    expect(active).toEqual([ADMIN.fullName, 'Teresa Técnica', 'Tomás Técnico']);
    // After the active rows, by name; Bruno (no open OT) has none.
    expect(week.technicians.slice(active.length)).toEqual([
      { id: tadeo.id, fullName: 'Tadeo Técnico', username: 'tec3', deactivated: true, withoutPermission: false },
      { id: ursula.id, fullName: 'Úrsula Técnica', username: 'tec4', deactivated: true, withoutPermission: false },
    ]);
    expect(week.technicians.map((u) => u.id)).not.toContain(bruno.id);
    expect(week.workOrders.find((w) => w.id === planned.id)).toMatchObject({ technicianId: tadeo.id, status: 'scheduled' });
    expect(week.workOrders.find((w) => w.id === running.id)).toMatchObject({ technicianId: ursula.id, status: 'in_progress' });
    // Open visits of any date keep the row: a week with none of them on it still has it.
    expect((await board('2026-03-16', '2026-03-22')).technicians.filter((u) => u.deactivated).map((u) => u.id)).toEqual([tadeo.id, ursula.id]);
    expect(await f.admin.call('users.openWorkOrders', { id: tadeo.id })).toEqual({ scheduled: 1, inProgress: 0 });
    expect(await f.admin.call('users.openWorkOrders', { id: ursula.id })).toEqual({ scheduled: 0, inProgress: 1 });
    expect(await f.admin.call('users.openWorkOrders', { id: bruno.id })).toEqual({ scheduled: 0, inProgress: 0 });

    // The row is for moving visits away: neither a new visit nor his own to another hour can be booked onto it.
    const ticket = await f.admin.call('tickets.create', { title: 'Nueva avería', customerId: f.customerId });
    const fresh = await f.admin.call('workOrders.requestVisit', { ticketId: ticket.id, otType: 'repair' });
    for (const [wo, at] of [[fresh, '2026-03-05T09:00:00.000Z'], [planned, '2026-03-03T12:00:00.000Z']] as const) {
      const refused = await errorOf(f.admin, 'workOrders.schedule', { id: wo.id, version: wo.version, technicianId: tadeo.id, scheduledDate: at });
      expect(refused).toMatchObject({ code: 'VALIDATION', details: { reason: 'not_a_technician', field: 'technicianId' } });
    }
    // Moved to someone else, his last visit takes the row with it.
    await f.admin.call('workOrders.schedule', { id: planned.id, version: planned.version, technicianId: f.tec1.id, scheduledDate: '2026-03-03T09:00:00.000Z', confirmOverlap: true });
    const after = await board('2026-03-02', '2026-03-08');
    expect(after.technicians.filter((u) => u.deactivated).map((u) => u.id)).toEqual([ursula.id]);
    expect(after.workOrders.find((w) => w.id === planned.id)?.technicianId).toBe(f.tec1.id);
    expect(await f.admin.call('users.openWorkOrders', { id: tadeo.id })).toEqual({ scheduled: 0, inProgress: 0 });
    expect((await errorOf(f.admin, 'users.openWorkOrders', { id: '01900000-0000-7000-8000-000000000999' })).code).toBe('NOT_FOUND');
  });

  it('someone whose role no longer lets them carry out OTs keeps a marked row while holding open ones, before deactivated people; nothing is booked onto it', async () => {
    const vera = await f.app.userWithRole('Técnico', 'tec6', 'Vera Técnica');
    const abel = await f.app.userWithRole('Técnico', 'tec7', 'Abel Técnico');
    const nuria = await f.app.userWithRole('Técnico', 'tec8', 'Nuria Técnica');
    const planned = await booked(vera.id, '2026-03-03T09:00:00.000Z');
    await booked(abel.id, '2026-03-04T09:00:00.000Z');
    const agentRole = (await f.admin.call('roles.list', {})).find((role) => role.name === 'Agente');
    const everyone = await f.admin.call('users.list', { includeInactive: true });
    const versionOf = (id: string) => everyone.find((u) => u.id === id)?.version ?? 1;
    // Vera and Nuria become agents (Nuria holds nothing); Abel's account is closed.
    await f.admin.call('users.update', { id: vera.id, version: versionOf(vera.id), roleId: agentRole?.id ?? null });
    await f.admin.call('users.update', { id: nuria.id, version: versionOf(nuria.id), roleId: agentRole?.id ?? null });
    await f.admin.call('users.deactivate', { id: abel.id, version: versionOf(abel.id) });

    const week = await board('2026-03-02', '2026-03-08');
    const marked = week.technicians.filter((u) => u.deactivated || u.withoutPermission);
    expect(week.technicians.slice(-marked.length)).toEqual(marked);
    expect(marked).toEqual([
      { id: vera.id, fullName: 'Vera Técnica', username: 'tec6', deactivated: false, withoutPermission: true },
      { id: abel.id, fullName: 'Abel Técnico', username: 'tec7', deactivated: true, withoutPermission: false },
    ]);
    expect(week.technicians.map((u) => u.id)).not.toContain(nuria.id);
    expect(week.workOrders.find((w) => w.id === planned.id)).toMatchObject({ technicianId: vera.id, status: 'scheduled' });
    const refused = await errorOf(f.admin, 'workOrders.schedule', { id: planned.id, version: planned.version, technicianId: vera.id, scheduledDate: '2026-03-03T12:00:00.000Z' });
    expect(refused).toMatchObject({ code: 'VALIDATION', details: { reason: 'not_a_technician', field: 'technicianId' } });
    // Moved to someone else, her row goes.
    await f.admin.call('workOrders.schedule', { id: planned.id, version: planned.version, technicianId: f.tec1.id, scheduledDate: '2026-03-03T09:00:00.000Z', confirmOverlap: true });
    expect((await board('2026-03-02', '2026-03-08')).technicians.map((u) => u.id)).not.toContain(vera.id);
  });

  it('finding a deactivated technician with open OTs, and counting them, are seeks into the small index of open OTs', () => {
    const sqlite = f.app.backend.database.sqlite;
    const plan = (sql: string, ...params: unknown[]) => (sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join('\n');
    expect(plan(BOARD_TECHNICIANS_SQL)).toMatch(/SEARCH w USING COVERING INDEX ix_work_orders_open_technician \(technician_id=\? AND status=\?\)/);
    expect(plan(OPEN_WORK_ORDERS_SQL, f.tec1.id)).toMatch(/SEARCH work_orders USING COVERING INDEX ix_work_orders_open_technician \(technician_id=\? AND status=\?\)/);
  });

  it('clashes pair one technician overlapping visits; back-to-back, other technicians and done visits do not clash', async () => {
    const first = await booked(f.tec1.id, '2026-03-03T08:00:00.000Z', 'repair'); // 08:00–10:00
    const overlapping = await booked(f.tec1.id, '2026-03-03T09:00:00.000Z', 'diagnosis'); // 09:00–10:00
    await booked(f.tec1.id, '2026-03-03T10:00:00.000Z', 'diagnosis'); // starts as the others end
    await booked(f.tec2.id, '2026-03-03T08:30:00.000Z', 'repair'); // same hours, another technician

    const week = await board('2026-03-02', '2026-03-08');
    expect(week.clashes).toEqual([{ technicianId: f.tec1.id, first: first.id, second: overlapping.id }]);

    // Done, the first visit no longer competes for the technician's time.
    f.app.clock.set('2026-03-03T08:00:00.000Z');
    await f.admin.call('auth.login', { login: ADMIN.username, password: ADMIN.password });
    const running = await f.admin.call('workOrders.start', { id: first.id, version: first.version });
    expect((await board('2026-03-02', '2026-03-08')).clashes).toHaveLength(1);
    await f.admin.call('workOrders.complete', { id: running.id, version: running.version, workDone: 'Revisado' });
    expect((await board('2026-03-02', '2026-03-08')).clashes).toEqual([]);
  });

  it('blocks come by technician, in the rows order, then by start; a visit started early holds the time from its start', async () => {
    const tec2Early = await booked(f.tec2.id, '2026-03-03T07:00:00.000Z', 'diagnosis');
    const tec1Late = await booked(f.tec1.id, '2026-03-03T12:00:00.000Z', 'diagnosis'); // 12:00–13:00
    const tec1Early = await booked(f.tec1.id, '2026-03-03T08:00:00.000Z', 'diagnosis');
    const week = await board('2026-03-02', '2026-03-08');
    const rowOf = (id: string) => week.technicians.findIndex((u) => u.id === id);
    const order = week.workOrders.map((w) => w.id);
    const [first, second] = rowOf(f.tec1.id) < rowOf(f.tec2.id) ? [[tec1Early.id, tec1Late.id], [tec2Early.id]] : [[tec2Early.id], [tec1Early.id, tec1Late.id]];
    expect(order).toEqual([...(first as string[]), ...(second as string[])]);

    // 11:00–12:00 and 12:00–13:00 are back to back; started at 11:30, the second holds 11:30–12:30 and clashes.
    const before = await booked(f.tec1.id, '2026-03-03T11:00:00.000Z', 'diagnosis');
    expect((await board('2026-03-02', '2026-03-08')).clashes).toEqual([]);
    f.app.clock.set('2026-03-03T11:30:00.000Z');
    await f.admin.call('auth.login', { login: ADMIN.username, password: ADMIN.password });
    await f.admin.call('workOrders.start', { id: tec1Late.id, version: tec1Late.version });
    expect((await board('2026-03-02', '2026-03-08')).clashes).toEqual([{ technicianId: f.tec1.id, first: before.id, second: tec1Late.id }]);
  });

  it('an OT without an estimate lasts its type default, read from the settings when they change', async () => {
    const install = await booked(f.tec1.id, '2026-03-04T08:00:00.000Z', 'install');
    expect((await board('2026-03-04', '2026-03-04')).workOrders[0]).toMatchObject({ id: install.id, estimatedMinutes: 180, start: '2026-03-04T08:00:00.000Z' });

    const defaults = (await f.admin.call('settings.get', {})).workOrderDefaultMinutes;
    await f.admin.call('settings.update', { versions: await settingsVersions(f.admin), workOrderDefaultMinutes: { ...defaults, install: 45 } });
    expect((await board('2026-03-04', '2026-03-04')).workOrders[0]).toMatchObject({ estimatedMinutes: 45, defaultDuration: true });

    // Its own estimate wins over the default.
    const current = await f.admin.call('workOrders.get', { id: install.id });
    await f.admin.call('workOrders.schedule', { id: install.id, version: current.version, technicianId: f.tec1.id, scheduledDate: current.scheduledDate ?? '', estimatedMinutes: 150 });
    expect((await board('2026-03-04', '2026-03-04')).workOrders[0]).toMatchObject({ estimatedMinutes: 150, defaultDuration: false });
  });

  it('refuses a reversed range, more than a week, or something that is not a day', async () => {
    expect(JSON.stringify((await errorOf(f.admin, 'workOrders.board', { from: '2026-03-08', to: '2026-03-02' })).details)).toContain('range_reversed');
    const tooLong = await errorOf(f.admin, 'workOrders.board', { from: '2026-03-02', to: '2026-03-09' });
    expect(tooLong.code).toBe('VALIDATION');
    expect(JSON.stringify(tooLong.details)).toContain('range_too_long');
    for (const day of ['2026-02-30', '10000-01-01', '2026-3-2', '1999-12-31', '2026-03-02T00:00:00Z']) {
      expect((await errorOf(f.admin, 'workOrders.board', { from: day, to: '2026-03-02' })).code).toBe('VALIDATION');
    }
  });

  it('reads every technician OTs in one query from the derived board_blocks alone: one key range per technician, no OT, ticket or customer row', async () => {
    const { sql, params } = boardQuery([f.tec1.id, f.tec2.id], { from: '2026-03-01T23:00:00.000Z', to: '2026-03-08T23:00:00.000Z' });
    const plan = (f.app.backend.database.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((r) => r.detail).join('\n');
    expect(plan).toMatch(/SEARCH b USING PRIMARY KEY \(technician_id=\? AND scheduled_date>\? AND scheduled_date<\?\)/);
    expect(plan).not.toMatch(/work_orders|customers/);
    expect(plan).not.toMatch(/SCAN b\b/);
  });
});
