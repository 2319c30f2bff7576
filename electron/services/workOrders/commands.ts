// Work order changes: request visit, schedule/unschedule, start, complete, cancel, notes, work done. One transaction each.
import type { z } from 'zod';
import type { AppDb } from '../../../db/open';
import { workOrders } from '../../../db/schema';
import type { WorkOrderDetail } from '../../contract';
import type { completeInput, requestVisitInput, workOrderChannels } from '../../contract/workOrders';
import { inTransaction, nowIso, requireActor, type Actor, type ServiceContext } from '../context';
import { newId } from '../ids';
import { toUtcIso } from '../search';
import { readSetting } from '../settings';
import { nextCode } from '../tickets';
import { moveTicketStatus } from '../tickets';
import { loadTicket, saveTicket } from '../tickets';
import { WORK_ORDER_TYPE_LABEL } from '../tickets';
import { appendEvent } from '../tickets';
import { assertTicketOpenForWork } from '../tickets';
import { assertEligibleTechnician, assertMayExecute, assertMayWriteNotes } from './access';
import {
  assertAction,
  assertNotFinal,
  loadWorkOrderAt,
  completionColumns,
  completionDuration,
  requireWorkDone,
  saveWorkOrder,
  workOrderEvent,
  type WorkOrderRecord,
} from './lifecycle';
import { getWorkOrderDetail } from './rows';
import { assertChecklistComplete } from './checklist';
import { checkPlan, keptEstimate, type PlanNotes } from './schedulingRules';
import { noteStaleSignatures } from './signaturesStale';
import { insertRow } from '../tableRows';

type Input<C extends keyof typeof workOrderChannels> = z.output<(typeof workOrderChannels)[C]['input']>;

/** Runs one OT change in a transaction, emits the OT and its ticket, answers the fresh detail. */
export function changeWorkOrder(
  ctx: ServiceContext,
  id: string,
  work: (tx: AppDb, actor: Actor, at: string) => WorkOrderRecord,
): WorkOrderDetail {
  const actor = requireActor(ctx);
  inTransaction(ctx, (tx, emit) => {
    const at = nowIso(ctx);
    const row = work(tx, actor, at);
    // A change the signed report no longer matches asks for a new signature (said once on the timeline).
    noteStaleSignatures(tx, id, actor.id, at);
    emit({ entity: 'workOrder', id, kind: 'updated', ticketId: row.ticketId });
    emit({ entity: 'ticket', id: row.ticketId, kind: 'updated' });
  });
  // Read after the commit: the transaction holds the write lock only for the write.
  return getWorkOrderDetail(ctx.sqlite, id);
}

export function requestVisit(ctx: ServiceContext, input: z.output<typeof requestVisitInput>): WorkOrderDetail {
  const actor = requireActor(ctx);
  const id = inTransaction(ctx, (tx, emit) => {
    const at = nowIso(ctx);
    const ticket = loadTicket(tx, input.ticketId);
    assertTicketOpenForWork(ticket.status);
    if (input.technicianId) assertEligibleTechnician(ctx, input.technicianId);
    const scheduledDate = input.scheduledDate ? toUtcIso(input.scheduledDate) : null;
    const technicianId = input.technicianId ?? null;
    const estimatedMinutes = input.estimatedMinutes ?? null;
    // A proposal is held to the same rules as a plan: nobody proposes a past date or an overlap without saying so.
    const plan = { workOrderId: null, code: 'new', otType: input.otType, technicianId, scheduledDate, estimatedMinutes };
    const planNotes = checkPlan(tx, ctx, plan, input);
    const id = newId();
    const code = nextCode(ctx.sqlite, 'workOrder', readSetting(ctx.sqlite, 'workOrderPrefix'), at);
    // A proposed date/technician is kept, but the OT stays pending_planning until someone schedules it.
    const snapshot = {
      id,
      code,
      otType: input.otType,
      status: 'pending_planning' as const,
      scheduledDate,
      technicianId,
      estimatedMinutes,
    };
    insertRow(tx, workOrders, { ...snapshot, ticketId: ticket.id, createdAt: at, updatedAt: at });
    appendEvent(tx, {
      ticketId: ticket.id,
      authorId: actor.id,
      eventType: 'ot_created',
      content: `Visita solicitada: ${code} (${WORK_ORDER_TYPE_LABEL[input.otType]})`,
      metaData: { workOrder: snapshot, ...planNotes },
      at,
    });
    if (ticket.status === 'open') moveTicketStatus(tx, ticket, 'in_progress', actor.id, at);
    else saveTicket(tx, ticket, {}, at, { bumpVersion: false });
    emit({ entity: 'workOrder', id, kind: 'created', ticketId: ticket.id });
    emit({ entity: 'ticket', id: ticket.id, kind: 'updated' });
    return id;
  });
  return getWorkOrderDetail(ctx.sqlite, id);
}

/** Schedules a pending OT or reschedules a scheduled one; the timeline records every planned value from → to. */
export function scheduleWorkOrder(ctx: ServiceContext, input: Input<'workOrders.schedule'>): WorkOrderDetail {
  return changeWorkOrder(ctx, input.id, (tx, actor, at) => {
    const row = loadWorkOrderAt(tx, input.id, input.version);
    assertAction(row, 'schedule');
    assertEligibleTechnician(ctx, input.technicianId);
    const scheduledDate = toUtcIso(input.scheduledDate);
    const estimatedMinutes = input.estimatedMinutes === undefined ? row.estimatedMinutes : input.estimatedMinutes;
    const plan = { workOrderId: row.id, code: row.code, otType: row.otType, technicianId: input.technicianId, scheduledDate, estimatedMinutes };
    const planNotes = checkPlan(tx, ctx, plan, input);
    saveWorkOrder(tx, row, { status: 'scheduled', scheduledDate, technicianId: input.technicianId, estimatedMinutes }, at);
    workOrderEvent(tx, row, 'scheduled', actor.id, at, {
      scheduledDate: { from: row.scheduledDate, to: scheduledDate },
      technicianId: { from: row.technicianId, to: input.technicianId },
      ...(estimatedMinutes !== row.estimatedMinutes ? { estimatedMinutes: { from: row.estimatedMinutes, to: estimatedMinutes } } : {}),
      ...planNotes,
    }, row.status === 'scheduled' ? rescheduleText(row, scheduledDate, input.technicianId) : undefined);
    return row;
  });
}

/** The stored (Spanish) line of a reschedule; screens and PDFs word it from meta_data in their language. */
function rescheduleText(row: WorkOrderRecord, scheduledDate: string, technicianId: string): string {
  const moved = row.scheduledDate !== scheduledDate ? `fecha ${row.scheduledDate ?? '—'} → ${scheduledDate}` : null;
  const handedOver = row.technicianId !== technicianId ? 'cambio de técnico' : null;
  return `${row.code}: reprogramada (${[moved, handedOver].filter(Boolean).join('; ') || 'sin cambios'})`;
}

/** An OT's planned minutes; on a scheduled OT the new length must not run into the technician's next visit unconfirmed. */
export function setWorkOrderEstimate(ctx: ServiceContext, input: Input<'workOrders.setEstimate'>): WorkOrderDetail {
  return changeWorkOrder(ctx, input.id, (tx, actor, at) => {
    const row = loadWorkOrderAt(tx, input.id, input.version);
    assertNotFinal(row);
    if (row.estimatedMinutes === input.estimatedMinutes) return row;
    let planNotes: PlanNotes = {};
    if (row.status === 'scheduled' && row.technicianId && row.scheduledDate) {
      const plan = { workOrderId: row.id, code: row.code, otType: row.otType, technicianId: row.technicianId, scheduledDate: row.scheduledDate, estimatedMinutes: input.estimatedMinutes };
      // The date was accepted when planned; only the new length is in question here.
      planNotes = checkPlan(tx, ctx, plan, { confirmOverlap: input.confirmOverlap, recordsPastVisit: true });
      delete planNotes.recordsPastVisit;
    }
    saveWorkOrder(tx, row, { estimatedMinutes: input.estimatedMinutes }, at);
    workOrderEvent(tx, row, row.status, actor.id, at, { change: 'estimate', estimatedMinutes: { from: row.estimatedMinutes, to: input.estimatedMinutes }, ...planNotes }, `${row.code}: duración prevista ${input.estimatedMinutes ?? 'por defecto'} min`);
    return row;
  });
}

/** Back to the dispatch queue: the date and technician are cleared so the OT leaves every agenda. */
export function unscheduleWorkOrder(ctx: ServiceContext, input: Input<'workOrders.unschedule'>): WorkOrderDetail {
  return changeWorkOrder(ctx, input.id, (tx, actor, at) => {
    const row = loadWorkOrderAt(tx, input.id, input.version);
    assertAction(row, 'unschedule');
    saveWorkOrder(tx, row, { status: 'pending_planning', scheduledDate: null, technicianId: null }, at);
    workOrderEvent(tx, row, 'pending_planning', actor.id, at, {
      scheduledDate: { from: row.scheduledDate, to: null },
      technicianId: { from: row.technicianId, to: null },
    });
    return row;
  });
}

export function startWorkOrder(ctx: ServiceContext, input: Input<'workOrders.start'>): WorkOrderDetail {
  return changeWorkOrder(ctx, input.id, (tx, actor, at) => {
    const row = loadWorkOrderAt(tx, input.id, input.version);
    assertMayExecute(ctx, actor, row);
    assertAction(row, 'start');
    saveWorkOrder(tx, row, { status: 'in_progress', startedAt: at, ...(input.notes !== undefined ? { notes: input.notes } : {}) }, at);
    workOrderEvent(tx, row, 'in_progress', actor.id, at, { startedAt: at });
    return row;
  });
}

export function completeWorkOrder(ctx: ServiceContext, input: z.output<typeof completeInput>): WorkOrderDetail {
  return changeWorkOrder(ctx, input.id, (tx, actor, at) => {
    const row = loadWorkOrderAt(tx, input.id, input.version);
    assertMayExecute(ctx, actor, row);
    assertAction(row, 'complete');
    assertChecklistComplete(tx, row);
    // The internal notes are never touched here: what was done goes to work_done, given now or saved during the visit.
    const workDone = requireWorkDone(row, input.workDone);
    const duration = completionDuration(row, at, input);
    saveWorkOrder(tx, row, { ...completionColumns(at, duration, workDone), ...keptEstimate(ctx, row) }, at);
    workOrderEvent(tx, row, 'completed', actor.id, at, { ...duration, workDone });
    return row;
  });
}

/** "Trabajo realizado" while the visit runs: kept apart from the internal notes, prefilled in the completion dialog. */
export function setWorkDone(ctx: ServiceContext, input: Input<'workOrders.setWorkDone'>): WorkOrderDetail {
  return changeWorkOrder(ctx, input.id, (tx, actor, at) => {
    const row = loadWorkOrderAt(tx, input.id, input.version);
    assertMayExecute(ctx, actor, row);
    assertNotFinal(row);
    const workDone = input.workDone === '' ? null : input.workDone;
    if (row.workDone === workDone) return row;
    saveWorkOrder(tx, row, { workDone }, at);
    workOrderEvent(tx, row, row.status, actor.id, at, { change: 'work_done' }, `${row.code}: trabajo realizado actualizado`);
    return row;
  });
}

export function cancelWorkOrder(ctx: ServiceContext, input: Input<'workOrders.cancel'>): WorkOrderDetail {
  return changeWorkOrder(ctx, input.id, (tx, actor, at) => {
    const row = loadWorkOrderAt(tx, input.id, input.version);
    assertAction(row, 'cancel');
    saveWorkOrder(tx, row, { status: 'cancelled', ...keptEstimate(ctx, row) }, at);
    workOrderEvent(tx, row, 'cancelled', actor.id, at, { reason: input.reason });
    return row;
  });
}

export function updateWorkOrderNotes(ctx: ServiceContext, input: Input<'workOrders.updateNotes'>): WorkOrderDetail {
  return changeWorkOrder(ctx, input.id, (tx, actor, at) => {
    const row = loadWorkOrderAt(tx, input.id, input.version);
    assertMayWriteNotes(actor, row);
    assertNotFinal(row);
    if (row.notes === input.notes) return row;
    saveWorkOrder(tx, row, { notes: input.notes }, at);
    workOrderEvent(tx, row, row.status, actor.id, at, { change: 'notes' }, `${row.code}: notas actualizadas`);
    return row;
  });
}
