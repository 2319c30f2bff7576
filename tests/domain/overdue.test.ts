// Atrasadas (workOrders.overdue) with a controllable clock: the boundaries (exactly now, 24 h in progress), who sees
// what, the company-calendar day count, the order and the pages. Visits are booked ahead and the clock moves past them,
// as real visits become overdue (and as the scheduling rules require: no new booking in the past).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WorkOrderDetail } from '../../electron/contract';
import { RUNNING_LONG_MS } from '../../electron/contract/workOrders';
import { overdueCountSql, overdueQuery } from '../../electron/services/workOrders/overdue';
import { loadActor } from '../../electron/services/users';
import { ADMIN } from '../support/backend';
import { settingsVersions } from '../support/versions';
import { startDomainApp, type DomainFixture } from './fixtures';

let f: DomainFixture;
beforeEach(async () => {
  f = await startDomainApp();
});
afterEach(() => f.app.close());



async function booked(technicianId: string, at: string, title = 'Router sin conexión'): Promise<WorkOrderDetail> {
  const ticket = await f.admin.call('tickets.create', { title, customerId: f.customerId });
  const wo = await f.admin.call('workOrders.requestVisit', { ticketId: ticket.id, otType: 'repair' });
  return f.admin.call('workOrders.schedule', { id: wo.id, scheduledDate: at, technicianId, version: wo.version });
}

/** Moves the clock (days at a time: sessions expire meanwhile) and signs everyone in again. */
async function clockAt(iso: string, extraMs = 0): Promise<void> {
  f.app.clock.set(new Date(Date.parse(iso) + extraMs).toISOString());
  await f.admin.call('auth.login', { login: ADMIN.username, password: ADMIN.password });
  await f.tec1.caller.call('auth.login', { login: 'tec1', password: 'tec1-password-1' });
  await f.tec2.caller.call('auth.login', { login: 'tec2', password: 'tec2-password-1' });
}

const start = (wo: WorkOrderDetail) => f.admin.call('workOrders.start', { id: wo.id, version: wo.version });
const overdueIds = async (input: { technicianId?: string } = {}) => (await f.admin.call('workOrders.overdue', input)).items.map((w) => w.id);

describe('workOrders.overdue', () => {
  it('a visit scheduled exactly now is not late; a millisecond later it is, until it starts', async () => {
    const at = '2026-03-03T08:00:00.000Z';
    const wo = await booked(f.tec1.id, at);
    await clockAt(at);
    expect(await overdueIds()).toEqual([]);
    await clockAt('2026-03-03T08:00:00.001Z');
    const page = await f.admin.call('workOrders.overdue', {});
    expect(page.total).toBe(1);
    expect(page.items[0]).toMatchObject({ id: wo.id, code: wo.code, status: 'scheduled', overdue: { reason: 'not_started', since: at, lateMinutes: 0, lateDays: 0 } });
    expect(page.items[0]?.technician?.id).toBe(f.tec1.id);
    expect(page.items[0]?.customer?.name).toBe('Clínica Dental Sonrisa');

    // Started late, it leaves Atrasadas (it is being done) …
    await clockAt('2026-03-03T10:00:00.000Z');
    const running = await start(wo);
    expect(await overdueIds()).toEqual([]);
    // … and comes back only after more than a day in progress: 24 h exactly is not late yet.
    await clockAt('2026-03-03T10:00:00.000Z', RUNNING_LONG_MS);
    expect(await overdueIds()).toEqual([]);
    await clockAt('2026-03-03T10:00:00.000Z', RUNNING_LONG_MS + 1);
    const late = (await f.admin.call('workOrders.overdue', {})).items[0];
    expect(late).toMatchObject({ id: running.id, status: 'in_progress', overdue: { reason: 'running_long', since: '2026-03-03T10:00:00.000Z', lateDays: 1 } });
    expect(late?.overdue.lateMinutes).toBe(24 * 60);

    // Finished, it is gone for good; cancelled and pending OTs never show.
    await f.admin.call('workOrders.complete', { id: running.id, version: running.version, workDone: 'Revisado' });
    const other = await booked(f.tec2.id, '2026-03-10T08:00:00.000Z');
    await f.admin.call('workOrders.cancel', { id: other.id, version: other.version, reason: 'El cliente anula' });
    const pendingTicket = await f.admin.call('tickets.create', { title: 'Sin planificar', customerId: f.customerId });
    await f.admin.call('workOrders.requestVisit', { ticketId: pendingTicket.id, otType: 'repair', scheduledDate: '2026-03-25T08:00:00.000Z' });
    await clockAt('2026-03-30T08:00:00.000Z');
    expect(await f.admin.call('workOrders.overdue', {})).toMatchObject({ items: [], total: 0, nextCursor: null });
  });

  it('a technician sees their own whatever they ask for; a dispatcher everyone, or one technician', async () => {
    const mine = await booked(f.tec1.id, '2026-03-03T08:00:00.000Z');
    const theirs = await booked(f.tec2.id, '2026-03-03T09:00:00.000Z');
    await clockAt('2026-03-04T08:00:00.000Z');
    const ids = async (caller: typeof f.admin, input: { technicianId?: string }) => (await caller.call('workOrders.overdue', input)).items.map((w) => w.id);
    expect(await ids(f.tec1.caller, {})).toEqual([mine.id]);
    expect(await ids(f.tec1.caller, { technicianId: f.tec2.id })).toEqual([mine.id]);
    expect((await f.tec1.caller.call('workOrders.overdue', {})).total).toBe(1);
    expect(await ids(f.tec2.caller, { technicianId: 'me' })).toEqual([theirs.id]);
    expect(await ids(f.admin, {})).toEqual([mine.id, theirs.id]);
    expect(await ids(f.admin, { technicianId: f.tec2.id })).toEqual([theirs.id]);
    expect(await ids(f.admin, { technicianId: 'me' })).toEqual([]);
    const agent = await f.app.userWithRole('Agente', 'agente');
    expect(await ids(agent.caller, {})).toEqual([mine.id, theirs.id]);
  });

  it('counts late days on the company calendar, not in UTC', async () => {
    // 23:30 in Madrid (UTC+1 in March) on the 3rd; at 00:10 on the 4th it was "yesterday", though only 40 minutes ago.
    await booked(f.tec1.id, '2026-03-03T22:30:00.000Z');
    await clockAt('2026-03-03T23:10:00.000Z');
    expect((await f.admin.call('workOrders.overdue', {})).items[0]?.overdue).toMatchObject({ lateMinutes: 40, lateDays: 0 });
    await f.admin.call('settings.update', { versions: await settingsVersions(f.admin), timeZone: 'Europe/Madrid' });
    expect((await f.admin.call('workOrders.overdue', {})).items[0]?.overdue).toMatchObject({ lateMinutes: 40, lateDays: 1 });
    await clockAt('2026-03-06T22:59:00.000Z');
    expect((await f.admin.call('workOrders.overdue', {})).items[0]?.overdue.lateDays).toBe(3);
  });

  it('lists the most overdue first across both kinds, in pages, with the total', async () => {
    const a = await booked(f.tec1.id, '2026-03-03T08:00:00.000Z');
    const b = await booked(f.tec2.id, '2026-03-03T08:00:00.000Z');
    const c = await booked(f.tec1.id, '2026-03-05T08:00:00.000Z');
    const d = await booked(f.tec2.id, '2026-03-06T08:00:00.000Z');
    // d starts on the 4th (ahead of its date): in progress since then, it counts from the 4th, between b and c.
    await clockAt('2026-03-04T12:00:00.000Z');
    await start(d);
    await clockAt('2026-03-09T08:00:00.000Z');
    const sameMoment = [a, b].sort((x, y) => x.id.localeCompare(y.id)).map((w) => w.id);
    const expected = [...sameMoment, d.id, c.id];
    expect(await overdueIds()).toEqual(expected);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await f.admin.call('workOrders.overdue', { limit: 1, ...(cursor ? { cursor } : {}) });
      expect(page.total).toBe(4);
      seen.push(...page.items.map((w) => w.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(expected);
    const first = (await f.admin.call('workOrders.overdue', { limit: 1 })).items[0];
    expect(first?.overdue).toMatchObject({ reason: 'not_started', lateDays: 6 });
  });

  it('reads only the active OTs through the partial indexes, for a dispatcher and for a technician', () => {
    const sqlite = f.app.backend.database.sqlite;
    const ctxFor = (userId: string) => ({
      db: f.app.backend.database.db,
      sqlite,
      clock: f.app.clock,
      events: f.app.backend.events,
      actor: loadActor(sqlite, userId),
    });
    const adminId = (sqlite.prepare("SELECT id FROM users WHERE username = 'admin'").get() as { id: string }).id;
    for (const userId of [adminId, f.tec1.id]) {
      const { sql, params } = overdueQuery(ctxFor(userId), { cursor: undefined });
      const plan = (sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((r) => r.detail).join('\n');
      expect(plan).toContain('ix_work_orders_overdue_scheduled');
      expect(plan).toContain('ix_work_orders_overdue_running');
      expect(plan).not.toMatch(/SCAN w\b(?! USING)/);
      const countPlan = (sqlite.prepare(`EXPLAIN QUERY PLAN ${overdueCountSql(userId !== adminId)}`).all({ now: params.now, runningSince: params.runningSince, ...(userId !== adminId ? { technicianId: userId } : {}) }) as { detail: string }[])
        .map((r) => r.detail)
        .join('\n');
      expect(countPlan).toContain('ix_work_orders_overdue_scheduled');
      expect(countPlan).toContain('ix_work_orders_overdue_running');
    }
  });
});
