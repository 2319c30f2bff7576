// The write path's row reads and writes by statements prepared once per connection: the same rows and values as
// drizzle's select / insert / update of a table, without building the query on every call. drizzle builds a full-row
// select in ~75 µs, an insert in ~28 µs, an update in ~20 µs (a bench loop, 100k-ticket copy), against ~9 µs to run
// the prepared statement; a close or a visit request made five to eight of them.
import type Database from 'better-sqlite3';
import { getTableColumns, getTableName, type InferInsertModel, type InferSelectModel } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { AppDb } from '../../db/open';

/**
 * The connection under a drizzle database or transaction (a transaction runs on its database's connection, so a
 * statement of that connection sees the transaction's writes). drizzle keeps it on its session; tests/db/table-rows
 * fails if a drizzle upgrade moves it.
 */
export function connectionOf(db: AppDb): Database.Database {
  const client = (db as unknown as { session?: { client?: Database.Database } }).session?.client;
  if (!client || typeof client.prepare !== 'function') throw new Error('drizzle no longer keeps its connection at session.client');
  return client;
}

interface ColumnOf {
  key: string;
  name: string;
  column: SQLiteColumn;
  /** Values pass through as SQLite returns them (text, integer, real); json and boolean modes are mapped. */
  plain: boolean;
}

interface TableShape {
  name: string;
  columns: ColumnOf[];
  byKey: Map<string, ColumnOf>;
  /** Every column, each named by its key in the schema (the row comes back as drizzle's select() shapes it). */
  selectList: string;
}

const PLAIN_TYPES = new Set(['SQLiteText', 'SQLiteInteger', 'SQLiteReal', 'SQLiteNumeric']);
const shapes = new WeakMap<SQLiteTable, TableShape>();
const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

function shapeOf(table: SQLiteTable): TableShape {
  let shape = shapes.get(table);
  if (!shape) {
    const columns = Object.entries(getTableColumns(table)).map(([key, column]) => ({ key, name: column.name, column, plain: PLAIN_TYPES.has(column.columnType) }));
    shape = {
      name: getTableName(table),
      columns,
      byKey: new Map(columns.map((c) => [c.key, c])),
      selectList: columns.map((c) => `${quote(c.name)} AS ${quote(c.key)}`).join(', '),
    };
    shapes.set(table, shape);
  }
  return shape;
}

function decoded<T extends SQLiteTable>(shape: TableShape, row: Record<string, unknown>): InferSelectModel<T> {
  for (const c of shape.columns) {
    const value = row[c.key];
    if (!c.plain && value !== null && value !== undefined) row[c.key] = c.column.mapFromDriverValue(value);
  }
  return row as InferSelectModel<T>;
}

const driverValue = (c: ColumnOf, value: unknown) => (c.plain || value === null ? value : c.column.mapToDriverValue(value));

function columnOf(shape: TableShape, key: string): ColumnOf {
  const c = shape.byKey.get(key);
  if (!c) throw new Error(`${shape.name} has no column ${key}`);
  return c;
}

/** The columns of `entries` (keys as in the schema) and their values as SQLite takes them, in the order given. */
function bound(shape: TableShape, entries: [string, unknown][]): { columns: ColumnOf[]; params: unknown[] } {
  const columns = entries.map(([key]) => columnOf(shape, key));
  return { columns, params: entries.map(([, value], i) => driverValue(columns[i] as ColumnOf, value)) };
}

/** drizzle's insert and set() leave an undefined value out. */
const definedEntries = (values: object) => Object.entries(values as Record<string, unknown>).filter(([, value]) => value !== undefined);

/** The row of `table` whose `id` is `id`, as `select().from(table).where(eq(table.id, id)).get()` answers it. */
export function rowById<T extends SQLiteTable>(db: AppDb, table: T, id: string): InferSelectModel<T> | undefined {
  const shape = shapeOf(table);
  const row = connectionOf(db).prepare(`SELECT ${shape.selectList} FROM ${quote(shape.name)} WHERE "id" = ?`).get(id) as Record<string, unknown> | undefined;
  return row ? decoded<T>(shape, row) : undefined;
}

/** The rows of `table` where `column` equals `value`, in `orderBy` (a constant SQL text of the caller). */
export function rowsWhere<T extends SQLiteTable>(db: AppDb, table: T, column: string, value: unknown, orderBy: string): InferSelectModel<T>[] {
  const shape = shapeOf(table);
  const rows = connectionOf(db)
    .prepare(`SELECT ${shape.selectList} FROM ${quote(shape.name)} WHERE ${quote(columnOf(shape, column).name)} = ? ORDER BY ${orderBy}`)
    .all(value) as Record<string, unknown>[];
  return rows.map((row) => decoded<T>(shape, row));
}

/** Whether `table` has a row whose columns equal `where` (keys as in the schema; `{ id }`, `{ workOrderId }`…). */
export function hasRow<T extends SQLiteTable>(db: AppDb, table: T, where: Partial<InferSelectModel<T>>): boolean {
  const shape = shapeOf(table);
  const { columns, params } = bound(shape, Object.entries(where as Record<string, unknown>));
  const sql = `SELECT 1 FROM ${quote(shape.name)} WHERE ${columns.map((c) => `${quote(c.name)} = ?`).join(' AND ')} LIMIT 1`;
  return connectionOf(db).prepare(sql).get(...params) !== undefined;
}

/** Inserts one row, as `insert(table).values(values).run()` would (a column left out takes its SQL default). */
export function insertRow<T extends SQLiteTable>(db: AppDb, table: T, values: InferInsertModel<T>): void {
  const shape = shapeOf(table);
  const { columns, params } = bound(shape, definedEntries(values));
  connectionOf(db)
    .prepare(`INSERT INTO ${quote(shape.name)} (${columns.map((c) => quote(c.name)).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`)
    .run(...params);
}

/**
 * Sets `set` (undefined values left out, as drizzle's set() does) on the row with this id, and this version when one
 * is given; answers how many rows changed.
 */
export function updateRow<T extends SQLiteTable>(db: AppDb, table: T, set: Partial<InferInsertModel<T>>, where: { id: string; version?: number }): number {
  const shape = shapeOf(table);
  const { columns, params } = bound(shape, definedEntries(set));
  if (columns.length === 0) throw new Error(`nothing to set on ${shape.name}`);
  const versioned = where.version !== undefined;
  const sql = `UPDATE ${quote(shape.name)} SET ${columns.map((c) => `${quote(c.name)} = ?`).join(', ')} WHERE "id" = ?${versioned ? ' AND "version" = ?' : ''}`;
  return connectionOf(db)
    .prepare(sql)
    .run(...params, where.id, ...(versioned ? [where.version] : [])).changes;
}
