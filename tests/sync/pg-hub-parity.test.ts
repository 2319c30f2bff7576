// Parity through the network: one team with two hubs at once, the central hub on PostgreSQL and a laptop serving as
// LAN hub (SQLite). A seeded random script of edits on two laptops, synced now with one hub, now with the other;
// at the end every member has the same digest and PostgreSQL's materialized rows equal the SQLite hub's, table by
// table. Normalised only where PostgreSQL types differ: booleans (0/1 on SQLite) and jsonb (JSON text on SQLite).
import type Database from 'better-sqlite3';
import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { REPLICATED_ENTITIES } from '../../electron/services/sync/entities';
import { pairWithHub, syncRound } from '../../electron/services/sync/net/hubClient';
import { pgReadDirectory } from '../../electron/services/sync/pg/pgHubPairing';
import { readDirectory } from '../../electron/services/sync/teamInvitation';
import { ADMIN, type TestApp } from '../support/backend';
import { adminContext, digestOf, makeCode, servicesOf } from './net.helpers';
import { sqliteOf } from './team.helpers';
import { pgHubSuite } from './pg-hub.helpers';

const { world, pgWorld } = pgHubSuite();

/** mulberry32: the same script for the same seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const canonical = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.keys(value).sort().map((key) => [key, canonical((value as Record<string, unknown>)[key])]));
  return value;
};

/** A cell as both databases can say it: booleans as 0/1, JSON as its parsed, key-sorted value. */
function cell(value: unknown, json: boolean): unknown {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (json && typeof value === 'string') return JSON.stringify(canonical(JSON.parse(value)));
  if (json && value !== null) return JSON.stringify(canonical(value));
  return value;
}

const JSON_CELLS: Record<string, readonly string[]> = { roles: ['permissions'], ticket_timeline: ['meta_data'], settings: ['value'] };

async function expectSameRows(sqlite: Database.Database, pool: pg.Pool): Promise<void> {
  for (const entity of REPLICATED_ENTITIES) {
    const columns = [entity.key, ...entity.columns];
    const list = columns.map((column) => `"${column}"`).join(', ');
    const normalise = (row: Record<string, unknown>) => columns.map((column) => cell(row[column], JSON_CELLS[entity.table]?.includes(column) ?? false));
    const onHub = (await pool.query(`SELECT ${list} FROM "${entity.table}" ORDER BY "${entity.key}" COLLATE "C"`)).rows.map(normalise);
    let onLaptop = (sqlite.prepare(`SELECT ${list} FROM "${entity.table}" ORDER BY "${entity.key}"`).all() as Record<string, unknown>[]).map(normalise);
    // Settings rows every copy is born with never travel as ops: the hub holds the ones members changed.
    if (entity.onlyRows) onLaptop = onLaptop.filter((row) => onHub.some((hubRow) => hubRow[0] === row[0]));
    expect(onHub, entity.table).toEqual(onLaptop);
  }
}

async function versionOf(app: TestApp, channel: 'customers.get' | 'tickets.get', id: string): Promise<{ version?: number }> {
  const row = (await app.admin.call(channel, { id })) as { version?: number };
  return row.version === undefined ? {} : { version: row.version };
}

const idsOf = (app: TestApp, table: 'customers' | 'tickets'): string[] => (sqliteOf(app).prepare(`SELECT id FROM ${table} ORDER BY id`).all() as { id: string }[]).map((row) => row.id);

async function scenario(seed: number): Promise<void> {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const central = await pgWorld.hub();
  const office = await world.app({ setup: false });
  const field = await world.app({ setup: false });
  await pairWithHub(adminContext(office), { url: central.hub.url, code: await central.code(), deviceName: 'Oficina' });
  await pairWithHub(adminContext(field), { url: central.hub.url, code: await central.code(), deviceName: 'Campo' });
  for (const app of [office, field]) await app.admin.call('auth.login', { login: ADMIN.username, password: ADMIN.password });
  // The office laptop is a LAN hub too; the field laptop links with it (already in the team: link only).
  const lan = await world.startHub(office);
  await pairWithHub(adminContext(field), { url: lan.url, code: await makeCode(office) });
  const centralId = central.team.deviceId;
  const officeId = (sqliteOf(office).prepare('SELECT device_id FROM sync_local').get() as { device_id: string }).device_id;

  for (let step = 0; step < 24; step++) {
    const app = pick([office, field]);
    const customers = idsOf(app, 'customers');
    const tickets = idsOf(app, 'tickets');
    const action = pick(['customer', 'customer', 'rename', 'ticket', 'retitle', 'sync', 'sync']);
    if (action === 'customer' || customers.length === 0) {
      await app.admin.call('customers.create', { name: `Cliente ${seed}-${step}` });
    } else if (action === 'rename') {
      const id = pick(customers);
      await app.admin.call('customers.update', { id, name: `Renombrado ${step}`, ...(await versionOf(app, 'customers.get', id)) } as never);
    } else if (action === 'ticket' || tickets.length === 0) {
      await app.admin.call('tickets.create', { title: `Aviso ${seed}-${step}`, description: 'Revisar', customerId: pick(customers), priority: pick(['low', 'high']) } as never);
    } else if (action === 'retitle') {
      const id = pick(tickets);
      await app.admin.call('tickets.update', { id, title: `Título ${step}`, priority: pick(['medium', 'critical']), ...(await versionOf(app, 'tickets.get', id)) } as never);
    } else {
      await syncRound(servicesOf(app), app === field && next() < 0.5 ? officeId : centralId);
    }
  }
  // Quiet: everyone meets both hubs until nothing moves.
  for (let pass = 0; pass < 3; pass++) {
    await syncRound(servicesOf(office), centralId);
    await syncRound(servicesOf(field), centralId);
    await syncRound(servicesOf(field), officeId);
  }
  expect(digestOf(office)).toBe(digestOf(field));
  expect(await central.value("SELECT count(*)::int FROM sync_ops WHERE status <> 'applied'")).toBe(0);
  await expectSameRows(sqliteOf(office), central.pool);
  // What a newcomer's invitation lists, from either hub (settings aside: the hub holds only the ones members changed).
  const client = await central.pool.connect();
  try {
    const { settings: _hubSettings, ...onHub } = await pgReadDirectory(client);
    const { settings: _laptopSettings, ...onLaptop } = readDirectory(sqliteOf(office));
    expect(onHub).toEqual(onLaptop);
  } finally {
    client.release();
  }
}

describe('a SQLite hub and a PostgreSQL hub serving one team', () => {
  it.each([1, 2])('end with the same digests and the same rows (seed %i)', async (seed) => {
    await scenario(seed);
  });
});
