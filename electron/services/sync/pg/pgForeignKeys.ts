// The hub's foreign keys as PostgreSQL holds them (pg_constraint), read once per connection: the fast path judges
// "this child's parent is missing, the op waits" and "deleting this row cascades" from the schema itself, never
// from a second list that would go stale when a migration adds or drops a key.
import { entityOf } from '../entities';
import { pgRun, type PgClient } from './pgSql';

export interface PgForeignKeys {
  /** By child table: each foreign-key column and the replicated table whose key it points at. */
  readonly columns: ReadonlyMap<string, Readonly<Record<string, string>>>;
  /** Replicated tables some table points at: deleting one of their rows cascades or nulls other rows. */
  readonly parents: ReadonlySet<string>;
  /** Replicated tables with a key the fast path cannot model (several columns, or not the parent's key): op by op. */
  readonly unmodelled: ReadonlySet<string>;
}

interface ConstraintRow {
  child: string;
  parent: string;
  columns: string[];
  parent_columns: string[];
}

// Every foreign key of the tables in the hub's schema, its columns in declaration order.
const CONSTRAINTS_SQL = `
  SELECT child.relname AS child, parent.relname AS parent,
    ARRAY(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, n)
          JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum ORDER BY k.n) AS columns,
    ARRAY(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY AS k(attnum, n)
          JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum ORDER BY k.n) AS parent_columns
  FROM pg_constraint c
  JOIN pg_class child ON child.oid = c.conrelid
  JOIN pg_class parent ON parent.oid = c.confrelid
  WHERE c.contype = 'f' AND child.relnamespace = to_regnamespace(current_schema())
  ORDER BY child.relname, c.conname`;

/** The fast path's view of the keys, from the constraints of the database (exported for the test that pins it). */
export function foreignKeysFrom(rows: readonly ConstraintRow[]): PgForeignKeys {
  const columns = new Map<string, Record<string, string>>();
  const parents = new Set<string>();
  const unmodelled = new Set<string>();
  for (const row of rows) {
    const parent = entityOf(row.parent);
    if (!parent) continue;
    parents.add(row.parent);
    if (!entityOf(row.child)) continue;
    const [column] = row.columns;
    if (row.columns.length !== 1 || row.parent_columns.length !== 1 || row.parent_columns[0] !== parent.key || column === undefined) {
      unmodelled.add(row.child);
      continue;
    }
    columns.set(row.child, { ...columns.get(row.child), [column]: row.parent });
  }
  return { columns, parents, unmodelled };
}

const byConnection = new WeakMap<PgClient, Promise<PgForeignKeys>>();

/** The foreign keys, read from the catalog on this connection's first use (a new connection reads them again). */
export function pgForeignKeys(client: PgClient): Promise<PgForeignKeys> {
  const known = byConnection.get(client);
  if (known) return known;
  const reading = pgRun<ConstraintRow>(client, CONSTRAINTS_SQL).then(foreignKeysFrom);
  // A read cut short (PostgreSQL gone) is not kept: the next use asks again.
  reading.catch(() => {
    if (byConnection.get(client) === reading) byConnection.delete(client);
  });
  byConnection.set(client, reading);
  return reading;
}
