// The customer page's read: the customer, then its tickets, OTs and serials, newest first, each capped with its total.
import type { z } from 'zod';
import {
  CUSTOMER_HISTORY_DEFAULT_LIMIT,
  type CustomerHistoryDto,
  type CustomerSerialRow,
  type CustomerTicketRow,
  type CustomerWorkOrderRow,
  type customerHistoryInput,
} from '../../contract/customers';
import { actorCan, type ServiceContext } from '../context';
import { customerCatalog } from '../catalogs';
import { limitSql, prepared } from '../sql';

type Input = z.output<typeof customerHistoryInput>;

interface TicketRow {
  id: string;
  code: string;
  title: string;
  status: CustomerTicketRow['status'];
  priority: CustomerTicketRow['priority'];
  created_at: string;
}

interface WorkOrderRow {
  id: string;
  code: string;
  ticket_id: string;
  ticket_code: string;
  ot_type: CustomerWorkOrderRow['otType'];
  status: CustomerWorkOrderRow['status'];
  scheduled_date: string | null;
  completed_at: string | null;
  created_at: string;
  tech_id: string | null;
  tech_full_name: string | null;
  tech_username: string | null;
}

interface SerialRow {
  item_id: string;
  serial_number: string;
  consumed_at: string;
  direction: CustomerSerialRow['direction'];
  description: string | null;
  product_id: string | null;
  product_name: string | null;
  product_sku: string | null;
  wo_id: string;
  wo_code: string;
  wo_status: CustomerSerialRow['workOrder']['status'];
  ticket_id: string;
  ticket_code: string;
}

// Every query starts from the customer's tickets (ix_tickets_customer_id_updated_at), then follows ticket → OT → part.
const TICKETS = (limit: number) => `SELECT id, code, title, status, priority, created_at FROM tickets
  WHERE customer_id = @customerId ORDER BY created_at DESC, id DESC ${limitSql(limit)}`;
const TICKET_TOTAL = 'SELECT count(*) AS n FROM tickets WHERE customer_id = @customerId';

const WORK_ORDERS = (limit: number) => `SELECT w.id, w.code, w.ticket_id, t.code AS ticket_code, w.ot_type, w.status, w.scheduled_date,
    w.completed_at, w.created_at, u.id AS tech_id, u.full_name AS tech_full_name, u.username AS tech_username
  FROM tickets t JOIN work_orders w ON w.ticket_id = t.id LEFT JOIN users u ON u.id = w.technician_id
  WHERE t.customer_id = @customerId ORDER BY w.created_at DESC, w.id DESC ${limitSql(limit)}`;
const WORK_ORDER_TOTAL = 'SELECT count(*) AS n FROM tickets t JOIN work_orders w ON w.ticket_id = t.id WHERE t.customer_id = @customerId';

const HAS_SERIAL = "i.serial_number IS NOT NULL AND i.serial_number <> ''";
const SERIALS = (limit: number) => `SELECT i.id AS item_id, i.serial_number, i.consumed_at, i.direction, i.description, p.id AS product_id, p.name AS product_name,
    p.sku AS product_sku, w.id AS wo_id, w.code AS wo_code, w.status AS wo_status, t.id AS ticket_id, t.code AS ticket_code
  FROM tickets t JOIN work_orders w ON w.ticket_id = t.id JOIN work_order_items i ON i.work_order_id = w.id
  LEFT JOIN products p ON p.id = i.product_id
  WHERE t.customer_id = @customerId AND ${HAS_SERIAL} ORDER BY i.consumed_at DESC, i.id DESC ${limitSql(limit)}`;
const SERIAL_TOTAL = `SELECT count(*) AS n FROM tickets t JOIN work_orders w ON w.ticket_id = t.id
  JOIN work_order_items i ON i.work_order_id = w.id WHERE t.customer_id = @customerId AND ${HAS_SERIAL}`;

function section<Row, Item>(ctx: ServiceContext, list: (limit: number) => string, total: string, customerId: string, limit: number, toItem: (row: Row) => Item) {
  const rows = prepared(ctx.sqlite, list(limit)).all({ customerId }) as Row[];
  // A short first page is the whole section: no need to count.
  const count = rows.length < limit ? rows.length : (prepared(ctx.sqlite, total).get({ customerId }) as { n: number }).n;
  return { items: rows.map(toItem), total: count };
}

const toTicket = (r: TicketRow): CustomerTicketRow => ({
  id: r.id,
  code: r.code,
  title: r.title,
  status: r.status,
  priority: r.priority,
  createdAt: r.created_at,
});

const toWorkOrder = (r: WorkOrderRow): CustomerWorkOrderRow => ({
  id: r.id,
  code: r.code,
  ticketId: r.ticket_id,
  ticketCode: r.ticket_code,
  otType: r.ot_type,
  status: r.status,
  technician: r.tech_id ? { id: r.tech_id, fullName: r.tech_full_name ?? '', username: r.tech_username ?? '' } : null,
  scheduledDate: r.scheduled_date,
  completedAt: r.completed_at,
  createdAt: r.created_at,
});

const toSerial = (r: SerialRow): CustomerSerialRow => ({
  itemId: r.item_id,
  serialNumber: r.serial_number,
  direction: r.direction,
  // A free-text part has no catalogue row: its words stand in for the product's name.
  product: r.product_id ? { id: r.product_id, name: r.product_name ?? '', sku: r.product_sku ?? '' } : r.description ? { id: '', name: r.description, sku: '' } : null,
  workOrder: { id: r.wo_id, code: r.wo_code, status: r.wo_status },
  ticket: { id: r.ticket_id, code: r.ticket_code },
  at: r.consumed_at,
});

/** One snapshot (a read transaction), so the sections and their totals agree with each other. */
export function customerHistory(ctx: ServiceContext, input: Input): CustomerHistoryDto {
  const limits = { tickets: CUSTOMER_HISTORY_DEFAULT_LIMIT, workOrders: CUSTOMER_HISTORY_DEFAULT_LIMIT, serials: CUSTOMER_HISTORY_DEFAULT_LIMIT, ...stripUndefined(input.limits) };
  // A role with tickets:read but not workorders:read sees the tickets only.
  const readsWorkOrders = actorCan(ctx, 'workorders:read');
  return ctx.sqlite.transaction(() => {
    const customer = customerCatalog.get(ctx, input.id);
    return {
      customer,
      tickets: section(ctx, TICKETS, TICKET_TOTAL, customer.id, limits.tickets, toTicket),
      workOrders: readsWorkOrders ? section(ctx, WORK_ORDERS, WORK_ORDER_TOTAL, customer.id, limits.workOrders, toWorkOrder) : null,
      serials: readsWorkOrders ? section(ctx, SERIALS, SERIAL_TOTAL, customer.id, limits.serials, toSerial) : null,
    };
  })();
}

function stripUndefined<T extends object>(value: T | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(value ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
}
