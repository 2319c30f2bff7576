// The duration of a completion: the measured time as a hint, an editable figure in minutes, and the reason
// field once the figure differs (the OT's completion dialog and the ticket close's 'Completar' share it).
import { useTranslation } from 'react-i18next';
import { Field } from '../../components/Field';
import { formatDuration } from '../../lib/format';
import { isDurationChanged, measuredWords } from './durationDraft';

interface Props {
  /** Minutes measured since the start when the dialog opened; null for an OT never started. */
  measuredMinutes: number | null;
  minutes: string;
  reason: string;
  onMinutes: (value: string) => void;
  onReason: (value: string) => void;
  errors?: { totalDuration?: string | undefined; durationReason?: string | undefined };
  /** Form names, so a dialog with several OTs keeps them apart. */
  name?: string;
}

/** Past this, the measured time is more likely an OT left in progress than a visit's length: the dialog says so. */
export const LONG_MEASURED_MINUTES = 12 * 60;

export function DurationFields({ measuredMinutes, minutes, reason, onMinutes, onReason, errors = {}, name = 'duration' }: Props) {
  const { t } = useTranslation('workOrders');
  const changed = isDurationChanged(minutes, measuredMinutes);
  // Durations read as on the OT, its PDF and the timeline (one formatter); a typed one is shown beside the measured.
  const words = measuredWords(measuredMinutes);
  const measuredText = 'seconds' in words ? t(words.key, { clock: formatDuration(words.seconds) }) : t(words.key);
  const typed = Number(minutes);
  const hint = changed && Number.isFinite(typed) && typed >= 0 ? `${measuredText} → ${formatDuration(typed * 60)}` : measuredText;
  return (
    <>
      <Field label={t('complete.duration')} error={errors.totalDuration} hint={hint}>
        <input name={`${name}-minutes`} type="number" min={0} step={1} value={minutes} onChange={(e) => onMinutes(e.target.value)} inputMode="numeric" />
      </Field>
      {!changed && measuredMinutes !== null && measuredMinutes > LONG_MEASURED_MINUTES && (
        <p className="duration-long" role="note">
          {t('complete.longMeasured', { clock: formatDuration(measuredMinutes * 60) })}
        </p>
      )}
      {changed && (
        <Field label={t('complete.reason')} error={errors.durationReason} hint={t(measuredMinutes === null ? 'complete.reasonUnmeasured' : 'complete.reasonRequired')}>
          <input name={`${name}-reason`} value={reason} onChange={(e) => onReason(e.target.value)} required />
        </Field>
      )}
    </>
  );
}
