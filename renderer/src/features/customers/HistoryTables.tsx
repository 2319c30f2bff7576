// The customer page's three tables. Each row opens its ticket or OT: the code is a link (keyboard), the row a click target.
import { useTranslation } from 'react-i18next';
import type { CustomerSerialRow, CustomerTicketRow, CustomerWorkOrderRow } from '../../../../electron/contract/customers';
import { PriorityBadge, TicketStatusBadge, WorkOrderStatusBadge } from '../../components/Badge';
import { formatDate, formatDateTime } from '../../lib/format';
import { hrefFor, navigate, type Route } from '../../lib/router';

/** A click anywhere on the row (but on a link of its own) opens `route`. */
const openRow = (route: Route) => (event: React.MouseEvent<HTMLTableRowElement>) => {
  if ((event.target as HTMLElement).closest('a, button')) return;
  navigate(route);
};

export function TicketsTable({ rows }: { rows: CustomerTicketRow[] }) {
  const { t } = useTranslation('customers');
  if (rows.length === 0) return <div className="empty">{t('noTickets')}</div>;
  return (
    <table className="table customer-table">
      <caption className="sr-only">{t('tab.tickets')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('col.code')}</th>
          <th scope="col">{t('col.title')}</th>
          <th scope="col">{t('col.status')}</th>
          <th scope="col">{t('col.priority')}</th>
          <th scope="col">{t('col.created')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id} className="customer-row" onClick={openRow({ name: 'tickets', id: row.id })}>
            <td className="nowrap">
              <a className="mono" href={hrefFor({ name: 'tickets', id: row.id })}>
                {row.code}
              </a>
            </td>
            <td className="customer-cell-title">{row.title}</td>
            <td>
              <TicketStatusBadge status={row.status} />
            </td>
            <td>
              <PriorityBadge priority={row.priority} />
            </td>
            <td className="nowrap">{formatDate(row.createdAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function WorkOrdersTable({ rows }: { rows: CustomerWorkOrderRow[] }) {
  const { t } = useTranslation('customers');
  if (rows.length === 0) return <div className="empty">{t('noWorkOrders')}</div>;
  return (
    <table className="table customer-table">
      <caption className="sr-only">{t('tab.workOrders')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('col.code')}</th>
          <th scope="col">{t('col.type')}</th>
          <th scope="col">{t('col.status')}</th>
          <th scope="col">{t('col.technician')}</th>
          <th scope="col">{t('col.scheduled')}</th>
          <th scope="col">{t('col.completed')}</th>
          <th scope="col">{t('col.ticket')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id} className="customer-row" onClick={openRow({ name: 'workOrders', id: row.id })}>
            <td className="nowrap">
              <a className="mono" href={hrefFor({ name: 'workOrders', id: row.id })}>
                {row.code}
              </a>
            </td>
            <td>{t(`common:workOrderType.${row.otType}`)}</td>
            <td>
              <WorkOrderStatusBadge status={row.status} />
            </td>
            <td>{row.technician?.fullName ?? <span className="muted">{t('common:state.unassigned')}</span>}</td>
            <td className="nowrap">
              {formatDateTime(row.scheduledDate)}
              {/* Asked for with the request, not booked yet: said so, or it reads as a booking. */}
              {row.status === 'pending_planning' && row.scheduledDate && <span className="muted"> {t('proposed')}</span>}
            </td>
            <td className="nowrap">{formatDateTime(row.completedAt)}</td>
            <td className="nowrap">
              <a className="mono" href={hrefFor({ name: 'tickets', id: row.ticketId })}>
                {row.ticketCode}
              </a>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function SerialsTable({ rows }: { rows: CustomerSerialRow[] }) {
  const { t } = useTranslation('customers');
  if (rows.length === 0) return <div className="empty">{t('noSerials')}</div>;
  return (
    <table className="table customer-table">
      <caption className="sr-only">{t('tab.serials')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('col.serial')}</th>
          <th scope="col">{t('col.direction')}</th>
          <th scope="col">{t('col.product')}</th>
          <th scope="col">{t('col.workOrder')}</th>
          <th scope="col">{t('col.ticket')}</th>
          <th scope="col">{t('col.date')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={`${row.itemId}-${row.direction}`} className="customer-row" onClick={openRow({ name: 'workOrders', id: row.workOrder.id })}>
            <td className="nowrap">
              <a className="mono" href={hrefFor({ name: 'trace', serial: row.serialNumber })}>
                {row.serialNumber}
              </a>
            </td>
            <td>
              <span className={`customer-direction is-${row.direction}`}>{t(`direction.${row.direction}`)}</span>
            </td>
            <td>
              {row.product ? (
                <>
                  {row.product.name} <span className="muted mono">{row.product.sku}</span>
                </>
              ) : (
                '—'
              )}
            </td>
            <td className="nowrap">
              <a className="mono" href={hrefFor({ name: 'workOrders', id: row.workOrder.id })}>
                {row.workOrder.code}
              </a>
            </td>
            <td className="nowrap">
              <a className="mono" href={hrefFor({ name: 'tickets', id: row.ticket.id })}>
                {row.ticket.code}
              </a>
            </td>
            <td className="nowrap">{formatDateTime(row.at)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
