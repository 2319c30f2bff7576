// A hub that starts empty and fills up (a new team, a company moving onto it) must read the rows a page touches by
// their keys however small its tables were when a connection first ran those reads: a plan kept from then scanned
// the whole ticket table for every page of 500, and the held ops' look scanned the whole op log at every batch.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratePostgres } from '../../db/pg/migrate';
import type { OpRecord } from '../../electron/services/sync/capture';
import { formatHlc } from '../../electron/services/sync/hlc';
import { pgApplyOps } from '../../electron/services/sync/pg';
import { startPostgres, type TestPostgres } from '../support/postgres';

let cluster: TestPostgres;
let pool: pg.Pool;

beforeAll(async () => {
  cluster = await startPostgres();
  pool = new pg.Pool({ connectionString: await cluster.createDatabase(), max: 1 });
  pool.on('error', () => undefined);
  await migratePostgres(pool);
}, 120_000);

afterAll(async () => {
  await pool?.end();
  await cluster?.stop();
});

const device = 'dddddddddddd0004';
let seq = 0;
function op(kind: OpRecord['kind'], entity: string, rowId: string, fields: Record<string, unknown>): OpRecord {
  seq++;
  return {
    deviceId: device,
    seq,
    hlc: formatHlc({ wallMs: Date.parse('2026-11-30T10:00:00.000Z') + seq, counter: 0, deviceId: device }),
    entity,
    rowId,
    kind,
    fields,
    base: null,
    // Ana (a superuser) writes everything after her own row.
    authorId: entity === 'users' ? null : 'u-1',
    schemaVersion: 1,
  };
}

const T = { created_at: '2026-11-30T10:00:00.000Z', updated_at: '2026-11-30T10:00:00.000Z' };
const ticket = (n: number) =>
  op('insert', 'tickets', `t-${n}`, {
    code: `TK-2026-04${String(n).padStart(4, '0')}`, title: `Ticket ${n}`, description: '', status: 'open', priority: 'low', category_id: null,
    customer_id: null, creator_id: 'u-1', assigned_to_id: null, resolution: null, closed_at: null, ...T,
  });

describe('a hub whose tables grow', () => {
  it('reads the rows, clocks and held ops of a page by index once its tables are large', async () => {
    const client = await pool.connect();
    const apply = async (ops: OpRecord[]) => {
      await client.query('BEGIN');
      const outcome = await pgApplyOps(client, ops, Date.parse('2026-11-30T12:00:00.000Z'));
      await client.query('COMMIT');
      return outcome;
    };
    try {
      await apply([op('insert', 'users', 'u-1', { email: 'a@example.com', username: 'ana', full_name: 'Ana', password_hash: 'h', is_active: 1, is_superuser: 1, role_id: null, ...T })]);
      // Many small pages first, as a new hub sees: the connection runs each read while the tables are tiny.
      let n = 0;
      for (let page = 0; page < 10; page++) await apply([ticket(++n), ticket(++n)]);
      for (let page = 0; page < 8; page++) await apply(Array.from({ length: 500 }, () => ticket(++n)));

      // Scans counted by this connection (its counts not yet reported include earlier transactions): a difference.
      const seqScans = async () => {
        const { rows } = await client.query<{ relname: string; seq_scan: string }>(
          "SELECT relname, seq_scan FROM pg_stat_xact_user_tables WHERE relname IN ('tickets', 'sync_clocks', 'sync_ops') ORDER BY relname",
        );
        return new Map(rows.map((row) => [row.relname, Number(row.seq_scan)]));
      };
      await client.query('BEGIN');
      const before = await seqScans();
      const renamed = Array.from({ length: 100 }, (_, i) => op('update', 'tickets', `t-${i * 30 + 1}`, { title: `Renombrado ${i}` }));
      const outcome = await pgApplyOps(client, [...renamed, ticket(++n)], Date.parse('2026-11-30T12:00:00.000Z'));
      const after = await seqScans();
      await client.query('COMMIT');
      expect(outcome.applied).toBe(101);
      expect([...after].map(([table, scans]) => [table, scans - (before.get(table) ?? 0)])).toEqual([
        ['sync_clocks', 0],
        ['sync_ops', 0],
        ['tickets', 0],
      ]);
      const { rows: titles } = await client.query("SELECT count(*)::int AS n FROM tickets WHERE title LIKE 'Renombrado %'");
      expect(titles[0].n).toBe(100);
    } finally {
      client.release();
    }
  });
});
