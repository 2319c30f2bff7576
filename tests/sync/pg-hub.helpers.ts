// Shared by the PostgreSQL hub tests: one test cluster per file, a fresh database per hub, the hub founded by
// `init` and served in-process on 127.0.0.1 (no mDNS), pairing codes made as its first admin.
import type pg from 'pg';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startHub, type Hub } from '../../electron/services/sync/net/hubServer';
import { openPgHubStore, type PgHubStore } from '../../electron/services/sync/pg/pgHubStore';
import { initPgHub, openHubDatabase, type InitHubResult } from '../../electron/services/sync/pg/pgHubSetup';
import { pgActingAdmin, pgMakePairingCode } from '../../electron/services/sync/pg/pgPairingCodes';
import { ADMIN } from '../support/backend';
import { startPostgres, type TestPostgres } from '../support/postgres';
import { netWorld, type NetWorld } from './net.helpers';

export interface PgHub {
  url: string;
  pool: pg.Pool;
  store: PgHubStore;
  hub: Hub;
  team: InitHubResult;
  /** A fresh one-time code made as the hub's first admin, known to the running hub at once. */
  code(): Promise<string>;
  /** One value of a query on the hub's database. */
  value<T = unknown>(sql: string, params?: unknown[]): Promise<T>;
}

export interface PgHubWorld {
  hub(): Promise<PgHub>;
  /** Another hub process's worth (own pool, store, key cache, port) on the same database as `first`. */
  sameDatabase(first: PgHub): Promise<PgHub>;
  close(): Promise<void>;
}

export function pgHubWorld(cluster: () => TestPostgres): PgHubWorld {
  const open: PgHub[] = [];
  const serve = async (url: string, pool: pg.Pool, team: InitHubResult): Promise<PgHub> => {
    const store = await openPgHubStore({ pool });
    const hub = await startHub({ store, listen: { host: '127.0.0.1', port: 0 }, mdns: false });
    const admin = await pgActingAdmin(pool, undefined);
    const made: PgHub = {
      url,
      pool,
      store,
      hub,
      team,
      async code() {
        const code = await pgMakePairingCode(pool, admin.id, new Date());
        await store.refreshKeys();
        return code.code;
      },
      async value<T>(sql: string, params: unknown[] = []) {
        const { rows } = await pool.query(sql, params);
        return Object.values(rows[0] ?? {})[0] as T;
      },
    };
    open.push(made);
    return made;
  };
  return {
    async hub() {
      const url = await cluster().createDatabase();
      const pool = await openHubDatabase(url);
      const team = await initPgHub(pool, { teamName: 'Servicios Norte', deviceName: 'Hub central', admin: { ...ADMIN } });
      return serve(url, pool, team);
    },
    async sameDatabase(first) {
      return serve(first.url, await openHubDatabase(first.url), first.team);
    },
    async close() {
      for (const made of open.splice(0)) {
        await made.hub.close();
        await made.store.close();
        await made.pool.end();
      }
    },
  };
}

/**
 * What every central-hub test file sets up: one cluster for the file, and after each test the cluster running again
 * (a fault test may have stopped it) and every laptop and hub closed.
 */
export function pgHubSuite(): { cluster: () => TestPostgres; world: NetWorld; pgWorld: PgHubWorld } {
  let cluster: TestPostgres | undefined;
  const running = (): TestPostgres => {
    if (!cluster) throw new Error('the test cluster is not started yet (use it inside a test or hook)');
    return cluster;
  };
  beforeAll(async () => {
    cluster = await startPostgres();
  });
  afterAll(async () => {
    await cluster?.stop();
  });
  const world = netWorld();
  const pgWorld = pgHubWorld(running);
  afterEach(async () => {
    await cluster?.start();
    await world.close();
    await pgWorld.close();
  });
  return { cluster: running, world, pgWorld };
}
