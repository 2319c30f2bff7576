// The duration a completion asks for (the OT's own dialog and the ticket close alike; pure: no DOM, no i18n).
// The measured time is shown in minutes and prefilled; only a different figure is sent, and it needs a reason
// (the service's rule: workOrders.complete / tickets.close answer duration_reason_required without one).

/** Whole minutes since the start, as the dialog shows them when it opens; null for an OT never started. */
export function measuredMinutesOf(startedAt: string | null, nowMs: number): number | null {
  if (!startedAt) return null;
  return Math.max(0, Math.round((nowMs - new Date(startedAt).getTime()) / 60_000));
}

/**
 * How the dialog names the measured time: none, under a minute (the box counts minutes: a visit started seconds ago
 * read "0 s" beside a running clock), or the minutes as a duration.
 */
export function measuredWords(measuredMinutes: number | null): { key: 'complete.notMeasured' | 'complete.measuredUnderMinute' } | { key: 'complete.measured'; seconds: number } {
  if (measuredMinutes === null) return { key: 'complete.notMeasured' };
  if (measuredMinutes === 0) return { key: 'complete.measuredUnderMinute' };
  return { key: 'complete.measured', seconds: measuredMinutes * 60 };
}

/** What the duration box starts with: the measured minutes, or empty when nothing was measured. */
export const initialMinutes = (measured: number | null): string => (measured === null ? '' : String(measured));

/** A figure other than the measured one (any figure, for an OT never started). */
export function isDurationChanged(minutes: string, measured: number | null): boolean {
  return minutes.trim() !== '' && Number(minutes) !== measured;
}

export const isMinutesValid = (minutes: string): boolean => minutes.trim() === '' || (Number.isFinite(Number(minutes)) && Number(minutes) >= 0);

/** Typed, valid, and with its reason when it changes the measured time. */
export function isDurationComplete(minutes: string, reason: string, measured: number | null): boolean {
  return isMinutesValid(minutes) && (!isDurationChanged(minutes, measured) || reason.trim() !== '');
}

/** The fields the service takes: nothing when the measured time stands. */
export function typedDurationInput(minutes: string, reason: string, measured: number | null): { totalDuration?: number; durationReason?: string } {
  if (!isDurationChanged(minutes, measured)) return {};
  return { totalDuration: Math.round(Number(minutes) * 60), durationReason: reason.trim() };
}

/**
 * What the report will print as the duration when the summary is shown: the typed figure, or the time since the start to
 * the second, as the service measures it at completion (whole minutes would turn a 40-second visit into "0 s").
 */
export function summarySeconds(typed: { totalDuration?: number }, startedAt: string | null, nowMs: number): number | null {
  if (typed.totalDuration !== undefined) return typed.totalDuration;
  if (!startedAt) return null;
  return Math.max(0, Math.round((nowMs - new Date(startedAt).getTime()) / 1000));
}

// A duration typed in the completion dialog and its reason, by OT id, while the dialog is closed without completing:
// reopened, it starts from them (the work done comes back the same way, workDoneDraft.ts).
const typedDurations = new Map<string, { minutes: string; reason: string }>();

export function keepDurationDraft(workOrderId: string, minutes: string, reason: string, measured: number | null): void {
  if (isDurationChanged(minutes, measured) || reason.trim() !== '') typedDurations.set(workOrderId, { minutes, reason });
  else typedDurations.delete(workOrderId);
}

export const durationDraftOf = (workOrderId: string): { minutes: string; reason: string } | undefined => typedDurations.get(workOrderId);

export const forgetDurationDraft = (workOrderId: string): void => void typedDurations.delete(workOrderId);
