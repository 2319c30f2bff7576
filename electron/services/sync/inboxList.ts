// The conflict inbox, read side: each conflict record turned into everything a supervisor needs to decide
// (what collided in words, every value with who, when and on which laptop), plus its resolution once made.
import type Database from 'better-sqlite3';
import type { TicketStatus, WorkOrderStatus, WorkOrderType } from '../../../shared/enums';
import type {
  ClosedTicketOpenOtConflictDto,
  ConcurrentEditConflictDto,
  ConflictBaseFields,
  ConflictDto,
  ConflictKind,
  ConflictRecordEntity,
  ConflictResolutionDto,
  ConflictStatus,
  ConflictTicketRef,
  ConflictWorkOrderRef,
  DuplicateCustomerConflictDto,
  DuplicateSerialConflictDto,
  StartedOtCancelledConflictDto,
  TicketCloseUndoneConflictDto,
} from '../../contract/conflicts';
import { notFound } from '../../contract';
import { prepared } from '../sql';
import { loadCancelReasons } from '../workOrders';
import { fieldStamp, insertStamp, stampOf, valueAt } from './inboxStamps';

export interface ConflictRow {
  id: string;
  kind: ConflictKind;
  entity: string;
  row_id: string;
  field: string | null;
  detail: string;
  created_at: string;
}

export interface EditDetail {
  base: string;
  edits: { hlc: string; deviceId: string; authorId: string | null; value: unknown }[];
}

const RECORD_ENTITY: Record<string, ConflictRecordEntity> = { tickets: 'ticket', work_orders: 'workOrder', customers: 'customer', products: 'product' };

const asText = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

interface TicketRow {
  id: string;
  code: string;
  title: string;
  status: TicketStatus;
  resolution: string | null;
  closed_at: string | null;
}

interface WorkOrderRow {
  id: string;
  code: string;
  status: WorkOrderStatus;
  ot_type: WorkOrderType;
  ticket_id: string;
  notes: string | null;
  scheduled_date: string | null;
  technician_name: string | null;
  work_done: string | null;
}

function ticketRow(sqlite: Database.Database, id: string): TicketRow | undefined {
  return prepared(sqlite, 'SELECT id, code, title, status, resolution, closed_at FROM tickets WHERE id = ?').get(id) as TicketRow | undefined;
}

function workOrderRow(sqlite: Database.Database, id: string): WorkOrderRow | undefined {
  return prepared(
    sqlite,
    `SELECT w.id, w.code, w.status, w.ot_type, w.ticket_id, w.notes, w.work_done, w.scheduled_date, u.full_name AS technician_name
     FROM work_orders w LEFT JOIN users u ON u.id = w.technician_id WHERE w.id = ?`,
  ).get(id) as WorkOrderRow | undefined;
}

const ticketRef = (row: TicketRow): ConflictTicketRef => ({ id: row.id, code: row.code, title: row.title, status: row.status });
const workOrderRef = (row: WorkOrderRow): ConflictWorkOrderRef => ({ id: row.id, code: row.code, status: row.status, otType: row.ot_type });

/** The conflict as it stood when resolved, kept in the replicated resolution row: a copy that only ever saw the
 *  settled rows (the duplicate already removed) still lists the same resolved conflict as the others. */
export interface ConflictSnapshot {
  kind: ConflictKind;
  entity: string;
  rowId: string;
  field: string | null;
  detail: unknown;
  createdAt: string;
}

export const snapshotOf = (row: ConflictRow): ConflictSnapshot => ({
  kind: row.kind,
  entity: row.entity,
  rowId: row.row_id,
  field: row.field,
  detail: JSON.parse(row.detail) as unknown,
  createdAt: row.created_at,
});

interface ResolutionRow {
  id: string;
  conflict_id: string;
  resolved_by: string | null;
  full_name: string | null;
  choice: string | null;
  note: string | null;
  created_at: string;
}

const RESOLUTION_COLUMNS = 'r.id, r.conflict_id, r.resolved_by, u.full_name, r.choice, r.note, r.created_at';

/** Parts or customers by id, as a resolution kept them. */
type ShownRows = Record<string, unknown>;

/** A decision as the inbox shows it, and the rows the inbox showed when it was taken (see shownRowsOf). */
interface Decision {
  resolution: ConflictResolutionDto;
  shown: ShownRows;
}

/** Every decision on a conflict, oldest first: two copies may decide offline before either hears of the other. */
function decisionsOf(sqlite: Database.Database, conflictId: string): Decision[] {
  const rows = prepared(
    sqlite,
    `SELECT ${RESOLUTION_COLUMNS} FROM conflict_resolutions r LEFT JOIN users u ON u.id = r.resolved_by
     WHERE r.conflict_id = ? ORDER BY r.created_at, r.id`,
  ).all(conflictId) as ResolutionRow[];
  return rows.map((row) => {
    const { conflict: _snapshot, shown, ...choice } = JSON.parse(row.choice ?? '{}') as ConflictResolutionDto['choice'] & { conflict?: unknown; shown?: ShownRows };
    return {
      resolution: {
        id: row.id,
        resolvedBy: row.resolved_by ? { id: row.resolved_by, fullName: row.full_name ?? '' } : null,
        // Its insert op names the computer (add-only rows keep no clock: found from its creation time).
        deviceName: insertStamp(sqlite, 'conflict_resolutions', row.id, row.created_at).deviceName,
        at: row.created_at,
        choice: choice as ConflictResolutionDto['choice'],
        note: row.note,
      },
      shown: shown ?? {},
    };
  });
}

/**
 * The parts and customers a conflict listed, as the inbox showed them when it was resolved (kept in its first
 * resolution): a removed part or a customer merged away still reads as it was, not as "—" logged by nobody.
 */
export function shownRowsOf(conflict: ConflictDto): ShownRows {
  const rows = conflict.kind === 'duplicate_serial' ? conflict.items : conflict.kind === 'duplicate_customer' ? conflict.customers : [];
  return Object.fromEntries(rows.map((row) => [row.id, row]));
}

/** Resolved conflicts this copy holds no record of, rebuilt from the snapshot in their first resolution. */
function resolvedElsewhere(sqlite: Database.Database, id?: string): ConflictRow[] {
  const rows = prepared(
    sqlite,
    `SELECT r.conflict_id, r.choice FROM conflict_resolutions r
     WHERE (? IS NULL OR r.conflict_id = ?) AND NOT EXISTS (SELECT 1 FROM sync_conflicts c WHERE c.id = r.conflict_id)
     ORDER BY r.created_at, r.id`,
  ).all(id ?? null, id ?? null) as { conflict_id: string; choice: string | null }[];
  const rebuilt = new Map<string, ConflictRow>();
  for (const row of rows) {
    if (rebuilt.has(row.conflict_id)) continue;
    const snapshot = (JSON.parse(row.choice ?? '{}') as { conflict?: ConflictSnapshot }).conflict;
    if (!snapshot) continue;
    rebuilt.set(row.conflict_id, {
      id: row.conflict_id,
      kind: snapshot.kind,
      entity: snapshot.entity,
      row_id: snapshot.rowId,
      field: snapshot.field,
      detail: JSON.stringify(snapshot.detail),
      created_at: snapshot.createdAt,
    });
  }
  return [...rebuilt.values()];
}

/** The current text of the conflicting field, or undefined when the record is gone. */
function currentValue(sqlite: Database.Database, table: string, field: string, rowId: string): { value: string | null } | undefined {
  // Table and field come from the conflict row, which only the merge writes from REPLICATED_ENTITIES.
  const row = prepared(sqlite, `SELECT "${field}" AS value FROM "${table}" WHERE id = ?`).get(rowId) as { value: unknown } | undefined;
  return row ? { value: asText(row.value) } : undefined;
}

function recordLabel(sqlite: Database.Database, table: string, rowId: string): { label: string; ticket: TicketRow | undefined; workOrder: WorkOrderRow | undefined } {
  if (table === 'tickets') {
    const ticket = ticketRow(sqlite, rowId);
    return { label: ticket ? `${ticket.code} · ${ticket.title}` : rowId, ticket, workOrder: undefined };
  }
  if (table === 'work_orders') {
    const workOrder = workOrderRow(sqlite, rowId);
    const ticket = workOrder ? ticketRow(sqlite, workOrder.ticket_id) : undefined;
    return { label: workOrder ? `${workOrder.code} · ${ticket?.title ?? ''}`.trim() : rowId, ticket, workOrder };
  }
  const named = prepared(sqlite, `SELECT name FROM "${table}" WHERE id = ?`).get(rowId) as { name: string } | undefined;
  return { label: named?.name ?? rowId, ticket: undefined, workOrder: undefined };
}

/** The value a text edit's decision wrote: the chosen edit's or the supervisor's own; undefined before a decision. */
function decidedText(resolution: ConflictResolutionDto | null, edits: EditDetail['edits']): string | null | undefined {
  const choice = resolution?.choice;
  if (choice?.action === 'edit') return choice.value;
  if (choice?.action !== 'choose') return undefined;
  return choice.value !== undefined ? choice.value : asText(edits.find((edit) => edit.hlc === choice.hlc)?.value);
}

function concurrentEdit(sqlite: Database.Database, row: ConflictRow, base: ConflictBaseFields): ConcurrentEditConflictDto {
  const detail = JSON.parse(row.detail) as EditDetail;
  const field = row.field ?? '';
  const current = currentValue(sqlite, row.entity, field, row.row_id);
  const { label, ticket, workOrder } = recordLabel(sqlite, row.entity, row.row_id);
  // What the conflict itself left in the field: the merge's values while open, the decision's value once resolved.
  // Anything else there was written afterwards. An empty text and none are the same text to a person.
  const decided = decidedText(base.resolution, detail.edits);
  const outcomes = decided === undefined ? detail.edits.map((edit) => asText(edit.value)) : [decided];
  const changedSince = current !== undefined && !outcomes.some((value) => (value ?? '') === (current.value ?? ''));
  return {
    ...base,
    kind: 'concurrent_edit',
    entity: RECORD_ENTITY[row.entity] ?? 'ticket',
    rowId: row.row_id,
    field,
    label,
    ticket: ticket ? ticketRef(ticket) : null,
    workOrder: workOrder ? workOrderRef(workOrder) : null,
    original: valueAt(sqlite, row.entity, row.row_id, field, detail.base),
    currentValue: current?.value ?? null,
    changedSince,
    values: detail.edits.map((edit) => {
      const value = asText(edit.value);
      return { ...stampOf(sqlite, edit.hlc, edit.authorId), hlc: edit.hlc, value, current: current !== undefined && current.value === value };
    }),
    exists: current !== undefined,
  };
}

function closedTicketOpenOt(sqlite: Database.Database, row: ConflictRow, base: ConflictBaseFields): ClosedTicketOpenOtConflictDto {
  const detail = JSON.parse(row.detail) as { scope: string; ticketCode: string; workOrderCode: string };
  const ticket = ticketRow(sqlite, detail.scope);
  const workOrder = workOrderRow(sqlite, row.row_id);
  return {
    ...base,
    kind: 'closed_ticket_open_ot',
    ticket: ticket
      ? { ...ticketRef(ticket), resolution: ticket.resolution, closedAt: ticket.closed_at }
      : { id: detail.scope, code: detail.ticketCode, title: '', status: 'closed', resolution: null, closedAt: null },
    closed: fieldStamp(sqlite, 'tickets', detail.scope, 'status'),
    workOrder: workOrder ? { ...workOrderRef(workOrder), technicianName: workOrder.technician_name, scheduledDate: workOrder.scheduled_date } : null,
    opened: fieldStamp(sqlite, 'work_orders', row.row_id, 'status'),
  };
}

interface TimelineEventRow {
  id: string;
  content: string;
  meta_data: string | null;
  created_at: string;
}

/** The `closed` event of the close a merge undid: the one stamped at its close time, else the latest. */
function closedEvent(sqlite: Database.Database, ticketId: string, closedAt: string): TimelineEventRow | undefined {
  return prepared(
    sqlite,
    `SELECT id, content, meta_data, created_at FROM ticket_timeline WHERE ticket_id = ? AND event_type = 'closed'
     ORDER BY created_at = ? DESC, created_at DESC, id DESC LIMIT 1`,
  ).get(ticketId, closedAt) as TimelineEventRow | undefined;
}

/** The latest status move (a `reopened` event clears the close, so it never is what undid one). */
function latestStatusChange(sqlite: Database.Database, ticketId: string): TimelineEventRow | undefined {
  return prepared(
    sqlite,
    `SELECT id, content, meta_data, created_at FROM ticket_timeline WHERE ticket_id = ? AND event_type = 'status_change'
     ORDER BY created_at DESC, id DESC LIMIT 1`,
  ).get(ticketId) as TimelineEventRow | undefined;
}

const statusOf = (value: unknown): TicketStatus | null => (typeof value === 'string' ? (value as TicketStatus) : null);

function ticketCloseUndone(sqlite: Database.Database, row: ConflictRow, base: ConflictBaseFields): TicketCloseUndoneConflictDto {
  const detail = JSON.parse(row.detail) as { scope: string; ticketCode: string; resolution: string | null; closedAt: string };
  const ticket = ticketRow(sqlite, detail.scope);
  const closing = closedEvent(sqlite, detail.scope, detail.closedAt);
  const change = latestStatusChange(sqlite, detail.scope);
  const meta = change?.meta_data ? (JSON.parse(change.meta_data) as Record<string, unknown>) : {};
  return {
    ...base,
    kind: 'ticket_close_undone',
    ticket: ticket
      ? { ...ticketRef(ticket), resolution: ticket.resolution, closedAt: ticket.closed_at }
      : { id: detail.scope, code: detail.ticketCode, title: '', status: 'open', resolution: detail.resolution, closedAt: detail.closedAt },
    close: { resolution: detail.resolution, closedAt: detail.closedAt },
    closed: closing ? insertStamp(sqlite, 'ticket_timeline', closing.id, closing.created_at) : fieldStamp(sqlite, 'tickets', detail.scope, 'closed_at'),
    changed: change
      ? { ...insertStamp(sqlite, 'ticket_timeline', change.id, change.created_at), from: statusOf(meta.from), to: statusOf(meta.to), content: change.content }
      : null,
  };
}

interface ItemRow {
  id: string;
  serial_number: string;
  quantity: number;
  created_at: string;
  product_name: string | null;
  work_order_id: string;
}

function duplicateSerial(sqlite: Database.Database, row: ConflictRow, base: ConflictBaseFields, shownThen: ShownRows): DuplicateSerialConflictDto {
  const detail = JSON.parse(row.detail) as { scope: string; items: string[] };
  const items = detail.items.map((itemId) => {
    const item = prepared(
      sqlite,
      `SELECT i.id, i.serial_number, i.quantity, i.created_at, i.work_order_id, p.name AS product_name
       FROM work_order_items i LEFT JOIN products p ON p.id = i.product_id WHERE i.id = ?`,
    ).get(itemId) as ItemRow | undefined;
    if (!item) {
      const shown = shownThen[itemId] as DuplicateSerialConflictDto['items'][number] | undefined;
      if (shown) return { ...shown, exists: false };
      return { id: itemId, serialNumber: detail.scope, productName: null, quantity: 0, workOrder: null, ticket: null, logged: insertStamp(sqlite, 'work_order_items', itemId, null), exists: false };
    }
    const workOrder = workOrderRow(sqlite, item.work_order_id);
    const ticket = workOrder ? ticketRow(sqlite, workOrder.ticket_id) : undefined;
    return {
      id: item.id,
      serialNumber: item.serial_number,
      productName: item.product_name,
      quantity: item.quantity,
      workOrder: workOrder ? workOrderRef(workOrder) : null,
      ticket: ticket ? ticketRef(ticket) : null,
      logged: insertStamp(sqlite, 'work_order_items', item.id, item.created_at),
      exists: true,
    };
  });
  return { ...base, kind: 'duplicate_serial', serial: items.find((item) => item.exists)?.serialNumber ?? detail.scope, items };
}

interface CustomerRow {
  id: string;
  name: string;
  contact_name: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  created_at: string;
  tickets: number;
}

function duplicateCustomer(sqlite: Database.Database, row: ConflictRow, base: ConflictBaseFields, shownThen: ShownRows): DuplicateCustomerConflictDto {
  const detail = JSON.parse(row.detail) as { scope: string; customers: string[] };
  const customers = detail.customers.map((customerId) => {
    const customer = prepared(
      sqlite,
      `SELECT c.id, c.name, c.contact_name, c.phone, c.email, c.address, c.created_at,
              (SELECT count(*) FROM tickets t WHERE t.customer_id = c.id) AS tickets
       FROM customers c WHERE c.id = ?`,
    ).get(customerId) as CustomerRow | undefined;
    if (!customer) {
      // Its ticket count is what it had then: they moved to the customer kept.
      const shown = shownThen[customerId] as DuplicateCustomerConflictDto['customers'][number] | undefined;
      if (shown) return { ...shown, exists: false };
      return { id: customerId, name: detail.scope, contactName: null, phone: null, email: null, address: null, ticketCount: 0, created: insertStamp(sqlite, 'customers', customerId, null), exists: false };
    }
    return {
      id: customer.id,
      name: customer.name,
      contactName: customer.contact_name,
      phone: customer.phone,
      email: customer.email,
      address: customer.address,
      ticketCount: customer.tickets,
      created: insertStamp(sqlite, 'customers', customer.id, customer.created_at),
      exists: true,
    };
  });
  return { ...base, kind: 'duplicate_customer', name: customers.find((customer) => customer.exists)?.name ?? detail.scope, customers };
}

/** The start and the cancel made from one status (conflicts.ts, STARTED_CANCELLED_SQL), with the OT as it is now. */
function startedOtCancelled(sqlite: Database.Database, row: ConflictRow, base: ConflictBaseFields): StartedOtCancelledConflictDto {
  const detail = JSON.parse(row.detail) as { scope: string; base: string };
  const moves = prepared(
    sqlite,
    `SELECT hlc, author_id AS authorId, value FROM sync_field_edits
     WHERE entity = 'work_orders' AND row_id = ? AND field = 'status' AND base = ? ORDER BY hlc`,
  ).all(row.row_id, detail.base) as { hlc: string; authorId: string | null; value: string }[];
  const stampOfMove = (status: WorkOrderStatus) => {
    const move = moves.find((candidate) => candidate.value === JSON.stringify(status));
    return move ? stampOf(sqlite, move.hlc, move.authorId) : fieldStamp(sqlite, 'work_orders', row.row_id, 'status');
  };
  const workOrder = workOrderRow(sqlite, row.row_id);
  const ticket = workOrder ? ticketRow(sqlite, workOrder.ticket_id) : undefined;
  const cancelReason = workOrder ? (loadCancelReasons(sqlite, [{ id: workOrder.id, status: workOrder.status, ticketId: workOrder.ticket_id }]).get(workOrder.id) ?? null) : null;
  return {
    ...base,
    kind: 'started_ot_cancelled',
    ticket: ticket ? ticketRef(ticket) : null,
    workOrder: workOrder ? { ...workOrderRef(workOrder), technicianName: workOrder.technician_name, workDone: workOrder.work_done, cancelReason } : null,
    started: stampOfMove('in_progress'),
    cancelled: stampOfMove('cancelled'),
  };
}

export function toConflictDto(sqlite: Database.Database, row: ConflictRow): ConflictDto {
  const [first, ...later] = decisionsOf(sqlite, row.id);
  const resolution = first?.resolution ?? null;
  const status: ConflictStatus = resolution ? 'resolved' : 'open';
  const base: ConflictBaseFields = { id: row.id, status, createdAt: row.created_at, resolution, laterResolutions: later.map((decision) => decision.resolution) };
  // What the first decision kept of the rows it may have removed.
  const shownThen = first?.shown ?? {};
  switch (row.kind) {
    case 'concurrent_edit':
      return concurrentEdit(sqlite, row, base);
    case 'closed_ticket_open_ot':
      return closedTicketOpenOt(sqlite, row, base);
    case 'duplicate_serial':
      return duplicateSerial(sqlite, row, base, shownThen);
    case 'duplicate_customer':
      return duplicateCustomer(sqlite, row, base, shownThen);
    case 'ticket_close_undone':
      return ticketCloseUndone(sqlite, row, base);
    case 'started_ot_cancelled':
      return startedOtCancelled(sqlite, row, base);
  }
}

const RESOLVED = 'EXISTS (SELECT 1 FROM conflict_resolutions r WHERE r.conflict_id = c.id)';
const WHERE_STATUS = { open: `WHERE NOT ${RESOLVED}`, resolved: `WHERE ${RESOLVED}`, all: '' } as const;

export function loadConflictRow(sqlite: Database.Database, id: string): ConflictRow {
  const row = prepared(sqlite, 'SELECT id, kind, entity, row_id, field, detail, created_at FROM sync_conflicts WHERE id = ?').get(id) as ConflictRow | undefined;
  const found = row ?? resolvedElsewhere(sqlite, id)[0];
  if (!found) throw notFound('conflict', id);
  return found;
}

/** Newest first; open ones are what the inbox shows by default. */
export function listConflictRows(sqlite: Database.Database, status: keyof typeof WHERE_STATUS): ConflictRow[] {
  const rows = prepared(sqlite, `SELECT c.id, c.kind, c.entity, c.row_id, c.field, c.detail, c.created_at FROM sync_conflicts c ${WHERE_STATUS[status]}`).all() as ConflictRow[];
  if (status !== 'open') rows.push(...resolvedElsewhere(sqlite));
  return rows.sort((a, b) => (a.created_at === b.created_at ? a.id.localeCompare(b.id) : a.created_at < b.created_at ? 1 : -1));
}
