// Administration card for the SLA targets: first response and resolution per priority, in minutes or hours.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { TICKET_PRIORITIES, type TicketPriority } from '../../../../electron/contract';
import { SLA_TARGET_MAX_MINUTES, SLA_TARGET_MIN_MINUTES, type SlaTarget, type SlaTargets } from '../../../../shared/sla';
import { api, ApiError } from '../../api/client';
import { readAmount } from '../../lib/decimalText';
import { errorMessage } from '../../lib/errors';
import { useSession } from '../../stores/session';
import { toast } from '../../stores/toasts';

type Unit = 'minutes' | 'hours';
interface Amount {
  value: string;
  unit: Unit;
}
type Draft = Record<TicketPriority, Record<keyof SlaTarget, Amount>>;
const FIELDS = ['responseMinutes', 'resolutionMinutes'] as const;
/** Most urgent first, as a dispatcher reads the table. */
const ROWS = [...TICKET_PRIORITIES].reverse();

const toAmount = (minutes: number): Amount => (minutes % 60 === 0 ? { value: String(minutes / 60), unit: 'hours' } : { value: String(minutes), unit: 'minutes' });
const draftOf = (targets: SlaTargets): Draft =>
  Object.fromEntries(TICKET_PRIORITIES.map((p) => [p, { responseMinutes: toAmount(targets[p].responseMinutes), resolutionMinutes: toAmount(targets[p].resolutionMinutes) }])) as Draft;

/** Minutes from what was typed ('1,5' h reads as 90 min), or null when it is not a number. */
function minutesOf(amount: Amount, language: string): number | null {
  const typed = readAmount(amount.value, language);
  if (typed === null) return null;
  const minutes = typed * (amount.unit === 'hours' ? 60 : 1);
  return Number.isInteger(minutes) ? minutes : null;
}

/** The targets, or the message for each wrong cell (`priority.field`). */
export function readDraft(draft: Draft, t: (key: string, options?: Record<string, unknown>) => string, language: string): { targets: SlaTargets | null; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const targets = {} as SlaTargets;
  for (const priority of TICKET_PRIORITIES) {
    const row = {} as SlaTarget;
    for (const field of FIELDS) {
      const minutes = minutesOf(draft[priority][field], language);
      if (minutes === null) errors[`${priority}.${field}`] = t('settings.sla.wholeMinutes');
      else if (minutes < SLA_TARGET_MIN_MINUTES || minutes > SLA_TARGET_MAX_MINUTES) errors[`${priority}.${field}`] = t('settings.sla.range');
      else row[field] = minutes;
    }
    if (row.responseMinutes !== undefined && row.resolutionMinutes !== undefined && row.responseMinutes > row.resolutionMinutes) {
      errors[`${priority}.responseMinutes`] = t('settings.sla.responseAfterResolution');
    }
    targets[priority] = row;
  }
  return { targets: Object.keys(errors).length === 0 ? targets : null, errors };
}

export function SlaTargetsSettings() {
  const { t, i18n } = useTranslation('admin');
  const stored = useSession((s) => s.settings?.slaTargets);
  const [draft, setDraft] = useState<Draft | null>(stored ? draftOf(stored) : null);
  const [edited, setEdited] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (stored && !edited) setDraft(draftOf(stored));
  }, [stored, edited]);
  if (!draft) return null;

  const change = (priority: TicketPriority, field: keyof SlaTarget, patch: Partial<Amount>) => {
    setEdited(true);
    const next = { ...draft, [priority]: { ...draft[priority], [field]: { ...draft[priority][field], ...patch } } };
    setDraft(next);
    // Once errors are showing, they follow the values: a fixed cell loses its message at once, not on the next save.
    if (Object.keys(errors).length > 0) setErrors(readDraft(next, t, i18n.language).errors);
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!draft) return;
    const read = readDraft(draft, t, i18n.language);
    setErrors(read.errors);
    if (!read.targets) return;
    setBusy(true);
    setFailure(null);
    try {
      await api.call('settings.update', { slaTargets: read.targets, versions: useSession.getState().settings?.versions ?? {} });
      setEdited(false);
      await useSession.getState().refreshSettings();
      toast.success(t('settings.sla.saved'));
    } catch (error) {
      // Someone else saved settings first: their targets replace this draft, a second save works.
      if (error instanceof ApiError && error.reason === 'stale_version') {
        setEdited(false);
        await useSession.getState().refreshSettings().catch(() => undefined);
      }
      setFailure(errorMessage(t, error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card sla-targets" onSubmit={(e) => void submit(e)} aria-labelledby="sla-targets-title" noValidate>
      <h3 id="sla-targets-title">{t('settings.sla.title')}</h3>
      <p className="muted">{t('settings.sla.help')}</p>
      {failure && (
        <div className="alert" role="alert">
          {failure}
        </div>
      )}
      <table className="sla-targets-table">
        <thead>
          <tr>
            <th scope="col">{t('settings.sla.priority')}</th>
            <th scope="col">{t('settings.sla.responseMinutes')}</th>
            <th scope="col">{t('settings.sla.resolutionMinutes')}</th>
          </tr>
        </thead>
        <tbody>
          {ROWS.map((priority) => (
            <tr key={priority} data-priority={priority}>
              <th scope="row">{t(`common:priority.${priority}`)}</th>
              {FIELDS.map((field) => {
                const key = `${priority}.${field}`;
                const label = `${t(`settings.sla.${field}`)} · ${t(`common:priority.${priority}`)}`;
                return (
                  <td key={field}>
                    <div className="sla-amount">
                      <input
                        inputMode="decimal"
                        aria-label={label}
                        aria-invalid={errors[key] ? true : undefined}
                        aria-describedby={errors[key] ? `sla-error-${priority}-${field}` : undefined}
                        data-sla-field={key}
                        value={draft[priority][field].value}
                        onChange={(e) => change(priority, field, { value: e.target.value })}
                      />
                      <select
                        aria-label={`${label} · ${t('settings.sla.unit')}`}
                        value={draft[priority][field].unit}
                        onChange={(e) => change(priority, field, { unit: e.target.value as Unit })}
                      >
                        <option value="minutes">{t('settings.sla.minutes')}</option>
                        <option value="hours">{t('settings.sla.hours')}</option>
                      </select>
                    </div>
                    {errors[key] && (
                      <small id={`sla-error-${priority}-${field}`} className="field-error" role="alert">
                        {errors[key]}
                      </small>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <button type="submit" className="btn btn-primary" disabled={busy}>
        {busy ? t('common:state.saving') : t('settings.sla.save')}
      </button>
    </form>
  );
}
