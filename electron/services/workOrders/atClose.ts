// Closing a ticket with OTs still open: each is completed or cancelled as the person decided, never by default
// (a visit marked "Completada" with no work would later print as work done).
import type { z } from 'zod';
import type { AppDb } from '../../../db/open';
import { workOrders } from '../../../db/schema';
import { AppError, staleVersion } from '../../contract';
import type { closeWorkOrderDecision } from '../../contract/tickets';
import { actorCan, type Actor, type ServiceContext } from '../context';
import { WORK_ORDER_STATUS_LABEL } from '../tickets';
import { assertMayExecute } from './access';
import { assertChecklistComplete } from './checklist';
import { assertNotFinal, completionColumns, completionDuration, isFinal, loadWorkOrder, requireWorkDone, saveWorkOrder, workOrderEvent, type WorkOrderRecord } from './lifecycle';
import { keptEstimate } from './schedulingRules';
import { noteStaleSignatures } from './signaturesStale';
import { rowsWhere } from '../tableRows';

export type CloseDecision = z.output<typeof closeWorkOrderDecision>;
type CompleteDecision = Extract<CloseDecision, { action: 'complete' }>;

export interface SettledAtClose {
  completed: string[];
  cancelled: string[];
}

/** The ticket's OTs not yet completed or cancelled, oldest first. */
export function openWorkOrdersOf(tx: AppDb, ticketId: string): WorkOrderRecord[] {
  return rowsWhere(tx, workOrders, 'ticketId', ticketId, '"created_at", "id"').filter((w) => !isFinal(w.status));
}

/** A decision names an open OT of this ticket, at the version the person saw. */
function decidedRow(tx: AppDb, ticketId: string, decision: CloseDecision): WorkOrderRecord {
  const row = loadWorkOrder(tx, decision.id);
  if (row.ticketId !== ticketId) {
    throw new AppError('VALIDATION', `work order ${row.code} belongs to another ticket`, { reason: 'work_order_not_on_ticket', field: 'workOrders', id: row.id });
  }
  assertNotFinal(row);
  if (row.version !== decision.version) throw staleVersion('work order', decision.version, row.version);
  return row;
}

function refuseUndecided(undecided: readonly WorkOrderRecord[]): never {
  const codes = undecided.map((w) => w.code).join(', ');
  throw new AppError('VALIDATION', `decide for each open work order (complete or cancel) before closing: ${codes}`, {
    reason: 'open_work_orders',
    field: 'workOrders',
    workOrders: undecided.map((w) => ({ id: w.id, code: w.code, status: w.status, version: w.version })),
  });
}

/** The same rights as the OT's own actions: cancel needs workorders:write; complete what workOrders.complete needs. */
function assertMayDecide(ctx: ServiceContext, actor: Actor, row: WorkOrderRecord, decision: CloseDecision): void {
  const required = decision.action === 'cancel' ? (['workorders:write'] as const) : (['workorders:write', 'workorders:execute'] as const);
  if (!required.some((permission) => actorCan(ctx, permission))) {
    throw new AppError('FORBIDDEN', `your role may not ${decision.action} work order ${row.code}`, { reason: 'forbidden', required: [...required] });
  }
  if (decision.action !== 'complete') return;
  assertMayExecute(ctx, actor, row);
  // Completing says someone made the visit: an OT nobody was ever assigned to is cancelled, or planned first.
  if (row.technicianId === null) {
    throw new AppError('VALIDATION', `work order ${row.code} has no technician: nobody made the visit that completing it would record; cancel it or assign a technician first`, {
      reason: 'no_technician_to_complete',
      field: 'workOrders',
      id: row.id,
      code: row.code,
    });
  }
}

/**
 * Completion as workOrders.complete writes it: the measured time, or the duration the person typed with its reason
 * (a run left open for days is not the work's length); an OT never started gets no invented duration and says so.
 */
function completeAtClose(ctx: ServiceContext, tx: AppDb, row: WorkOrderRecord, decision: CompleteDecision, actorId: string, at: string): void {
  assertChecklistComplete(tx, row);
  const started = row.startedAt !== null;
  const where = { field: 'workOrders', id: row.id, code: row.code };
  const workDone = requireWorkDone(row, decision.workDone, where);
  const duration = completionDuration(row, at, decision, where);
  // The work done goes to work_done; the OT's internal notes stay as they were.
  saveWorkOrder(tx, row, { ...completionColumns(at, duration, workDone), ...keptEstimate(ctx, row) }, at);
  const move = `${row.code}: ${WORK_ORDER_STATUS_LABEL[row.status]} → ${WORK_ORDER_STATUS_LABEL.completed} al cerrar el ticket`;
  workOrderEvent(
    tx,
    row,
    'completed',
    actorId,
    at,
    { ...duration, workDone, closedWithTicket: true, ...(started ? {} : { withoutStart: true }) },
    started ? move : `${move}, sin inicio registrado`,
  );
  // The work done typed at the close may differ from what the customer signed: said once, as any OT change.
  noteStaleSignatures(tx, row.id, actorId, at);
}

/** Cancellation as workOrders.cancel writes it. */
function cancelAtClose(ctx: ServiceContext, tx: AppDb, row: WorkOrderRecord, reason: string, actorId: string, at: string): void {
  saveWorkOrder(tx, row, { status: 'cancelled', ...keptEstimate(ctx, row) }, at);
  workOrderEvent(tx, row, 'cancelled', actorId, at, { reason, closedWithTicket: true });
}

/**
 * Checks every decision (this ticket's, open, current version, allowed to this user) and that no open OT is left
 * undecided, then writes them; the caller's transaction holds the close, so a refusal writes nothing.
 */
export function settleOpenWorkOrders(
  ctx: ServiceContext,
  tx: AppDb,
  actor: Actor,
  ticketId: string,
  decisions: readonly CloseDecision[],
  at: string,
): SettledAtClose {
  const planned = decisions.map((decision) => ({ decision, row: decidedRow(tx, ticketId, decision) }));
  const open = openWorkOrdersOf(tx, ticketId);
  const decided = new Set(decisions.map((decision) => decision.id));
  const undecided = open.filter((w) => !decided.has(w.id));
  if (undecided.length > 0) refuseUndecided(undecided);
  for (const { decision, row } of planned) assertMayDecide(ctx, actor, row, decision);
  // Written in the order the OTs were requested, whatever order the decisions came in: the timeline reads the same.
  const rank = new Map(open.map((w, index) => [w.id, index]));
  planned.sort((a, b) => (rank.get(a.row.id) ?? 0) - (rank.get(b.row.id) ?? 0));
  const settled: SettledAtClose = { completed: [], cancelled: [] };
  for (const { decision, row } of planned) {
    if (decision.action === 'complete') {
      completeAtClose(ctx, tx, row, decision, actor.id, at);
      settled.completed.push(row.id);
    } else {
      cancelAtClose(ctx, tx, row, decision.reason, actor.id, at);
      settled.cancelled.push(row.id);
    }
  }
  return settled;
}
