// Who may act on a work order (the rules are the contract's mayCarryOut and mayWriteNotes), and who can be scheduled.
import { and, eq } from 'drizzle-orm';
import type { AppDb } from '../../../db/open';
import { workOrders } from '../../../db/schema';
import { canBeTechnician } from '../../contract/scheduling';
import { AppError } from '../../contract';
import { mayCarryOut, mayWriteNotes } from '../../contract/access';
import { actorCan, type Actor, type ServiceContext } from '../context';
import { loadActor } from '../users';
import type { WorkOrderRecord } from './lifecycle';

const notYours = (row: WorkOrderRecord) => new AppError('FORBIDDEN', `work order ${row.code} is assigned to someone else`, { reason: 'not_your_work_order' });

/** Carrying out the visit: a Técnico on their own OTs, a Supervisor on any; planning rights alone (the Agente) do not. */
export function assertMayExecute(ctx: ServiceContext, actor: Actor, row: WorkOrderRecord): void {
  if (mayCarryOut(actor, actor.id, row.technicianId)) return;
  if (!actorCan(ctx, 'workorders:execute')) {
    throw new AppError('FORBIDDEN', `carrying out work order ${row.code} takes the right to execute work orders; planning them is not enough`, { reason: 'cannot_execute' });
  }
  throw notYours(row);
}

/** The internal notes: the office that plans the OT, or its own technician. */
export function assertMayWriteNotes(actor: Actor, row: WorkOrderRecord): void {
  if (!mayWriteNotes(actor, actor.id, row.technicianId)) throw notYours(row);
}

/** A Técnico (no tickets:write) acts on a ticket — notes, readings, imports — only where one of their OTs is. */
export function assertWorksOnTicket(ctx: ServiceContext, tx: AppDb, actor: Actor, ticketId: string): void {
  if (actorCan(ctx, 'tickets:write')) return;
  const own = tx
    .select({ id: workOrders.id })
    .from(workOrders)
    .where(and(eq(workOrders.ticketId, ticketId), eq(workOrders.technicianId, actor.id)))
    .get();
  if (!own) throw new AppError('FORBIDDEN', 'you can act only on tickets with a work order assigned to you', { reason: 'not_your_ticket' });
}

/**
 * A technician must be an active user who may execute work orders (workorders:execute, or full access): planning
 * them (workorders:write alone, the Agente) is not doing them. Same rule as the user directory's canExecuteWorkOrders.
 */
export function assertEligibleTechnician(ctx: ServiceContext, technicianId: string): void {
  const user = loadActor(ctx.sqlite, technicianId);
  if (user === null || !canBeTechnician(user)) {
    throw new AppError('VALIDATION', 'that user cannot carry out work orders, so cannot be the technician', {
      reason: 'not_a_technician',
      field: 'technicianId',
    });
  }
}
