// Record one reading by hand: the metric picked by its name in the UI language, its unit following it (the contract's
// METRICS table); validated with the contract's schema before it is sent.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../components/Field';
import { DateTimeInput } from '../../components/DateInput';
import { toast } from '../../stores/toasts';
import { defaultUnit, draftToInput, KNOWN_METRICS, telemetryError, toLocalInput, validateDraft, type ReadingDraft } from './readingForm';
import { companyZone } from '../../lib/timeZone';
import { unsavedMark } from '../../lib/unsavedForms';
import { useTelemetry } from './store';

const freshDraft = (metric = 'voltage', source = ''): ReadingDraft => ({
  metric,
  value: '',
  unit: defaultUnit(metric),
  source,
  measuredAt: toLocalInput(new Date(), companyZone()),
});

/** The metric select's value for "a metric not in the list" (then its name is typed, with any unit). */
const OTHER_METRIC = '__other__';

export function RecordReadingForm({ ticketId, onDone }: { ticketId: string; onDone: () => void }) {
  const { t, i18n } = useTranslation('telemetry');
  const record = useTelemetry((s) => s.record);
  const [draft, setDraft] = useState<ReadingDraft>(() => freshDraft());
  const [otherMetric, setOtherMetric] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  // Opened from its button: the keyboard goes on in the form's first field, not on the button above it.
  const firstField = useRef<HTMLSelectElement>(null);
  useEffect(() => firstField.current?.focus(), []);
  // Known metrics by their name in the UI language; the unit follows the metric and is not typed.
  const metrics = KNOWN_METRICS.map((key) => ({ key, label: t(`metrics.${key}`) })).sort((a, b) => a.label.localeCompare(b.label));

  // Anything typed by hand (the date starts filled in, the metric is picked) is worth keeping.
  const dirty = draft.value.trim() !== '' || draft.source.trim() !== '' || (otherMetric && draft.metric.trim() !== '');
  const change = (field: keyof ReadingDraft, value: string) => setDraft((d) => ({ ...d, [field]: value }));
  const pickMetric = (value: string) => {
    const other = value === OTHER_METRIC;
    setOtherMetric(other);
    setDraft((d) => (other ? { ...d, metric: '', unit: '' } : { ...d, metric: value, unit: defaultUnit(value) }));
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found = validateDraft(t, draft, new Date(), i18n.language);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      await record(ticketId, [draftToInput(draft, i18n.language)]);
      toast.success(t('record.saved'));
      setDraft(freshDraft(draft.metric, draft.source));
      onDone();
    } catch (failure) {
      toast.error(telemetryError(t, failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="telemetry-form" onSubmit={(e) => void submit(e)} aria-label={t('record.title')} noValidate {...unsavedMark(dirty)}>
      <Field label={t('fields.metric')} error={otherMetric ? undefined : errors.metric}>
        <select ref={firstField} name="metric" value={otherMetric ? OTHER_METRIC : draft.metric} onChange={(e) => pickMetric(e.target.value)}>
          {metrics.map(({ key, label }) => (
            <option key={key} value={key}>
              {label}
            </option>
          ))}
          <option value={OTHER_METRIC}>{t('record.otherMetric')}</option>
        </select>
      </Field>
      {otherMetric && (
        <Field label={t('fields.metricName')} error={errors.metric}>
          <input name="metricName" value={draft.metric} onChange={(e) => change('metric', e.target.value)} autoComplete="off" maxLength={64} />
        </Field>
      )}
      <Field label={t('fields.value')} error={errors.value}>
        <input name="value" inputMode="decimal" value={draft.value} onChange={(e) => change('value', e.target.value)} autoComplete="off" />
      </Field>
      {/* A known metric fixes its unit: shown as text that says so (not a box to type in), out of the Tab order. */}
      <Field label={t('fields.unit')} error={errors.unit} {...(otherMetric ? {} : { hint: t('record.unitFollows') })}>
        <input
          name="unit"
          value={draft.unit}
          onChange={(e) => change('unit', e.target.value)}
          readOnly={!otherMetric}
          tabIndex={otherMetric ? undefined : -1}
          className={otherMetric ? undefined : 'unit-fixed'}
          maxLength={16}
          autoComplete="off"
        />
      </Field>
      <Field label={t('fields.source')} error={errors.source}>
        <input name="source" value={draft.source} onChange={(e) => change('source', e.target.value)} placeholder={t('record.sourcePlaceholder')} maxLength={100} />
      </Field>
      <Field label={t('fields.measuredAt')} error={errors.measuredAt}>
        <DateTimeInput name="measuredAt" value={draft.measuredAt} onChange={(value) => change('measuredAt', value)} />
      </Field>
      <div className="telemetry-form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? t('record.saving') : t('record.save')}
        </button>
        <button type="button" className="btn btn-ghost" onClick={onDone}>
          {t('common:actions.cancel')}
        </button>
      </div>
    </form>
  );
}
