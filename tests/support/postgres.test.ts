// The test PostgreSQL harness: starts, serves databases, survives kill/start and restart, stops for good.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type TestPostgres } from './postgres';

async function queryOne(url: string, sql: string): Promise<Record<string, unknown>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows[0] as Record<string, unknown>;
  } finally {
    await client.end();
  }
}

describe('test PostgreSQL cluster', () => {
  let cluster: TestPostgres;
  beforeAll(async () => {
    cluster = await startPostgres();
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  it('runs PostgreSQL 15 or newer with UTF8 databases', async () => {
    const row = await queryOne(
      cluster.url(),
      "SELECT current_setting('server_version_num')::int AS version, pg_encoding_to_char(encoding) AS encoding FROM pg_database WHERE datname = 'postgres'",
    );
    expect(row.version as number).toBeGreaterThanOrEqual(150000);
    expect(row.encoding).toBe('UTF8');
  });

  it('creates empty databases and keeps their data across kill/start and restart', async () => {
    const url = await cluster.createDatabase();
    await queryOne(url, 'CREATE TABLE kept (v text)');
    await queryOne(url, "INSERT INTO kept VALUES ('uno')");
    await cluster.kill();
    await expect(queryOne(url, 'SELECT 1 AS one')).rejects.toThrow();
    await cluster.start();
    expect((await queryOne(url, 'SELECT v FROM kept')).v).toBe('uno');
    await cluster.restart();
    expect((await queryOne(url, 'SELECT count(*)::int AS n FROM kept')).n).toBe(1);
    expect(await cluster.createDatabase('named_one')).toBe(cluster.url('named_one'));
  });

  it('stops idempotently', async () => {
    const other = await startPostgres();
    await other.stop();
    await other.stop();
    await expect(other.start()).rejects.toThrow(/stopped for good/);
  });
});
