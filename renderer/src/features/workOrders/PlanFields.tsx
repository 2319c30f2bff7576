// What planning a visit asks besides the date and the technician: how long it takes, whether the date records a visit
// already made, and, when the technician is busy then, which visits clash and whether to book anyway. Shared by the
// schedule dialog and the ticket's "Solicitar visita" (the dispatch board asks the same through its own dialog).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { readDecimal } from '../../lib/decimalText';
import type { WorkOrderType } from '../../../../shared/enums';
import { ESTIMATED_MINUTES_MAX, ESTIMATED_MINUTES_MIN, DEFAULT_WORK_ORDER_MINUTES } from '../../../../electron/contract/estimatedMinutes';
import type { ScheduleClash } from '../../../../electron/contract/scheduling';
import { ApiError } from '../../api/client';
import { Field } from '../../components/Field';
import { formatDuration, formatDateTime, formatTime } from '../../lib/format';
import { useSession } from '../../stores/session';
import './plan.css';

/** The OT type's default minutes, from the company settings. */
export function useDefaultMinutes(otType: WorkOrderType): number {
  return useSession((s) => s.settings?.workOrderDefaultMinutes?.[otType]) ?? DEFAULT_WORK_ORDER_MINUTES[otType];
}

/** Minutes typed in a box: '' is the type's default (null); anything else a number (NaN when none) the contract then checks. */
export function minutesFromInput(value: string, language: string): number | null {
  return value.trim() === '' ? null : (readDecimal(value, language) ?? Number.NaN);
}

export function EstimateField({ otType, value, onChange, error }: { otType: WorkOrderType; value: string; onChange: (value: string) => void; error?: string | undefined }) {
  const { t } = useTranslation('workOrders');
  const fallback = useDefaultMinutes(otType);
  return (
    <Field label={t('plan.estimate')} error={error} hint={t('plan.estimateHint', { duration: formatDuration(fallback * 60), type: t(`common:workOrderType.${otType}`) })}>
      <input
        type="number"
        name="estimatedMinutes"
        min={ESTIMATED_MINUTES_MIN}
        max={ESTIMATED_MINUTES_MAX}
        step={5}
        inputMode="numeric"
        placeholder={String(fallback)}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </Field>
  );
}

export function PastVisitCheckbox({ checked, onChange }: { checked: boolean; onChange: (checked: boolean) => void }) {
  const { t } = useTranslation('workOrders');
  return (
    <label className="plan-check">
      <input type="checkbox" name="recordsPastVisit" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <span>{t('plan.recordsPastVisit')}</span>
    </label>
  );
}

/** The visits the technician already has at that time, as the service listed them (double_booked). */
export function ClashWarning({ clashes, technicianName, confirmLabel }: { clashes: ScheduleClash[]; technicianName: string; confirmLabel?: string }) {
  const { t } = useTranslation('workOrders');
  return (
    <div className="plan-clash" role="alert">
      <p>
        <strong>{t('plan.clashTitle', { name: technicianName })}</strong>
      </p>
      <ul>
        {clashes.map((clash) => (
          <li key={clash.id}>
            <span className="mono">{clash.code}</span> · {formatDateTime(clash.start)}–{formatTime(clash.end)}
          </li>
        ))}
      </ul>
      <p className="muted">{t('plan.clashHint', { confirm: confirmLabel ?? t('plan.bookAnyway') })}</p>
    </div>
  );
}

/** The service's questions about a plan (double_booked, scheduled_in_past), kept until the plan changes. */
export function usePlanQuestions() {
  const { t } = useTranslation('workOrders');
  const [clashes, setClashes] = useState<ScheduleClash[] | null>(null);
  const [pastError, setPastError] = useState<string | null>(null);
  return {
    clashes,
    pastError,
    /** Once the clashes are shown, the next submit books anyway. */
    confirmOverlap: clashes !== null,
    /** A changed date, technician or length is a new plan: ask again. */
    reset() {
      setClashes(null);
      setPastError(null);
    },
    /** True when the error was one of these questions (shown in the form, not as a failure). */
    absorb(error: unknown): boolean {
      if (!(error instanceof ApiError)) return false;
      if (error.reason === 'double_booked') {
        setClashes((error.shape.details?.clashes ?? []) as ScheduleClash[]);
        return true;
      }
      if (error.reason === 'scheduled_in_past') {
        setPastError(t(error.shape.details?.today === true ? 'reason.scheduled_in_past_today' : 'reason.scheduled_in_past'));
        return true;
      }
      return false;
    },
  };
}
