// A dense table of OTs, shared by the list and the dispatch queue (which adds priority and town).
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorkOrderDto } from '../../../../electron/contract';
import { PriorityBadge, WorkOrderStatusBadge } from '../../components/Badge';
import { formatDateTime, formatRelative } from '../../lib/format';
import { DayAndTime } from '../../components/DayAndTime';
import { hrefFor } from '../../lib/router';
import type { ListItem } from './store';

interface Props {
  items: ListItem[];
  caption: string;
  /** Extra cell at the end of each row (e.g. "Programar" in the dispatch queue). */
  action?: (workOrder: WorkOrderDto) => ReactNode;
  actionLabel?: string;
  /** The dispatch queue: every row is pending, so it shows the ticket's priority, the town and how long each request
   *  has waited instead of status and date. */
  queue?: boolean;
}

export function WorkOrderTable({ items, caption, action, actionLabel, queue = false }: Props) {
  const { t } = useTranslation('workOrders');
  return (
    <table className={`table ot-table${queue ? ' ot-table-queue' : ''}`}>
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('table.code')}</th>
          {queue && <th scope="col">{t('table.priority')}</th>}
          {!queue && <th scope="col">{t('table.status')}</th>}
          <th scope="col">{t('table.ticket')}</th>
          <th scope="col">{t('table.customer')}</th>
          <th scope="col">{t('table.technician')}</th>
          <th scope="col">{queue ? t('table.requested') : t('table.scheduled')}</th>
          {action && <th scope="col">{actionLabel ?? <span className="sr-only">{t('detail.actions')}</span>}</th>}
        </tr>
      </thead>
      <tbody>
        {items.map((wo) => (
          <tr key={wo.id}>
            {/* The OT's type under its code, as the ticket's title under the ticket's: a column of its own pushed
                Todas past a 1024 px window. */}
            <td className="nowrap">
              <a className="mono" href={hrefFor({ name: 'workOrders', id: wo.id })}>
                {wo.code}
              </a>
              <div className="muted ot-type">{t(`common:workOrderType.${wo.otType}`)}</div>
            </td>
            {queue && <td>{wo.priority && <PriorityBadge priority={wo.priority} />}</td>}
            {!queue && (
              <td>
                <WorkOrderStatusBadge status={wo.status} />
              </td>
            )}
            <td className="ot-ticket">
              <div className="ot-ticket-cell">
                <a href={hrefFor({ name: 'tickets', id: wo.ticketId })} className="mono nowrap">
                  {wo.ticketCode}
                </a>{' '}
                <span className="muted" title={wo.ticketTitle}>
                  {wo.ticketTitle}
                </span>
              </div>
            </td>
            <td className="ot-customer">
              {wo.customer?.name ?? '—'}
              {/* The queue plans by place: the town under the customer, its own line so the table stays narrow. */}
              {queue && wo.customerTown && <div className="muted ot-town">{wo.customerTown}</div>}
            </td>
            <td>{wo.technician?.fullName ?? <span className="muted">{t('common:state.unassigned')}</span>}</td>
            <td className={queue ? 'nowrap' : 'ot-when'}>{queue ? <span title={formatDateTime(wo.createdAt)}>{formatRelative(wo.createdAt)}</span> : <DayAndTime iso={wo.scheduledDate} />}</td>
            {action && <td>{action(wo)}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
