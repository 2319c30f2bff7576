// One shared suite for both hubs: the same op streams applied to a SQLite copy (applyRemoteOps) and to PostgreSQL
// (pgApplyOps) give the same outcome page by page, the same status for every op, the same vector and the same
// materialized rows table by table. Streams come from the property test's random team activity (teamWrites.ts)
// and are delivered in random page splits, orders, duplicates and drops; then focused cases, and two hubs applying
// overlapping pages at once.
import type Database from 'better-sqlite3';
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratePostgres } from '../../db/pg/migrate';
import { applyRemoteOps, opsMissingFrom, readVector, type ApplyOutcome } from '../../electron/services/sync/apply';
import type { OpRecord } from '../../electron/services/sync/capture';
import { REPLICATED_ENTITIES } from '../../electron/services/sync/entities';
import { formatHlc } from '../../electron/services/sync/hlc';
import { pgApplyOps, pgOpsMissingFrom, pgReadVector, pgRecordOwnOp } from '../../electron/services/sync/pg';
import { pgApplyPaths } from '../../electron/services/sync/pg/pgApply';
import { JSON_COLUMNS } from '../../electron/services/sync/pg/pgRows';
import { removeTempDirs } from '../db/helpers';
import { startPostgres, type TestPostgres } from '../support/postgres';
import { buildTeamSeed, importPages, openEmptyCopy, pagesFor, replicatedTable, startTeamMember, type TeamMember, type TeamSeed } from './support';
import { AUTHORITY_DEVICE, authorityCases } from './teamAuthorityOps';
import { HOUR, runWrite, stepArb, type Step } from './teamWrites';

// Fixed seeds in CI; PG_PARITY_RUNS=N adds N random ones (printed in the test names, to replay one).
const SEEDS = [20261201, 7, 4242, ...Array.from({ length: Number(process.env.PG_PARITY_RUNS ?? 0) }, () => Math.floor(Math.random() * 2 ** 31))];
const MEMBERS = 3;
/** Booleans on the hub, 0/1 on a laptop. */
const BOOLEAN_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  users: ['is_active', 'is_superuser'],
  products: ['tracks_serial'],
  work_order_checklist_answers: ['required'],
};

let cluster: TestPostgres;
let seed: TeamSeed;
const pools: pg.Pool[] = [];

beforeAll(async () => {
  cluster = await startPostgres();
  seed = await buildTeamSeed(MEMBERS);
}, 300_000);

afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.end()));
  await cluster?.stop();
  removeTempDirs();
});

/** A fresh migrated PostgreSQL database for one hub. */
async function freshHub(): Promise<pg.Pool> {
  const pool = new pg.Pool({ connectionString: await cluster.createDatabase(), max: 4 });
  // An idle connection cut when the cluster stops is no test failure.
  pool.on('error', () => undefined);
  pools.push(pool);
  await migratePostgres(pool);
  return pool;
}

async function pgApplyPage(pool: pg.Pool, ops: readonly OpRecord[], nowMs: number, exactOnly = false): Promise<ApplyOutcome> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const outcome = await pgApplyOps(client, ops, nowMs, { exactOnly });
    await client.query('COMMIT');
    return outcome;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

const sqliteApplyPage = (sqlite: Database.Database, ops: readonly OpRecord[], nowMs: number): ApplyOutcome =>
  sqlite.transaction(() => applyRemoteOps(sqlite, ops, nowMs))();

/** What both hubs must agree on for one page (touched rows are for domain events and left out). */
const comparable = (outcome: ApplyOutcome) => ({ applied: outcome.applied, duplicates: outcome.duplicates, gaps: outcome.gaps, setAside: outcome.setAside });

/** A SQLite hub and a PostgreSQL hub fed the same pages. */
interface Pair {
  sqlite: Database.Database;
  pool: pg.Pool;
}

async function freshPair(): Promise<Pair> {
  return { sqlite: openEmptyCopy().sqlite, pool: await freshHub() };
}

async function applyBoth(pair: Pair, ops: readonly OpRecord[], nowMs: number, label = ''): Promise<ApplyOutcome> {
  const expected = sqliteApplyPage(pair.sqlite, ops, nowMs);
  const actual = await pgApplyPage(pair.pool, ops, nowMs);
  expect(comparable(actual), `${label}page outcome`).toEqual(comparable(expected));
  return expected;
}

// ----- Reading both sides for comparison ----------------------------------------------------------------------------

/**
 * Values as a laptop holds them. The only normalisations: booleans (PostgreSQL boolean, SQLite 0/1) and JSON columns
 * (jsonb holds the parsed value, so key order and spacing of the laptop's text are not kept: both are compared parsed).
 */
function normalised(table: string, columns: readonly string[], row: unknown[], side: 'sqlite' | 'pg'): unknown[] {
  return row.map((value, i) => {
    const column = columns[i] as string;
    if (side === 'pg' && BOOLEAN_COLUMNS[table]?.includes(column) && typeof value === 'boolean') return value ? 1 : 0;
    if (side === 'sqlite' && JSON_COLUMNS[table]?.includes(column) && typeof value === 'string') return JSON.parse(value) as unknown;
    return value;
  });
}

async function pgTable(pool: pg.Pool, table: string): Promise<unknown[][]> {
  const entity = REPLICATED_ENTITIES.find((candidate) => candidate.table === table)!;
  const columns = [entity.key, ...entity.columns];
  const filter = entity.onlyRows ? ` WHERE "${entity.key}" IN (${entity.onlyRows.map((key) => `'${key}'`).join(', ')})` : '';
  const result = await pool.query({ text: `SELECT ${columns.map((c) => `"${c}"`).join(', ')} FROM "${table}"${filter} ORDER BY "${entity.key}" COLLATE "C"`, rowMode: 'array' });
  return (result.rows as unknown[][]).map((row) => normalised(table, columns, row, 'pg'));
}

function sqliteTable(sqlite: Database.Database, table: string): unknown[][] {
  const entity = REPLICATED_ENTITIES.find((candidate) => candidate.table === table)!;
  return replicatedTable(sqlite, table).map((row) => normalised(table, [entity.key, ...entity.columns], row, 'sqlite'));
}

const sqliteStatuses = (sqlite: Database.Database) =>
  sqlite.prepare('SELECT device_id, seq, status FROM sync_ops ORDER BY device_id, seq').all() as { device_id: string; seq: number; status: string }[];

async function pgStatuses(pool: pg.Pool) {
  return (await pool.query<{ device_id: string; seq: number; status: string }>('SELECT device_id, seq, status FROM sync_ops ORDER BY device_id, seq')).rows;
}

async function pgVector(pool: pg.Pool): Promise<Record<string, number>> {
  const client = await pool.connect();
  try {
    return await pgReadVector(client);
  } finally {
    client.release();
  }
}

/** Statuses of every op, the vector, and the rows of every replicated table. */
async function expectSameState(pair: Pair, label = ''): Promise<void> {
  expect(await pgStatuses(pair.pool), `${label}op statuses`).toEqual(sqliteStatuses(pair.sqlite));
  expect(await pgVector(pair.pool), `${label}vector`).toEqual(readVector(pair.sqlite));
  for (const { table } of REPLICATED_ENTITIES) expect(await pgTable(pair.pool, table), `${label}${table}`).toEqual(sqliteTable(pair.sqlite, table));
}

/** Two PostgreSQL hubs hold the same ops with the same statuses and the same rows. */
async function expectSamePg(a: pg.Pool, b: pg.Pool, label: string): Promise<void> {
  expect(await pgStatuses(b), `${label}op statuses`).toEqual(await pgStatuses(a));
  for (const { table } of REPLICATED_ENTITIES) expect(await pgTable(b, table), `${label}${table}`).toEqual(await pgTable(a, table));
}

// ----- Random streams -----------------------------------------------------------------------------------------------

/** A small random team history: MEMBERS members write through the real channels and exchange ops now and then. */
async function teamHistory(streamSeed: number): Promise<{ ops: OpRecord[]; nowMs: number }> {
  const [steps] = fc.sample(fc.array(stepArb, { minLength: 30, maxLength: 70 }), { seed: streamSeed, numRuns: 1 }) as [Step[]];
  const members = Array.from({ length: MEMBERS }, (_, index) => startTeamMember(seed, index, new Date(seed.startedAt.getTime() + HOUR)));
  try {
    for (const step of steps) {
      if (step.s === 'write') await runWrite(members[step.member % MEMBERS] as TeamMember, step.who, step.write, seed.people);
      if (step.s === 'send' && step.from % MEMBERS !== step.to % MEMBERS) {
        const [from, to] = [members[step.from % MEMBERS] as TeamMember, members[step.to % MEMBERS] as TeamMember];
        importPages(to.sqlite, pagesFor(from.sqlite, to.sqlite, 50), to.clock.now().getTime());
      }
      for (const member of members) member.clock.advance(1000 + (step.s === 'wait' ? step.ms : 0));
    }
    // Everything any member made, as a hub that met them all would get it: member 0 after meeting the others.
    for (const other of members.slice(1)) importPages(members[0]!.sqlite, pagesFor(other.sqlite, members[0]!.sqlite, 500), members[0]!.clock.now().getTime());
    return { ops: [...opsMissingFrom(members[0]!.sqlite, {}, 1000)].flat(), nowMs: members[0]!.clock.now().getTime() };
  } finally {
    for (const member of members) member.close();
  }
}

const FORGER = 'f0f0f0f0f0f0f0f0';

/**
 * What the channels never make but a hub must judge the same way: ops of another member device, authored by people
 * with and without the right, some stamped two days ahead, some after that device was revoked, on rows of the stream
 * (so they also wait when they arrive before those rows).
 */
function forgedTraffic(stream: readonly OpRecord[], nowMs: number, random: () => number): OpRecord[] {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const tickets = [...new Set(stream.filter((op) => op.entity === 'tickets' && op.kind === 'insert').map((op) => op.rowId))];
  const workOrders = [...new Set(stream.filter((op) => op.entity === 'work_orders' && op.kind === 'insert').map((op) => op.rowId))];
  const start = Math.min(...stream.map((op) => Date.parse(op.hlc.slice(0, 24))));
  const span = Math.max(60_000, nowMs - start);
  const times = Array.from({ length: 24 }, () => start + Math.floor(random() * span)).sort((x, y) => x - y);
  const revokedAt = new Date(times[18]!).toISOString();
  const people = [seed.people.admin, seed.people.sup, seed.people.tec1, seed.people.store, seed.people.agent];
  const T = { created_at: 'x', updated_at: 'x' };
  const ops: OpRecord[] = [];
  const push = (wallMs: number, entity: string, rowId: string, kind: OpRecord['kind'], fields: Record<string, unknown>, authorId: string | null) =>
    ops.push({ deviceId: FORGER, seq: ops.length + 1, hlc: formatHlc({ wallMs, counter: 0, deviceId: FORGER }), entity, rowId, kind, fields, base: null, authorId, schemaVersion: 1 });
  push(times[0]!, 'team_members', FORGER, 'insert', { slot: 77, name: 'Forjado', public_key: 'k', invitation_id: null, revoked_at: null, revoked_by: null, ...T }, seed.people.admin);
  for (const [i, time] of times.slice(1).entries()) {
    const wallMs = random() < 0.1 ? nowMs + 2 * 24 * HOUR : time;
    const author = pick(people);
    const choice = random();
    if (i === 10) push(time, 'team_members', FORGER, 'update', { revoked_at: revokedAt, revoked_by: seed.people.admin }, seed.people.admin);
    else if (choice < 0.35 && tickets.length > 0) push(wallMs, 'tickets', pick(tickets), 'update', { title: `Forjado ${i}`, priority: pick(['low', 'high', 'critical']) }, author);
    else if (choice < 0.6 && tickets.length > 0)
      push(wallMs, 'ticket_timeline', `forged-${i}`, 'insert', { ticket_id: pick(tickets), author_id: author, event_type: 'note', content: `Nota ${i}`, meta_data: '{"forged":true}', ...T }, author);
    else if (choice < 0.8 && workOrders.length > 0) push(wallMs, 'work_orders', pick(workOrders), 'update', { status: pick(['completed', 'cancelled', 'in_progress']) }, author);
    else push(wallMs, 'settings', 'companyEmail', 'insert', { value: JSON.stringify(`forjado${i}@example.com`), ...T }, author);
  }
  return ops;
}

/** A seeded random source for delivery orders. */
function rng(seedValue: number): () => number {
  let state = seedValue >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

/**
 * The pages of one delivery round to a hub whose vector is `vector`: what it lacks, cut into random pages, shuffled,
 * one page sometimes sent twice and one sometimes dropped (a later round resends it).
 */
function roundOfPages(ops: readonly OpRecord[], vector: Record<string, number>, random: () => number): OpRecord[][] {
  // Device by device in a random order (a member relays what it holds of each): children often come before their
  // parents from another device, so ops wait and are retried.
  const devices = [...new Set(ops.map((op) => op.deviceId))].sort(() => random() - 0.5);
  const missing = devices.flatMap((device) => ops.filter((op) => op.deviceId === device && op.seq > (vector[device] ?? 0)));
  const pages: OpRecord[][] = [];
  for (let i = 0; i < missing.length; ) {
    const size = 1 + Math.floor(random() * 12);
    pages.push(missing.slice(i, i + size));
    i += size;
  }
  for (let i = pages.length - 1; i > 0; i--) {
    if (random() < 0.3) {
      const j = Math.floor(random() * (i + 1));
      [pages[i], pages[j]] = [pages[j]!, pages[i]!];
    }
  }
  if (pages.length > 1 && random() < 0.3) pages.push(pages[Math.floor(random() * pages.length)]!);
  if (pages.length > 1 && random() < 0.3) pages.splice(Math.floor(random() * pages.length), 1);
  return pages;
}

/** Delivers every op in rounds of random pages; `apply` sees each page. Returns the number of rounds. */
async function deliver(ops: readonly OpRecord[], random: () => number, vectorOf: () => Promise<Record<string, number>>, apply: (page: OpRecord[]) => Promise<void>) {
  for (let round = 1; round <= 40; round++) {
    const pages = roundOfPages(ops, await vectorOf(), random);
    if (pages.length === 0) return round;
    for (const page of pages) await apply(page);
  }
  throw new Error('delivery did not finish in 40 rounds');
}

describe('random team streams', () => {
  const statusesSeen = new Set<string>();
  afterAll(() => {
    // The forged traffic was judged every way a hub judges an op.
    expect([...statusesSeen].sort()).toEqual(['applied', 'forbidden', 'future', 'revoked', 'waiting']);
    // Both ways were taken: runs of ops in one round trip, and ops that go one by one (people, names, parents' deletes).
    if (process.env.SYNC_VERBOSE) console.log('runs', pgApplyPaths);
    expect(pgApplyPaths.fast, JSON.stringify(pgApplyPaths)).toBeGreaterThan(0);
    expect(pgApplyPaths.exact, JSON.stringify(pgApplyPaths)).toBeGreaterThan(0);
  });

  for (const streamSeed of SEEDS) {
    it(`seed ${streamSeed}: both hubs agree page by page; another order through the exact path ends the same`, async () => {
      const history = await teamHistory(streamSeed);
      const { nowMs } = history;
      expect(history.ops.length).toBeGreaterThan(20);
      const ops = [...history.ops, ...forgedTraffic(history.ops, nowMs, rng(streamSeed + 5))];
      const pair = await freshPair();
      let page = 0;
      await deliver(ops, rng(streamSeed), async () => readVector(pair.sqlite), async (ops) => {
        const outcome = await applyBoth(pair, ops, nowMs, `page ${++page}: `);
        for (const entry of outcome.setAside) statusesSeen.add(entry.reason);
        if (outcome.applied > 0) statusesSeen.add('applied');
      });
      await expectSameState(pair);
      if (process.env.SYNC_VERBOSE) console.log(streamSeed, ops.length, 'ops in', page, 'pages', pair.sqlite.prepare('SELECT status, entity, count(*) AS n FROM sync_ops GROUP BY 1, 2').all());
      expect(readVector(pair.sqlite)).toEqual(Object.fromEntries([...new Set(ops.map((op) => op.deviceId))].map((d) => [d, Math.max(...ops.filter((op) => op.deviceId === d).map((op) => op.seq))])));

      // Another order, op by op with savepoints only (the path a page takes when the fast one meets a constraint).
      const other = await freshHub();
      await deliver(ops, rng(streamSeed * 31 + 1), () => pgVector(other), async (ops) => void (await pgApplyPage(other, ops, nowMs, true)));
      await expectSamePg(pair.pool, other, 'another order, exact path: ');

      // Pulling from the PostgreSQL hub gives what pulling from the SQLite hub gives, page for page.
      const client = await pair.pool.connect();
      try {
        const half = Object.fromEntries(Object.entries(readVector(pair.sqlite)).map(([device, seq]) => [device, Math.floor(seq / 2)]));
        for (const vector of [{}, half]) {
          const pulled: OpRecord[][] = [];
          for await (const pulledPage of pgOpsMissingFrom(client, vector, 37)) pulled.push(pulledPage);
          expect(pulled).toEqual([...opsMissingFrom(pair.sqlite, vector, 37)]);
        }
      } finally {
        client.release();
      }
    }, 240_000);
  }
});

// ----- Focused cases ------------------------------------------------------------------------------------------------

const DEVICE_A = 'aaaaaaaaaaaa0001';
const DEVICE_B = 'bbbbbbbbbbbb0002';

describe('focused cases', () => {
  let base: OpRecord[];
  let baseNow: number;

  beforeAll(async () => {
    base = [...opsMissingFrom(openSeedCopy(), {}, 1000)].flat();
    baseNow = seed.startedAt.getTime() + 2 * HOUR;
  });

  function openSeedCopy(): Database.Database {
    const member = startTeamMember(seed, 0, seed.startedAt);
    cleanup.push(member);
    return member.sqlite;
  }
  const cleanup: TeamMember[] = [];
  afterAll(() => cleanup.forEach((member) => member.close()));

  /** Ops of a made-up member device, stamped at `minute` after the seed's time. */
  function maker(deviceId: string) {
    let seq = 0;
    return (minute: number, entity: string, rowId: string, kind: OpRecord['kind'], fields: Record<string, unknown>, authorId: string | null = seed.people.admin): OpRecord => ({
      deviceId,
      seq: ++seq,
      hlc: formatHlc({ wallMs: seed.startedAt.getTime() + HOUR + minute * 60_000, counter: 0, deviceId }),
      entity,
      rowId,
      kind,
      fields,
      base: null,
      authorId,
      schemaVersion: 1,
    });
  }

  async function seededPair(): Promise<Pair> {
    const pair = await freshPair();
    await applyBoth(pair, base, baseNow, 'seed: ');
    return pair;
  }

  const firstId = (sqlite: Database.Database, table: string) => (sqlite.prepare(`SELECT id FROM ${table} ORDER BY id LIMIT 1`).get() as { id: string }).id;
  const row = (sqlite: Database.Database, table: string, id: string) => sqlite.prepare(`SELECT * FROM ${table} WHERE id = ?`).get(id) as Record<string, unknown>;

  it('a forbidden op, a revoked device and a future op are kept aside alike; the future one applies once its time comes', async () => {
    const pair = await seededPair();
    const a = maker(DEVICE_A);
    const b = maker(DEVICE_B);
    const ticketId = firstId(pair.sqlite, 'tickets');
    const forbidden = a(1, 'products', 'p-forbidden', 'insert', { sku: 'X-1', name: 'Prohibido', description: null, tracks_serial: 0, created_at: 'x', updated_at: 'x' }, seed.people.tec1);
    const join = a(2, 'team_members', DEVICE_B, 'insert', { slot: 40, name: 'B', public_key: 'k', invitation_id: null, revoked_at: null, revoked_by: null, created_at: 'x', updated_at: 'x' });
    const revoke = a(3, 'team_members', DEVICE_B, 'update', { revoked_at: new Date(seed.startedAt.getTime() + HOUR + 4 * 60_000).toISOString(), revoked_by: DEVICE_A });
    const fromRevoked = b(5, 'tickets', ticketId, 'update', { title: 'Después de revocar' });
    const future = { ...a(0, 'tickets', ticketId, 'update', { priority: 'critical' }), hlc: formatHlc({ wallMs: baseNow + 2 * 24 * HOUR, counter: 0, deviceId: DEVICE_A }) };
    const outcome = await applyBoth(pair, [forbidden, join, revoke, fromRevoked, future], baseNow);
    expect(outcome.setAside.map((entry) => entry.reason).sort()).toEqual(['forbidden', 'future', 'revoked']);
    await expectSameState(pair);
    const later = await applyBoth(pair, [], baseNow + 2 * 24 * HOUR);
    expect(later.applied).toBe(1);
    await expectSameState(pair, 'after the future came: ');
    expect(row(pair.sqlite, 'tickets', ticketId).priority).toBe('critical');
  });

  it('team ops without full access, resolutions without the inbox rights, aliases not from a join: forbidden on both', async () => {
    const pair = await seededPair();
    const cases = authorityCases(seed.startedAt.getTime() + HOUR);
    // One page, then the same ops one page each on a fresh pair (the op-by-op order of a slow member).
    const outcome = await applyBoth(pair, cases.map((c) => c.op), baseNow);
    expect(outcome.setAside).toEqual(cases.filter((c) => c.expected === 'forbidden').map((c) => ({ deviceId: AUTHORITY_DEVICE, seq: c.op.seq, reason: 'forbidden' })));
    await expectSameState(pair);
    const single = await seededPair();
    for (const { op } of cases) await applyBoth(single, [op], baseNow);
    await expectSamePg(pair.pool, single.pool, 'one op a page: ');
  });

  it('an op that waits for its parent applies when the parent arrives in a later page', async () => {
    const pair = await seededPair();
    const a = maker(DEVICE_A);
    const b = maker(DEVICE_B);
    const ticketId = firstId(pair.sqlite, 'tickets');
    const workOrder = a(1, 'work_orders', 'wo-late', 'insert', {
      code: 'OT-2026-990001', ticket_id: ticketId, technician_id: null, ot_type: 'repair', status: 'pending_planning',
      scheduled_date: null, started_at: null, completed_at: null, total_duration: null, notes: null, created_at: 'x', updated_at: 'x',
    });
    const item = b(2, 'work_order_items', 'item-early', 'insert', { work_order_id: 'wo-late', product_id: null, serial_number: 'SN-9', quantity: 1, consumed_at: 'x', created_at: 'x', updated_at: 'x' });
    const first = await applyBoth(pair, [item], baseNow);
    expect(first.setAside).toEqual([{ deviceId: DEVICE_B, seq: 1, reason: 'waiting' }]);
    await expectSameState(pair, 'waiting: ');
    const second = await applyBoth(pair, [workOrder], baseNow);
    expect(second.applied).toBe(2);
    await expectSameState(pair, 'parent arrived: ');
  });

  it('a mixed page goes the fast way on PostgreSQL and ends as on SQLite: revive, tombstone, bad JSON, missing parent or row', async () => {
    const pair = await seededPair();
    const a = maker(DEVICE_A);
    const ticketId = firstId(pair.sqlite, 'tickets');
    const eventId = firstId(pair.sqlite, 'ticket_timeline');
    const T = { created_at: 'x', updated_at: 'x' };
    const ops = [
      a(1, 'settings', 'companyPhone', 'insert', { value: '"+34 1"', ...T }),
      a(2, 'settings', 'companyName', 'insert', { value: '"Otra"', ...T }),
      a(3, 'ticket_timeline', 'ev-bad', 'insert', { ticket_id: ticketId, author_id: null, event_type: 'note', content: 'x', meta_data: 'no es JSON', ...T }),
      a(4, 'ticket_timeline', 'ev-child', 'insert', { ticket_id: 't-new', author_id: seed.people.admin, event_type: 'created', content: 'x', meta_data: null, ...T }),
      a(5, 'tickets', 't-new', 'insert', {
        code: 'TK-2026-990009', title: 'Nuevo', description: '', status: 'open', priority: 'low', category_id: null, customer_id: null,
        creator_id: seed.people.admin, assigned_to_id: null, resolution: null, closed_at: null, ...T,
      }),
      a(6, 'ticket_timeline', eventId, 'delete', {}),
      a(7, 'tickets', 't-missing', 'update', { title: 'Nadie' }),
      a(8, 'settings', 'companyPhone', 'delete', {}),
      a(9, 'settings', 'companyPhone', 'insert', { value: '"+34 2"', ...T }),
      a(10, 'tickets', ticketId, 'update', { title: 'Cambiado', priority: 'high' }),
    ];
    const before = { ...pgApplyPaths };
    const outcome = await applyBoth(pair, ops, baseNow);
    expect(outcome.setAside.map((entry) => [entry.seq, entry.reason])).toEqual([[3, 'waiting'], [4, 'waiting'], [7, 'waiting']]);
    expect(outcome.applied).toBe(8);
    // The page, then the held ops' retry, each in fast runs; nothing the database refused.
    expect(pgApplyPaths.fast).toBeGreaterThan(before.fast);
    expect(pgApplyPaths.exact).toBe(before.exact);
    expect(pgApplyPaths.fellBack).toBe(before.fellBack);
    await expectSameState(pair);
  });

  it('an op a CHECK refuses waits on both; on PostgreSQL its run falls back to op by op and the others still apply', async () => {
    const pair = await seededPair();
    const a = maker(DEVICE_A);
    const ticketId = firstId(pair.sqlite, 'tickets');
    const ops = [
      a(1, 'tickets', ticketId, 'update', { title: 'Antes' }),
      a(2, 'tickets', ticketId, 'update', { priority: 'urgentísima' }),
      a(3, 'ticket_timeline', 'ev-after', 'insert', { ticket_id: ticketId, author_id: seed.people.admin, event_type: 'note', content: 'Después', meta_data: '{"b":1,"a":[2]}', created_at: 'x', updated_at: 'x' }),
    ];
    const fellBack = pgApplyPaths.fellBack;
    const outcome = await applyBoth(pair, ops, baseNow);
    expect(outcome.setAside).toEqual([{ deviceId: DEVICE_A, seq: 2, reason: 'waiting' }]);
    expect(pgApplyPaths.fellBack).toBeGreaterThan(fellBack);
    await expectSameState(pair);
  });

  it('a name taken on two copies gets the same suffix; the OT status never goes back; a closed ticket keeps a resolution', async () => {
    const pair = await seededPair();
    const a = maker(DEVICE_A);
    const b = maker(DEVICE_B);
    const ticketId = firstId(pair.sqlite, 'tickets');
    const workOrderId = firstId(pair.sqlite, 'work_orders');
    const ops = [
      a(1, 'ticket_categories', 'cat-a', 'insert', { name: 'Redes', description: null, created_at: 'x', updated_at: 'x' }),
      b(2, 'ticket_categories', 'cat-b', 'insert', { name: 'REDES', description: null, created_at: 'x', updated_at: 'x' }),
      b(3, 'users', 'user-b', 'insert', { email: 'admin@example.com', username: 'otro', full_name: 'Otro', password_hash: 'h', is_active: 1, is_superuser: 0, role_id: null, created_at: 'x', updated_at: 'x' }),
      // Completed offline earlier, cancelled later elsewhere: completed stays.
      a(4, 'work_orders', workOrderId, 'update', { status: 'completed', completed_at: 'x' }),
      b(5, 'work_orders', workOrderId, 'update', { status: 'cancelled' }),
      // Closed on one copy, its resolution cleared on another: every copy writes the stand-in ''.
      a(6, 'tickets', ticketId, 'update', { status: 'closed', resolution: 'Hecho', closed_at: 'x' }),
      b(7, 'tickets', ticketId, 'update', { resolution: null }),
    ];
    await applyBoth(pair, ops.slice(0, 4), baseNow);
    await applyBoth(pair, ops.slice(4), baseNow);
    await expectSameState(pair);
    expect(row(pair.sqlite, 'ticket_categories', 'cat-b').name).toBe('REDES-at-b');
    expect(row(pair.sqlite, 'users', 'user-b').email).toBe('admin+er-b@example.com');
    expect(row(pair.sqlite, 'work_orders', workOrderId).status).toBe('completed');
    expect(row(pair.sqlite, 'tickets', ticketId).resolution).toBe('');
    // The other device's ops first, one page each, on a fresh pair: the same end.
    const reversed = await seededPair();
    for (const op of [...ops.filter((o) => o.deviceId === DEVICE_B), ...ops.filter((o) => o.deviceId === DEVICE_A)]) await applyBoth(reversed, [op], baseNow);
    await expectSameState(reversed, 'reversed: ');
    await expectSamePg(pair.pool, reversed.pool, 'orders: ');
  });

  it('the scheduling fields travel alike: a customer town, an OT estimate and the visit lengths setting (issue 16)', async () => {
    const pair = await seededPair();
    const a = maker(DEVICE_A);
    const customerId = firstId(pair.sqlite, 'customers');
    const workOrderId = firstId(pair.sqlite, 'work_orders');
    const minutes = { diagnosis: 45, repair: 90, install: 240, upgrade: 60, maintenance: 30 };
    await applyBoth(pair, [
      a(1, 'customers', customerId, 'update', { town: 'Sanlúcar de Barrameda' }),
      a(2, 'work_orders', workOrderId, 'update', { estimated_minutes: 75 }),
      a(3, 'settings', 'workOrderDefaultMinutes', 'insert', { value: JSON.stringify(minutes), created_at: 'x', updated_at: 'x' }),
    ], baseNow);
    await expectSameState(pair);
    expect(row(pair.sqlite, 'customers', customerId).town).toBe('Sanlúcar de Barrameda');
    expect(row(pair.sqlite, 'work_orders', workOrderId).estimated_minutes).toBe(75);
    const { rows } = await pair.pool.query<{ town: string; estimated_minutes: number }>(
      'SELECT (SELECT town FROM customers WHERE id = $1) AS town, (SELECT estimated_minutes FROM work_orders WHERE id = $2) AS estimated_minutes',
      [customerId, workOrderId],
    );
    expect(rows[0]).toEqual({ town: 'Sanlúcar de Barrameda', estimated_minutes: 75 });
  });

  it('the field capture travels alike: work done, a free-text part of 1.5 kg taken out, a checklist answer, a signature, a photo row (issue 15)', async () => {
    const pair = await seededPair();
    const a = maker(DEVICE_A);
    const workOrderId = firstId(pair.sqlite, 'work_orders');
    const ticketId = row(pair.sqlite, 'work_orders', workOrderId).ticket_id as string;
    const stamp = { created_at: 'x', updated_at: 'x' };
    await applyBoth(pair, [
      a(1, 'work_orders', workOrderId, 'update', { work_done: 'Cambio de compresor y carga de gas', duration_reason: 'Dos visitas' }),
      a(2, 'work_order_items', 'item-gas', 'insert', {
        work_order_id: workOrderId, product_id: null, serial_number: 'CMP-OLD-77', quantity: 1.5, consumed_at: 'x', description: 'Gas R-32', direction: 'removed', unit: 'kg', ...stamp,
      }),
      a(3, 'work_order_checklist_answers', `${workOrderId}:pressure`, 'insert', {
        work_order_id: workOrderId, item_key: 'pressure', label: 'Presión', kind: 'number', unit: 'bar', required: 1, value: '2.5', note: null, answered_by: null, ...stamp,
      }),
      a(4, 'work_order_signatures', 'sig-1', 'insert', {
        work_order_id: workOrderId, role: 'customer', signer_name: 'Rosa Pérez', signer_id_number: '12345678Z', strokes: '[[[0,0],[300,120]]]', image_png: 'iVBORw0KGgo=', content_hash: 'ab'.repeat(32), signed_by: null, signed_at: 'x', ...stamp,
      }),
      a(5, 'attachments', 'att-1', 'insert', {
        ticket_id: ticketId, work_order_id: workOrderId, sha256: 'cd'.repeat(32), mime: 'image/jpeg', size_bytes: 123456, width: 1600, height: 1200, file_name: 'cuadro.jpg', created_by: null, ...stamp,
      }),
    ], baseNow);
    await expectSameState(pair);
    expect(row(pair.sqlite, 'work_order_items', 'item-gas')).toMatchObject({ quantity: 1.5, unit: 'kg', direction: 'removed', description: 'Gas R-32' });
    const { rows } = await pair.pool.query<{ quantity: number; required: boolean; signer: string; size: number }>(
      `SELECT (SELECT quantity FROM work_order_items WHERE id = 'item-gas') AS quantity,
              (SELECT required FROM work_order_checklist_answers WHERE work_order_id = $1) AS required,
              (SELECT signer_name FROM work_order_signatures WHERE id = 'sig-1') AS signer,
              (SELECT size_bytes FROM attachments WHERE id = 'att-1') AS size`,
      [workOrderId],
    );
    expect(rows[0]).toEqual({ quantity: 1.5, required: true, signer: 'Rosa Pérez', size: 123456 });
  });

  it('two hub processes applying overlapping pages at once apply each op once', async () => {
    const pool = await freshHub();
    await pgApplyPage(pool, base, baseNow);
    const a = maker(DEVICE_A);
    const ops = Array.from({ length: 60 }, (_, i) =>
      a(i + 1, 'ticket_categories', `cat-${i}`, 'insert', { name: `Categoría ${i}`, description: null, created_at: 'x', updated_at: 'x' }),
    );
    // Whichever takes the lock first applies its page; the other then finds those ops held and applies the rest.
    const [first, second] = await Promise.all([pgApplyPage(pool, ops.slice(0, 40), baseNow), pgApplyPage(pool, ops, baseNow)]);
    expect(first.applied + second.applied).toBe(60);
    expect(first.duplicates + second.duplicates).toBe(40);
    const count = await pool.query<{ n: number }>("SELECT count(*)::int AS n FROM sync_ops WHERE device_id = $1", [DEVICE_A]);
    expect(count.rows[0]?.n).toBe(60);
  });

  it('the hub writes an op of its own that a laptop then applies the same way', async () => {
    const pair = await seededPair();
    const client = await pair.pool.connect();
    let own: OpRecord;
    try {
      await client.query('BEGIN');
      own = await pgRecordOwnOp(
        client,
        { deviceId: DEVICE_A, entity: 'team_invitations', rowId: 'inv-1', kind: 'insert', fields: { slot: 41, expires_at: 'x', created_by: seed.people.admin, created_at: 'x', updated_at: 'x' }, authorId: seed.people.admin },
        baseNow,
      );
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    expect(sqliteApplyPage(pair.sqlite, [own], baseNow).applied).toBe(1);
    await expectSameState(pair);
  });
});
