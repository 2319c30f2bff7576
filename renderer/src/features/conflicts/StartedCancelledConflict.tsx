// An OT cancelled on one computer while a technician, offline, started it on another: the merge keeps it cancelled,
// so the visit made is shown here (who started it, what was done) until someone who plans visits has seen it.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { StartedOtCancelledConflictDto } from '../../../../electron/contract/conflicts';
import { TicketStatusBadge, WorkOrderStatusBadge } from '../../components/Badge';
import { Field } from '../../components/Field';
import { hrefFor } from '../../lib/router';
import { Facts, Failure, Side, Stamp, useResolve } from './parts';

export function StartedCancelledConflict({ conflict, open }: { conflict: StartedOtCancelledConflictDto; open: boolean }) {
  const { t } = useTranslation('conflicts');
  const { busy, failure, resolve } = useResolve(conflict);
  const [note, setNote] = useState('');
  const { workOrder, ticket } = conflict;
  const code = workOrder ? <a href={hrefFor({ name: 'workOrders', id: workOrder.id })}>{workOrder.code}</a> : '—';

  function submit(event: FormEvent) {
    event.preventDefault();
    void resolve({ action: 'acknowledge', ...(note.trim() ? { note: note.trim() } : {}) });
  }

  return (
    <>
      <div className="conflict-sides">
        <Side label={t('startedCancelled.startSide')} title={code} tag={<WorkOrderStatusBadge status="in_progress" />}>
          <Stamp stamp={conflict.started} verb={t('startedCancelled.startedBy')} />
          <Facts
            rows={[
              [t('startedCancelled.technician'), workOrder?.technicianName ?? null],
              [t('startedCancelled.workDone'), workOrder?.workDone ?? t('startedCancelled.noWorkDone')],
            ]}
          />
        </Side>
        <Side label={t('startedCancelled.cancelSide')} title={code} tag={<WorkOrderStatusBadge status="cancelled" />}>
          <Stamp stamp={conflict.cancelled} verb={t('startedCancelled.cancelledBy')} />
          <Facts
            rows={[
              [t('startedCancelled.reason'), workOrder?.cancelReason ?? null],
              [t('startedCancelled.ticket'), ticket ? <a href={hrefFor({ name: 'tickets', id: ticket.id })}>{`${ticket.code} · ${ticket.title}`}</a> : null],
              [t('startedCancelled.ticketStatus'), ticket ? <TicketStatusBadge status={ticket.status} /> : null],
            ]}
          />
        </Side>
      </div>
      {open && (
        <form className="conflict-actions" onSubmit={submit} noValidate>
          <Failure text={failure} />
          <p className="muted">{t('startedCancelled.next')}</p>
          <Field label={t('startedCancelled.note')}>
            <textarea value={note} onChange={(e) => setNote(e.target.value)} rows={2} />
          </Field>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {t('startedCancelled.submit')}
          </button>
        </form>
      )}
    </>
  );
}
