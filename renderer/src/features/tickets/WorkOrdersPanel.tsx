// The ticket's work orders: code, type, status, technician and date, each linking to its OT screen.
import { useTranslation } from 'react-i18next';
import type { WorkOrderDetail } from '../../../../electron/contract';
import { WorkOrderStatusBadge } from '../../components/Badge';
import { formatDateTime } from '../../lib/format';
import { hrefFor } from '../../lib/router';

export function WorkOrdersPanel({ workOrders }: { workOrders: WorkOrderDetail[] }) {
  const { t } = useTranslation('tickets');
  if (workOrders.length === 0) return <p className="muted">{t('workOrders.empty')}</p>;
  return (
    <table className="table ticket-work-orders">
      <thead>
        <tr>
          <th scope="col">OT</th>
          <th scope="col">{t('workOrders.type')}</th>
          <th scope="col">{t('workOrders.status')}</th>
          <th scope="col">{t('workOrders.technician')}</th>
          <th scope="col">{t('workOrders.date')}</th>
        </tr>
      </thead>
      <tbody>
        {workOrders.map((wo) => (
          <tr key={wo.id}>
            <td>
              <a className="mono" href={hrefFor({ name: 'workOrders', id: wo.id })}>
                {wo.code}
              </a>
            </td>
            <td>{t(`common:workOrderType.${wo.otType}`)}</td>
            <td>
              <WorkOrderStatusBadge status={wo.status} />
            </td>
            <td>{wo.technician?.fullName ?? <span className="muted">{t('workOrders.noTechnician')}</span>}</td>
            <td>{wo.completedAt ? formatDateTime(wo.completedAt) : wo.scheduledDate ? formatDateTime(wo.scheduledDate) : <span className="muted">{t('workOrders.noDate')}</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
