// Spanish words for the short human text stored in timeline events (the UI renders its own wording).
import type { WorkOrderStatus, WorkOrderType } from '../../../shared/enums';
import { TICKET_PRIORITY_WORDS, TICKET_STATUS_WORDS } from '../../../shared/tickets';

export const TICKET_STATUS_LABEL = TICKET_STATUS_WORDS.es;
export const PRIORITY_LABEL = TICKET_PRIORITY_WORDS.es;

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
