// Work order state machine and the low-level writes every OT change shares (guarded save, timeline event).
import { FINAL_WORK_ORDER_STATUSES, type WorkOrderStatus } from '../../../shared/enums';
import type { AppDb } from '../../../db/open';
import { tickets, workOrders } from '../../../db/schema';
import { AppError, invalidTransition, notFound, staleVersion } from '../../contract';
import { WORK_ORDER_STATUS_LABEL } from '../tickets';
import { appendEvent } from '../tickets';
import { saveVersioned } from '../versioned';
import { rowById, updateRow } from '../tableRows';

export type WorkOrderRecord = typeof workOrders.$inferSelect;
export type WorkOrderAction = 'schedule' | 'unschedule' | 'start' | 'complete' | 'cancel';

const ALLOWED_FROM: Record<WorkOrderAction, readonly WorkOrderStatus[]> = {
  schedule: ['pending_planning', 'scheduled'],
  unschedule: ['scheduled'],
  start: ['scheduled'],
  complete: ['in_progress'],
  cancel: ['pending_planning', 'scheduled', 'in_progress'],
};

export const TARGET_OF: Record<WorkOrderAction, WorkOrderStatus> = {
  schedule: 'scheduled',
  unschedule: 'pending_planning',
  start: 'in_progress',
  complete: 'completed',
  cancel: 'cancelled',
};

export const isFinal = (status: WorkOrderStatus): boolean => FINAL_WORK_ORDER_STATUSES.includes(status);

export function assertAction(row: WorkOrderRecord, action: WorkOrderAction): void {
  if (!ALLOWED_FROM[action].includes(row.status)) throw invalidTransition('work order', row.status, TARGET_OF[action]);
}

/** Notes and items change only while the OT is still open. */
export function assertNotFinal(row: WorkOrderRecord): void {
  if (isFinal(row.status)) {
    const base = invalidTransition('work order', row.status, row.status);
    throw new AppError('INVALID_TRANSITION', `work order ${row.code} is ${row.status} and cannot change`, {
      ...base.details,
      reason: 'work_order_final',
    });
  }
}

export function loadWorkOrder(tx: AppDb, id: string): WorkOrderRecord {
  const row = rowById(tx, workOrders, id);
  if (!row) throw notFound('work order', id);
  return row;
}

export function loadWorkOrderAt(tx: AppDb, id: string, version: number): WorkOrderRecord {
  const row = loadWorkOrder(tx, id);
  if (row.version !== version) throw staleVersion('work order', version, row.version);
  return row;
}

/** Guarded write of an OT; also bumps its ticket's updated_at so ticket lists re-sort. */
export function saveWorkOrder(
  tx: AppDb,
  row: WorkOrderRecord,
  patch: Partial<typeof workOrders.$inferInsert>,
  at: string,
  options: { bumpVersion: boolean } = { bumpVersion: true },
): void {
  saveVersioned(tx, workOrders, 'work order', row, patch, at, options);
  updateRow(tx, tickets, { updatedAt: at }, { id: row.ticketId });
}

/** `ot_updated` with {from, to} (or `ot_completed`) on the OT's ticket timeline. */
export function workOrderEvent(
  tx: AppDb,
  row: WorkOrderRecord,
  to: WorkOrderStatus,
  actorId: string,
  at: string,
  extra: Record<string, unknown> = {},
  content?: string,
): void {
  appendEvent(tx, {
    ticketId: row.ticketId,
    authorId: actorId,
    eventType: to === 'completed' && row.status !== 'completed' ? 'ot_completed' : 'ot_updated',
    content: content ?? `${row.code}: ${WORK_ORDER_STATUS_LABEL[row.status]} → ${WORK_ORDER_STATUS_LABEL[to]}`,
    metaData: { workOrderId: row.id, code: row.code, from: row.status, to, ...extra },
    at,
  });
}

/** The columns a completion writes, workOrders.complete and a close's 'complete' alike. */
export function completionColumns(at: string, duration: CompletionDuration, workDone: string) {
  return { status: 'completed' as const, completedAt: at, totalDuration: duration.totalDuration, workDone, durationReason: duration.durationReason ?? null };
}

export function measuredSeconds(startedAt: string | null, completedAt: string): number | null {
  if (!startedAt) return null;
  return Math.max(0, Math.round((new Date(completedAt).getTime() - new Date(startedAt).getTime()) / 1000));
}

export interface TypedDuration {
  /** Seconds the person says the work took, instead of the measured time. */
  totalDuration?: number | undefined;
  durationReason?: string | undefined;
}

export interface CompletionDuration {
  totalDuration: number | null;
  measuredDuration: number | null;
  /** Set only when the typed duration replaced the measured one. */
  durationReason?: string;
}

/**
 * What a completion records (workOrders.complete and a close's 'complete' alike): the time measured since the start,
 * or a typed duration that differs from it with the reason why (a never-started OT has nothing measured, so any typed one).
 */
export function completionDuration(row: WorkOrderRecord, at: string, typed: TypedDuration, where: Record<string, unknown> = {}): CompletionDuration {
  const measured = measuredSeconds(row.startedAt, at);
  if (typed.totalDuration === undefined || typed.totalDuration === measured) return { totalDuration: measured, measuredDuration: measured };
  const reason = typed.durationReason?.trim() ?? '';
  if (!reason) {
    throw new AppError('VALIDATION', `say why the duration of ${row.code} differs from the measured time`, {
      reason: 'duration_reason_required',
      field: 'durationReason',
      ...where,
    });
  }
  return { totalDuration: typed.totalDuration, measuredDuration: measured, durationReason: reason };
}

/**
 * What a completion records as "Trabajo realizado": the text given with it, else what was saved during the visit.
 * A visit is never completed with nothing said about the work (it would print as work done on the report).
 */
export function requireWorkDone(row: WorkOrderRecord, given: string | undefined, where: Record<string, unknown> = {}): string {
  const workDone = (given ?? row.workDone ?? '').trim();
  if (!workDone) {
    throw new AppError('VALIDATION', `say what work was done on ${row.code} before completing it`, { reason: 'work_done_required', field: 'workDone', ...where });
  }
  return workDone;
}
