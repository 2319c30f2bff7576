// The central hub's connections to PostgreSQL: one pool, one helper for "this work in one transaction", and the
// translation of "PostgreSQL is not there" into the refusal members understand (hub_unavailable, retried later).
import pg from 'pg';
import { WireError } from '../net/httpBody';
import { resolvePassword, type PasswordTarget } from './pgPassword';

export type PgIsolation = 'read committed' | 'repeatable read';

export function openHubPool(url: string, max = 10): pg.Pool {
  // The URL read as pg reads it (a client that never connects): its parameters, and its password or PGPASSWORD's.
  const parsed = new pg.Client({ connectionString: url }) as unknown as { connectionParameters: pg.ClientConfig; password: string | null | undefined };
  // Else the password file. pg calls this with its connection parameters, though its types declare no argument; the
  // parameters go in by name because a connection string would override the function with its empty password.
  const password = ((target: PasswordTarget) => resolvePassword(parsed.password, target)) as unknown as () => string;
  const pool = new pg.Pool({ ...parsed.connectionParameters, password, max, connectionTimeoutMillis: 5_000, idleTimeoutMillis: 30_000, application_name: 'emerald-hub' });
  // An idle connection cut by a PostgreSQL restart must not crash the hub; the next query opens a new one.
  pool.on('error', () => undefined);
  return pool;
}

/** SQLSTATE classes and socket errors that mean "the database is gone for now", not "this request is wrong". */
export function isUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (/^(08|57P|53)/.test(code)) return true;
    if (['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH'].includes(code)) return true;
  }
  const message = error instanceof Error ? error.message : '';
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|not queryable/i.test(message);
}

export function unavailable(): WireError {
  return new WireError(503, 'hub_unavailable', 'the hub cannot reach its database right now; nothing was lost, sync again later');
}

/**
 * Work on one pooled connection: a lost database becomes hub_unavailable, and a connection that failed (or that `work`
 * marks broken) is dropped, not handed to the next request.
 */
async function withPooledClient<T>(pool: pg.Pool, work: (client: pg.PoolClient, markBroken: () => void) => Promise<T>): Promise<T> {
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    throw isUnavailable(error) ? unavailable() : error;
  }
  let broken = false;
  try {
    return await work(client, () => (broken = true));
  } catch (error) {
    if (isUnavailable(error)) {
      broken = true;
      throw unavailable();
    }
    throw error;
  } finally {
    client.release(broken || undefined);
  }
}

/** Runs `work` in one transaction on a pooled connection; a lost database becomes hub_unavailable. */
export function inPgTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>, isolation: PgIsolation = 'read committed', readOnly = false): Promise<T> {
  return withPooledClient(pool, async (client, markBroken) => {
    try {
      await client.query(`BEGIN ISOLATION LEVEL ${isolation.toUpperCase()}${readOnly ? ' READ ONLY' : ''}`);
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      // A rollback that fails leaves the connection in an unknown state: it is not reused.
      await client.query('ROLLBACK').catch(markBroken);
      throw error;
    }
  });
}

/** Work on one pooled connection without a transaction (reads whose statements need no common snapshot). */
export function onPgConnection<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  return withPooledClient(pool, (client) => work(client));
}

/** One statement outside any transaction, with the same translation. */
export async function pgQuery<R extends pg.QueryResultRow>(pool: pg.Pool, text: string, values: unknown[] = []): Promise<R[]> {
  try {
    return (await pool.query<R>(text, values)).rows;
  } catch (error) {
    throw isUnavailable(error) ? unavailable() : error;
  }
}
