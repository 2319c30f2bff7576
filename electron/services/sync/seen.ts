// "What the author saw": when a serial or a customer name is logged, the rows with the same key on the author's copy
// at that moment. Two rows with one key are a duplicate to review only when neither author saw the other (logged
// concurrently on two copies); a serial reused on purpose (a part moved to another customer) is not. The ids travel
// in the op's base, so every copy derives the same records from the same ops.
import type Database from 'better-sqlite3';
import { prepared } from '../sql';
import type { OpRecord } from './capture';
import { customersOfKeySql, refreshCustomerFolds } from '../customerFolds';

interface SeenKey {
  /** The column that holds the key, and the sync_field_edits field / op base key of its seen records. */
  column: string;
  field: string;
  /** SQL of the key of `x` (a column or a parameter), as conflicts.ts groups rows by it. */
  keyOf: (x: string) => string;
  /** SQL answering the `id` of every row whose key is what the SQL `key` computes, through an index. */
  rowsOfKey: (key: string) => string;
  /** Brings the index rowsOfKey reads up to date first (customer names are folded by the app, not by SQL). */
  refresh?: (sqlite: Database.Database) => void;
}

export const SEEN_KEYS: Readonly<Record<string, SeenKey>> = {
  work_order_items: {
    column: 'serial_number',
    field: 'seen:serial_number',
    keyOf: (x) => `lower(${x})`,
    rowsOfKey: (key) => `SELECT id FROM work_order_items WHERE lower(serial_number) = ${key}`,
  },
  customers: { column: 'name', field: 'seen:name', keyOf: (x) => `fold(trim(${x}))`, rowsOfKey: customersOfKeySql, refresh: refreshCustomerFolds },
};

const hasKey = (value: unknown): value is string => typeof value === 'string' && value !== '';

/**
 * The base of an op that sets a key (an insert, or a customer renamed): `{ 'seen:<column>': JSON of the sorted ids of
 * the other rows with that key here now }`; null when the op sets no key. Each key is read through an index: serials
 * by lower(), customer names by their folded key (customerFolds.ts).
 */
export function seenBase(sqlite: Database.Database, table: string, rowId: string, fields: Record<string, unknown>): Record<string, string> | null {
  const seen = SEEN_KEYS[table];
  const value = seen ? fields[seen.column] : undefined;
  if (!seen || !hasKey(value)) return null;
  seen.refresh?.(sqlite);
  const row = prepared(
    sqlite,
    `SELECT json_group_array(id) AS ids FROM (SELECT id FROM (${seen.rowsOfKey(seen.keyOf('?'))}) WHERE id <> ? ORDER BY id)`,
  ).get(value, rowId) as { ids: string };
  return { [seen.field]: row.ids };
}

/** Keeps the seen record of an op (this copy's or another's), keyed by its clock: applying it twice changes nothing. */
export function recordSeen(sqlite: Database.Database, op: OpRecord): void {
  const seen = SEEN_KEYS[op.entity];
  const ids = seen ? op.base?.[seen.field] : undefined;
  const value = seen ? op.fields[seen.column] : undefined;
  if (!seen || ids === undefined || !hasKey(value)) return;
  prepared(
    sqlite,
    `INSERT OR IGNORE INTO sync_field_edits (entity, row_id, field, base, hlc, device_id, author_id, value) VALUES (?, ?, ?, ?, ?, ?, ?, ${seen.keyOf('?')})`,
  ).run(op.entity, op.rowId, seen.field, ids, op.hlc, op.deviceId, op.authorId, value);
}

/**
 * The rows of one key (ids sorted) that were made without their authors seeing each other. A row with no seen record
 * for the key (a baseline row, one made before this was recorded, or renamed into it before) counts as having seen
 * every row of the key with a smaller id: such rows never collide among themselves.
 */
export function concurrentRows(sqlite: Database.Database, table: string, key: string, ids: readonly string[]): string[] {
  const seen = SEEN_KEYS[table];
  if (!seen || ids.length < 2) return [];
  const records = prepared(
    sqlite,
    `SELECT row_id AS rowId, base FROM sync_field_edits WHERE entity = ? AND row_id IN (SELECT value FROM json_each(?)) AND field = ? AND value = ?`,
  ).all(table, JSON.stringify(ids), seen.field, key) as { rowId: string; base: string }[];
  const seenBy = new Map<string, Set<string>>();
  for (const record of records) {
    const set = seenBy.get(record.rowId) ?? new Set<string>();
    for (const id of JSON.parse(record.base) as string[]) set.add(id);
    seenBy.set(record.rowId, set);
  }
  const sees = (x: string, y: string) => seenBy.get(x)?.has(y) ?? y < x;
  const involved = new Set<string>();
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const [a, b] = [ids[i]!, ids[j]!];
      if (!sees(a, b) && !sees(b, a)) involved.add(a).add(b);
    }
  }
  return ids.filter((id) => involved.has(id));
}
