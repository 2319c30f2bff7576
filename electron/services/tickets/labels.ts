// Spanish words for the short human text stored in timeline events (the UI renders its own wording).
import type { TicketPriority, TicketStatus, WorkOrderStatus, WorkOrderType } from '../../../shared/enums';

export const TICKET_STATUS_LABEL: Record<TicketStatus, string> = {
  open: 'Abierto',
  in_progress: 'En curso',
  waiting: 'En espera',
  closed: 'Cerrado',
};

export const PRIORITY_LABEL: Record<TicketPriority, string> = {
  low: 'Baja',
  medium: 'Media',
  high: 'Alta',
  critical: 'Crítica',
};

export const WORK_ORDER_STATUS_LABEL: Record<WorkOrderStatus, string> = {
  pending_planning: 'Pendiente de planificar',
  scheduled: 'Programada',
  in_progress: 'En curso',
  completed: 'Completada',
  cancelled: 'Cancelada',
};

export const WORK_ORDER_TYPE_LABEL: Record<WorkOrderType, string> = {
  diagnosis: 'Diagnóstico',
  repair: 'Reparación',
  install: 'Instalación',
  upgrade: 'Actualización',
  maintenance: 'Mantenimiento',
};
