// What the close dialog asks for each OT still open (pure: no DOM, no i18n), and the decisions tickets.close takes.
import { FINAL_WORK_ORDER_STATUSES, type WorkOrderDetail } from '../../../../electron/contract';
import { initialMinutes, isDurationComplete, measuredMinutesOf, typedDurationInput } from '../workOrders/durationDraft';

export type CloseDecisionInput =
  | { id: string; version: number; action: 'complete'; workDone: string; totalDuration?: number; durationReason?: string }
  | { id: string; version: number; action: 'cancel'; reason: string };

/**
 * Nothing is chosen for the person: the action starts empty; the work done starts from the OT's saved work done so nothing typed
 * is lost; the duration starts at the time measured when the dialog opened (none for an OT never started), as the
 * OT's own completion dialog does.
 */
export interface DecisionDraft {
  action: 'complete' | 'cancel' | null;
  workDone: string;
  reason: string;
  measuredMinutes: number | null;
  minutes: string;
  durationReason: string;
}

export type DecisionDrafts = Record<string, DecisionDraft>;

export const openWorkOrders = (workOrders: readonly WorkOrderDetail[]): WorkOrderDetail[] => workOrders.filter((w) => !FINAL_WORK_ORDER_STATUSES.includes(w.status));

export function emptyDraft(workOrder: Pick<WorkOrderDetail, 'workDone' | 'startedAt'>, nowMs: number): DecisionDraft {
  const measuredMinutes = measuredMinutesOf(workOrder.startedAt, nowMs);
  return { action: null, workDone: workOrder.workDone ?? '', reason: '', measuredMinutes, minutes: initialMinutes(measuredMinutes), durationReason: '' };
}

/** `openedAt`: when the dialog opened, so the measured time does not tick while the person types. */
export function draftsFor(open: readonly WorkOrderDetail[], previous: DecisionDrafts = {}, openedAt: number = Date.now()): DecisionDrafts {
  return Object.fromEntries(open.map((w) => [w.id, previous[w.id] ?? emptyDraft(w, openedAt)]));
}

/** Chosen, and with the words the choice needs (a changed duration needs its reason). */
export function isDecided(draft: DecisionDraft | undefined): boolean {
  if (!draft?.action) return false;
  if (draft.action === 'cancel') return draft.reason.trim() !== '';
  return draft.workDone.trim() !== '' && isDurationComplete(draft.minutes, draft.durationReason, draft.measuredMinutes);
}

export const undecided = (open: readonly WorkOrderDetail[], drafts: DecisionDrafts): WorkOrderDetail[] => open.filter((w) => !isDecided(drafts[w.id]));

/** The decisions to send, at the version the dialog shows; only for OTs that are decided. */
export function decisionsInput(open: readonly WorkOrderDetail[], drafts: DecisionDrafts): CloseDecisionInput[] {
  return open.flatMap((w): CloseDecisionInput[] => {
    const draft = drafts[w.id];
    if (!draft || !isDecided(draft)) return [];
    return draft.action === 'complete'
      ? [{ id: w.id, version: w.version, action: 'complete', workDone: draft.workDone.trim(), ...typedDurationInput(draft.minutes, draft.durationReason, draft.measuredMinutes) }]
      : [{ id: w.id, version: w.version, action: 'cancel', reason: draft.reason.trim() }];
  });
}
