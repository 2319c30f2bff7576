// The central hub's connections to PostgreSQL: one pool, one helper for "this work in one transaction", and the
// translation of "PostgreSQL is not there" into the refusal members understand (hub_unavailable, retried later).
import pg from 'pg';
import { WireError } from '../net/httpBody';
import { noteAvailable, noteUnavailable } from './pgAvailability';
import { resolvePassword, type PasswordTarget } from './pgPassword';

export type PgIsolation = 'read committed' | 'repeatable read';

/**
 * A client's settings for the hub's database URL: its parameters as pg reads them, and the password from the URL,
 * PGPASSWORD or the password file (pgPassword.ts). By name, not as a connection string: pg lets a connection string's
 * empty password override a password function.
 */
export function hubClientConfig(url: string, extra: pg.ClientConfig = {}): pg.ClientConfig {
  const parsed = new pg.Client({ connectionString: url }) as unknown as { connectionParameters: pg.ClientConfig; password: string | null | undefined };
  // pg calls it with its connection parameters (host, port, database, user), though its types declare no argument.
  const password = ((target: PasswordTarget) => resolvePassword(parsed.password, target)) as unknown as () => string;
  return { ...parsed.connectionParameters, password, ...extra };
}

const poolUrls = new WeakMap<pg.Pool, string>();

/** The URL a pool of openHubPool was opened on (the hub's notice listener opens its own connection there). */
export function urlOfPool(pool: pg.Pool): string | undefined {
  return poolUrls.get(pool);
}

export function openHubPool(url: string, max = 10): pg.Pool {
  const pool = new pg.Pool({ ...hubClientConfig(url, { application_name: 'emerald-hub' }), max, connectionTimeoutMillis: 5_000, idleTimeoutMillis: 30_000 });
  poolUrls.set(pool, url);
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

/** A failed request's error as members get it: a lost database is hub_unavailable (and noted in the hub's log). */
function translated(pool: pg.Pool, error: unknown): unknown {
  if (!isUnavailable(error)) return error;
  noteUnavailable(pool, error);
  return unavailable();
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
    throw translated(pool, error);
  }
  let broken = false;
  // The pool listens for errors only on idle connections: one lost between two queries of `work` would be an uncaught
  // exception (PostgreSQL killed mid-round). Its next query fails anyway and says so; the connection is not reused.
  const markBroken = () => {
    broken = true;
  };
  client.on('error', markBroken);
  try {
    const result = await work(client, markBroken);
    noteAvailable(pool);
    return result;
  } catch (error) {
    if (isUnavailable(error)) broken = true;
    throw translated(pool, error);
  } finally {
    client.off('error', markBroken);
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
    const { rows } = await pool.query<R>(text, values);
    noteAvailable(pool);
    return rows;
  } catch (error) {
    throw translated(pool, error);
  }
}
