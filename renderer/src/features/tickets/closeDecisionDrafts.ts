// What the close dialog asks for each OT still open (pure: no DOM, no i18n), and the decisions tickets.close takes.
import { FINAL_WORK_ORDER_STATUSES, type WorkOrderDetail } from '../../../../electron/contract';
import { initialMinutes, isDurationComplete, isMinutesValid, measuredMinutesOf, typedDurationInput } from '../workOrders/durationDraft';

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

/** What an OT's decision still lacks, first thing first: the choice, then the words that choice needs. */
export type MissingPart = 'choice' | 'workDone' | 'duration' | 'durationReason' | 'reason';

export function missingPart(draft: DecisionDraft | undefined): MissingPart | null {
  if (!draft?.action) return 'choice';
  if (draft.action === 'cancel') return draft.reason.trim() === '' ? 'reason' : null;
  if (draft.workDone.trim() === '') return 'workDone';
  if (!isMinutesValid(draft.minutes)) return 'duration';
  return isDurationComplete(draft.minutes, draft.durationReason, draft.measuredMinutes) ? null : 'durationReason';
}

/** Chosen, and with the words the choice needs (a changed duration needs its reason). */
export const isDecided = (draft: DecisionDraft | undefined): boolean => missingPart(draft) === null;

export const undecided = (open: readonly WorkOrderDetail[], drafts: DecisionDrafts): WorkOrderDetail[] => open.filter((w) => !isDecided(drafts[w.id]));

/** The OTs not yet decided, grouped by what each lacks (in MissingPart's order), their codes in the dialog's order. */
export function missingByPart(open: readonly WorkOrderDetail[], drafts: DecisionDrafts): { part: MissingPart; codes: string[] }[] {
  const groups = new Map<MissingPart, string[]>((['choice', 'workDone', 'duration', 'durationReason', 'reason'] as const).map((part) => [part, []]));
  for (const w of open) {
    const part = missingPart(drafts[w.id]);
    if (part) groups.get(part)?.push(w.code);
  }
  return [...groups].filter(([, codes]) => codes.length > 0).map(([part, codes]) => ({ part, codes }));
}

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
