// Shared fields of the report forms: a period of days (by name or by dates), which date puts an OT in it, the CSV format.
import { useTranslation } from 'react-i18next';
import { CSV_FORMATS, defaultCsvFormat, type CsvFormat } from '../../../../electron/contract/reports';
import { PERIOD_PRESETS, presetOf, presetPeriod, type PeriodPreset } from '../../../../electron/contract/periods';
import { ChoiceSelect } from '../../components/ChoiceSelect';
import { DateInput } from '../../components/DateInput';
import { Field } from '../../components/Field';
import { companyZone } from '../../lib/timeZone';
import { useCan } from '../../stores/session';
import { uiLanguage } from '../../lib/reportLanguage';
import type { Period } from './period';

export { uiLanguage };

export function PeriodFields({ period, onChange, error }: { period: Period; onChange: (p: Period) => void; error?: string | undefined }) {
  const { t } = useTranslation('reports');
  // The choice shown is whichever preset names these days today; edited dates show "Personalizado".
  const preset = presetOf(period, companyZone()) ?? '';
  return (
    <>
      <Field label={t('period.preset')}>
        <ChoiceSelect
          value={preset}
          onChange={(e) => e.target.value && onChange(presetPeriod(e.target.value as PeriodPreset, companyZone()))}
          emptyLabel={t('period.custom')}
          choices={PERIOD_PRESETS.map((p) => ({ value: p, label: t(`period.presets.${p}`) }))}
        />
      </Field>
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

/** The CSV format starts from the UI language (a Spanish UI gets a file a Spanish Excel opens in columns). */
export const initialCsvFormat = (): CsvFormat => defaultCsvFormat(uiLanguage());

export function CsvFormatSelect({ value, onChange }: { value: CsvFormat; onChange: (v: CsvFormat) => void }) {
  const { t } = useTranslation('reports');
  return (
    <Field label={t('csvFormat.label')} hint={t(`csvFormat.hint.${value}`)}>
      <ChoiceSelect value={value} onChange={(e) => onChange(e.target.value as CsvFormat)} choices={CSV_FORMATS.map((f) => ({ value: f, label: t(`csvFormat.${f}`) }))} />
    </Field>
  );
}

/** A Técnico (carries out OTs, does not plan them) exports only the OTs assigned to them: the backend narrows it, the screen says so. */
export function useOwnWorkOrdersOnly(): boolean {
  const execute = useCan('workorders:execute');
  const plan = useCan('workorders:write');
  return execute && !plan;
}
