// The open ticket: header with its fields and actions, description, work orders, the bitácora and the composer.
import { codesNowOf } from '../../../../electron/contract/codesNow';
import { FileDown, Lock, Pencil, RotateCcw, Truck, X } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TICKET_PRIORITIES, type TicketDetail as Ticket, type TicketPriority, type TicketStatus } from '../../../../electron/contract';
import { nextTicketStatuses } from '../../../../shared/tickets';
import { PriorityBadge, TicketStatusBadge } from '../../components/Badge';
import { SavingSelect } from '../../components/SavingSelect';
import { saveFile } from '../../lib/download';
import { errorMessage } from '../../lib/errors';
import { formatDateTime, formatRelative } from '../../lib/format';
import { hrefFor } from '../../lib/router';
import { useCan, useSession } from '../../stores/session';
import { toast } from '../../stores/toasts';
import { TicketTelemetryPanel } from '../telemetry/TicketTelemetryPanel';
import { CloseTicketModal, EditTicketModal, ReopenTicketModal, RequestVisitModal, type TicketModal } from './ActionModals';
import { Composer } from './Composer';
import { ticketPdfAvailable, useTicketDetail } from './detailStore';
import { useLookups } from './lookups';
import { SlaFacts } from './SlaDue';
import { Timeline } from './Timeline';
import { WorkOrdersPanel } from './WorkOrdersPanel';
import { AttachmentsPanel } from '../attachments/AttachmentsPanel';
import { BusyButton } from '../../components/BusyButton';
import { FormerCodes } from '../../components/FormerCodes';

interface PaneProps {
  onClose: () => void;
  /** The ticket whose title takes the focus when it shows (opened with Enter); `onTitleFocused` says it did. */
  focusTitleOf?: string | null;
  onTitleFocused?: () => void;
}

export function TicketDetailPane({ onClose, focusTitleOf = null, onTitleFocused }: PaneProps) {
  const { t } = useTranslation('tickets');
  const { ticket, loading, error } = useTicketDetail();
  if (loading && !ticket) return <div className="empty">{t('common:state.loading')}</div>;
  if (!ticket) {
    return (
      <div className="empty" role={error ? 'alert' : undefined}>
        {error ? t('detail.notFound') : t('detail.pick')}
      </div>
    );
  }
  return <TicketView ticket={ticket} onClose={onClose} focusTitle={focusTitleOf === ticket.id} onTitleFocused={onTitleFocused} />;
}

function TicketView({ ticket, onClose, focusTitle, onTitleFocused }: { ticket: Ticket; onClose: () => void; focusTitle: boolean; onTitleFocused: (() => void) | undefined }) {
  const { t } = useTranslation('tickets');
  const titleRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (!focusTitle) return;
    titleRef.current?.focus();
    onTitleFocused?.();
  }, [focusTitle, onTitleFocused]);
  const users = useLookups((s) => s.users);
  const canWrite = useCan('tickets:write');
  const canExecute = useCan('workorders:execute');
  const myId = useSession((s) => s.user?.id);
  // Same rule as the server: a Técnico notes and records readings only on tickets with one of their OTs.
  const canNote = canWrite || (canExecute && ticket.workOrders.some((w) => w.technician?.id === myId));
  const canVisit = useCan('workorders:write');
  const canExport = useCan('reports:export');
  const { changeStatus, assign, setPriority, exportPdf, busy, loadingOlder, showEarlier } = useTicketDetail();
  const [modal, setModal] = useState<TicketModal>(null);
  const [exporting, setExporting] = useState(false);
  const closed = ticket.status === 'closed';

  /** Runs a quick action from the header; failures (including a reload after CONFLICT) become a toast. */
  async function quick(work: () => Promise<void>, done: string) {
    try {
      await work();
      toast.success(done);
    } catch (failure) {
      toast.error(errorMessage(t, failure));
    }
  }

  async function downloadPdf() {
    setExporting(true);
    try {
      saveFile(await exportPdf());
    } catch (failure) {
      toast.error(errorMessage(t, failure));
    } finally {
      setExporting(false);
    }
  }

  return (
    <article className="ticket-detail" aria-labelledby="ticket-detail-title" data-ticket-id={ticket.id}>
      <header className="ticket-detail-header">
        <div className="ticket-detail-topline">
          <span className="mono muted">{ticket.code}</span>
          <FormerCodes codes={ticket.formerCodes} />
          <TicketStatusBadge status={ticket.status} />
          <PriorityBadge priority={ticket.priority} />
          <span className="spacer" />
          <button type="button" className="btn btn-ghost btn-icon" onClick={onClose} aria-label={t('detail.closeDetail')} title={t('detail.closeDetail')}>
            <X size={16} aria-hidden="true" />
          </button>
        </div>
        <h2 id="ticket-detail-title" className="ticket-detail-title" ref={titleRef} tabIndex={-1}>
          {ticket.title}
        </h2>
        <div className="ticket-toolbar">
          {canWrite && !closed && (
            <label className="filter">
              <span>{t('detail.status')}</span>
              <SavingSelect
                name="status"
                value={ticket.status}
                aria-disabled={busy}
                onChoose={(chosen) => {
                  if (busy) return;
                  const status = chosen as TicketStatus;
                  void quick(() => changeStatus(status), t('detail.statusChanged', { status: t(`common:ticketStatus.${status}`) }));
                }}
              >
                <option value={ticket.status}>{t(`common:ticketStatus.${ticket.status}`)}</option>
                {nextTicketStatuses(ticket.status).map((s) => (
                  <option key={s} value={s}>
                    {t('detail.moveTo', { status: t(`common:ticketStatus.${s}`) })}
                  </option>
                ))}
              </SavingSelect>
            </label>
          )}
          {canWrite && (
            <label className="filter">
              <span>{t('detail.priority')}</span>
              <SavingSelect
                name="priority"
                value={ticket.priority}
                aria-disabled={busy}
                disabled={closed}
                onChoose={(chosen) => {
                  if (busy) return;
                  const priority = chosen as TicketPriority;
                  void quick(() => setPriority(priority), t('detail.priorityChanged', { priority: t(`common:priority.${priority}`) }));
                }}
              >
                {TICKET_PRIORITIES.map((p) => (
                  <option key={p} value={p}>
                    {t(`common:priority.${p}`)}
                  </option>
                ))}
              </SavingSelect>
            </label>
          )}
          {canWrite && (
            <label className="filter">
              <span>{t('detail.assignee')}</span>
              <SavingSelect
                name="assignee"
                value={ticket.assignedTo?.id ?? ''}
                aria-disabled={busy}
                disabled={closed}
                onChoose={(chosen) => {
                  if (!busy) void quick(() => assign(chosen || null), t('detail.assigned'));
                }}
              >
                <option value="">{t('filters.unassigned')}</option>
                {ticket.assignedTo && !users.some((u) => u.id === ticket.assignedTo?.id) && <option value={ticket.assignedTo.id}>{ticket.assignedTo.fullName}</option>}
                {users.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.fullName}
                  </option>
                ))}
              </SavingSelect>
            </label>
          )}
        </div>
        <div className="ticket-actions" role="toolbar" aria-label={t('actions.label')}>
          {canWrite && !closed && (
            <button type="button" className="btn" onClick={() => setModal('edit')}>
              <Pencil size={14} aria-hidden="true" />
              {t('actions.edit')}
            </button>
          )}
          {canVisit && !closed && (
            <button type="button" className="btn" onClick={() => setModal('visit')}>
              <Truck size={14} aria-hidden="true" />
              {t('actions.requestVisit')}
            </button>
          )}
          {canWrite && !closed && (
            <button type="button" className="btn" onClick={() => setModal('close')}>
              <Lock size={14} aria-hidden="true" />
              {t('actions.close')}
            </button>
          )}
          {canWrite && closed && (
            <button type="button" className="btn" onClick={() => setModal('reopen')}>
              <RotateCcw size={14} aria-hidden="true" />
              {t('actions.reopen')}
            </button>
          )}
          {canExport && ticketPdfAvailable && (
            <BusyButton className="btn" busy={exporting} onClick={() => void downloadPdf()}>
              <FileDown size={14} aria-hidden="true" />
              {exporting ? t('actions.exporting') : t('actions.exportPdf')}
            </BusyButton>
          )}
        </div>
        <dl className="ticket-facts">
          <div>
            <dt>{t('detail.customer')}</dt>
            <dd>
              {ticket.customer ? (
                <a href={hrefFor({ name: 'customer', id: ticket.customer.id })}>
                  {ticket.customer.name}
                </a>
              ) : (
                <span className="muted">{t('detail.noCustomer')}</span>
              )}
            </dd>
          </div>
          <div>
            <dt>{t('detail.assignee')}</dt>
            <dd>{ticket.assignedTo?.fullName ?? <span className="muted">{t('filters.unassigned')}</span>}</dd>
          </div>
          <div>
            <dt>{t('detail.category')}</dt>
            <dd>{ticket.category?.name ?? <span className="muted">{t('detail.noCategory')}</span>}</dd>
          </div>
          <div>
            <dt>{t('detail.creator')}</dt>
            <dd>{ticket.creator?.fullName ?? '—'}</dd>
          </div>
          <div>
            <dt>{t('detail.created')}</dt>
            <dd title={formatDateTime(ticket.createdAt)}>{formatRelative(ticket.createdAt)}</dd>
          </div>
          <div>
            <dt>{t('detail.updated')}</dt>
            <dd title={formatDateTime(ticket.updatedAt)}>{formatRelative(ticket.updatedAt)}</dd>
          </div>
          <SlaFacts clocks={ticket.slaClocks} />
        </dl>
      </header>

      <section className="ticket-section" aria-labelledby="ticket-description-title">
        <h3 id="ticket-description-title">{t('detail.description')}</h3>
        {ticket.description ? <p className="ticket-description">{ticket.description}</p> : <p className="muted">{t('detail.noDescription')}</p>}
        {ticket.resolution && (
          <div className="ticket-resolution">
            <strong>{t('detail.resolution')}:</strong> {ticket.resolution}
          </div>
        )}
      </section>

      <section className="ticket-section" aria-labelledby="ticket-work-orders-title">
        <h3 id="ticket-work-orders-title">{t('workOrders.title')}</h3>
        <WorkOrdersPanel workOrders={ticket.workOrders} />
      </section>

      <AttachmentsPanel owner={{ ticketId: ticket.id }} editable={canWrite && !closed} heading="h3" className="ticket-section" />

      <TicketTelemetryPanel ticketId={ticket.id} canRecord={canNote} />

      <section className="ticket-section" aria-labelledby="ticket-timeline-title">
        <h3 id="ticket-timeline-title">{t('timeline.title')}</h3>
        <Timeline
          events={ticket.timeline}
          users={users}
          earlier={{ hasOlder: ticket.timelineOlderCursor !== null, loading: loadingOlder, showEarlier }}
          codesNow={codesNowOf(ticket.workOrders)}
        />
        {canNote && <Composer key={ticket.id} ticketId={ticket.id} canContact={canWrite} />}
      </section>

      {modal === 'edit' && <EditTicketModal ticket={ticket} onClose={() => setModal(null)} />}
      {modal === 'close' && <CloseTicketModal ticket={ticket} onClose={() => setModal(null)} />}
      {modal === 'reopen' && <ReopenTicketModal ticket={ticket} onClose={() => setModal(null)} />}
      {modal === 'visit' && <RequestVisitModal ticket={ticket} onClose={() => setModal(null)} />}
    </article>
  );
}
