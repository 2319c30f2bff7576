// Record one reading by hand: validated with the contract's schema before it is sent.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../components/Field';
import { toast } from '../../stores/toasts';
import { defaultUnit, draftToInput, KNOWN_METRICS, telemetryError, toLocalInput, validateDraft, type ReadingDraft } from './readingForm';
import { companyZone } from '../../lib/timeZone';
import { useTelemetry } from './store';

const freshDraft = (metric = 'voltage', source = ''): ReadingDraft => ({
  metric,
  value: '',
  unit: defaultUnit(metric),
  source,
  measuredAt: toLocalInput(new Date(), companyZone()),
});

export function RecordReadingForm({ ticketId, onDone }: { ticketId: string; onDone: () => void }) {
  const { t } = useTranslation('telemetry');
  const record = useTelemetry((s) => s.record);
  const [draft, setDraft] = useState<ReadingDraft>(() => freshDraft());
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const listId = `telemetry-metrics-${ticketId}`;

  const change = (field: keyof ReadingDraft, value: string) =>
    setDraft((d) => {
      // Picking a known metric fills its unit unless the user already typed another one.
      if (field === 'metric' && (d.unit === '' || d.unit === defaultUnit(d.metric))) return { ...d, metric: value, unit: defaultUnit(value) || d.unit };
      return { ...d, [field]: value };
    });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found = validateDraft(t, draft, new Date());
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      await record(ticketId, [draftToInput(draft)]);
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
    <form className="telemetry-form" onSubmit={(e) => void submit(e)} aria-label={t('record.title')} noValidate>
      <Field label={t('fields.metric')} error={errors.metric}>
        <input name="metric" list={listId} value={draft.metric} onChange={(e) => change('metric', e.target.value)} autoComplete="off" maxLength={64} />
      </Field>
      <datalist id={listId}>
        {KNOWN_METRICS.map((metric) => (
          <option key={metric} value={metric}>
            {t(`metrics.${metric}`)}
          </option>
        ))}
      </datalist>
      <Field label={t('fields.value')} error={errors.value}>
        <input name="value" inputMode="decimal" value={draft.value} onChange={(e) => change('value', e.target.value)} autoComplete="off" />
      </Field>
      <Field label={t('fields.unit')} error={errors.unit}>
        <input name="unit" value={draft.unit} onChange={(e) => change('unit', e.target.value)} maxLength={16} autoComplete="off" />
      </Field>
      <Field label={t('fields.source')} error={errors.source}>
        <input name="source" value={draft.source} onChange={(e) => change('source', e.target.value)} placeholder={t('record.sourcePlaceholder')} maxLength={100} />
      </Field>
      <Field label={t('fields.measuredAt')} error={errors.measuredAt}>
        <input name="measuredAt" type="datetime-local" value={draft.measuredAt} onChange={(e) => change('measuredAt', e.target.value)} />
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
