// Shared fields of the report forms: a period of days and which date puts an OT in it.
import { useTranslation } from 'react-i18next';
import { DateInput } from '../../components/DateInput';
import { Field } from '../../components/Field';
import type { Period } from './period';

export { uiLanguage } from '../../lib/reportLanguage';

export function PeriodFields({ period, onChange, error }: { period: Period; onChange: (p: Period) => void; error?: string | undefined }) {
  const { t } = useTranslation('reports');
  return (
    <>
      <Field label={t('period.from')} error={error}>
        <DateInput value={period.from} onChange={(from) => onChange({ ...period, from })} />
      </Field>
      <Field label={t('period.to')}>
        <DateInput value={period.to} onChange={(to) => onChange({ ...period, to })} />
      </Field>
    </>
  );
}

export function DateFieldSelect<F extends string>({ value, onChange }: { value: F; onChange: (v: F) => void }) {
  const { t } = useTranslation('reports');
  return (
    <Field label={t('dateField.label')}>
      <select value={value} onChange={(e) => onChange(e.target.value as F)}>
        {(['scheduled_date', 'completed_at', 'created_at'] as const).map((f) => (
          <option key={f} value={f}>
            {t(`dateField.${f}`)}
          </option>
        ))}
      </select>
    </Field>
  );
}

