// Administración → Ajustes: how long a visit of each OT type usually takes (setting workOrderDefaultMinutes). An OT
// without its own estimate is planned, drawn on the board and checked for overlaps with its type's minutes.
import { useTranslation } from 'react-i18next';
import { WORK_ORDER_TYPES, type WorkOrderType } from '../../../../shared/enums';
import { ESTIMATED_MINUTES_MAX, ESTIMATED_MINUTES_MIN, type WorkOrderDefaultMinutes } from '../../../../electron/contract/estimatedMinutes';
import { Field } from '../../components/Field';
import { formatDuration } from '../../lib/format';
import './visitMinutes.css';

interface Props {
  value: WorkOrderDefaultMinutes;
  onChange: (value: WorkOrderDefaultMinutes) => void;
  error?: string | undefined;
}

export function VisitMinutesFields({ value, onChange, error }: Props) {
  const { t } = useTranslation('admin');
  const set = (type: WorkOrderType, text: string) => onChange({ ...value, [type]: text.trim() === '' ? Number.NaN : Number(text) });
  return (
    <fieldset className="visit-minutes">
      <legend>{t('settings.visitMinutes')}</legend>
      <p className="field-hint">{t('settings.visitMinutesHint')}</p>
      <div className="form-grid">
        {WORK_ORDER_TYPES.map((type) => {
          const minutes = value[type];
          const valid = Number.isInteger(minutes) && minutes >= ESTIMATED_MINUTES_MIN && minutes <= ESTIMATED_MINUTES_MAX;
          return (
            <Field key={type} label={t(`common:workOrderType.${type}`)} {...(valid ? { hint: formatDuration(minutes * 60) } : {})}>
              <input
                type="number"
                name={`visitMinutes-${type}`}
                min={ESTIMATED_MINUTES_MIN}
                max={ESTIMATED_MINUTES_MAX}
                step={5}
                inputMode="numeric"
                value={Number.isNaN(minutes) ? '' : String(minutes)}
                onChange={(e) => set(type, e.target.value)}
              />
            </Field>
          );
        })}
      </div>
      {error && (
        <small className="field-error" role="alert">
          {t('settings.visitMinutesRule')}
        </small>
      )}
    </fieldset>
  );
}
