// The PostgreSQL fast path judges "the parent is missing: the op waits" and "this delete cascades" from the
// database's own foreign keys (pgForeignKeys, read from pg_constraint). These tests pin that view against the
// database (information_schema, a second way into the catalog) and against the laptop's SQLite schema, and show a
// key added by a later migration is honoured without the run being refused by PostgreSQL first.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratePostgres } from '../../db/pg/migrate';
import type { OpRecord } from '../../electron/services/sync/capture';
import { REPLICATED_ENTITIES } from '../../electron/services/sync/entities';
import { formatHlc } from '../../electron/services/sync/hlc';
import { pgApplyOps } from '../../electron/services/sync/pg';
import { pgApplyPaths } from '../../electron/services/sync/pg/pgApply';
import { foreignKeysFrom, pgForeignKeys, type PgForeignKeys } from '../../electron/services/sync/pg/pgForeignKeys';
import { removeTempDirs } from '../db/helpers';
import { startPostgres, type TestPostgres } from '../support/postgres';
import { openEmptyCopy } from './support';

const REPLICATED = new Set(REPLICATED_ENTITIES.map((entity) => entity.table));
const keyOf = (table: string) => REPLICATED_ENTITIES.find((entity) => entity.table === table)?.key;

let cluster: TestPostgres;
const pools: pg.Pool[] = [];

beforeAll(async () => {
  cluster = await startPostgres();
}, 120_000);

afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.end()));
  await cluster?.stop();
  removeTempDirs();
});

async function poolOn(url: string): Promise<pg.Pool> {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  pool.on('error', () => undefined);
  pools.push(pool);
  return pool;
}

async function withClient<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    return await work(client);
  } finally {
    client.release();
  }
}

/** The fast path's view as plain data: child table → column → parent table, and the parents. */
const plain = (keys: PgForeignKeys) => ({
  columns: Object.fromEntries([...keys.columns].sort(([a], [b]) => a.localeCompare(b))),
  parents: [...keys.parents].sort(),
  unmodelled: [...keys.unmodelled].sort(),
});

/** The same, from information_schema (one-column keys onto a replicated table's key), not from pg_constraint. */
async function informationSchemaView(pool: pg.Pool) {
  const { rows } = await pool.query<{ child: string; column: string; parent: string; parent_column: string }>(
    `SELECT k.table_name AS child, k.column_name AS column, p.table_name AS parent, p.column_name AS parent_column
     FROM information_schema.referential_constraints r
     JOIN information_schema.key_column_usage k ON k.constraint_schema = r.constraint_schema AND k.constraint_name = r.constraint_name
     JOIN information_schema.key_column_usage p ON p.constraint_schema = r.unique_constraint_schema AND p.constraint_name = r.unique_constraint_name
       AND p.ordinal_position = k.position_in_unique_constraint
     WHERE r.constraint_schema = current_schema()`,
  );
  const columns: Record<string, Record<string, string>> = {};
  for (const row of rows) {
    if (!REPLICATED.has(row.child) || !REPLICATED.has(row.parent)) continue;
    expect(row.parent_column, `${row.child}.${row.column} points at ${row.parent}'s key`).toBe(keyOf(row.parent));
    (columns[row.child] ??= {})[row.column] = row.parent;
  }
  const parents = [...new Set(rows.filter((row) => REPLICATED.has(row.parent)).map((row) => row.parent))].sort();
  return { columns: Object.fromEntries(Object.entries(columns).sort(([a], [b]) => a.localeCompare(b))), parents, unmodelled: [] as string[] };
}

/** The laptop's foreign keys between replicated tables (SQLite), in the same shape. */
function laptopView() {
  const { sqlite } = openEmptyCopy();
  try {
    const columns: Record<string, Record<string, string>> = {};
    for (const table of [...REPLICATED].sort()) {
      for (const key of sqlite.pragma(`foreign_key_list(${table})`) as { table: string; from: string }[]) {
        if (REPLICATED.has(key.table)) (columns[table] ??= {})[key.from] = key.table;
      }
    }
    return columns;
  } finally {
    sqlite.close();
  }
}

describe('the fast path reads the foreign keys from the database', () => {
  it("its view is the database's (information_schema) and the laptop's (SQLite) on a migrated hub", async () => {
    const pool = await poolOn(await cluster.createDatabase());
    await migratePostgres(pool);
    const view = plain(await withClient(pool, pgForeignKeys));
    expect(view).toEqual(await informationSchemaView(pool));
    // The hub and the laptops hold the same keys, so the same ops wait on both.
    expect(view.columns).toEqual(laptopView());
    expect(view.columns.work_order_items).toEqual({ work_order_id: 'work_orders' });
  });

  it('a key added by a later migration makes its ops wait on the fast path, with no write refused first', async () => {
    const url = await cluster.createDatabase();
    const setup = await poolOn(url);
    await migratePostgres(setup);
    // A migration the fast path has never heard of: an OT item's product must exist.
    await setup.query('ALTER TABLE work_order_items ADD CONSTRAINT fk_items_product FOREIGN KEY (product_id) REFERENCES products (id) ON DELETE RESTRICT');
    const pool = await poolOn(url);
    expect((await withClient(pool, pgForeignKeys)).columns.get('work_order_items')).toEqual({ work_order_id: 'work_orders', product_id: 'products' });

    const device = 'cccccccccccc0003';
    let seq = 0;
    const op = (entity: string, rowId: string, fields: Record<string, unknown>): OpRecord => ({
      deviceId: device,
      seq: ++seq,
      hlc: formatHlc({ wallMs: Date.parse('2026-11-30T10:00:00.000Z') + seq * 1000, counter: 0, deviceId: device }),
      entity,
      rowId,
      kind: 'insert',
      fields,
      base: null,
      authorId: null,
      schemaVersion: 1,
    });
    const T = { created_at: 'x', updated_at: 'x' };
    const history = [
      op('users', 'u-1', { email: 'a@example.com', username: 'ana', full_name: 'Ana', password_hash: 'h', is_active: 1, is_superuser: 1, role_id: null, ...T }),
      op('tickets', 't-1', {
        code: 'TK-2026-010001', title: 'Bomba', description: '', status: 'open', priority: 'low', category_id: null, customer_id: null,
        creator_id: 'u-1', assigned_to_id: null, resolution: null, closed_at: null, ...T,
      }),
      op('work_orders', 'wo-1', {
        code: 'OT-2026-010001', ticket_id: 't-1', technician_id: null, ot_type: 'repair', status: 'pending_planning',
        scheduled_date: null, started_at: null, completed_at: null, total_duration: null, notes: null, ...T,
      }),
    ];
    const item = op('work_order_items', 'item-1', { work_order_id: 'wo-1', product_id: 'p-later', serial_number: 'SN-1', quantity: 1, consumed_at: 'x', ...T });
    const product = op('products', 'p-later', { sku: 'P-1', name: 'Sello', description: null, tracks_serial: 0, ...T });
    const nowMs = Date.parse('2026-11-30T12:00:00.000Z');
    const apply = (ops: OpRecord[]) =>
      withClient(pool, async (client) => {
        await client.query('BEGIN');
        const outcome = await pgApplyOps(client, ops, nowMs);
        await client.query('COMMIT');
        return outcome;
      });

    await apply(history);
    const before = { ...pgApplyPaths };
    const waiting = await apply([item]);
    expect(waiting.setAside).toEqual([{ deviceId: device, seq: item.seq, reason: 'waiting' }]);
    // Judged in memory from the catalog's keys: the run was not sent and refused by PostgreSQL, then redone op by op.
    expect(pgApplyPaths.fellBack).toBe(before.fellBack);
    expect(pgApplyPaths.fast).toBeGreaterThan(before.fast);

    // Products have a natural key (op by op); the held item then applies in the retry.
    const arrived = await apply([product]);
    expect(arrived.applied).toBe(2);
    const { rows } = await pool.query('SELECT product_id FROM work_order_items WHERE id = $1', ['item-1']);
    expect(rows).toEqual([{ product_id: 'p-later' }]);
    // A parent's delete cascades or is refused: products now go op by op when deleted.
    expect((await withClient(pool, pgForeignKeys)).parents.has('products')).toBe(true);
  });

  it('a key of several columns, or onto another column than the key, sends its table op by op', () => {
    const view = foreignKeysFrom([
      { child: 'tickets', parent: 'users', columns: ['creator_id'], parent_columns: ['id'] },
      { child: 'work_orders', parent: 'tickets', columns: ['ticket_id', 'code'], parent_columns: ['id', 'code'] },
      { child: 'work_order_items', parent: 'products', columns: ['product_id'], parent_columns: ['sku'] },
      { child: 'hub_notes', parent: 'tickets', columns: ['ticket_id'], parent_columns: ['id'] },
    ]);
    expect(plain(view)).toEqual({ columns: { tickets: { creator_id: 'users' } }, parents: ['products', 'tickets', 'users'], unmodelled: ['work_order_items', 'work_orders'] });
  });
});
