// Mi día (workOrders.myDay) with a controllable clock: the caller's open visits of earlier days first, then today's by
// time, with the customer's contact details and the fault; another technician's, completed and cancelled ones left out;
// "today" is the company calendar's (a 23:30 visit in Madrid is on the day before in UTC terms).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WorkOrderDetail } from '../../electron/contract';
import { MY_DAY_EARLIER_SQL, MY_DAY_OVERDUE_COUNT_SQL, MY_DAY_TODAY_SQL, myDayParams } from '../../electron/services/workOrders/myDay';
import { loadActor } from '../../electron/services/users';
import { ADMIN } from '../support/backend';
import { settingsVersions } from '../support/versions';
import { startDomainApp, type DomainFixture } from './fixtures';

let f: DomainFixture;
beforeEach(async () => {
  f = await startDomainApp();
});
afterEach(() => f.app.close());

async function booked(technicianId: string, at: string, title = 'Caldera sin agua caliente'): Promise<WorkOrderDetail> {
  const ticket = await f.admin.call('tickets.create', { title, description: `${title}: revisar en la visita`, customerId: f.customerId });
  const wo = await f.admin.call('workOrders.requestVisit', { ticketId: ticket.id, otType: 'repair' });
  return f.admin.call('workOrders.schedule', { id: wo.id, scheduledDate: at, technicianId, version: wo.version });
}

/** Moves the clock and signs everyone in again (sessions expire across days). */
async function clockAt(iso: string): Promise<void> {
  f.app.clock.set(iso);
  await f.admin.call('auth.login', { login: ADMIN.username, password: ADMIN.password });
  await f.tec1.caller.call('auth.login', { login: 'tec1', password: 'tec1-password-1' });
  await f.tec2.caller.call('auth.login', { login: 'tec2', password: 'tec2-password-1' });
}

const myDayOf = (caller = f.tec1.caller) => caller.call('workOrders.myDay', {});

describe('workOrders.myDay', () => {
  it('lists open visits of earlier days first, then today’s by time, with the address, phone, contact and fault', async () => {
    await f.admin.call('customers.update', {
      id: f.customerId,
      version: 1,
      address: 'Calle Mayor 12, 2º B',
      town: 'Alcalá de Henares',
      phone: '+34 600 123 456',
      contactName: 'Lucía Romero',
      email: 'lucia@sonrisa.example',
    });
    f.app.clock.set('2026-03-01T07:00:00.000Z');
    const todayLate = await booked(f.tec1.id, '2026-03-05T15:00:00.000Z', 'Aire acondicionado gotea');
    const todayEarly = await booked(f.tec1.id, '2026-03-05T09:00:00.000Z', 'Caldera sin agua caliente');
    const twoDaysAgo = await booked(f.tec1.id, '2026-03-03T08:00:00.000Z', 'Termo no calienta');
    const yesterdayRunning = await booked(f.tec1.id, '2026-03-04T10:00:00.000Z', 'Fuga en radiador');
    const tomorrow = await booked(f.tec1.id, '2026-03-06T09:00:00.000Z', 'Revisión anual');
    const startedAhead = await booked(f.tec1.id, '2026-03-07T09:00:00.000Z', 'Empezada antes de tiempo');
    const someoneElse = await booked(f.tec2.id, '2026-03-05T10:00:00.000Z', 'De Teresa');
    const done = await booked(f.tec1.id, '2026-03-04T12:00:00.000Z', 'Ya hecha');
    const cancelled = await booked(f.tec1.id, '2026-03-05T11:00:00.000Z', 'Anulada');
    await f.admin.call('workOrders.cancel', { id: cancelled.id, version: cancelled.version, reason: 'El cliente anula' });

    await clockAt('2026-03-04T10:30:00.000Z');
    await f.tec1.caller.call('workOrders.start', { id: yesterdayRunning.id, version: yesterdayRunning.version });
    const doneStarted = await f.tec1.caller.call('workOrders.start', { id: done.id, version: done.version });
    await f.tec1.caller.call('workOrders.complete', { id: done.id, version: doneStarted.version, workDone: 'Cambiada la junta' });
    await f.tec1.caller.call('workOrders.start', { id: startedAhead.id, version: startedAhead.version });

    await clockAt('2026-03-05T08:00:00.000Z');
    const day = await myDayOf();
    expect(day.day).toBe('2026-03-05');
    expect(day.items.map((v) => [v.code, v.overdue])).toEqual([
      [twoDaysAgo.code, true],
      [yesterdayRunning.code, true],
      [todayEarly.code, false],
      [todayLate.code, false],
      [startedAhead.code, false],
    ]);
    expect(day.overdueTotal).toBe(2);
    const ids = day.items.map((v) => v.id);
    for (const left of [tomorrow, someoneElse, done, cancelled]) expect(ids).not.toContain(left.id);

    const early = day.items.find((v) => v.id === todayEarly.id);
    expect(early).toMatchObject({
      status: 'scheduled',
      otType: 'repair',
      scheduledDate: '2026-03-05T09:00:00.000Z',
      version: todayEarly.version,
      ticket: { code: todayEarly.ticketCode, title: 'Caldera sin agua caliente', description: 'Caldera sin agua caliente: revisar en la visita' },
      customer: {
        id: f.customerId,
        name: 'Clínica Dental Sonrisa',
        address: 'Calle Mayor 12, 2º B',
        town: 'Alcalá de Henares',
        phone: '+34 600 123 456',
        contactName: 'Lucía Romero',
        email: 'lucia@sonrisa.example',
      },
    });
    expect(day.items.find((v) => v.id === yesterdayRunning.id)?.status).toBe('in_progress');

    // Teresa sees only hers; someone without OTs gets an empty day, not an error.
    expect((await myDayOf(f.tec2.caller)).items.map((v) => v.id)).toEqual([someoneElse.id]);
    expect(await f.admin.call('workOrders.myDay', {})).toMatchObject({ items: [], overdueTotal: 0, doneToday: 0 });
    // Teresa finishes her only visit of today: an empty day that says it was done, not that there was none.
    const teresaStarted = await f.tec2.caller.call('workOrders.start', { id: someoneElse.id, version: someoneElse.version });
    await f.tec2.caller.call('workOrders.complete', { id: someoneElse.id, version: teresaStarted.version, workDone: 'Revisado' });
    expect(await myDayOf(f.tec2.caller)).toMatchObject({ items: [], doneToday: 1 });
  });

  it('counts today on the company calendar: a 23:30 visit in Madrid is today there, yesterday in UTC', async () => {
    f.app.clock.set('2026-03-01T07:00:00.000Z');
    // 23:30 in Madrid (UTC+1 in March) on the 4th is 22:30 UTC; at 23:10 UTC it is already 00:10 on the 5th in Madrid.
    const lateEvening = await booked(f.tec1.id, '2026-03-04T22:30:00.000Z');
    await f.admin.call('settings.update', { versions: await settingsVersions(f.admin), timeZone: 'UTC' });
    await clockAt('2026-03-04T22:00:00.000Z');
    expect((await myDayOf()).items.map((v) => [v.id, v.overdue])).toEqual([[lateEvening.id, false]]);

    await f.admin.call('settings.update', { versions: await settingsVersions(f.admin), timeZone: 'Europe/Madrid' });
    // 23:00 in Madrid on the 4th: the visit is tonight's.
    await clockAt('2026-03-04T22:00:00.000Z');
    expect(await myDayOf()).toMatchObject({ day: '2026-03-04', items: [{ id: lateEvening.id, overdue: false }] });
    // 00:10 in Madrid on the 5th: the 23:30 visit was yesterday's and is overdue, though UTC still says the 4th.
    await clockAt('2026-03-04T23:10:00.000Z');
    expect(await myDayOf()).toMatchObject({ day: '2026-03-05', items: [{ id: lateEvening.id, overdue: true }], overdueTotal: 1 });
  });

  it('reads the technician\'s open visits through their own index, never scanning the work orders', () => {
    const sqlite = f.app.backend.database.sqlite;
    const ctx = { db: f.app.backend.database.db, sqlite, clock: f.app.clock, events: f.app.backend.events, actor: loadActor(sqlite, f.tec1.id) };
    const { params } = myDayParams(ctx);
    const plan = (sql: string, p: Record<string, unknown>) =>
      (sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(p) as { detail: string }[]).map((r) => r.detail).join('\n');
    const earlierPlan = plan(MY_DAY_EARLIER_SQL, { technicianId: params.technicianId, todayStart: params.todayStart });
    const todayPlan = plan(MY_DAY_TODAY_SQL, params);
    // Only the technician's open visits are read (the partial index holds no done OT), then sorted: a few dozen.
    for (const listPlan of [earlierPlan, todayPlan]) {
      expect(listPlan).toContain('SEARCH w USING INDEX ix_work_orders_open_technician (technician_id=? AND status=?)');
      expect(listPlan).not.toMatch(/SCAN (w|work_orders)\b(?! USING)/);
    }
    expect(plan(MY_DAY_OVERDUE_COUNT_SQL, { technicianId: params.technicianId, todayStart: params.todayStart })).toContain(
      'USING COVERING INDEX ix_work_orders_technician_id_scheduled_date',
    );
  });
});
