// Pure enums shared by the database schema, the IPC contract and the renderer: this folder imports nothing,
// so db/, the contract and the sandboxed renderer bundle can all load it (eslint.config.js layers).

export const TICKET_STATUSES = ['open', 'in_progress', 'waiting', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const TICKET_PRIORITIES = ['low', 'medium', 'high', 'critical'] as const;
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];

export const TIMELINE_EVENT_TYPES = [
  'created',
  'note',
  'status_change',
  'priority_change',
  'assignment',
  'contact',
  'ot_created',
  'ot_updated',
  'ot_completed',
  'telemetry',
  'closed',
  'reopened',
] as const;
export type TimelineEventType = (typeof TIMELINE_EVENT_TYPES)[number];

export const WORK_ORDER_STATUSES = ['pending_planning', 'scheduled', 'in_progress', 'completed', 'cancelled'] as const;
export type WorkOrderStatus = (typeof WORK_ORDER_STATUSES)[number];
export const FINAL_WORK_ORDER_STATUSES: readonly WorkOrderStatus[] = ['completed', 'cancelled'];

export const WORK_ORDER_TYPES = ['diagnosis', 'repair', 'install', 'upgrade', 'maintenance'] as const;
export type WorkOrderType = (typeof WORK_ORDER_TYPES)[number];

export const CONTACT_CHANNELS = ['phone', 'email', 'whatsapp', 'visit', 'other'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

export const PERMISSIONS = [
  'tickets:read',
  'tickets:write',
  'workorders:read',
  'workorders:write',
  'workorders:execute',
  'reports:export',
  'catalog:write',
  'users:admin',
  'settings:admin',
  '*',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** SQL list literal for CHECK constraints: ('a', 'b', ...). Values are our own constants, never user input. */
export function sqlList(values: readonly string[]): string {
  return `(${values.map((v) => `'${v}'`).join(', ')})`;
}
