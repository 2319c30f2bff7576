// A laptop skips ops of its own device that come back to it (it wrote them; its seq is its own). The PostgreSQL hub
// does not, on purpose: after a pg_dump restore, the hub's own ops made after the dump exist only on members, and
// they come back relayed like any other device's. Applying them is what keeps the hub's log contiguous and its next
// own op after them; skipping them would leave a hole the hub would fill with a reused seq (members would take the
// new op for one they hold, and lose it). This pins that behaviour.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratePostgres } from '../../db/pg/migrate';
import { applyRemoteOps, opsMissingFrom, readVector } from '../../electron/services/sync/apply';
import type { OpRecord } from '../../electron/services/sync/capture';
import { formatHlc } from '../../electron/services/sync/hlc';
import { pgApplyOps, pgOpsMissingFrom, pgReadVector, pgRecordOwnOp } from '../../electron/services/sync/pg';
import { removeTempDirs } from '../db/helpers';
import { startPostgres, type TestPostgres } from '../support/postgres';
import { openEmptyCopy } from './support';

const run = promisify(execFile);
const dumps = mkdtempSync(path.join(tmpdir(), 'emerald-pg-own-'));
const HUB = 'ab0b0b0b0b0b0b01';
const FOUNDER = 'f00d0f00d0f00d01';
const BOSS = 'own-boss';
const START = Date.parse('2026-11-30T09:00:00.000Z');
const NOW = START + 3_600_000;

let cluster: TestPostgres;
const pools: pg.Pool[] = [];

beforeAll(async () => {
  cluster = await startPostgres();
}, 120_000);

afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.end()));
  await cluster?.stop();
  rmSync(dumps, { recursive: true, force: true });
  removeTempDirs();
});

function poolOn(url: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  pool.on('error', () => undefined);
  pools.push(pool);
  return pool;
}

async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

/** An invitation made at pairing: an op of the hub device, as the hub writes it. */
const invite = (pool: pg.Pool, id: string, slot: number, nowMs: number): Promise<OpRecord> =>
  inTransaction(pool, (client) =>
    pgRecordOwnOp(
      client,
      { deviceId: HUB, entity: 'team_invitations', rowId: id, kind: 'insert', fields: { slot, expires_at: 'x', created_by: BOSS, created_at: 'x', updated_at: 'x' }, authorId: BOSS },
      nowMs,
    ),
  );

async function pulled(pool: pg.Pool, vector: Record<string, number>): Promise<OpRecord[]> {
  const client = await pool.connect();
  try {
    const ops: OpRecord[] = [];
    for await (const page of pgOpsMissingFrom(client, vector, 100)) ops.push(...page);
    return ops;
  } finally {
    client.release();
  }
}

async function pgVector(pool: pg.Pool): Promise<Record<string, number>> {
  const client = await pool.connect();
  try {
    return await pgReadVector(client);
  } finally {
    client.release();
  }
}

async function hubOps(pool: pg.Pool): Promise<{ seq: number; status: string; row_id: string }[]> {
  return (await pool.query('SELECT seq, status, row_id FROM sync_ops WHERE device_id = $1 ORDER BY seq', [HUB])).rows;
}

describe("the hub's own ops relayed back after a restore", () => {
  it('are applied: the log ends contiguous, and the next own op takes the seq after them', async () => {
    const hubUrl = await cluster.createDatabase();
    const hub = poolOn(hubUrl);
    await migratePostgres(hub);
    // The team's first administrator, from the founder's baseline (an insert with no author).
    const founderOp: OpRecord = {
      deviceId: FOUNDER,
      seq: 1,
      hlc: formatHlc({ wallMs: START, counter: 0, deviceId: FOUNDER }),
      entity: 'users',
      rowId: BOSS,
      kind: 'insert',
      fields: { email: 'jefa@example.com', username: 'jefa', full_name: 'Jefa', password_hash: 'h', is_active: 1, is_superuser: 1, role_id: null, created_at: 'x', updated_at: 'x' },
      base: null,
      authorId: null,
      schemaVersion: 1,
    };
    await inTransaction(hub, (client) => pgApplyOps(client, [founderOp], NOW));
    const first = await invite(hub, 'inv-1', 11, START + 60_000);

    // The backup; then the hub goes on making invitations, which a laptop receives.
    const file = path.join(dumps, 'hub.dump');
    await run(path.join(cluster.binDir, 'pg_dump'), ['--format=custom', '--file', file, hubUrl]);
    const later = [await invite(hub, 'inv-2', 12, START + 120_000), await invite(hub, 'inv-3', 13, START + 180_000)];
    expect([first, ...later].map((op) => op.seq)).toEqual([1, 2, 3]);
    const { sqlite: laptop } = openEmptyCopy();
    const fromHub = await pulled(hub, readVector(laptop));
    expect(laptop.transaction(() => applyRemoteOps(laptop, fromHub, NOW))().setAside).toEqual([]);
    expect(readVector(laptop)[HUB]).toBe(3);

    // The server is lost; the dump is restored and the laptop relays what the restored hub lacks.
    const restoredUrl = await cluster.createDatabase();
    await run(path.join(cluster.binDir, 'pg_restore'), ['--no-owner', '--exit-on-error', '--dbname', restoredUrl, file]);
    const restored = poolOn(restoredUrl);
    expect(await hubOps(restored)).toEqual([{ seq: 1, status: 'applied', row_id: 'inv-1' }]);
    const relay = [...opsMissingFrom(laptop, await pgVector(restored), 100)].flat();
    expect(relay.map((op) => [op.deviceId, op.seq])).toEqual([[HUB, 2], [HUB, 3]]);
    const outcome = await inTransaction(restored, (client) => pgApplyOps(client, relay, NOW));
    expect(outcome).toMatchObject({ applied: 2, duplicates: 0, gaps: 0, setAside: [] });

    // The log is the lost hub's again: contiguous, every op as it was, pulled page for page the same.
    expect(await hubOps(restored)).toEqual(await hubOps(hub));
    expect(await pulled(restored, {})).toEqual(await pulled(hub, {}));
    const invitations = 'SELECT id, slot FROM team_invitations ORDER BY id';
    expect((await restored.query(invitations)).rows).toEqual((await hub.query(invitations)).rows);

    // Its next own op follows them (seq 4, stamped after op 3): no seq is used twice, and the laptop applies it.
    const next = await invite(restored, 'inv-4', 14, START + 240_000);
    expect(next.seq).toBe(4);
    expect(next.hlc > (later[1] as OpRecord).hlc).toBe(true);
    const taken = laptop.transaction(() => applyRemoteOps(laptop, [next], NOW))();
    expect(taken).toMatchObject({ applied: 1, duplicates: 0, gaps: 0 });
    expect(readVector(laptop)[HUB]).toBe(4);
    laptop.close();
  });
});
