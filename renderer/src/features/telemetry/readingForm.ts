// Pure helpers for the record-by-hand form: local time ⇄ ISO, decimal comma, and validation with the contract.
import type { TFunction } from 'i18next';
import { KNOWN_METRICS, measuredAtIssue, metricUnit, telemetryReading, type TelemetryReadingInput } from '../../../../electron/contract/telemetry';
import { instantOfWallInput, wallInputOf } from '../../../../electron/contract/zonedTime';
import { ApiError } from '../../api/client';
import { readDecimal } from '../../lib/decimalText';
import { errorMessage } from '../../lib/errors';
import { companyZone } from '../../lib/timeZone';
import { zodFieldErrors } from '../../lib/forms';

export { KNOWN_METRICS };

export interface ReadingDraft {
  metric: string;
  value: string;
  unit: string;
  source: string;
  measuredAt: string;
}

/** A Date as the wall time an `<input type="datetime-local">` shows, on the company clock. */
export function toLocalInput(date: Date, zone: string): string {
  return wallInputOf(zone, date);
}

/** The instant of that wall time; an unreadable value is passed on as typed, for the contract to refuse. */
export function fromLocalInput(value: string, zone: string): string {
  return instantOfWallInput(zone, value) ?? value;
}

/** The unit a known metric takes ("V" for voltage), or '' for metrics with free units. */
export function defaultUnit(metric: string): string {
  return metricUnit(metric.trim().toLowerCase()) ?? '';
}

/** The reading to send; the value read in the screen's language ("1,500" is fifteen hundred in English), NaN when none. */
export function draftToInput(draft: ReadingDraft, language: string): TelemetryReadingInput {
  const value = readDecimal(draft.value, language) ?? Number.NaN;
  return {
    metric: draft.metric,
    value,
    unit: draft.unit,
    measuredAt: fromLocalInput(draft.measuredAt, companyZone()),
    ...(draft.source.trim() ? { source: draft.source } : {}),
  };
}

/** Field errors in the user's language: the contract's schema plus the clock rule, as the main process applies them. */
export function validateDraft(t: TFunction, draft: ReadingDraft, now: Date, language: string): Record<string, string> {
  const input = draftToInput(draft, language);
  const errors = zodFieldErrors(t, telemetryReading, input);
  const parsed = telemetryReading.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? '');
      if (issue.code === 'custom') errors[field] = t(`telemetry:reasons.${issue.message}`);
    }
  }
  if (!Number.isFinite(input.value)) errors.value = t('telemetry:reasons.value_not_a_number');
  // No date at all is a missing field, not an unreadable one (the boxes say what is wrong with a half-typed one).
  if (!draft.measuredAt.trim()) errors.measuredAt = t('common:validation.required');
  if (!errors.measuredAt && parsed.success) {
    const timeIssue = measuredAtIssue(parsed.data.measuredAt, now);
    if (timeIssue) errors.measuredAt = t(`telemetry:reasons.${timeIssue}`);
  }
  return errors;
}

/** Telemetry reasons (telemetry:reasons.*) first, then the shared translations. */
export function telemetryError(t: TFunction, error: unknown): string {
  if (error instanceof ApiError && error.reason) {
    const key = `telemetry:reasons.${error.reason}`;
    if (t(key, { defaultValue: '' })) return t(key);
  }
  return errorMessage(t, error);
}
