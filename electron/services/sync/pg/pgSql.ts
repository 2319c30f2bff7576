// Queries of the PostgreSQL applier: named (prepared once per connection, then only bound), identifiers quoted.
import { createHash } from 'node:crypto';
import type pg from 'pg';

export type PgClient = pg.ClientBase;

const names = new Map<string, string>();

function statementName(text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    name = `em_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    names.set(text, name);
  }
  return name;
}

/** Runs one statement as a named prepared statement: parsed and planned once per connection. */
export async function pgRun<R extends pg.QueryResultRow = Record<string, unknown>>(client: PgClient, text: string, values: unknown[] = []): Promise<R[]> {
  const result = await client.query<R>({ name: statementName(text), text, values });
  return result.rows;
}

/**
 * A lookup by a list of keys (see rowsByKeysSql), planned at each call with its values. Prepared once, its plan is
 * chosen while a new hub's tables are nearly empty (a scan of the whole table is cheapest then) and kept as they
 * grow: a 20,000-ticket push read every ticket for each page of 500.
 */
export async function pgLookup<R extends pg.QueryResultRow = Record<string, unknown>>(client: PgClient, text: string, values: unknown[]): Promise<R[]> {
  return (await client.query<R>(text, values)).rows;
}

/**
 * `columns` of the rows of `table` whose `keys` are in the parallel text arrays $1, $2…: one index probe per key.
 * Written as `= ANY($1)` or a join with the key list, the planner scanned the whole table once it guessed that
 * cheaper than 500 probes (wrongly: the table is in memory, and grows with every page); LIMIT 1 keeps each probe
 * its own subquery.
 */
export function rowsByKeysSql(table: string, keys: readonly string[], columns: readonly string[]): string {
  const arrays = keys.map((_, index) => `$${index + 1}::text[]`).join(', ');
  const names = keys.map((_, index) => `k${index}`).join(', ');
  const match = keys.map((key, index) => `${q(key)} = k.k${index}`).join(' AND ');
  return `SELECT r.* FROM unnest(${arrays}) AS k(${names})
    CROSS JOIN LATERAL (SELECT ${columns.map(q).join(', ')} FROM ${q(table)} WHERE ${match} LIMIT 1) AS r`;
}

export const q = (name: string): string => `"${name}"`;

/** PostgreSQL's integrity errors (SQLSTATE class 23: foreign key, unique, check, not null): the op must wait. */
export const isIntegrityError = (error: unknown): boolean => typeof (error as { code?: unknown }).code === 'string' && (error as { code: string }).code.startsWith('23');

/** Undoes a savepoint after `cause`; if the connection itself is gone, the caller sees `cause`, not the failed undo. */
export async function rollbackToSavepoint(client: PgClient, name: string, cause: unknown): Promise<void> {
  try {
    await client.query(`ROLLBACK TO SAVEPOINT ${name}`);
    await client.query(`RELEASE SAVEPOINT ${name}`);
  } catch {
    throw cause;
  }
}
