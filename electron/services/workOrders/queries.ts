// Work order reads: filtered list, agenda, by ticket, and the serial trace (dispatch queue: queue.ts; Atrasadas: overdue.ts).
import type { z } from 'zod';
import { notFound, type Page, type SerialTraceRow, type WorkOrderDetail, type WorkOrderDto } from '../../contract';
import { SERIAL_TRACE_LIMIT, type workOrderChannels } from '../../contract/workOrders';
import { requireActor, type ServiceContext } from '../context';
import { decodeCursor, encodeCursor, keysetClause, toUtcIso } from '../search';
import { termParams, ticketHitsCte, toTermQueries } from '../search';
import { toWorkOrderDto, WORK_ORDER_COLUMNS, WORK_ORDER_JOINS, WORK_ORDER_SELECT, workOrdersOfTicket, type WorkOrderRow } from './rows';
import { limitSql, prepared } from '../sql';
import { prefixUpperBound, sqliteLower } from '../text';

type Input<C extends keyof typeof workOrderChannels> = z.output<(typeof workOrderChannels)[C]['input']>;

const DEFAULT_LIMIT = 50;
const AGENDA_LIMIT = 2000;
const DATE_COLUMNS = { scheduled_date: 'w.scheduled_date', completed_at: 'w.completed_at', created_at: 'w.created_at' } as const;
type DateField = keyof typeof DATE_COLUMNS;

/**
 * A list's order: newest first on created_at; a period's list goes through the period in order of the date it is on
 * (a week's OTs read as that week's agenda, and the CSV of a month in date order). Each has its own cursor kind.
 */
interface ListOrder {
  cursorKind: string;
  columns: [string, string];
  direction: 'asc' | 'desc';
  keyOf(row: WorkOrderRow): [string | null, string];
}

/** Whether a list of these filters goes in date order (a period) rather than newest first. */
export function listsInDateOrder(filter: { from?: string | undefined; to?: string | undefined }): boolean {
  return Boolean(filter.from || filter.to);
}

function listOrder(input: Input<'workOrders.list'>): ListOrder {
  if (!listsInDateOrder(input)) return { cursorKind: 'wo_created', columns: ['w.created_at', 'w.id'], direction: 'desc', keyOf: (row) => [row.created_at, row.id] };
  const field: DateField = input.dateField ?? 'scheduled_date';
  return { cursorKind: `wo_${field}`, columns: [DATE_COLUMNS[field], 'w.id'], direction: 'asc', keyOf: (row) => [row[field], row.id] };
}

function page(rows: WorkOrderRow[], limit: number, order: ListOrder): Page<WorkOrderDto> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items: items.map(toWorkOrderDto), nextCursor: rows.length > limit && last ? encodeCursor(order.cursorKind, order.keyOf(last)) : null };
}

/** A prefix range `column >= @low AND column < @high` (no upper bound when there is none). */
function prefixRange(column: string, name: string, low: string, params: Record<string, unknown>): string {
  const high = prefixUpperBound(low);
  params[`${name}Low`] = low;
  if (high === null) return `${column} >= @${name}Low`;
  params[`${name}High`] = high;
  return `${column} >= @${name}Low AND ${column} < @${name}High`;
}

/**
 * OTs whose text matches `q`: the ticket's words (code, title, description, customer, timeline) through full-text
 * search, or the OT code or a part's serial starting with what was typed (ranges on uq_work_orders_code and
 * ix_work_order_items_serial_number_lower). Null when `q` holds nothing to look for.
 */
function textMatches(q: string | undefined, params: Record<string, unknown>): string[] | null {
  const typed = q?.trim() ?? '';
  if (!typed) return null;
  const termQueries = toTermQueries(typed);
  const parts: string[] = [];
  if (termQueries) {
    Object.assign(params, termParams(termQueries));
    parts.push('SELECT w.id FROM ticket_hits h JOIN work_orders w ON w.ticket_id = h.ticket_id');
  }
  // Codes are upper-case (OT-2026-000042; prefixes are capitals or digits), so 'ot-2026-0000' finds them too.
  parts.push(`SELECT w.id FROM work_orders w WHERE ${prefixRange('w.code', 'code', typed.toUpperCase(), params)}`);
  parts.push(`SELECT i.work_order_id FROM work_order_items i WHERE ${prefixRange('lower(i.serial_number)', 'serial', sqliteLower(typed), params)}`);
  return [...(termQueries ? [ticketHitsCte(termQueries.length)] : []), `text_hits AS (${parts.join(' UNION ')})`];
}

/**
 * Newest first on created_at, or a period's OTs in date order (listOrder); filters on status, technician ('me',
 * 'unassigned'), type, a period (on the scheduled date unless `dateField` says otherwise) and text (see textMatches).
 * Every filter narrows the same query (AND).
 */
export function listWorkOrders(ctx: ServiceContext, input: Input<'workOrders.list'>): Page<WorkOrderDto> {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  const textCtes = textMatches(input.q, params);
  if (input.status && input.status.length > 0) {
    where.push('w.status IN (SELECT value FROM json_each(@statuses))');
    params.statuses = JSON.stringify(input.status);
  }
  if (input.technicianId === 'unassigned') where.push('w.technician_id IS NULL');
  else if (input.technicianId) {
    where.push('w.technician_id = @technicianId');
    params.technicianId = input.technicianId === 'me' ? requireActor(ctx).id : input.technicianId;
  }
  if (input.otType) {
    where.push('w.ot_type = @otType');
    params.otType = input.otType;
  }
  const dateColumn = DATE_COLUMNS[input.dateField ?? 'scheduled_date'];
  if (input.from) {
    where.push(`${dateColumn} >= @from`);
    params.from = toUtcIso(input.from);
  }
  if (input.to) {
    where.push(`${dateColumn} < @to`);
    params.to = toUtcIso(input.to);
  }
  const order = listOrder(input);
  if (input.cursor) {
    const keyset = keysetClause(order.columns, decodeCursor(input.cursor, order.cursorKind, 2), order.direction);
    where.push(keyset.sql);
    Object.assign(params, keyset.params);
  }
  const orderBy = order.columns.map((column) => `${column} ${order.direction.toUpperCase()}`).join(', ');
  const limit = input.limit ?? DEFAULT_LIMIT;
  // The page's ids first, then names for those rows only (CROSS JOIN keeps `page` as the outer loop).
  const ctes = [
    ...(textCtes ?? []),
    `page AS (SELECT w.id FROM ${textCtes ? 'text_hits m CROSS JOIN work_orders w ON w.id = m.id' : 'work_orders w'}
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${orderBy} ${limitSql(limit + 1)})`,
  ];
  const sql = `WITH ${ctes.join(', ')}
    SELECT ${WORK_ORDER_COLUMNS} FROM page CROSS JOIN work_orders w ON w.id = page.id ${WORK_ORDER_JOINS}
    ORDER BY ${orderBy}`;
  const rows = prepared(ctx.sqlite, sql).all(params) as WorkOrderRow[];
  return page(rows, limit, order);
}

/** What a technician has on their calendar: planned, running or done OTs with scheduled_date in [from, to). */
export function agenda(ctx: ServiceContext, input: Input<'workOrders.agenda'>): WorkOrderDto[] {
  const technicianId = input.technicianId === 'me' ? requireActor(ctx).id : input.technicianId;
  const rows = prepared(ctx.sqlite,
      `${WORK_ORDER_SELECT}
       WHERE w.status IN ('scheduled', 'in_progress', 'completed')
         AND w.scheduled_date >= @from AND w.scheduled_date < @to
         ${technicianId ? 'AND w.technician_id = @technicianId' : ''}
       ORDER BY w.scheduled_date, w.id LIMIT ${AGENDA_LIMIT}`,
    )
    .all({ from: toUtcIso(input.from), to: toUtcIso(input.to), ...(technicianId ? { technicianId } : {}) }) as WorkOrderRow[];
  return rows.map(toWorkOrderDto);
}

// The queue has its own module; re-exported here, where the work order index reads it.
export { dispatchQueue } from './queue';

export function listByTicket(ctx: ServiceContext, ticketId: string): WorkOrderDetail[] {
  if (!prepared(ctx.sqlite, 'SELECT 1 FROM tickets WHERE id = ?').get(ticketId)) throw notFound('ticket', ticketId);
  return workOrdersOfTicket(ctx.sqlite, ticketId);
}

interface TraceRow {
  serial_number: string;
  item_id: string;
  quantity: number;
  consumed_at: string;
  unit: SerialTraceRow['unit'];
  direction: SerialTraceRow['direction'];
  description: string | null;
  product_id: string | null;
  product_name: string | null;
  product_sku: string | null;
  wo_id: string;
  wo_code: string;
  wo_status: SerialTraceRow['workOrder']['status'];
  wo_type: SerialTraceRow['workOrder']['otType'];
  ticket_id: string;
  ticket_code: string;
  ticket_title: string;
  customer_id: string | null;
  customer_name: string | null;
  tech_id: string | null;
  tech_full_name: string | null;
  tech_username: string | null;
}

/**
 * The trace's query: serials that start with @low (already lower-cased as SQLite's lower() does), as a range on
 * ix_work_order_items_serial_number_lower, never a LIKE '%x%' scan. The serial typed in full comes first, then newest.
 */
export function serialTraceSql(bounded: boolean): string {
  return `SELECT i.serial_number, i.id AS item_id, i.quantity, i.consumed_at, i.unit, i.direction, i.description,
              p.id AS product_id, p.name AS product_name, p.sku AS product_sku,
              w.id AS wo_id, w.code AS wo_code, w.status AS wo_status, w.ot_type AS wo_type,
              t.id AS ticket_id, t.code AS ticket_code, t.title AS ticket_title,
              c.id AS customer_id, c.name AS customer_name,
              u.id AS tech_id, u.full_name AS tech_full_name, u.username AS tech_username
       FROM work_order_items i
       JOIN work_orders w ON w.id = i.work_order_id
       JOIN tickets t ON t.id = w.ticket_id
       LEFT JOIN products p ON p.id = i.product_id
       LEFT JOIN customers c ON c.id = t.customer_id
       LEFT JOIN users u ON u.id = w.technician_id
       WHERE lower(i.serial_number) >= @low${bounded ? ' AND lower(i.serial_number) < @high' : ''}
       ORDER BY lower(i.serial_number) = @low DESC, i.consumed_at DESC, i.id DESC
       LIMIT ${SERIAL_TRACE_LIMIT}`;
}

const SERIAL_TRACE_SQL = { bounded: serialTraceSql(true), open: serialTraceSql(false) };

/** Where the serials starting with `serialNumber` went (the whole serial finds itself first), case-insensitive. */
export function traceSerial(ctx: ServiceContext, serialNumber: string): SerialTraceRow[] {
  const low = sqliteLower(serialNumber.trim());
  const high = prefixUpperBound(low);
  const [sql, params] = high === null ? [SERIAL_TRACE_SQL.open, { low }] : [SERIAL_TRACE_SQL.bounded, { low, high }];
  const rows = prepared(ctx.sqlite, sql).all(params) as TraceRow[];
  return rows.map((r) => ({
    serialNumber: r.serial_number,
    itemId: r.item_id,
    quantity: r.quantity,
    unit: r.unit,
    direction: r.direction,
    description: r.description,
    product: r.product_id ? { id: r.product_id, name: r.product_name ?? '', sku: r.product_sku ?? '' } : null,
    workOrder: { id: r.wo_id, code: r.wo_code, status: r.wo_status, otType: r.wo_type },
    ticket: { id: r.ticket_id, code: r.ticket_code, title: r.ticket_title },
    customer: r.customer_id ? { id: r.customer_id, name: r.customer_name ?? '' } : null,
    technician: r.tech_id ? { id: r.tech_id, fullName: r.tech_full_name ?? '', username: r.tech_username ?? '' } : null,
    consumedAt: r.consumed_at,
  }));
}
