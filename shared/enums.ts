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

/** Units a product (or a free-text part) is counted in; decimals allowed for all but 'unit'. */
export const PRODUCT_UNITS = ['unit', 'kg', 'm', 'l'] as const;
export type ProductUnit = (typeof PRODUCT_UNITS)[number];

/** A part logged on an OT went in (installed) or came out (removed, with the serial taken out). */
export const ITEM_DIRECTIONS = ['installed', 'removed'] as const;
export type ItemDirection = (typeof ITEM_DIRECTIONS)[number];

/** Who signs an OT report. */
export const SIGNATURE_ROLES = ['customer', 'technician'] as const;
export type SignatureRole = (typeof SIGNATURE_ROLES)[number];

/** What a checklist item asks for. */
export const CHECKLIST_ITEM_KINDS = ['check', 'number', 'text'] as const;
export type ChecklistItemKind = (typeof CHECKLIST_ITEM_KINDS)[number];

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
