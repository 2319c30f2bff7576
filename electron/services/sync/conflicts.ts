// Conflicts: what a merge cannot settle alone. Each id is derived from the rows and ops involved, so every
// copy that has seen the same ops holds the same records; a resolution is an ordinary replicated row.
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { prepared } from '../sql';
import type { OpRecord } from './capture';
import { concurrentRows } from './seen';
import { CUSTOMERS_OF_KEYS_SQL, KEYS_OF_CUSTOMERS_SQL, refreshCustomerFolds } from '../customerFolds';

export type ConflictKind = 'concurrent_edit' | 'closed_ticket_open_ot' | 'duplicate_serial' | 'duplicate_customer' | 'ticket_close_undone' | 'started_ot_cancelled';

export interface TouchedRow {
  entity: string;
  rowId: string;
}

export const conflictId = (...parts: string[]): string => createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);

function upsertConflict(sqlite: Database.Database, id: string, kind: ConflictKind, entity: string, rowId: string, field: string | null, detail: unknown): void {
  prepared(
    sqlite,
    `INSERT INTO sync_conflicts (id, kind, entity, row_id, field, detail) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET detail = excluded.detail, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`,
  ).run(id, kind, entity, rowId, field, JSON.stringify(detail));
}

/** Two or more edits of one text field from the same base, with different values: a person picks. */
export function recordTextConflicts(sqlite: Database.Database, op: OpRecord, fields: readonly string[]): void {
  for (const field of fields) {
    const base = op.base?.[field] ?? '';
    const edits = prepared(
      sqlite,
      'SELECT hlc, device_id AS deviceId, author_id AS authorId, value FROM sync_field_edits WHERE entity = ? AND row_id = ? AND field = ? AND base = ? ORDER BY hlc',
    ).all(op.entity, op.rowId, field, base) as { hlc: string; deviceId: string; authorId: string | null; value: string }[];
    if (edits.length < 2 || new Set(edits.map((edit) => edit.value)).size < 2) continue;
    const detail = { base, edits: edits.map((edit) => ({ ...edit, value: JSON.parse(edit.value) as unknown })) };
    upsertConflict(sqlite, conflictId('concurrent_edit', op.entity, op.rowId, field, base), 'concurrent_edit', op.entity, op.rowId, field, detail);
  }
}

const isResolved = (sqlite: Database.Database, id: string) => prepared(sqlite, 'SELECT 1 FROM conflict_resolutions WHERE conflict_id = ? LIMIT 1').get(id) !== undefined;

/** Keeps the conflicts of one kind in step with the rows: the ones that hold exist; open ones that stopped holding go. */
function syncKind(sqlite: Database.Database, kind: ConflictKind, scopeKeys: readonly string[], holding: Map<string, { entity: string; rowId: string; detail: unknown }>): void {
  for (const [id, conflict] of holding) upsertConflict(sqlite, id, kind, conflict.entity, conflict.rowId, null, conflict.detail);
  if (scopeKeys.length === 0) return;
  const existing = prepared(sqlite, `SELECT id FROM sync_conflicts WHERE kind = ? AND json_extract(detail, '$.scope') IN (SELECT value FROM json_each(?))`).all(
    kind,
    JSON.stringify(scopeKeys),
  ) as { id: string }[];
  for (const { id } of existing) if (!holding.has(id) && !isResolved(sqlite, id)) prepared(sqlite, 'DELETE FROM sync_conflicts WHERE id = ?').run(id);
}

function idsOf(touched: readonly TouchedRow[], entity: string): string[] {
  return [...new Set(touched.filter((row) => row.entity === entity).map((row) => row.rowId))];
}

/** Scopes of recorded conflicts that list one of these rows: a row deleted or renamed must re-check the scope it left. */
function scopesListing(sqlite: Database.Database, kind: ConflictKind, ids: readonly string[]): string[] {
  const rows = prepared(
    sqlite,
    `SELECT DISTINCT json_extract(c.detail, '$.scope') AS scope FROM sync_conflict_members m JOIN sync_conflicts c ON c.id = m.conflict_id
     WHERE m.member_id IN (SELECT value FROM json_each(?)) AND c.kind = ?`,
  ).all(JSON.stringify(ids), kind) as { scope: string }[];
  return rows.map((row) => row.scope);
}

/** The rows of each key shared by two or more rows, ids sorted. `sql` selects (key, id) for the keys in `?`. */
function rowsByKey(sqlite: Database.Database, sql: string, keys: readonly string[]): { key: string; ids: string[] }[] {
  const rows = prepared(sqlite, `${sql} ORDER BY id`).all(JSON.stringify(keys)) as { key: string; id: string }[];
  const byKey = new Map<string, string[]>();
  for (const row of rows) byKey.set(row.key, [...(byKey.get(row.key) ?? []), row.id]);
  return [...byKey].filter(([, ids]) => ids.length > 1).map(([key, ids]) => ({ key, ids }));
}

/** A ticket not closed that still holds a close time: locally a reopen clears it, so only a merge gets here (a close
 *  from one copy, a status move made offline on another and written later). Keyed by the close time: a later
 *  close undone again is a new conflict. */
function refreshCloseUndone(sqlite: Database.Database, ticketIds: readonly string[]): void {
  const undone = prepared(
    sqlite,
    `SELECT id, code, resolution, closed_at AS closedAt FROM tickets
     WHERE id IN (SELECT value FROM json_each(?)) AND status <> 'closed' AND closed_at IS NOT NULL`,
  ).all(JSON.stringify(ticketIds)) as { id: string; code: string; resolution: string | null; closedAt: string }[];
  const holding = new Map(
    undone.map((row) => [
      conflictId('ticket_close_undone', row.id, row.closedAt),
      { entity: 'tickets', rowId: row.id, detail: { scope: row.id, ticketCode: row.code, resolution: row.resolution, closedAt: row.closedAt } },
    ]),
  );
  syncKind(sqlite, 'ticket_close_undone', ticketIds, holding);
}

/**
 * A cancelled OT that was also started from the same status by someone who had not seen the cancel (a technician
 * offline while the office cancelled it, often by closing the ticket): the merge keeps it cancelled, and the visit
 * made would go unnoticed. Keyed by the OT and the status both moves started from; it stops holding if the OT ends
 * otherwise (completed offline beats the cancel).
 */
export const STARTED_CANCELLED_SQL = `SELECT DISTINCT s.row_id AS id, s.base FROM sync_field_edits s JOIN work_orders w ON w.id = s.row_id
  WHERE s.entity = 'work_orders' AND s.field = 'status' AND s.row_id IN (SELECT value FROM json_each(?))
    AND w.status = 'cancelled' AND s.value = '"in_progress"'
    AND EXISTS (SELECT 1 FROM sync_field_edits c WHERE c.entity = s.entity AND c.row_id = s.row_id AND c.field = s.field AND c.base = s.base AND c.value = '"cancelled"')`;

function refreshStartedCancelled(sqlite: Database.Database, workOrderIds: readonly string[]): void {
  const rows = prepared(sqlite, STARTED_CANCELLED_SQL).all(JSON.stringify(workOrderIds)) as { id: string; base: string }[];
  const holding = new Map(rows.map((row) => [conflictId('started_ot_cancelled', row.id, row.base), { entity: 'work_orders', rowId: row.id, detail: { scope: row.id, base: row.base } }]));
  syncKind(sqlite, 'started_ot_cancelled', workOrderIds, holding);
}

/**
 * The columns the rules below read (what holds, and the codes and resolution their records show), per entity: a local
 * update that changes none of them (a note or a reading touches its ticket for updated_at only) leaves every rule as it
 * was, so the write skips the four queries of the ticket rules. Deletes always count, inserts unless INSERT_HOLDS_NO_RULE clears them; merges check all.
 */
const RULE_FIELDS: Readonly<Record<string, readonly string[]>> = {
  tickets: ['status', 'closed_at', 'code', 'resolution'],
  work_orders: ['status', 'ticket_id', 'code'],
  work_order_items: ['serial_number'],
  customers: ['name'],
};

export function opMovesConflictRules(op: { entity: string; kind: string; fields: Record<string, unknown> }): boolean {
  const fields = RULE_FIELDS[op.entity];
  if (!fields) return false;
  if (op.kind === 'insert') return !INSERT_HOLDS_NO_RULE[op.entity]?.(op.fields);
  return op.kind !== 'update' || fields.some((field) => field in op.fields);
}

/**
 * Inserts that no rule can hold for: a ticket made neither closed nor with a close on record meets neither ticket rule
 * (both need one), and no conflict record names a row that did not exist. Creating a ticket skips those four queries.
 */
const INSERT_HOLDS_NO_RULE: Readonly<Record<string, (fields: Record<string, unknown>) => boolean>> = {
  tickets: (fields) => fields.status !== 'closed' && (fields.closed_at ?? null) === null,
};

/**
 * The open OTs of those tickets (a JSON array) that are closed. `+t.status` keeps the status off any index: on a copy
 * without ANALYZE statistics the planner walked every closed ticket instead (23 ms a write at 100,000 tickets).
 */
export const CLOSED_TICKETS_OPEN_WORK_ORDERS_SQL = `SELECT w.id, w.ticket_id, w.code AS workOrderCode, t.code AS ticketCode
  FROM work_orders w JOIN tickets t ON t.id = w.ticket_id
  WHERE t.id IN (SELECT value FROM json_each(?)) AND +t.status = 'closed' AND w.status NOT IN ('completed', 'cancelled')`;

/** Re-checks the rules that span rows, for the rows a write or a merge touched. Same rows, same state: same conflicts. */
export function refreshConflicts(sqlite: Database.Database, touched: readonly TouchedRow[]): void {
  if (touched.length === 0) return;
  const touchedTickets = idsOf(touched, 'tickets');
  if (touchedTickets.length > 0) refreshCloseUndone(sqlite, touchedTickets);
  const tickets = new Set(touchedTickets);
  const touchedWorkOrders = idsOf(touched, 'work_orders');
  if (touchedWorkOrders.length > 0) refreshStartedCancelled(sqlite, touchedWorkOrders);
  for (const workOrderId of touchedWorkOrders) {
    const row = prepared(sqlite, 'SELECT ticket_id FROM work_orders WHERE id = ?').get(workOrderId) as { ticket_id: string } | undefined;
    if (row) tickets.add(row.ticket_id);
  }
  if (tickets.size > 0) {
    const open = prepared(sqlite, CLOSED_TICKETS_OPEN_WORK_ORDERS_SQL).all(JSON.stringify([...tickets])) as {
      id: string;
      ticket_id: string;
      workOrderCode: string;
      ticketCode: string;
    }[];
    const holding = new Map(
      open.map((row) => [
        conflictId('closed_ticket_open_ot', row.id),
        { entity: 'work_orders', rowId: row.id, detail: { scope: row.ticket_id, ticketCode: row.ticketCode, workOrderCode: row.workOrderCode } },
      ]),
    );
    syncKind(sqlite, 'closed_ticket_open_ot', [...tickets], holding);
  }

  const items = idsOf(touched, 'work_order_items');
  if (items.length > 0) {
    const serials = prepared(
      sqlite,
      `SELECT DISTINCT lower(serial_number) AS serial FROM work_order_items WHERE id IN (SELECT value FROM json_each(?)) AND serial_number IS NOT NULL AND serial_number <> ''`,
    ).all(JSON.stringify(items)) as { serial: string }[];
    const keys = [...new Set([...serials.map((row) => row.serial), ...scopesListing(sqlite, 'duplicate_serial', items)])];
    const holding = new Map<string, { entity: string; rowId: string; detail: unknown }>();
    for (const { key, ids } of rowsByKey(sqlite, `SELECT lower(serial_number) AS key, id FROM work_order_items WHERE lower(serial_number) IN (SELECT value FROM json_each(?))`, keys)) {
      const concurrent = concurrentRows(sqlite, 'work_order_items', key, ids);
      if (concurrent.length > 0) holding.set(conflictId('duplicate_serial', key), { entity: 'work_order_items', rowId: key, detail: { scope: key, items: concurrent } });
    }
    syncKind(sqlite, 'duplicate_serial', keys, holding);
  }

  const customers = idsOf(touched, 'customers');
  if (customers.length > 0) {
    refreshCustomerFolds(sqlite);
    const names = prepared(sqlite, KEYS_OF_CUSTOMERS_SQL).all(JSON.stringify(customers)) as { name: string }[];
    const keys = [...new Set([...names.map((row) => row.name), ...scopesListing(sqlite, 'duplicate_customer', customers)])];
    const holding = new Map<string, { entity: string; rowId: string; detail: unknown }>();
    for (const { key, ids } of rowsByKey(sqlite, CUSTOMERS_OF_KEYS_SQL, keys)) {
      const concurrent = concurrentRows(sqlite, 'customers', key, ids);
      if (concurrent.length > 0) holding.set(conflictId('duplicate_customer', key), { entity: 'customers', rowId: key, detail: { scope: key, customers: concurrent } });
    }
    syncKind(sqlite, 'duplicate_customer', keys, holding);
  }
}
