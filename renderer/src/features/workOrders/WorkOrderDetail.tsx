// One OT: header, facts, the actions this user may take, a running timer, parts and notes.
import { ArrowLeft, CalendarClock, CalendarX, CheckCircle2, FileDown, Play, XCircle } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FINAL_WORK_ORDER_STATUSES, type CustomerDto, type WorkOrderDetail } from '../../../../electron/contract';
import { api } from '../../api/client';
import { WorkOrderStatusBadge } from '../../components/Badge';
import { Field } from '../../components/Field';
import { saveFile } from '../../lib/download';
import { focusWasLost } from '../../lib/focus';
import { uiLanguage } from '../../lib/reportLanguage';
import { formatDateTime, formatDuration } from '../../lib/format';
import { useDomainEvents } from '../../lib/live';
import { enteredFrom, hrefFor, type Route } from '../../lib/router';
import { useCan, useWorkOrderRights } from '../../stores/session';
import { toast } from '../../stores/toasts';
import { useWorkOrderAction, workOrderError } from './actions';
import { useWorkOrders } from './store';
import { AddressAndTown, PhoneLink } from '../customers/ContactLinks';
import { WorkOrderItems } from './WorkOrderItems';
import { AttachmentsPanel } from '../attachments/AttachmentsPanel';
import { WorkDoneCard } from './WorkDoneCard';
import { ChecklistPanel } from './ChecklistPanel';
import { SignaturesPanel } from './SignaturesPanel';
import { TicketFault } from './TicketFault';
import { CancelModal, CompleteModal, EstimateModal, ScheduleModal } from './WorkOrderModals';
import { useDefaultMinutes } from './PlanFields';
import { BusyButton } from '../../components/BusyButton';
import { FormerCodes } from '../../components/FormerCodes';
import './workOrders.css';

function RunningTimer({ startedAt }: { startedAt: string }) {
  const { t } = useTranslation('workOrders');
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return (
    <div className="ot-timer" aria-label={t('detail.timer')}>
      <span className="ot-timer-dot" aria-hidden="true" />
      <span className="mono">{formatDuration((now - new Date(startedAt).getTime()) / 1000)}</span>
    </div>
  );
}

function useCustomer(customerId: string | undefined): CustomerDto | null {
  const [customer, setCustomer] = useState<CustomerDto | null>(null);
  useEffect(() => {
    if (!customerId) return setCustomer(null);
    let current = true;
    api.call('customers.get', { id: customerId }).then((c) => current && setCustomer(c), () => current && setCustomer(null));
    return () => {
      current = false;
    };
  }, [customerId]);
  return customer;
}

function NotesCard({ workOrder, editable }: { workOrder: WorkOrderDetail; editable: boolean }) {
  const { t } = useTranslation('workOrders');
  const run = useWorkOrderAction();
  const [notes, setNotes] = useState(workOrder.notes ?? '');
  const [busy, setBusy] = useState(false);
  useEffect(() => setNotes(workOrder.notes ?? ''), [workOrder.notes]);
  if (!editable) {
    return (
      <section className="card" aria-labelledby="ot-notes-title">
        <h2 id="ot-notes-title">{t('detail.notes')}</h2>
        <p className="ot-notes">{workOrder.notes || <span className="muted">{t('detail.noNotes')}</span>}</p>
        {workOrder.cancelReason && (
          <p className="ot-cancel-reason">
            <strong>{t('detail.cancelReason')}:</strong> {workOrder.cancelReason}
          </p>
        )}
      </section>
    );
  }
  async function save() {
    setBusy(true);
    await run(workOrder.id, () => api.call('workOrders.updateNotes', { id: workOrder.id, version: workOrder.version, notes }), t('toast.notesSaved'));
    setBusy(false);
  }
  return (
    <section className="card" aria-labelledby="ot-notes-title">
      <h2 id="ot-notes-title" className="sr-only">{t('detail.notes')}</h2>
      <Field label={t('detail.notes')} hint={t('detail.notesHint')}>
        <textarea value={notes} onChange={(e) => setNotes(e.target.value)} rows={4} />
      </Field>
      <button type="button" className="btn" onClick={() => void save()} disabled={busy || notes === (workOrder.notes ?? '')}>
        {t('detail.saveNotes')}
      </button>
    </section>
  );
}

type Dialog = 'schedule' | 'estimate' | 'complete' | 'cancel' | null;

/** The planned length: the OT's own, or its type's default (said so). */
function EstimateFact({ workOrder, onEdit }: { workOrder: WorkOrderDetail; onEdit: (() => void) | null }) {
  const { t } = useTranslation('workOrders');
  const fallback = useDefaultMinutes(workOrder.otType);
  const own = workOrder.estimatedMinutes;
  return (
    <dd>
      {formatDuration((own ?? fallback) * 60)}
      {own === null && <span className="muted"> · {t('plan.byDefault')}</span>}
      {onEdit && (
        <>
          {' '}
          <button type="button" className="btn btn-ghost estimate-edit" onClick={onEdit} aria-label={t('plan.editEstimate')}>
            {t('plan.change')}
          </button>
        </>
      )}
    </dd>
  );
}

/** The screens an OT is opened from that its ← names (a ticket: the ticket itself, not the list). */
const BACK_TO: Partial<Record<Route['name'], true>> = { tickets: true, myDay: true, agenda: true, dispatch: true, customer: true, trace: true };

/** What the ← says it goes back to: the OT list, a screen it names, or just the previous page. */
function backLabelKey(from: Route | null): string {
  if (!from || (from.name === 'workOrders' && !from.id)) return 'detail.back';
  const named = BACK_TO[from.name] && !(from.name === 'tickets' && !from.id);
  return named ? `detail.backTo.${from.name}` : 'detail.backToPrevious';
}

/**
 * ← goes back where the OT was opened from (a ticket, Mi día, the board), as the browser's back would; an OT opened
 * straight onto (a reload, a link from outside) goes to the list.
 */
function BackLink() {
  const { t } = useTranslation('workOrders');
  const [from] = useState(enteredFrom);
  const label = t(backLabelKey(from));
  return (
    <a
      className="btn btn-ghost btn-icon"
      href={hrefFor(from ?? { name: 'workOrders' })}
      aria-label={label}
      title={label}
      onClick={(event) => {
        if (!from) return;
        event.preventDefault();
        window.history.back();
      }}
    >
      <ArrowLeft size={16} aria-hidden="true" />
    </a>
  );
}

export function WorkOrderDetailView({ id }: { id: string }) {
  const { t } = useTranslation('workOrders');
  const detail = useWorkOrders((s) => (s.detail?.id === id ? s.detail : null));
  const detailError = useWorkOrders((s) => s.detailError);
  const loadDetail = useWorkOrders((s) => s.loadDetail);
  const canWrite = useCan('workorders:write');
  const canExecute = useCan('workorders:execute');
  const canExport = useCan('reports:export');
  const run = useWorkOrderAction();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [exporting, setExporting] = useState(false);
  const customer = useCustomer(detail?.customer?.id);
  const rights = useWorkOrderRights(detail?.technician?.id);

  useEffect(() => void loadDetail(id), [id, loadDetail]);
  useDomainEvents((e) => e.entity === 'workOrder' && e.id === id, () => void loadDetail(id));
  const headingRef = useRef<HTMLHeadingElement>(null);
  const shown = detail !== null;
  // Focus lost with the pressed control (Empezar on Mi día, Completar here): the OT's code, beside its status, takes it.
  useEffect(() => {
    if (focusWasLost()) headingRef.current?.focus();
  }, [shown, detail?.status, dialog]);

  if (!detail) {
    return <div className="empty">{detailError ? workOrderError(t, detailError) : t('common:state.loading')}</div>;
  }

  const final = FINAL_WORK_ORDER_STATUSES.includes(detail.status);
  const { carryOut: mayExecute, notes: mayWriteNotes } = rights;
  const status = detail.status;

  async function exportPdf() {
    setExporting(true);
    try {
      // The customer's copy comes out in the language the technician is using.
      saveFile(await api.call('reports.workOrderPdf', { id, language: uiLanguage() }));
    } catch (error) {
      toast.error(workOrderError(t, error));
    } finally {
      setExporting(false);
    }
  }

  return (
    <div className="page">
      <header className="page-header">
        <BackLink key={detail.id} />
        <h1 className="mono-title" ref={headingRef} tabIndex={-1}>
          {detail.code}
        </h1>
        <FormerCodes codes={detail.formerCodes} />
        <span className="muted">{t(`common:workOrderType.${detail.otType}`)}</span>
        <WorkOrderStatusBadge status={status} />
        {status === 'in_progress' && detail.startedAt && <RunningTimer startedAt={detail.startedAt} />}
        <span className="spacer" />
        {canExport && (
          <BusyButton className="btn" busy={exporting} onClick={() => void exportPdf()}>
            <FileDown size={14} aria-hidden="true" />
            {t('detail.exportPdf')}
          </BusyButton>
        )}
      </header>
      <div className="page-body ot-body">
        <div className="btn-row ot-actions" role="toolbar" aria-label={t('detail.actions')}>
          {canWrite && (status === 'pending_planning' || status === 'scheduled') && (
            <button type="button" className="btn" onClick={() => setDialog('schedule')}>
              <CalendarClock size={14} aria-hidden="true" />
              {status === 'scheduled' ? t('actions.reschedule') : t('actions.schedule')}
            </button>
          )}
          {canWrite && status === 'scheduled' && (
            <button type="button" className="btn" onClick={() => void run(id, () => api.call('workOrders.unschedule', { id, version: detail.version }), t('toast.unscheduled'))}>
              <CalendarX size={14} aria-hidden="true" />
              {t('actions.unschedule')}
            </button>
          )}
          {mayExecute && status === 'scheduled' && (
            <button type="button" className="btn btn-primary" onClick={() => void run(id, () => api.call('workOrders.start', { id, version: detail.version }), t('toast.started'))}>
              <Play size={14} aria-hidden="true" />
              {t('actions.start')}
            </button>
          )}
          {mayExecute && status === 'in_progress' && (
            <button type="button" className="btn btn-primary" onClick={() => setDialog('complete')}>
              <CheckCircle2 size={14} aria-hidden="true" />
              {t('actions.complete')}
            </button>
          )}
          {canWrite && !final && (
            <button type="button" className="btn btn-danger" onClick={() => setDialog('cancel')}>
              <XCircle size={14} aria-hidden="true" />
              {t('actions.cancel')}
            </button>
          )}
        </div>

        {/* A technician on a colleague's OT sees no actions: say why instead of leaving only "Exportar PDF". */}
        {canExecute && !mayExecute && !final && (
          <p className="muted ot-not-yours" role="note">
            {detail.technician ? t('detail.notYours', { name: detail.technician.fullName }) : t('detail.notYoursUnassigned')}
          </p>
        )}

        {/* The fault first: what the technician came to fix. */}
        <TicketFault ticketId={detail.ticketId} />
        <section className="card" aria-labelledby="ot-facts-title">
          <h2 id="ot-facts-title" className="sr-only">{t('detail.facts')}</h2>
          <dl className="facts">
            <dt>{t('detail.ticket')}</dt>
            <dd>
              <a href={hrefFor({ name: 'tickets', id: detail.ticketId })}>
                <span className="mono">{detail.ticketCode}</span> · {detail.ticketTitle}
              </a>
            </dd>
            <dt>{t('detail.customer')}</dt>
            <dd>{detail.customer ? <a href={hrefFor({ name: 'customer', id: detail.customer.id })}>{detail.customer.name}</a> : '—'}</dd>
            <dt>{t('detail.address')}</dt>
            <dd>
              <AddressAndTown address={customer?.address} town={customer?.town} />
            </dd>
            <dt>{t('detail.phone')}</dt>
            <dd>
              <PhoneLink phone={customer?.phone} />
            </dd>
            <dt>{t('detail.technician')}</dt>
            <dd>{detail.technician?.fullName ?? <span className="muted">{t('common:state.unassigned')}</span>}</dd>
            <dt>{t(status === 'pending_planning' ? 'detail.proposed' : 'detail.scheduled')}</dt>
            <dd>{formatDateTime(detail.scheduledDate)}</dd>
            <dt>{t('plan.estimateFact')}</dt>
            <EstimateFact workOrder={detail} onEdit={canWrite && !final ? () => setDialog('estimate') : null} />
            <dt>{t('detail.started')}</dt>
            <dd>{formatDateTime(detail.startedAt)}</dd>
            <dt>{t('detail.completed')}</dt>
            <dd>{formatDateTime(detail.completedAt)}</dd>
            <dt>{t('detail.duration')}</dt>
            <dd>
              {formatDuration(detail.totalDuration)}
              {/* A duration typed instead of the measured one says why, as the report does. */}
              {detail.durationReason && <span className="muted"> · {t('detail.durationReason', { reason: detail.durationReason })}</span>}
            </dd>
          </dl>
        </section>

        <WorkOrderItems workOrder={detail} editable={mayExecute && !final} />
        <AttachmentsPanel owner={{ workOrderId: detail.id }} editable={mayExecute && !final} />
        <ChecklistPanel workOrder={detail} editable={mayExecute && !final} />
        <WorkDoneCard workOrder={detail} editable={mayExecute && status === 'in_progress'} />
        <NotesCard workOrder={detail} editable={mayWriteNotes && !final} />
        <SignaturesPanel workOrder={detail} maySign={mayExecute} />
      </div>
      <ScheduleModal workOrder={detail} open={dialog === 'schedule'} onClose={() => setDialog(null)} />
      <EstimateModal workOrder={detail} open={dialog === 'estimate'} onClose={() => setDialog(null)} />
      <CompleteModal workOrder={detail} open={dialog === 'complete'} onClose={() => setDialog(null)} />
      <CancelModal workOrder={detail} open={dialog === 'cancel'} onClose={() => setDialog(null)} />
    </div>
  );
}
