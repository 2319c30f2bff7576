// Status and priority badges: the same colours and words everywhere.
import { useTranslation } from 'react-i18next';
import type { TicketPriority, TicketStatus, WorkOrderStatus } from '../../../electron/contract';

export function TicketStatusBadge({ status }: { status: TicketStatus }) {
  const { t } = useTranslation();
  return <span className={`badge badge-status-${status}`}>{t(`ticketStatus.${status}`)}</span>;
}

export function PriorityBadge({ priority }: { priority: TicketPriority }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge-priority-${priority}`}>
      <span className="badge-dot" aria-hidden="true" />
      {t(`priority.${priority}`)}
    </span>
  );
}

export function WorkOrderStatusBadge({ status }: { status: WorkOrderStatus }) {
  const { t } = useTranslation();
  return <span className={`badge badge-ot-${status}`}>{t(`workOrderStatus.${status}`)}</span>;
}
