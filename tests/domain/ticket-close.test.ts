// Closing a ticket with OTs still open: nothing is completed that the person did not choose to complete.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TicketDetail, WorkOrderDetail } from '../../electron/contract';
import { opFromRow } from '../../electron/services/sync/apply';
import { authorMayMake } from '../../electron/services/sync/authority';
import { entityOf } from '../../electron/services/sync/entities';
import { errorOf, startDomainApp, tableCounts, type DomainFixture } from './fixtures';

let f: DomainFixture;
beforeEach(async () => {
  f = await startDomainApp();
});
afterEach(() => f.app.close());

const MINUTE = 60_000;

/** A ticket with three OTs: one pending, one scheduled for tec1, one in progress (started by tec1). */
async function ticketWithOpenVisits() {
  const ticket = await f.admin.call('tickets.create', { title: 'Caldera sin presión', customerId: f.customerId });
  const pending = await f.admin.call('workOrders.requestVisit', { ticketId: ticket.id, otType: 'diagnosis' });
  const toSchedule = await f.admin.call('workOrders.requestVisit', { ticketId: ticket.id, otType: 'repair' });
  const scheduled = await f.admin.call('workOrders.schedule', { id: toSchedule.id, version: toSchedule.version, technicianId: f.tec1.id, scheduledDate: '2026-03-03T08:00:00.000Z' });
  const toStart = await f.admin.call('workOrders.requestVisit', { ticketId: ticket.id, otType: 'install' });
  const planned = await f.admin.call('workOrders.schedule', { id: toStart.id, version: toStart.version, technicianId: f.tec1.id, scheduledDate: '2026-03-02T10:00:00.000Z' });
  const running = await f.tec1.caller.call('workOrders.start', { id: planned.id, version: planned.version });
  return { ticket: await f.admin.call('tickets.get', { id: ticket.id }), pending, scheduled, running };
}

const opCount = () => (f.app.backend.database.sqlite.prepare('SELECT count(*) AS n FROM sync_ops').get() as { n: number }).n;

function expectNothingWritten(before: ReturnType<typeof tableCounts>, ops: number, ticket: TicketDetail) {
  expect(tableCounts(f.app)).toEqual(before);
  expect(opCount()).toBe(ops);
  const row = f.app.backend.database.sqlite.prepare('SELECT status, version FROM tickets WHERE id = ?').get(ticket.id);
  expect(row).toEqual({ status: ticket.status, version: ticket.version });
}

const complete = (wo: WorkOrderDetail, workDone: string) => ({ id: wo.id, version: wo.version, action: 'complete' as const, workDone });
const cancel = (wo: WorkOrderDetail, reason: string) => ({ id: wo.id, version: wo.version, action: 'cancel' as const, reason });

describe('closing a ticket with open OTs', () => {
  it('is refused while any open OT has no decision, listing those OTs; nothing is written', async () => {
    const { ticket, pending, scheduled, running } = await ticketWithOpenVisits();
    const before = tableCounts(f.app);
    const ops = opCount();
    const none = await errorOf(f.admin, 'tickets.close', { id: ticket.id, version: ticket.version, resolution: 'Resuelto' });
    expect(none).toMatchObject({ code: 'VALIDATION', details: { reason: 'open_work_orders', field: 'workOrders' } });
    expect(none.details?.workOrders).toEqual([
      { id: pending.id, code: pending.code, status: 'pending_planning', version: pending.version },
      { id: scheduled.id, code: scheduled.code, status: 'scheduled', version: scheduled.version },
      { id: running.id, code: running.code, status: 'in_progress', version: running.version },
    ]);
    expectNothingWritten(before, ops, ticket);

    // Deciding some is not enough: the rest are named, and the decided ones are not written either.
    const some = await errorOf(f.admin, 'tickets.close', {
      id: ticket.id,
      version: ticket.version,
      resolution: 'Resuelto',
      workOrders: [complete(running, 'Válvula cambiada'), cancel(pending, 'No hace falta')],
    });
    expect(some.details?.workOrders).toEqual([{ id: scheduled.id, code: scheduled.code, status: 'scheduled', version: scheduled.version }]);
    expectNothingWritten(before, ops, ticket);
    for (const wo of [pending, scheduled, running]) expect((await f.admin.call('workOrders.get', { id: wo.id })).status).toBe(wo.status);
  });

  it('completes and cancels as chosen, each with its event, in one close; a never-started OT gets no duration and says so', async () => {
    const { ticket, pending, scheduled, running } = await ticketWithOpenVisits();
    f.app.clock.advance(20 * MINUTE);
    const events: unknown[] = [];
    const off = f.app.backend.events.on((e) => events.push(e));
    const closed = await f.admin.call('tickets.close', {
      id: ticket.id,
      version: ticket.version,
      resolution: 'Caldera reparada',
      // Given out of order on purpose: they are written in the order the OTs were requested.
      workOrders: [complete(running, 'Instalado el vaso de expansión nuevo'), cancel(pending, 'El diagnóstico se hizo por teléfono'), complete(scheduled, 'Purgado y presión a 1,5 bar')],
    });
    off();
    expect(events).toEqual([
      { entity: 'workOrder', id: scheduled.id, kind: 'updated', ticketId: ticket.id },
      { entity: 'workOrder', id: running.id, kind: 'updated', ticketId: ticket.id },
      { entity: 'workOrder', id: pending.id, kind: 'updated', ticketId: ticket.id },
      { entity: 'ticket', id: ticket.id, kind: 'updated' },
    ]);
    expect(closed.status).toBe('closed');
    const byId = Object.fromEntries(closed.workOrders.map((w) => [w.id, w]));
    expect(byId[pending.id]).toMatchObject({ status: 'cancelled', completedAt: null, notes: null, cancelReason: 'El diagnóstico se hizo por teléfono' });
    expect((await f.admin.call('workOrders.get', { id: pending.id })).cancelReason).toBe('El diagnóstico se hizo por teléfono');
    expect(byId[running.id]?.cancelReason).toBeNull();
    expect(byId[scheduled.id]).toMatchObject({ status: 'completed', startedAt: null, totalDuration: null, notes: null, workDone: 'Purgado y presión a 1,5 bar', completedAt: closed.closedAt });
    expect(byId[running.id]).toMatchObject({ status: 'completed', totalDuration: 20 * 60, workDone: 'Instalado el vaso de expansión nuevo', completedAt: closed.closedAt });

    const tail = closed.timeline.slice(-4);
    expect(tail.map((e) => [e.eventType, e.content])).toEqual([
      ['ot_updated', `${pending.code}: Por planificar → Cancelada`],
      ['ot_completed', `${scheduled.code}: Programada → Completada al cerrar el ticket, sin inicio registrado`],
      ['ot_completed', `${running.code}: En curso → Completada al cerrar el ticket`],
      ['closed', 'Ticket cerrado: Caldera reparada'],
    ]);
    expect(tail[0]?.metaData).toMatchObject({ workOrderId: pending.id, to: 'cancelled', reason: 'El diagnóstico se hizo por teléfono', closedWithTicket: true });
    expect(tail[1]?.metaData).toMatchObject({ workOrderId: scheduled.id, from: 'scheduled', to: 'completed', totalDuration: null, withoutStart: true, closedWithTicket: true, workDone: 'Purgado y presión a 1,5 bar' });
    expect(tail[2]?.metaData).toMatchObject({ workOrderId: running.id, from: 'in_progress', totalDuration: 20 * 60, closedWithTicket: true });
    expect(tail[2]?.metaData).not.toHaveProperty('withoutStart');
    expect(tail[3]?.metaData).toMatchObject({ resolution: 'Caldera reparada', completedWorkOrders: [scheduled.id, running.id], cancelledWorkOrders: [pending.id] });
  });

  it('refuses to complete an OT nobody was assigned (no technician made that visit); nothing is written', async () => {
    const { ticket, pending, scheduled, running } = await ticketWithOpenVisits();
    const before = tableCounts(f.app);
    const ops = opCount();
    const refused = await errorOf(f.admin, 'tickets.close', {
      id: ticket.id,
      version: ticket.version,
      resolution: 'Resuelto',
      workOrders: [complete(pending, 'Revisado'), complete(scheduled, 'Purgado'), complete(running, 'Válvula cambiada')],
    });
    expect(refused).toMatchObject({ code: 'VALIDATION', details: { reason: 'no_technician_to_complete', field: 'workOrders', id: pending.id, code: pending.code } });
    expectNothingWritten(before, ops, ticket);
    // Cancelled instead, the close goes through.
    const closed = await f.admin.call('tickets.close', {
      id: ticket.id,
      version: ticket.version,
      resolution: 'Resuelto',
      workOrders: [cancel(pending, 'Nadie llegó a ir'), complete(scheduled, 'Purgado'), complete(running, 'Válvula cambiada')],
    });
    expect(closed.status).toBe('closed');
  });

  it('a stale OT or ticket version is CONFLICT and writes nothing', async () => {
    const { ticket, pending, scheduled, running } = await ticketWithOpenVisits();
    const decisions = [cancel(pending, 'Sobra'), complete(scheduled, 'Hecho'), complete(running, 'Hecho')];
    const before = tableCounts(f.app);
    const ops = opCount();
    const staleOt = await errorOf(f.admin, 'tickets.close', { id: ticket.id, version: ticket.version, resolution: 'Resuelto', workOrders: [{ ...decisions[0]!, version: pending.version + 1 }, ...decisions.slice(1)] });
    expect(staleOt).toMatchObject({ code: 'CONFLICT', details: { reason: 'stale_version', entity: 'work order' } });
    const staleTicket = await errorOf(f.admin, 'tickets.close', { id: ticket.id, version: ticket.version - 1, resolution: 'Resuelto', workOrders: decisions });
    expect(staleTicket).toMatchObject({ code: 'CONFLICT', details: { reason: 'stale_version' } });
    expectNothingWritten(before, ops, ticket);
  });

  it('refuses a decision for another ticket’s OT, for an OT already finished, and two decisions for one OT', async () => {
    const { ticket, pending, scheduled, running } = await ticketWithOpenVisits();
    const other = await f.admin.call('tickets.create', { title: 'Otra avería' });
    const foreign = await f.admin.call('workOrders.requestVisit', { ticketId: other.id, otType: 'repair' });
    const done = await f.admin.call('workOrders.cancel', { id: pending.id, version: pending.version, reason: 'Ya no hace falta' });
    const current = await f.admin.call('tickets.get', { id: ticket.id });
    const rest = [complete(scheduled, 'Hecho'), complete(running, 'Hecho')];
    const attempt = (workOrders: object[]) => errorOf(f.admin, 'tickets.close', { id: ticket.id, version: current.version, resolution: 'Resuelto', workOrders });
    const before = tableCounts(f.app);

    expect(await attempt([...rest, cancel(foreign, 'No es de este ticket')])).toMatchObject({ code: 'VALIDATION', details: { reason: 'work_order_not_on_ticket' } });
    expect(await attempt([...rest, complete(done, 'Al final sí')])).toMatchObject({ code: 'INVALID_TRANSITION', details: { reason: 'work_order_final' } });
    expect(await attempt([...rest, cancel(running, 'Dos veces')])).toMatchObject({ code: 'VALIDATION', details: { issues: [{ path: 'workOrders.2.id', reason: 'duplicate_decision' }] } });
    expect(await attempt([{ id: running.id, version: running.version, action: 'complete', workDone: '   ' }, complete(scheduled, 'Hecho')])).toMatchObject({ code: 'VALIDATION' });
    expect(await attempt([{ id: running.id, version: running.version, action: 'cancel' }, complete(scheduled, 'Hecho')])).toMatchObject({ code: 'VALIDATION' });
    expect(tableCounts(f.app)).toEqual(before);
    expect((await f.admin.call('workOrders.get', { id: foreign.id })).status).toBe('pending_planning');
  });

  it('a completion may carry the duration really worked, as workOrders.complete: a different one needs a reason', async () => {
    // The newcomer's trial: an OT left "En curso" for days recorded days as its duration when closed with the ticket.
    const { ticket, pending, scheduled, running } = await ticketWithOpenVisits();
    f.app.clock.advance(20 * MINUTE);
    const rest = [cancel(pending, 'Sobra')];
    const attempt = (workOrders: object[]) => errorOf(f.admin, 'tickets.close', { id: ticket.id, version: ticket.version, resolution: 'Resuelto', workOrders: [...rest, ...workOrders] });
    const before = tableCounts(f.app);
    const ops = opCount();

    const noReason = await attempt([{ ...complete(running, 'Prueba de 30 min'), totalDuration: 30 * 60 }, complete(scheduled, 'Hecho')]);
    expect(noReason).toMatchObject({ code: 'VALIDATION', details: { reason: 'duration_reason_required', field: 'workOrders', id: running.id, code: running.code } });
    // A never-started OT has nothing measured: a typed duration is allowed, with its reason too.
    const typedNoStart = await attempt([complete(running, 'Hecho'), { ...complete(scheduled, 'Hecho'), totalDuration: 15 * 60, durationReason: '  ' }]);
    expect(typedNoStart).toMatchObject({ code: 'VALIDATION', details: { reason: 'duration_reason_required', id: scheduled.id } });
    expectNothingWritten(before, ops, ticket);

    const closed = await f.admin.call('tickets.close', {
      id: ticket.id,
      version: ticket.version,
      resolution: 'Resuelto',
      workOrders: [
        ...rest,
        { ...complete(running, 'Prueba de 30 min'), totalDuration: 30 * 60, durationReason: 'La OT se quedó en curso desde la visita' },
        { ...complete(scheduled, 'Purgado'), totalDuration: 15 * 60, durationReason: 'No se pulsó Iniciar en la visita' },
      ],
    });
    const byId = Object.fromEntries(closed.workOrders.map((w) => [w.id, w]));
    expect(byId[running.id]?.totalDuration).toBe(30 * 60);
    expect(byId[scheduled.id]?.totalDuration).toBe(15 * 60);
    const completedEvents = closed.timeline.filter((e) => e.eventType === 'ot_completed');
    expect(completedEvents.find((e) => e.metaData?.workOrderId === running.id)?.metaData).toMatchObject({
      totalDuration: 30 * 60,
      measuredDuration: 20 * 60,
      durationReason: 'La OT se quedó en curso desde la visita',
      closedWithTicket: true,
    });
    expect(completedEvents.find((e) => e.metaData?.workOrderId === scheduled.id)?.metaData).toMatchObject({
      totalDuration: 15 * 60,
      measuredDuration: null,
      durationReason: 'No se pulsó Iniciar en la visita',
      withoutStart: true,
    });
  });

  it('a duration equal to the measured one needs no reason, at the close and on the OT alike', async () => {
    const { ticket, pending, scheduled, running } = await ticketWithOpenVisits();
    f.app.clock.advance(20 * MINUTE);
    const closed = await f.admin.call('tickets.close', {
      id: ticket.id,
      version: ticket.version,
      resolution: 'Resuelto',
      workOrders: [cancel(pending, 'Sobra'), cancel(scheduled, 'Sobra'), { ...complete(running, 'Hecho'), totalDuration: 20 * 60 }],
    });
    expect(closed.workOrders.find((w) => w.id === running.id)?.totalDuration).toBe(20 * 60);
    expect(closed.timeline.find((e) => e.eventType === 'ot_completed')?.metaData).not.toHaveProperty('durationReason');
  });

  it('a ticket without open OTs closes as before, with no decisions', async () => {
    const ticket = await f.admin.call('tickets.create', { title: 'Consulta por teléfono' });
    const closed = await f.admin.call('tickets.close', { id: ticket.id, version: ticket.version, resolution: 'Resuelto por teléfono' });
    expect(closed.timeline.at(-1)?.metaData).toMatchObject({ completedWorkOrders: [], cancelledWorkOrders: [] });
  });
});

describe('who may decide an OT while closing', () => {
  async function userWithPermissions(name: string, permissions: string[]) {
    const role = await f.admin.call('roles.create', { name, permissions: permissions as never });
    const password = `${name}-password-1`;
    const user = await f.admin.call('users.create', { email: `${name}@example.com`, username: name, password, fullName: name, roleId: role.id });
    const caller = f.app.caller();
    await caller.call('auth.login', { login: name, password });
    return { caller, id: user.id };
  }

  it('needs what the OT’s own actions need: cancel workorders:write; complete workorders:write, or execute on one’s own OT', async () => {
    const { ticket, pending, scheduled, running } = await ticketWithOpenVisits();
    const decisions = [cancel(pending, 'Sobra'), complete(scheduled, 'Hecho'), complete(running, 'Hecho')];
    const close = (caller: typeof f.admin, workOrders: object[]) => errorOf(caller, 'tickets.close', { id: ticket.id, version: ticket.version, resolution: 'Resuelto', workOrders });
    const before = tableCounts(f.app);

    // A Técnico cannot close tickets at all.
    expect(await close(f.tec1.caller, decisions)).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'forbidden' } });
    // A desk role without work order rights can neither cancel nor complete an OT through the close.
    const desk = await userWithPermissions('mostrador', ['tickets:read', 'tickets:write', 'workorders:read']);
    expect(await close(desk.caller, decisions)).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'forbidden', required: ['workorders:write'] } });
    expect(await close(desk.caller, [complete(pending, 'Hecho'), ...decisions.slice(1)])).toMatchObject({ code: 'FORBIDDEN', details: { required: ['workorders:write', 'workorders:execute'] } });
    // tickets:write + workorders:execute: may complete only OTs assigned to them, may not cancel.
    const fieldDesk = await userWithPermissions('jefeobra', ['tickets:read', 'tickets:write', 'workorders:read', 'workorders:execute']);
    expect(await close(fieldDesk.caller, decisions)).toMatchObject({ code: 'FORBIDDEN', details: { required: ['workorders:write'] } });
    expect(await close(fieldDesk.caller, [complete(pending, 'Hecho'), ...decisions.slice(1)])).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'not_your_work_order' } });
    expect(tableCounts(f.app)).toEqual(before);

    // Someone holding workorders:execute on their own OTs: the close goes through, and every op it wrote is one its
    // author may make on any copy (the same kinds as the OT's own actions).
    const own = await userWithPermissions('encargado', ['tickets:read', 'tickets:write', 'workorders:read', 'workorders:execute']);
    const ticket2 = await f.admin.call('tickets.create', { title: 'Termostato' });
    const requested = await f.admin.call('workOrders.requestVisit', { ticketId: ticket2.id, otType: 'repair' });
    const mine = await f.admin.call('workOrders.schedule', { id: requested.id, version: requested.version, technicianId: own.id, scheduledDate: '2026-03-03T08:00:00.000Z' });
    const current = await own.caller.call('tickets.get', { id: ticket2.id });
    const sqlite = f.app.backend.database.sqlite;
    const lastSeq = (sqlite.prepare('SELECT coalesce(max(seq), 0) AS n FROM sync_ops').get() as { n: number }).n;
    const closed = await own.caller.call('tickets.close', { id: ticket2.id, version: current.version, resolution: 'Cambiado', workOrders: [complete(mine, 'Termostato sustituido')] });
    expect(closed.workOrders[0]).toMatchObject({ status: 'completed', workDone: 'Termostato sustituido' });
    const written = (sqlite.prepare('SELECT * FROM sync_ops WHERE seq > ? ORDER BY seq').all(lastSeq) as Parameters<typeof opFromRow>[0][]).map(opFromRow);
    expect(new Set(written.map((op) => op.entity))).toEqual(new Set(['work_orders', 'tickets', 'ticket_timeline']));
    for (const op of written) {
      expect(op.authorId).toBe(own.id);
      expect(authorMayMake(sqlite, op, entityOf(op.entity)!)).toBe(true);
    }
  });
});
