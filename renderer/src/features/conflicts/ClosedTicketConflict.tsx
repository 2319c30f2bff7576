// A ticket closed on one copy while its OT was still open on another: complete the OT, cancel it, or reopen the ticket.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClosedTicketOpenOtConflictDto } from '../../../../electron/contract/conflicts';
import { TicketStatusBadge, WorkOrderStatusBadge } from '../../components/Badge';
import { Field } from '../../components/Field';
import { formatDate } from '../../lib/format';
import { hrefFor } from '../../lib/router';
import { ActionChoice, Facts, Failure, Side, Stamp, useResolve } from './parts';

const ACTIONS = ['complete', 'cancel', 'reopen'] as const;
type Action = (typeof ACTIONS)[number];

export function ClosedTicketConflict({ conflict, open }: { conflict: ClosedTicketOpenOtConflictDto; open: boolean }) {
  const { t } = useTranslation('conflicts');
  const { busy, failure, resolve } = useResolve(conflict);
  const [action, setAction] = useState<Action>('complete');
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>();
  const { ticket, workOrder } = conflict;

  function submit(event: FormEvent) {
    event.preventDefault();
    const value = text.trim();
    if (!value) return setError(t('common:validation.required'));
    setError(undefined);
    void resolve(action === 'complete' ? { action, notes: value } : { action, reason: value });
  }

  return (
    <>
      <div className="conflict-sides">
        <Side label={t('closed.ticketSide')} title={<a href={hrefFor({ name: 'tickets', id: ticket.id })}>{ticket.code}</a>} tag={<TicketStatusBadge status={ticket.status} />}>
          <p className="conflict-title">{ticket.title}</p>
          <Stamp stamp={conflict.closed} verb={t('closed.closedBy')} />
          <Facts rows={[[t('closed.resolution'), ticket.resolution]]} />
        </Side>
        <Side
          label={t('closed.workOrderSide')}
          title={workOrder ? <a href={hrefFor({ name: 'workOrders', id: workOrder.id })}>{workOrder.code}</a> : '—'}
          tag={workOrder ? <WorkOrderStatusBadge status={workOrder.status} /> : undefined}
        >
          {workOrder && <p className="conflict-title">{t(`common:workOrderType.${workOrder.otType}`)}</p>}
          <Stamp stamp={conflict.opened} verb={t('closed.openedBy')} />
          <Facts
            rows={[
              [t('closed.technician'), workOrder?.technicianName],
              [t('closed.scheduled'), workOrder?.scheduledDate ? formatDate(workOrder.scheduledDate) : null],
            ]}
          />
        </Side>
      </div>
      {open && (
        <form className="conflict-actions" onSubmit={submit} noValidate>
          <Failure text={failure} />
          <ActionChoice name={`closed-action-${conflict.id}`} prefix="closed" actions={ACTIONS} value={action} onChange={setAction} />
          <Field label={t(`closed.${action}.text`)} error={error}>
            <textarea value={text} onChange={(e) => setText(e.target.value)} rows={3} />
          </Field>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {t(`closed.${action}.submit`)}
          </button>
        </form>
      )}
    </>
  );
}
