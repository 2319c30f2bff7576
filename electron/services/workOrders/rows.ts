// Reading work orders as DTOs: one SELECT shape shared by detail, lists, agenda and the ticket screen.
import type Database from 'better-sqlite3';
import type { ItemDirection, ProductUnit, WorkOrderStatus, WorkOrderType } from '../../../shared/enums';
import { notFound, type WorkOrderDetail, type WorkOrderDto, type WorkOrderItemDto } from '../../contract';
import { prepared } from '../sql';
import { formerCodesOf } from '../tickets';

export const WORK_ORDER_COLUMNS = `
  w.id, w.code, w.ticket_id, w.ot_type, w.status, w.scheduled_date, w.started_at, w.completed_at,
  w.total_duration, w.estimated_minutes, w.notes, w.work_done, w.duration_reason, w.version, w.created_at, w.updated_at,
  t.code AS ticket_code, t.title AS ticket_title,
  c.id AS customer_id, c.name AS customer_name,
  u.id AS technician_id, u.full_name AS technician_full_name, u.username AS technician_username`;

/** Joins after `work_orders w` that name the ticket, customer and technician. */
export const WORK_ORDER_JOINS = `
  JOIN tickets t ON t.id = w.ticket_id
  LEFT JOIN customers c ON c.id = t.customer_id
  LEFT JOIN users u ON u.id = w.technician_id`;

export const WORK_ORDER_SELECT = `SELECT ${WORK_ORDER_COLUMNS} FROM work_orders w ${WORK_ORDER_JOINS}`;

export interface WorkOrderRow {
  id: string;
  code: string;
  ticket_id: string;
  ot_type: WorkOrderType;
  status: WorkOrderStatus;
  scheduled_date: string | null;
  started_at: string | null;
  completed_at: string | null;
  total_duration: number | null;
  estimated_minutes: number | null;
  notes: string | null;
  work_done: string | null;
  duration_reason: string | null;
  version: number;
  created_at: string;
  updated_at: string;
  ticket_code: string;
  ticket_title: string;
  customer_id: string | null;
  customer_name: string | null;
  technician_id: string | null;
  technician_full_name: string | null;
  technician_username: string | null;
}

export function toWorkOrderDto(r: WorkOrderRow): WorkOrderDto {
  return {
    id: r.id,
    code: r.code,
    ticketId: r.ticket_id,
    ticketCode: r.ticket_code,
    ticketTitle: r.ticket_title,
    customer: r.customer_id ? { id: r.customer_id, name: r.customer_name ?? '' } : null,
    otType: r.ot_type,
    status: r.status,
    technician: r.technician_id
      ? { id: r.technician_id, fullName: r.technician_full_name ?? '', username: r.technician_username ?? '' }
      : null,
    scheduledDate: r.scheduled_date,
    startedAt: r.started_at,
    completedAt: r.completed_at,
    totalDuration: r.total_duration,
    estimatedMinutes: r.estimated_minutes,
    notes: r.notes,
    // OTs completed before work_done existed put the completion text in notes: shown as the work done (display only,
    // nothing is written back), and only for a completed OT whose work_done is null.
    workDone: r.work_done ?? (r.status === 'completed' ? r.notes : null),
    durationReason: r.duration_reason,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

interface ItemRow {
  id: string;
  work_order_id: string;
  product_id: string | null;
  product_name: string | null;
  product_sku: string | null;
  serial_number: string | null;
  quantity: number;
  consumed_at: string;
  description: string | null;
  direction: ItemDirection;
  unit: ProductUnit;
}

/** Items of several work orders in one query, grouped by work order id. */
export function loadItems(sqlite: Database.Database, workOrderIds: readonly string[]): Map<string, WorkOrderItemDto[]> {
  const byOrder = new Map<string, WorkOrderItemDto[]>(workOrderIds.map((id) => [id, []]));
  if (workOrderIds.length === 0) return byOrder;
  const rows = prepared(sqlite,
      `SELECT i.id, i.work_order_id, i.product_id, p.name AS product_name, p.sku AS product_sku,
              i.serial_number, i.quantity, i.consumed_at, i.description, i.direction, i.unit
       FROM work_order_items i LEFT JOIN products p ON p.id = i.product_id
       WHERE i.work_order_id IN (SELECT value FROM json_each(?))
       ORDER BY i.consumed_at, i.id`,
    )
    .all(JSON.stringify(workOrderIds)) as ItemRow[];
  for (const r of rows) {
    byOrder.get(r.work_order_id)?.push({
      id: r.id,
      workOrderId: r.work_order_id,
      productId: r.product_id,
      productName: r.product_name,
      productSku: r.product_sku,
      serialNumber: r.serial_number,
      quantity: r.quantity,
      consumedAt: r.consumed_at,
      description: r.description,
      direction: r.direction,
      unit: r.unit,
    });
  }
  return byOrder;
}

/** The reason of each cancelled OT's latest cancel event (the OT row keeps no reason of its own). */
export function loadCancelReasons(sqlite: Database.Database, orders: readonly Pick<WorkOrderDto, 'id' | 'status' | 'ticketId'>[]): Map<string, string> {
  const cancelled = orders.filter((o) => o.status === 'cancelled');
  const reasons = new Map<string, string>();
  if (cancelled.length === 0) return reasons;
  const rows = prepared(sqlite,
      `SELECT json_extract(meta_data, '$.workOrderId') AS work_order_id, json_extract(meta_data, '$.reason') AS reason
       FROM ticket_timeline
       WHERE ticket_id IN (SELECT value FROM json_each(?)) AND event_type = 'ot_updated' AND json_extract(meta_data, '$.to') = 'cancelled'
       ORDER BY created_at, id`,
    )
    .all(JSON.stringify([...new Set(cancelled.map((o) => o.ticketId))])) as { work_order_id: string | null; reason: unknown }[];
  for (const r of rows) if (r.work_order_id && typeof r.reason === 'string') reasons.set(r.work_order_id, r.reason);
  return reasons;
}

export function withItems(sqlite: Database.Database, orders: WorkOrderDto[]): WorkOrderDetail[] {
  const items = loadItems(
    sqlite,
    orders.map((o) => o.id),
  );
  const reasons = loadCancelReasons(sqlite, orders);
  const former = formerCodesOf(
    sqlite,
    'workOrder',
    orders.map((o) => o.id),
  );
  return orders.map((o) => ({ ...o, items: items.get(o.id) ?? [], formerCodes: former.get(o.id) ?? [], cancelReason: o.status === 'cancelled' ? (reasons.get(o.id) ?? null) : null }));
}

export function getWorkOrderDetail(sqlite: Database.Database, id: string): WorkOrderDetail {
  const row = prepared(sqlite, `${WORK_ORDER_SELECT} WHERE w.id = ?`).get(id) as WorkOrderRow | undefined;
  if (!row) throw notFound('work order', id);
  return withItems(sqlite, [toWorkOrderDto(row)])[0] as WorkOrderDetail;
}

/** Oldest first, as they were requested. */
export function workOrdersOfTicket(sqlite: Database.Database, ticketId: string): WorkOrderDetail[] {
  const rows = prepared(sqlite, `${WORK_ORDER_SELECT} WHERE w.ticket_id = ? ORDER BY w.created_at, w.id`).all(ticketId) as WorkOrderRow[];
  return withItems(sqlite, rows.map(toWorkOrderDto));
}
