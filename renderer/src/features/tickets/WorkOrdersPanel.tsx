// The ticket's work orders: code, type, status, technician and date, each linking to its OT screen; a finished one
// also says what was done (completed) or why it was not needed (cancelled).
import { CalendarDays, UserRound } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { WorkOrderDetail } from '../../../../electron/contract';
import { WorkOrderStatusBadge } from '../../components/Badge';
import { FormerCodes } from '../../components/FormerCodes';
import { formatDateTime } from '../../lib/format';
import { hrefFor } from '../../lib/router';

export function WorkOrdersPanel({ workOrders }: { workOrders: WorkOrderDetail[] }) {
  const { t } = useTranslation('tickets');
  if (workOrders.length === 0) return <p className="muted">{t('workOrders.empty')}</p>;
  return (
    <ul className="ticket-work-orders">
      {workOrders.map((wo) => {
        // Which date it is, said: after completion the planned time gives way to the real one (a trial read the change
        // as the visit having been moved).
        const when = wo.completedAt ? t('workOrders.doneOn', { when: formatDateTime(wo.completedAt) }) : wo.scheduledDate ? t('workOrders.plannedFor', { when: formatDateTime(wo.scheduledDate) }) : null;
        return (
          <li key={wo.id} className="ticket-work-order" data-work-order-id={wo.id}>
            <a className="mono" href={hrefFor({ name: 'workOrders', id: wo.id })}>
              {wo.code}
            </a>
            <FormerCodes codes={wo.formerCodes} />
            <span className="ticket-work-order-type">{t(`common:workOrderType.${wo.otType}`)}</span>
            <WorkOrderStatusBadge status={wo.status} />
            <span className="spacer" />
            <span className="ticket-work-order-people">
              <span className="ticket-work-order-meta">
                <UserRound size={12} aria-hidden="true" />
                <span className="sr-only">{t('workOrders.technician')}: </span>
                {wo.technician?.fullName ?? t('workOrders.noTechnician')}
              </span>
              <span className="ticket-work-order-meta ticket-work-order-when">
                <CalendarDays size={12} aria-hidden="true" />
                {when ?? t('workOrders.noDate')}
              </span>
            </span>
            <WorkOrderOutcome workOrder={wo} />
          </li>
        );
      })}
    </ul>
  );
}

function WorkOrderOutcome({ workOrder }: { workOrder: WorkOrderDetail }) {
  const { t } = useTranslation('tickets');
  const [label, text] =
    workOrder.status === 'completed' ? [t('workOrders.workDone'), workOrder.workDone] : workOrder.status === 'cancelled' ? [t('workOrders.cancelReason'), workOrder.cancelReason] : [null, null];
  if (!label || !text) return null;
  return (
    <p className="ticket-work-order-outcome">
      <span className="ticket-work-order-outcome-label">{label}:</span> {text}
    </p>
  );
}
