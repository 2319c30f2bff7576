// Reportes: CSV of tickets and OTs for a period, and every OT report of a period as one zip.
import { Download, FileArchive, FileSpreadsheet, X } from 'lucide-react';
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  WORK_ORDER_STATUSES,
  WORK_ORDER_TYPES,
  type DirectoryUser,
  type TicketPriority,
  type TicketStatus,
  type WorkOrderStatus,
  type WorkOrderType,
} from '../../../../electron/contract';
import { api } from '../../api/client';
import { Field } from '../../components/Field';
import { saveFile } from '../../lib/download';
import { errorMessage } from '../../lib/errors';
import { useCan } from '../../stores/session';
import { toast } from '../../stores/toasts';
import { BatchExport } from './BatchExport';
import { CsvFormatSelect, DateFieldSelect, initialCsvFormat, PeriodFields, uiLanguage, useOwnWorkOrdersOnly } from './fields';
import { companyZone } from '../../lib/timeZone';
import { periodToInstants, thisMonth, type Period } from './period';
import './reports.css';
import { ChoiceSelect } from '../../components/ChoiceSelect';
import { technicianFilterChoices, technicianFilterPeople } from '../workOrders/TechnicianPicker';

function StatusChecks<S extends string>({ legend, all, labelKey, value, onChange }: { legend: string; all: readonly S[]; labelKey: string; value: S[]; onChange: (v: S[]) => void }) {
  const { t } = useTranslation('reports');
  return (
    <fieldset className="checks">
      <legend>{legend}</legend>
      {all.map((s) => (
        <label key={s}>
          <input type="checkbox" checked={value.includes(s)} onChange={(e) => onChange(e.target.checked ? [...value, s] : value.filter((x) => x !== s))} />
          {t(`common:${labelKey}.${s}`)}
        </label>
      ))}
    </fieldset>
  );
}

function ExportCard({ icon, title, intro, children, onSubmit, busy }: { icon: ReactNode; title: string; intro: string; children: ReactNode; onSubmit: () => Promise<void>; busy: boolean }) {
  const { t } = useTranslation('reports');
  return (
    <section className="card report-card" aria-label={title}>
      <h2>
        {icon}
        {title}
      </h2>
      <p className="muted">{intro}</p>
      <form
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          void onSubmit();
        }}
        noValidate
      >
        <div className="report-fields">{children}</div>
        <button type="submit" className="btn btn-primary" disabled={busy}>
          <Download size={14} aria-hidden="true" />
          {busy ? t('preparing') : t('downloadCsv')}
        </button>
      </form>
    </section>
  );
}

function useCsvExport() {
  const { t } = useTranslation('reports');
  const [busy, setBusy] = useState(false);
  const [periodError, setPeriodError] = useState<string | undefined>();
  async function run(period: Period, fetchFile: (range: { from: string; to: string }) => ReturnType<typeof api.call<'reports.ticketsCsv'>>) {
    const range = periodToInstants(period, companyZone());
    setPeriodError(range ? undefined : t('period.invalid'));
    if (!range) return;
    setBusy(true);
    try {
      saveFile(await fetchFile(range));
      toast.success(t('downloaded'));
    } catch (error) {
      toast.error(errorMessage(t, error));
    } finally {
      setBusy(false);
    }
  }
  return { busy, periodError, run };
}

function TicketsCsv() {
  const { t } = useTranslation('reports');
  const [period, setPeriod] = useState(() => thisMonth(companyZone()));
  const [status, setStatus] = useState<TicketStatus[]>([]);
  const [priority, setPriority] = useState<TicketPriority | ''>('');
  const [csvFormat, setCsvFormat] = useState(initialCsvFormat);
  const { busy, periodError, run } = useCsvExport();
  return (
    <ExportCard
      icon={<FileSpreadsheet size={16} aria-hidden="true" />}
      title={t('tickets.title')}
      intro={t('tickets.intro')}
      busy={busy}
      onSubmit={() =>
        run(period, (range) =>
          api.call('reports.ticketsCsv', {
            createdFrom: range.from,
            createdTo: range.to,
            ...(status.length ? { status } : {}),
            ...(priority ? { priority } : {}),
            language: uiLanguage(),
            csvFormat,
          }),
        )
      }
    >
      <PeriodFields period={period} onChange={setPeriod} error={periodError} />
      <CsvFormatSelect value={csvFormat} onChange={setCsvFormat} />
      <Field label={t('tickets.priority')}>
        <ChoiceSelect
          value={priority}
          onChange={(e) => setPriority(e.target.value as TicketPriority | '')}
          emptyLabel={t('any')}
          choices={TICKET_PRIORITIES.map((p) => ({ value: p, label: t(`common:priority.${p}`) }))}
        />
      </Field>
      <StatusChecks legend={t('tickets.status')} all={TICKET_STATUSES} labelKey="ticketStatus" value={status} onChange={setStatus} />
    </ExportCard>
  );
}

/**
 * Who can carry out OTs, for the technician filter (the directory is open to every signed-in user): the active ones,
 * then the deactivated ones, whose past OTs a report still covers.
 */
function useTechnicians(): DirectoryUser[] {
  const [technicians, setTechnicians] = useState<DirectoryUser[]>([]);
  useEffect(() => {
    let current = true;
    api.call('users.directory', { includeInactive: true }).then(
      (users) => current && setTechnicians(technicianFilterPeople(users)),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, []);
  return technicians;
}

function WorkOrdersCsv() {
  const { t } = useTranslation('reports');
  const [period, setPeriod] = useState(() => thisMonth(companyZone()));
  const [dateField, setDateField] = useState<'scheduled_date' | 'completed_at' | 'created_at'>('scheduled_date');
  const [status, setStatus] = useState<WorkOrderStatus[]>([]);
  const [otType, setOtType] = useState<WorkOrderType | ''>('');
  const [technicianId, setTechnicianId] = useState('');
  const [csvFormat, setCsvFormat] = useState(initialCsvFormat);
  const technicians = useTechnicians();
  const { busy, periodError, run } = useCsvExport();
  // A Técnico's export holds their own OTs whatever is picked: no technician to choose.
  const ownOnly = useOwnWorkOrdersOnly();
  return (
    <ExportCard
      icon={<FileSpreadsheet size={16} aria-hidden="true" />}
      title={t('workOrders.title')}
      intro={t(ownOnly ? 'workOrders.introOwn' : 'workOrders.intro')}
      busy={busy}
      onSubmit={() =>
        run(period, (range) =>
          api.call('reports.workOrdersCsv', {
            from: range.from,
            to: range.to,
            dateField,
            ...(status.length ? { status } : {}),
            ...(otType ? { otType } : {}),
            ...(technicianId && !ownOnly ? { technicianId } : {}),
            language: uiLanguage(),
            csvFormat,
          }),
        )
      }
    >
      <PeriodFields period={period} onChange={setPeriod} error={periodError} />
      <DateFieldSelect value={dateField} onChange={setDateField} />
      <CsvFormatSelect value={csvFormat} onChange={setCsvFormat} />
      <Field label={t('workOrders.type')}>
        <ChoiceSelect
          value={otType}
          onChange={(e) => setOtType(e.target.value as WorkOrderType | '')}
          emptyLabel={t('any')}
          choices={WORK_ORDER_TYPES.map((type) => ({ value: type, label: t(`common:workOrderType.${type}`) }))}
        />
      </Field>
      {!ownOnly && (
        <Field label={t('workOrders.technician')}>
          <ChoiceSelect value={technicianId} onChange={(e) => setTechnicianId(e.target.value)} emptyLabel={t('any')} choices={technicianFilterChoices(t, technicians)} />
        </Field>
      )}
      <StatusChecks legend={t('workOrders.status')} all={WORK_ORDER_STATUSES} labelKey="workOrderStatus" value={status} onChange={setStatus} />
    </ExportCard>
  );
}

export default function ReportsScreen() {
  const { t } = useTranslation('reports');
  const canExport = useCan('reports:export');
  if (!canExport) return <div className="empty">{t('common:errors.code.FORBIDDEN')}</div>;
  return (
    <div className="page">
      <header className="page-header">
        <h1>{t('title')}</h1>
      </header>
      <div className="page-body reports-grid">
        <TicketsCsv />
        <WorkOrdersCsv />
        <BatchExport icon={<FileArchive size={16} aria-hidden="true" />} cancelIcon={<X size={14} aria-hidden="true" />} />
      </div>
    </div>
  );
}
