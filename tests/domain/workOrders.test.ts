import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WORK_ORDER_STATUSES, type WorkOrderDetail, type WorkOrderStatus } from '../../electron/contract';
import { allQueuePages, errorOf, startDomainApp, type DomainFixture } from './fixtures';
import { versionOf } from '../support/versions';

let f: DomainFixture;
beforeEach(async () => {
  f = await startDomainApp();
});
afterEach(() => f.app.close());

const DAY = 24 * 3600_000;

async function ticketWithVisit(otType: 'repair' | 'install' = 'repair') {
  const ticket = await f.admin.call('tickets.create', { title: 'Router sin conexión', customerId: f.customerId });
  const wo = await f.admin.call('workOrders.requestVisit', { ticketId: ticket.id, otType });
  return { ticket, wo };
}

const schedule = (wo: WorkOrderDetail, technicianId = f.tec1.id, date = '2026-03-05T08:00:00.000Z') =>
  f.admin.call('workOrders.schedule', { id: wo.id, scheduledDate: date, technicianId, version: wo.version });

/** A fresh OT in `status`, reached through allowed moves. */
async function workOrderIn(status: WorkOrderStatus): Promise<WorkOrderDetail> {
  let { wo } = await ticketWithVisit();
  if (status === 'pending_planning') return wo;
  if (status === 'cancelled') return f.admin.call('workOrders.cancel', { id: wo.id, version: wo.version, reason: 'El cliente anula' });
  wo = await schedule(wo);
  if (status === 'scheduled') return wo;
  wo = await f.admin.call('workOrders.start', { id: wo.id, version: wo.version });
  if (status === 'in_progress') return wo;
  return f.admin.call('workOrders.complete', { id: wo.id, version: wo.version, workDone: 'Revisado y funcionando' });
}

describe('workOrders.requestVisit', () => {
  it('creates a pending OT with a code, an ot_created snapshot, and moves an open ticket to in_progress', async () => {
    const { ticket, wo } = await ticketWithVisit();
    expect(wo).toMatchObject({ code: 'OT-2026-000001', status: 'pending_planning', ticketId: ticket.id, ticketCode: ticket.code, version: 1, items: [] });
    const after = await f.admin.call('tickets.get', { id: ticket.id });
    expect(after.status).toBe('in_progress');
    expect(after.version).toBe(ticket.version + 1);
    const created = after.timeline.find((e) => e.eventType === 'ot_created');
    expect(created?.metaData).toMatchObject({ workOrder: { id: wo.id, code: wo.code, status: 'pending_planning', otType: 'repair' } });
    expect(after.timeline.at(-1)).toMatchObject({ eventType: 'status_change', metaData: { from: 'open', to: 'in_progress' } });
    expect(after.workOrders.map((w) => w.id)).toEqual([wo.id]);
  });

  it('keeps a proposed date and technician without scheduling', async () => {
    const ticket = await f.admin.call('tickets.create', { title: 'Cambio de equipo' });
    const wo = await f.admin.call('workOrders.requestVisit', {
      ticketId: ticket.id,
      otType: 'install',
      scheduledDate: '2026-03-10T09:00:00+01:00',
      technicianId: f.tec1.id,
    });
    expect(wo).toMatchObject({ status: 'pending_planning', scheduledDate: '2026-03-10T08:00:00.000Z', technician: { id: f.tec1.id } });
  });

  it('is refused on a closed ticket and for a user who cannot do field work', async () => {
    const ticket = await f.admin.call('tickets.create', { title: 'Ya resuelto' });
    const closed = await f.admin.call('tickets.close', { id: ticket.id, resolution: 'Resuelto por teléfono', version: ticket.version });
    expect(await errorOf(f.admin, 'workOrders.requestVisit', { ticketId: closed.id, otType: 'repair' })).toMatchObject({
      code: 'INVALID_TRANSITION',
      details: { reason: 'ticket_closed' },
    });
    const reader = await f.app.userWithRole('Solo lectura', 'lector');
    const open = await f.admin.call('tickets.create', { title: 'Otro' });
    expect(await errorOf(f.admin, 'workOrders.requestVisit', { ticketId: open.id, otType: 'repair', technicianId: reader.id })).toMatchObject({
      code: 'VALIDATION',
      details: { reason: 'not_a_technician' },
    });
  });
});

describe('OT state machine', () => {
  type Attempt = (wo: WorkOrderDetail) => [string, object];
  const actions: Record<'schedule' | 'unschedule' | 'start' | 'complete' | 'cancel', Attempt> = {
    schedule: (wo: WorkOrderDetail) => ['workOrders.schedule', { id: wo.id, version: wo.version, scheduledDate: '2026-03-06T08:00:00.000Z', technicianId: f.tec2.id }],
    unschedule: (wo: WorkOrderDetail) => ['workOrders.unschedule', { id: wo.id, version: wo.version }],
    start: (wo: WorkOrderDetail) => ['workOrders.start', { id: wo.id, version: wo.version }],
    complete: (wo: WorkOrderDetail) => ['workOrders.complete', { id: wo.id, version: wo.version, workDone: 'Hecho' }],
    cancel: (wo: WorkOrderDetail) => ['workOrders.cancel', { id: wo.id, version: wo.version, reason: 'Anulada' }],
  };
  const allowedFrom: Record<keyof typeof actions, WorkOrderStatus[]> = {
    schedule: ['pending_planning', 'scheduled'],
    unschedule: ['scheduled'],
    start: ['scheduled'],
    complete: ['in_progress'],
    cancel: ['pending_planning', 'scheduled', 'in_progress'],
  };
  const target = { schedule: 'scheduled', unschedule: 'pending_planning', start: 'in_progress', complete: 'completed', cancel: 'cancelled' };
  const cases = WORK_ORDER_STATUSES.flatMap((from) => (Object.keys(actions) as (keyof typeof actions)[]).map((action) => [from, action] as const));

  it.each(cases)('from %s, %s follows the machine', async (from, action) => {
    const wo = await workOrderIn(from);
    const [channel, input] = actions[action](wo);
    const env = await f.admin.envelope(channel, input);
    if (!allowedFrom[action].includes(from)) {
      expect(env.ok ? null : env.error.code).toBe('INVALID_TRANSITION');
      expect((await f.admin.call('workOrders.get', { id: wo.id })).version).toBe(wo.version);
      return;
    }
    expect(env.ok).toBe(true);
    const after = env.ok ? (env.value as WorkOrderDetail) : wo;
    expect(after.status).toBe(target[action]);
    expect(after.version).toBe(wo.version + 1);
    const ticket = await f.admin.call('tickets.get', { id: wo.ticketId });
    const last = ticket.timeline.at(-1);
    expect(last?.eventType).toBe(action === 'complete' ? 'ot_completed' : 'ot_updated');
    expect(last?.metaData).toMatchObject({ workOrderId: wo.id, from, to: target[action] });
    expect(ticket.updatedAt >= after.updatedAt).toBe(true);
  });

  it('a stale OT version is a CONFLICT for every versioned channel', async () => {
    const wo = await workOrderIn('scheduled');
    await f.admin.call('workOrders.updateNotes', { id: wo.id, version: wo.version, notes: 'Llevar escalera' });
    const stale = { id: wo.id, version: wo.version };
    const attempts: [string, object][] = [
      ['workOrders.schedule', { ...stale, scheduledDate: '2026-03-07T08:00:00.000Z', technicianId: f.tec1.id }],
      ['workOrders.unschedule', stale],
      ['workOrders.start', stale],
      ['workOrders.cancel', { ...stale, reason: 'x' }],
      ['workOrders.updateNotes', { ...stale, notes: 'otra' }],
    ];
    for (const [channel, input] of attempts) {
      expect(await errorOf(f.admin, channel, input)).toMatchObject({ code: 'CONFLICT', details: { reason: 'stale_version' } });
    }
  });

  it('records started_at, completed_at and the measured duration; an override needs a reason', async () => {
    let wo = await workOrderIn('scheduled');
    wo = await f.admin.call('workOrders.start', { id: wo.id, version: wo.version });
    // 90 minutes on site, in steps shorter than the idle timeout so the session stays alive.
    for (let step = 0; step < 3; step++) {
      f.app.clock.advance(30 * 60_000 - 1);
      await f.admin.call('auth.me', {});
    }
    const noReason = await errorOf(f.admin, 'workOrders.complete', { id: wo.id, version: wo.version, totalDuration: 3600, workDone: 'Cambiada la fuente' });
    expect(noReason).toMatchObject({ code: 'VALIDATION', details: { reason: 'duration_reason_required' } });
    const done = await f.admin.call('workOrders.complete', { id: wo.id, version: wo.version, workDone: 'Cambiada la fuente' });
    expect(done).toMatchObject({ status: 'completed', totalDuration: 5400, workDone: 'Cambiada la fuente', notes: null, startedAt: wo.startedAt });
    expect(Date.parse(done.completedAt ?? '') - Date.parse(done.startedAt ?? '')).toBe(5400_000 - 3);

    let other = await workOrderIn('in_progress');
    other = await f.admin.call('workOrders.complete', { id: other.id, version: other.version, totalDuration: 1800, durationReason: 'Olvidé parar', workDone: 'Purgado' });
    expect(other).toMatchObject({ totalDuration: 1800, durationReason: 'Olvidé parar' });
  });

  it('schedules only active users who can do field work', async () => {
    const wo = await workOrderIn('pending_planning');
    const agent = await f.app.userWithRole('Agente', 'agente1');
    const reader = await f.app.userWithRole('Solo lectura', 'lector1');
    await f.admin.call('users.deactivate', { id: f.tec2.id, version: await versionOf(f.admin, 'user', f.tec2.id) });
    for (const technicianId of [reader.id, f.tec2.id]) {
      expect(await errorOf(f.admin, 'workOrders.schedule', { id: wo.id, version: wo.version, scheduledDate: '2026-03-05T08:00:00.000Z', technicianId })).toMatchObject({
        code: 'VALIDATION',
        details: { reason: 'not_a_technician', field: 'technicianId' },
      });
    }
    // Same rule as the user directory's canExecuteWorkOrders: planning OTs (the Agente's workorders:write) is not doing them.
    expect(await errorOf(f.admin, 'workOrders.schedule', { id: wo.id, version: wo.version, scheduledDate: '2026-03-05T08:00:00.000Z', technicianId: agent.id })).toMatchObject({
      details: { reason: 'not_a_technician' },
    });
    const supervisor = await f.app.userWithRole('Supervisor', 'super1');
    expect((await schedule(wo, supervisor.id)).technician?.id).toBe(supervisor.id);
  });

  it('unschedule clears the plan; reschedule moves it', async () => {
    let wo = await workOrderIn('scheduled');
    wo = await schedule(wo, f.tec2.id, '2026-03-09T10:00:00.000Z');
    expect(wo).toMatchObject({ status: 'scheduled', technician: { id: f.tec2.id }, scheduledDate: '2026-03-09T10:00:00.000Z' });
    wo = await f.admin.call('workOrders.unschedule', { id: wo.id, version: wo.version });
    expect(wo).toMatchObject({ status: 'pending_planning', technician: null, scheduledDate: null });
  });
});

// Closing a ticket with open OTs (each completed or cancelled as decided): tests/domain/ticket-close.test.ts.

describe('technicians act only on their own OTs', () => {
  it('own OT: start, notes, items, complete; someone else’s: FORBIDDEN not_your_work_order', async () => {
    const mine = await workOrderIn('scheduled');
    const theirs = await schedule((await ticketWithVisit()).wo, f.tec2.id);
    const tec = f.tec1.caller;

    const refused: [string, object][] = [
      ['workOrders.start', { id: theirs.id, version: theirs.version }],
      ['workOrders.updateNotes', { id: theirs.id, version: theirs.version, notes: 'x' }],
      ['workOrders.addItem', { id: theirs.id, version: theirs.version, description: 'Válvula', serialNumber: 'SN-1' }],
      ['workOrders.complete', { id: theirs.id, version: theirs.version, workDone: 'x' }],
    ];
    for (const [channel, input] of refused) {
      expect(await errorOf(tec, channel, input)).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'not_your_work_order' } });
    }
    expect(await tec.failure('workOrders.schedule', { id: theirs.id, version: theirs.version, scheduledDate: '2026-03-05T08:00:00.000Z', technicianId: f.tec1.id })).toBe('FORBIDDEN');
    expect(await tec.failure('workOrders.cancel', { id: mine.id, version: mine.version, reason: 'x' })).toBe('FORBIDDEN');

    let wo = await tec.call('workOrders.start', { id: mine.id, version: mine.version });
    wo = await tec.call('workOrders.updateNotes', { id: wo.id, version: wo.version, notes: 'Llegada 9:10' });
    wo = await tec.call('workOrders.addItem', { id: wo.id, version: wo.version, productId: f.serialProductId, serialNumber: 'RTR-0001' });
    wo = await tec.call('workOrders.addItem', { id: wo.id, version: wo.version, productId: f.bulkProductId, quantity: 3 });
    const cable = wo.items.find((i) => i.productId === f.bulkProductId);
    expect(cable).toMatchObject({ productName: 'Cable de red 5 m', productSku: 'CBL-5M', quantity: 3, serialNumber: null });
    wo = await tec.call('workOrders.removeItem', { id: wo.id, version: wo.version, itemId: cable?.id ?? '' });
    wo = await tec.call('workOrders.complete', { id: wo.id, version: wo.version, workDone: 'Cambiado el router' });
    expect(wo.status).toBe('completed');
    expect(wo.items.map((i) => i.serialNumber)).toEqual(['RTR-0001']);
    expect((await f.admin.call('workOrders.get', { id: theirs.id })).status).toBe('scheduled');
  });
});

describe('planning a visit is not carrying it out', () => {
  it('the Agente plans, cancels and writes internal notes on any OT, and starts, completes or adds parts to none; a Supervisor does both', async () => {
    const asAgent = (await f.app.userWithRole('Agente', 'agente2')).caller;
    const asSupervisor = (await f.app.userWithRole('Supervisor', 'super2')).caller;
    let wo = await schedule((await ticketWithVisit()).wo, f.tec2.id);
    // Through the channels: the router refuses the Agente before the service is reached.
    for (const [channel, input] of [
      ['workOrders.start', { id: wo.id, version: wo.version }],
      ['workOrders.addItem', { id: wo.id, version: wo.version, description: 'Válvula', serialNumber: 'SN-2' }],
      ['workOrders.complete', { id: wo.id, version: wo.version, workDone: 'x' }],
    ] as [string, object][]) {
      expect(await asAgent.failure(channel, input)).toBe('FORBIDDEN');
    }
    wo = await asAgent.call('workOrders.updateNotes', { id: wo.id, version: wo.version, notes: 'El cliente abre a las 9' });
    // The Supervisor carries out anyone's visit.
    wo = await asSupervisor.call('workOrders.start', { id: wo.id, version: wo.version });
    wo = await asSupervisor.call('workOrders.complete', { id: wo.id, version: wo.version, workDone: 'Revisado' });
    expect([wo.status, wo.notes]).toEqual(['completed', 'El cliente abre a las 9']);
    const other = await schedule((await ticketWithVisit()).wo, f.tec2.id);
    expect((await asAgent.call('workOrders.cancel', { id: other.id, version: other.version, reason: 'Ya no hace falta' })).status).toBe('cancelled');
    // Closing a ticket, the Agente may cancel its open OT but not say the visit was done: that is the service's refusal.
    const { ticket, wo: open } = await ticketWithVisit();
    const completeAtClose = { id: ticket.id, version: (await f.admin.call('tickets.get', { id: ticket.id })).version, resolution: 'Resuelto', workOrders: [{ id: open.id, version: open.version, action: 'complete', workDone: 'Hecho' }] };
    expect(await errorOf(asAgent, 'tickets.close', completeAtClose)).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'cannot_execute' } });
  });
});

describe('items', () => {
  it('a serial of a tracked product is one unit; final OTs take no items', async () => {
    const wo = await workOrderIn('in_progress');
    expect(await errorOf(f.admin, 'workOrders.addItem', { id: wo.id, version: wo.version, productId: f.serialProductId, serialNumber: 'RTR-9', quantity: 2 })).toMatchObject({
      code: 'VALIDATION',
      details: { reason: 'serial_quantity_one' },
    });
    expect((await errorOf(f.admin, 'workOrders.addItem', { id: wo.id, version: wo.version, quantity: 0, serialNumber: 'x' })).code).toBe('VALIDATION');
    const done = await workOrderIn('completed');
    expect(await errorOf(f.admin, 'workOrders.addItem', { id: done.id, version: done.version, description: 'Junta', serialNumber: 'SN-2' })).toMatchObject({
      code: 'INVALID_TRANSITION',
      details: { reason: 'work_order_final' },
    });
  });

  it('emits the work order (with its ticket) and the ticket after commit', async () => {
    const wo = await workOrderIn('in_progress');
    const seen: unknown[] = [];
    const off = f.app.backend.events.on((e) => seen.push(e));
    await f.admin.call('workOrders.addItem', { id: wo.id, version: wo.version, description: 'Sonda', serialNumber: 'SN-EVT' });
    off();
    expect(seen).toEqual([
      { entity: 'workOrder', id: wo.id, kind: 'updated', ticketId: wo.ticketId },
      { entity: 'ticket', id: wo.ticketId, kind: 'updated' },
    ]);
  });
});

describe('lists', () => {
  it('agenda, dispatch queue, by ticket and the filtered list', async () => {
    const pending: WorkOrderDetail[] = [];
    for (let i = 0; i < 5; i++) {
      pending.push((await ticketWithVisit()).wo);
      f.app.clock.advance(60_000);
    }
    const [a, b] = pending as [WorkOrderDetail, WorkOrderDetail];
    await schedule(a, f.tec1.id, '2026-03-05T08:00:00.000Z');
    await schedule(b, f.tec2.id, '2026-03-20T08:00:00.000Z');

    const week = { from: '2026-03-02T00:00:00.000Z', to: new Date(Date.parse('2026-03-02T00:00:00.000Z') + 7 * DAY).toISOString() };
    const mine = await f.tec1.caller.call('workOrders.agenda', { technicianId: 'me', ...week });
    expect(mine.map((w) => w.id)).toEqual([a.id]);
    expect((await f.admin.call('workOrders.agenda', { technicianId: f.tec2.id, ...week })).map((w) => w.id)).toEqual([]);

    const seen = await allQueuePages(f.admin);
    expect(seen).toEqual(pending.slice(2).map((w) => w.id));

    const scheduled = await f.admin.call('workOrders.list', { status: ['scheduled'] });
    expect(scheduled.items.map((w) => w.id).sort()).toEqual([a.id, b.id].sort());
    const unassigned = await f.admin.call('workOrders.list', { technicianId: 'unassigned' });
    expect(unassigned.items).toHaveLength(3);
    expect((await f.admin.call('workOrders.listByTicket', { ticketId: a.ticketId })).map((w) => w.id)).toEqual([a.id]);
    expect((await f.admin.call('workOrders.list', { q: a.ticketCode })).items.map((w) => w.id)).toEqual([a.id]);
    const inMarch = await f.admin.call('workOrders.list', { from: '2026-03-10T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' });
    expect(inMarch.items.map((w) => w.id)).toEqual([b.id]);
    const paged: string[] = [];
    let next: string | undefined;
    do {
      const page = await f.admin.call('workOrders.list', { limit: 2, ...(next ? { cursor: next } : {}) });
      paged.push(...page.items.map((w) => w.id));
      next = page.nextCursor ?? undefined;
    } while (next);
    expect(paged).toEqual(pending.map((w) => w.id).reverse());
  });
});
