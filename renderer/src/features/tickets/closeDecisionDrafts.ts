// What the close dialog asks for each OT still open (pure: no DOM, no i18n), and the decisions tickets.close takes.
import { FINAL_WORK_ORDER_STATUSES, type WorkOrderDetail } from '../../../../electron/contract';

export type CloseDecisionInput =
  | { id: string; version: number; action: 'complete'; workDone: string }
  | { id: string; version: number; action: 'cancel'; reason: string };

/** Nothing is chosen for the person: the action starts empty; the work done starts from the OT's notes so nothing typed is lost. */
export interface DecisionDraft {
  action: 'complete' | 'cancel' | null;
  workDone: string;
  reason: string;
}

export type DecisionDrafts = Record<string, DecisionDraft>;

export const openWorkOrders = (workOrders: readonly WorkOrderDetail[]): WorkOrderDetail[] => workOrders.filter((w) => !FINAL_WORK_ORDER_STATUSES.includes(w.status));

export function draftsFor(open: readonly WorkOrderDetail[], previous: DecisionDrafts = {}): DecisionDrafts {
  return Object.fromEntries(open.map((w) => [w.id, previous[w.id] ?? { action: null, workDone: w.notes ?? '', reason: '' }]));
}

/** Chosen, and with the words the choice needs. */
export function isDecided(draft: DecisionDraft | undefined): boolean {
  if (!draft?.action) return false;
  return (draft.action === 'complete' ? draft.workDone : draft.reason).trim() !== '';
}

export const undecided = (open: readonly WorkOrderDetail[], drafts: DecisionDrafts): WorkOrderDetail[] => open.filter((w) => !isDecided(drafts[w.id]));

/** The decisions to send, at the version the dialog shows; only for OTs that are decided. */
export function decisionsInput(open: readonly WorkOrderDetail[], drafts: DecisionDrafts): CloseDecisionInput[] {
  return open.flatMap((w): CloseDecisionInput[] => {
    const draft = drafts[w.id];
    if (!draft || !isDecided(draft)) return [];
    return draft.action === 'complete'
      ? [{ id: w.id, version: w.version, action: 'complete', workDone: draft.workDone.trim() }]
      : [{ id: w.id, version: w.version, action: 'cancel', reason: draft.reason.trim() }];
  });
}
