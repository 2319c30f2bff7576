// The customer page: one customer with its tickets, its OTs and the serials that went in (or, later, came out) at it.
import { z } from 'zod';
import type { TicketPriority, TicketStatus, WorkOrderStatus, WorkOrderType } from '../../shared/enums';
import { id } from './common';
import { channel } from './define';
import type { CustomerDto, UserRef } from './dto';

/** Rows per section when the caller names no limit; the page asks for more with "show more". */
export const CUSTOMER_HISTORY_DEFAULT_LIMIT = 50;
export const CUSTOMER_HISTORY_MAX_LIMIT = 500;

const sectionLimit = z.number().int().min(1).max(CUSTOMER_HISTORY_MAX_LIMIT).optional();

export const customerHistoryInput = z.strictObject({
  id,
  /** How many of the newest rows each section brings (default 50, at most 500); `total` says how many there are. */
  limits: z.strictObject({ tickets: sectionLimit, workOrders: sectionLimit, serials: sectionLimit }).optional(),
});

/** The newest `items` of a section and how many rows the section has in all ("showing 50 of 312"). */
export interface HistorySection<T> {
  items: T[];
  total: number;
}

export interface CustomerTicketRow {
  id: string;
  code: string;
  title: string;
  status: TicketStatus;
  priority: TicketPriority;
  createdAt: string;
}

export interface CustomerWorkOrderRow {
  id: string;
  code: string;
  ticketId: string;
  ticketCode: string;
  otType: WorkOrderType;
  status: WorkOrderStatus;
  technician: UserRef | null;
  scheduledDate: string | null;
  completedAt: string | null;
  createdAt: string;
}

/** 'installed': logged as a part put in on one of the customer's OTs; 'removed': taken out of the customer's site. */
export type SerialDirection = 'installed' | 'removed';

export interface CustomerSerialRow {
  itemId: string;
  serialNumber: string;
  direction: SerialDirection;
  product: { id: string; name: string; sku: string } | null;
  workOrder: { id: string; code: string; status: WorkOrderStatus };
  ticket: { id: string; code: string };
  /** When the part was logged on the OT. */
  at: string;
}

export interface CustomerHistoryDto {
  customer: CustomerDto;
  tickets: HistorySection<CustomerTicketRow>;
  /** null: the caller may read tickets but not work orders (a role without workorders:read). */
  workOrders: HistorySection<CustomerWorkOrderRow> | null;
  /** null for the same reason: serials come from OTs. */
  serials: HistorySection<CustomerSerialRow> | null;
}

export const customerChannels = {
  /** Newest first in every section. Technicians read every customer's history, as they read every ticket. */
  'customers.history': channel<CustomerHistoryDto>()({ input: customerHistoryInput, access: 'tickets:read' }),
};
