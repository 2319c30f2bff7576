// The PostgreSQL hub's migration runner: applies the migrations once, records them, refuses a newer schema
// untouched, and two processes starting at once migrate once.
import { cpSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { defaultPgMigrationsFolder, migratePostgres, pgSchemaVersion } from '../../db/pg/migrate';
import { removeTempDirs, tempDir } from '../db/helpers';
import { startPostgres, type TestPostgres } from '../support/postgres';

let cluster: TestPostgres;
beforeAll(async () => {
  cluster = await startPostgres();
}, 120_000);
afterAll(async () => {
  await cluster?.stop();
  removeTempDirs();
});

async function query<R extends pg.QueryResultRow>(url: string, sql: string): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(sql)).rows;
  } finally {
    await client.end();
  }
}

it('applies every migration once, in order, and records it', async () => {
  const url = await cluster.createDatabase();
  const first = await migratePostgres(url);
  const known = pgSchemaVersion();
  expect(first).toEqual({ version: known, applied: Array.from({ length: known }, (_, i) => i + 1) });
  expect(await migratePostgres(url)).toEqual({ version: known, applied: [] });
  const recorded = await query<{ version: number; name: string }>(url, 'SELECT version, name FROM emerald_schema_migrations ORDER BY version');
  expect(recorded[0]).toEqual({ version: 1, name: '0001_replica' });
  const tables = await query<{ name: string }>(url, "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'");
  expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['tickets', 'ticket_timeline', 'work_orders', 'sync_ops', 'sync_clocks']));
});

it('two processes starting at once migrate the database once', async () => {
  const url = await cluster.createDatabase();
  const pools = [new pg.Pool({ connectionString: url }), new pg.Pool({ connectionString: url })];
  try {
    const results = await Promise.all(pools.map((pool) => migratePostgres(pool)));
    expect(results.map((r) => r.applied.length).sort()).toEqual([0, pgSchemaVersion()]);
  } finally {
    await Promise.all(pools.map((pool) => pool.end()));
  }
});

it('refuses a database a newer Emerald migrated, and leaves it untouched', async () => {
  const url = await cluster.createDatabase();
  // A build that knows one more migration than this one.
  const newer = tempDir();
  cpSync(defaultPgMigrationsFolder(), newer, { recursive: true });
  const next = String(pgSchemaVersion() + 1).padStart(4, '0');
  writeFileSync(path.join(newer, `${next}_later.sql`), 'CREATE TABLE later_feature (id text PRIMARY KEY);');
  await migratePostgres(url, newer);
  await expect(migratePostgres(url)).rejects.toMatchObject({ code: 'CONFLICT', details: { reason: 'newer_schema' } });
  const recorded = await query<{ n: number }>(url, 'SELECT count(*)::int AS n FROM emerald_schema_migrations');
  expect(recorded[0]?.n).toBe(pgSchemaVersion() + 1);
});

it('rolls a failing migration back whole and records nothing for it', async () => {
  const url = await cluster.createDatabase();
  const broken = tempDir();
  cpSync(defaultPgMigrationsFolder(), broken, { recursive: true });
  const next = String(pgSchemaVersion() + 1).padStart(4, '0');
  writeFileSync(path.join(broken, `${next}_broken.sql`), 'CREATE TABLE half_done (id text); SELECT no_such_function();');
  await expect(migratePostgres(url, broken)).rejects.toThrow(/no_such_function/);
  expect(await query(url, "SELECT 1 FROM pg_tables WHERE tablename = 'half_done'")).toEqual([]);
  expect(await migratePostgres(url)).toEqual({ version: pgSchemaVersion(), applied: [] });
});
