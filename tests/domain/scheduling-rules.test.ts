// Scheduling rules (issue 16 part 2): estimated minutes, double booking, past dates, who may be a technician,
// and the timeline of a reschedule. Each refusal names its reason and leaves nothing written.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WorkOrderDetail } from '../../electron/contract';
import { overlappingBookings } from '../../electron/contract/scheduling';
import { settingsVersions } from '../support/versions';
import { errorOf, startDomainApp, tableCounts, type DomainFixture } from './fixtures';

let f: DomainFixture;
beforeEach(async () => {
  f = await startDomainApp();
});
afterEach(() => f.app.close());

// The test clock starts at 2026-03-02T09:00Z; these are days ahead of it.
const MON_9 = '2026-03-09T09:00:00.000Z';
const MON_10 = '2026-03-09T10:00:00.000Z';
const MON_1030 = '2026-03-09T10:30:00.000Z';
const MON_11 = '2026-03-09T11:00:00.000Z';

async function pending(otType: 'repair' | 'diagnosis' | 'install' = 'repair'): Promise<WorkOrderDetail> {
  const ticket = await f.admin.call('tickets.create', { title: 'Caldera sin presión', customerId: f.customerId });
  return f.admin.call('workOrders.requestVisit', { ticketId: ticket.id, otType });
}

const schedule = (wo: WorkOrderDetail, scheduledDate: string, extra: Record<string, unknown> = {}, technicianId = f.tec1.id) =>
  f.admin.envelope('workOrders.schedule', { id: wo.id, version: wo.version, scheduledDate, technicianId, ...extra });

async function scheduled(scheduledDate: string, extra: Record<string, unknown> = {}, otType: 'repair' | 'diagnosis' | 'install' = 'repair') {
  const env = await schedule(await pending(otType), scheduledDate, extra);
  if (!env.ok) throw new Error(JSON.stringify(env.error));
  return env.value as WorkOrderDetail;
}

function expectNothingWritten(before: Record<string, number>, wo?: WorkOrderDetail) {
  expect(tableCounts(f.app)).toEqual(before);
  if (wo) expect(f.app.backend.database.sqlite.prepare('SELECT version FROM work_orders WHERE id = ?').get(wo.id)).toEqual({ version: wo.version });
}

describe('the overlap check (pure, reused by the dispatch board)', () => {
  const booking = (id: string, start: string, minutes: number) => ({ id, code: id, start, minutes });
  it('is half-open: back-to-back visits do not clash; any shared minute does; an OT never clashes with itself', () => {
    const others = [booking('A', MON_9, 60), booking('B', MON_11, 30)];
    expect(overlappingBookings(booking('X', MON_10, 60), others)).toEqual([]);
    expect(overlappingBookings(booking('X', '2026-03-09T09:59:00.000Z', 1), others).map((b) => b.id)).toEqual(['A']);
    expect(overlappingBookings(booking('X', MON_9, 24 * 60), others).map((b) => b.id)).toEqual(['A', 'B']);
    expect(overlappingBookings(booking('A', MON_9, 60), others)).toEqual([]);
  });
});

describe('estimated minutes', () => {
  it('default per OT type from the settings; an own estimate from requestVisit, schedule and setEstimate', async () => {
    const proposed = await f.admin.call('workOrders.requestVisit', {
      ticketId: (await pending()).ticketId,
      otType: 'install',
      estimatedMinutes: 45,
    });
    expect(proposed.estimatedMinutes).toBe(45);
    let wo = await scheduled(MON_9, { estimatedMinutes: 90 });
    expect(wo.estimatedMinutes).toBe(90);
    wo = await f.admin.call('workOrders.setEstimate', { id: wo.id, version: wo.version, estimatedMinutes: null });
    expect(wo.estimatedMinutes).toBeNull();
    const ticket = await f.admin.call('tickets.get', { id: wo.ticketId });
    expect(ticket.timeline.at(-1)?.metaData).toMatchObject({ change: 'estimate', estimatedMinutes: { from: 90, to: null } });

    // Repair's default is 120 minutes: a visit at 10:30 runs into it; with a 60-minute default it would not.
    const next = await pending();
    expect((await schedule(next, MON_1030)).ok).toBe(false);
    const settings = await f.admin.call('settings.get', {});
    await f.admin.call('settings.update', { versions: await settingsVersions(f.admin), workOrderDefaultMinutes: { ...settings.workOrderDefaultMinutes, repair: 60 } });
    expect((await schedule(next, MON_1030)).ok).toBe(true);
  });

  // The newcomer's trial: changing Diagnóstico's usual length to 45 min turned a completed 1 h diagnosis into 45 min.
  it("an OT completed or cancelled keeps its type's usual length of then; planned and running visits follow the setting", async () => {
    const wo = await scheduled(MON_9, {}, 'diagnosis');
    const planned = await scheduled(MON_11, {}, 'diagnosis');
    // Not at the start: an offline laptop's start would write its default over the office's estimate.
    const started = await f.admin.call('workOrders.start', { id: wo.id, version: wo.version });
    expect(started.estimatedMinutes).toBeNull();
    const done = await f.admin.call('workOrders.complete', { id: started.id, version: started.version, workDone: 'Diagnosticada la placa' });
    const cancelled = await pending('install');
    const gone = await f.admin.call('workOrders.cancel', { id: cancelled.id, version: cancelled.version, reason: 'Duplicada' });
    // Closing a ticket settles its open OTs the same way (completing one needs its technician: it is planned).
    const atClose = [await scheduled('2026-03-10T09:00:00.000Z', {}, 'repair'), await pending('install')];
    for (const [i, open] of atClose.entries()) {
      const ticket = await f.admin.call('tickets.get', { id: open.ticketId });
      const decision = i === 0 ? { action: 'complete' as const, workDone: 'Cambiada la válvula' } : { action: 'cancel' as const, reason: 'No hace falta' };
      await f.admin.call('tickets.close', { id: ticket.id, version: ticket.version, resolution: 'Resuelto', workOrders: [{ id: open.id, version: open.version, ...decision }] });
    }

    const settings = await f.admin.call('settings.get', {});
    await f.admin.call('settings.update', {
      versions: await settingsVersions(f.admin),
      workOrderDefaultMinutes: { ...settings.workOrderDefaultMinutes, diagnosis: 45, install: 30, repair: 30 },
    });
    const estimateOf = async (id: string) => (await f.admin.call('workOrders.get', { id })).estimatedMinutes;
    expect(await estimateOf(done.id)).toBe(60);
    expect(await estimateOf(gone.id)).toBe(180);
    expect([await estimateOf(atClose[0]!.id), await estimateOf(atClose[1]!.id)]).toEqual([120, 180]);
    // Still planned: on the type's usual length, whatever it now is.
    expect(await estimateOf(planned.id)).toBeNull();
  });

  it('refuses 0, a year, a fraction and text, on every channel that takes it; nothing written', async () => {
    const wo = await pending();
    const before = tableCounts(f.app);
    for (const estimatedMinutes of [0, -5, 24 * 60 + 1, 365 * 24 * 60, 1.5, '60']) {
      expect((await schedule(wo, MON_9, { estimatedMinutes })).ok ? 'accepted' : 'refused', String(estimatedMinutes)).toBe('refused');
      expect(await errorOf(f.admin, 'workOrders.setEstimate', { id: wo.id, version: wo.version, estimatedMinutes })).toMatchObject({ code: 'VALIDATION' });
      expect(await errorOf(f.admin, 'workOrders.requestVisit', { ticketId: wo.ticketId, otType: 'repair', estimatedMinutes })).toMatchObject({ code: 'VALIDATION' });
    }
    const settings = await f.admin.call('settings.get', {});
    expect(
      await errorOf(f.admin, 'settings.update', { versions: await settingsVersions(f.admin), workOrderDefaultMinutes: { ...settings.workOrderDefaultMinutes, repair: 0 } }),
    ).toMatchObject({ code: 'VALIDATION' });
    expectNothingWritten(before, wo);
  });
});

describe('double booking', () => {
  it('refuses an overlapping plan with the clashing OTs and times, unless confirmed; both then stand', async () => {
    const first = await scheduled(MON_9); // repair: 120 minutes by default, 9:00–11:00
    const second = await pending('diagnosis');
    const before = tableCounts(f.app);
    const refused = await errorOf(f.admin, 'workOrders.schedule', { id: second.id, version: second.version, scheduledDate: MON_10, technicianId: f.tec1.id });
    expect(refused).toMatchObject({
      code: 'CONFLICT',
      details: { reason: 'double_booked', clashes: [{ id: first.id, code: first.code, start: MON_9, end: MON_11 }] },
    });
    expect(refused.message).toContain(first.code);
    expectNothingWritten(before, second);

    // Another technician, or right after the first visit, is free.
    expect((await schedule(second, MON_10, {}, f.tec2.id)).ok).toBe(true);
    const third = await pending('diagnosis');
    expect((await schedule(third, MON_11)).ok).toBe(true);

    const fourth = await pending('diagnosis');
    const forced = await schedule(fourth, MON_10, { confirmOverlap: true });
    expect(forced.ok).toBe(true);
    const ticket = await f.admin.call('tickets.get', { id: fourth.ticketId });
    expect(ticket.timeline.at(-1)?.metaData).toMatchObject({ overlapConfirmed: [first.code] });
    const agenda = await f.admin.call('workOrders.agenda', { technicianId: f.tec1.id, from: '2026-03-09T00:00:00.000Z', to: '2026-03-10T00:00:00.000Z' });
    expect(agenda.map((w) => w.code)).toEqual(expect.arrayContaining([first.code, third.code, fourth.code]));
  });

  it('a visit under way holds the technician from when it started; a proposal (requestVisit) is checked too', async () => {
    // Planned for next Monday, started now (2026-03-02 09:00Z): the technician is busy today 9:00–11:00, not on Monday.
    let running = await scheduled(MON_9);
    running = await f.admin.call('workOrders.start', { id: running.id, version: running.version });
    expect((await schedule(await pending('diagnosis'), MON_9)).ok).toBe(true);
    const ticket = await f.admin.call('tickets.create', { title: 'Otra avería' });
    const proposal = { ticketId: ticket.id, otType: 'diagnosis' as const, technicianId: f.tec1.id, scheduledDate: '2026-03-02T10:00:00.000Z' };
    const before = tableCounts(f.app);
    expect(await errorOf(f.admin, 'workOrders.requestVisit', proposal)).toMatchObject({ code: 'CONFLICT', details: { reason: 'double_booked', clashes: [{ code: running.code }] } });
    expectNothingWritten(before);
    expect((await f.admin.envelope('workOrders.requestVisit', { ...proposal, confirmOverlap: true })).ok).toBe(true);
  });

  it('a longer estimate on a scheduled OT is checked against the next visit', async () => {
    const first = await scheduled(MON_9, { estimatedMinutes: 60 });
    await scheduled(MON_10, { estimatedMinutes: 60 });
    expect(await errorOf(f.admin, 'workOrders.setEstimate', { id: first.id, version: first.version, estimatedMinutes: 90 })).toMatchObject({ details: { reason: 'double_booked' } });
    expect((await f.admin.envelope('workOrders.setEstimate', { id: first.id, version: first.version, estimatedMinutes: 90, confirmOverlap: true })).ok).toBe(true);
  });

  it('rescheduling an OT onto its own old slot is no clash', async () => {
    const wo = await scheduled(MON_9);
    expect((await schedule(wo, MON_10)).ok).toBe(true);
  });
});

describe('past dates', () => {
  it('are refused (scheduled_in_past) unless the plan records a visit already made; nothing written', async () => {
    const wo = await pending();
    const before = tableCounts(f.app);
    const yesterday = '2026-03-01T09:00:00.000Z';
    expect(await errorOf(f.admin, 'workOrders.schedule', { id: wo.id, version: wo.version, scheduledDate: yesterday, technicianId: f.tec1.id })).toMatchObject({
      code: 'VALIDATION',
      details: { reason: 'scheduled_in_past', field: 'scheduledDate', today: false },
    });
    expect(await errorOf(f.admin, 'workOrders.requestVisit', { ticketId: wo.ticketId, otType: 'repair', scheduledDate: '2020-06-01T10:00:00+02:00' })).toMatchObject({
      details: { reason: 'scheduled_in_past' },
    });
    expectNothingWritten(before, wo);
    const recorded = await schedule(wo, yesterday, { recordsPastVisit: true });
    expect(recorded.ok).toBe(true);
    const ticket = await f.admin.call('tickets.get', { id: wo.ticketId });
    expect(ticket.timeline.at(-1)?.metaData).toMatchObject({ recordsPastVisit: true });
  });

  it('a time a few minutes ago is now (the form was filled a moment ago); the company time zone does not move the instant', async () => {
    const wo = await pending();
    expect((await schedule(wo, '2026-03-02T08:50:00.000Z')).ok).toBe(true);
    const madrid = await pending();
    // 09:55 in Madrid (UTC+1) is 08:55Z: five minutes ago.
    expect((await schedule(madrid, '2026-03-02T09:55:00+01:00', {}, f.tec2.id)).ok).toBe(true);
    const late = await pending();
    expect((await schedule(late, '2026-03-02T08:30:00.000Z', {}, f.tec2.id)).ok).toBe(false);
    // Earlier today: the form says the hour has passed, not the date.
    expect(await errorOf(f.admin, 'workOrders.schedule', { id: late.id, version: late.version, scheduledDate: '2026-03-02T08:30:00.000Z', technicianId: f.tec2.id })).toMatchObject({
      details: { reason: 'scheduled_in_past', today: true },
    });
  });

  it('year 10000 and a -23:59 offset are refused on schedule and requestVisit', async () => {
    const wo = await pending();
    const before = tableCounts(f.app);
    for (const scheduledDate of ['10000-01-01T00:00:00Z', '+010000-01-01T00:00:00.000Z', '2026-03-09T09:00:00-23:59', '9999-12-31T23:59:59-23:59']) {
      expect(await errorOf(f.admin, 'workOrders.schedule', { id: wo.id, version: wo.version, scheduledDate, technicianId: f.tec1.id })).toMatchObject({ code: 'VALIDATION' });
      expect(await errorOf(f.admin, 'workOrders.requestVisit', { ticketId: wo.ticketId, otType: 'repair', scheduledDate })).toMatchObject({ code: 'VALIDATION' });
    }
    expectNothingWritten(before, wo);
  });
});

describe('who may be a technician', () => {
  it('only users who may execute OTs (or have full access): an agent or a reader is refused (not_a_technician)', async () => {
    const wo = await pending();
    const agent = await f.app.userWithRole('Agente', 'agente1');
    const reader = await f.app.userWithRole('Solo lectura', 'lector1');
    const supervisor = await f.app.userWithRole('Supervisor', 'super1');
    const before = tableCounts(f.app);
    for (const technicianId of [agent.id, reader.id]) {
      expect(await errorOf(f.admin, 'workOrders.schedule', { id: wo.id, version: wo.version, scheduledDate: MON_9, technicianId })).toMatchObject({
        code: 'VALIDATION',
        details: { reason: 'not_a_technician', field: 'technicianId' },
      });
      expect(await errorOf(f.admin, 'workOrders.requestVisit', { ticketId: wo.ticketId, otType: 'repair', technicianId })).toMatchObject({
        details: { reason: 'not_a_technician' },
      });
    }
    expectNothingWritten(before, wo);
    const directory = await f.admin.call('users.directory', {});
    const offered = directory.filter((u) => u.canExecuteWorkOrders).map((u) => u.id);
    const adminId = (await f.admin.call('auth.me', {})).user.id;
    expect(offered).toEqual(expect.arrayContaining([f.tec1.id, f.tec2.id, supervisor.id, adminId]));
    expect(offered).not.toContain(agent.id);
    expect(offered).not.toContain(reader.id);
    expect((await schedule(wo, MON_9, {}, supervisor.id)).ok).toBe(true);
  });
});

describe('rescheduling', () => {
  it('writes the timeline with the date and technician from → to', async () => {
    const wo = await scheduled(MON_9);
    const moved = await schedule(wo, MON_11, {}, f.tec2.id);
    expect(moved.ok).toBe(true);
    const ticket = await f.admin.call('tickets.get', { id: wo.ticketId });
    const last = ticket.timeline.at(-1);
    expect(last).toMatchObject({
      eventType: 'ot_updated',
      metaData: { from: 'scheduled', to: 'scheduled', scheduledDate: { from: MON_9, to: MON_11 }, technicianId: { from: f.tec1.id, to: f.tec2.id } },
    });
    expect(last?.content).toContain('reprogramada');
  });
});
