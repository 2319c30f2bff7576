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
