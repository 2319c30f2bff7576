// What the central hub refuses, the same way the LAN hub does: a wrong or used code, a device of another team, a
// revoked device (its round refused, nothing written); and at start, a database it must not touch.
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { pairWithHub, syncRound } from '../../electron/services/sync/net/hubClient';
import { openPgHubStore } from '../../electron/services/sync/pg/pgHubStore';
import { initPgHub, openHubDatabase } from '../../electron/services/sync/pg/pgHubSetup';
import { ADMIN } from '../support/backend';
import { adminContext, servicesOf } from './net.helpers';
import { sqliteOf } from './team.helpers';
import { pgHubSuite, type PgHub } from './pg-hub.helpers';

const { world, pgWorld, cluster } = pgHubSuite();

const reasonOf = (error: unknown): unknown => (error as { details?: { reason?: unknown } }).details?.reason;

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return reasonOf(error);
  }
  throw new Error('expected a refusal');
}

/** What the hub holds: nothing written means all of it unchanged. */
async function stateOf(central: PgHub) {
  return {
    ops: await central.value<number>('SELECT count(*)::int FROM sync_ops'),
    links: await central.value<number>('SELECT count(*)::int FROM sync_links'),
    members: await central.value<number>('SELECT count(*)::int FROM team_members'),
    invitations: await central.value<number>('SELECT count(*)::int FROM team_invitations'),
  };
}

/** Tables and rows of a database, to show a refused start left it untouched. */
async function fingerprintOf(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await client.query<{ name: string }>("SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename");
    const parts: string[] = [];
    for (const { name } of tables.rows) parts.push(`${name}:${(await client.query(`SELECT count(*)::int AS n FROM "${name}"`)).rows[0].n}`);
    return parts.join(',');
  } finally {
    await client.end();
  }
}

async function exec(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

describe('the central hub refuses as the LAN hub does', () => {
  it('a wrong code, a used one, and a device of another team; nothing is written', async () => {
    const central = await pgWorld.hub();
    const stranger = await world.app({ setup: false });
    const before = await stateOf(central);
    expect(await rejection(pairWithHub(adminContext(stranger), { url: central.hub.url, code: 'ABCD-2345' }))).toBe('bad_code');
    expect(await rejection(pairWithHub(adminContext(stranger), { url: central.hub.url, code: 'not a code' }))).toBe('bad_code');

    const code = await central.code();
    const first = await world.app({ setup: false });
    await pairWithHub(adminContext(first), { url: central.hub.url, code });
    const afterFirst = await stateOf(central);
    expect(await rejection(pairWithHub(adminContext(stranger), { url: central.hub.url, code }))).toBe('bad_code');

    // A laptop of its own team: the hub links only devices of the hub's team.
    const foreign = await world.app();
    await foreign.admin.call('team.create', { name: 'Otro equipo', deviceName: 'Ajeno' });
    expect(await rejection(pairWithHub(adminContext(foreign), { url: central.hub.url, code: await central.code() }))).toBe('foreign_team');
    expect(await stateOf(central)).toEqual(afterFirst);
    expect(afterFirst.members).toBe(before.members + 1);
  });

  it('a revoked device: its round is refused and what it sends is not taken', async () => {
    const central = await pgWorld.hub();
    const admin = await world.app({ setup: false });
    await pairWithHub(adminContext(admin), { url: central.hub.url, code: await central.code() });
    await admin.admin.call('auth.login', { login: ADMIN.username, password: ADMIN.password });
    const member = await world.app({ setup: false });
    await pairWithHub(adminContext(member), { url: central.hub.url, code: await central.code() });
    await member.admin.call('auth.login', { login: ADMIN.username, password: ADMIN.password });
    const deviceId = (sqliteOf(member).prepare('SELECT device_id FROM sync_local').get() as { device_id: string }).device_id;

    await syncRound(servicesOf(admin));
    await admin.admin.call('team.revoke', { deviceId });
    await syncRound(servicesOf(admin));
    expect(await central.value('SELECT revoked_at IS NOT NULL FROM team_members WHERE device_id = $1', [deviceId])).toBe(true);

    await member.admin.call('customers.create', { name: 'Cliente tardío' });
    const before = await stateOf(central);
    expect(await rejection(syncRound(servicesOf(member)))).toBe('revoked');
    expect(await rejection(pairWithHub(adminContext(member), { url: central.hub.url, code: await central.code() }))).toBe('revoked');
    expect(await stateOf(central)).toEqual(before);
    expect(await central.value("SELECT count(*)::int FROM customers WHERE name = 'Cliente tardío'")).toBe(0);
  });
});

describe('the central hub greets a member', () => {
  it('a hello answers the hub device, its name and the vector of the log; a revoked hub device answers none', async () => {
    const central = await pgWorld.hub();
    const hello = await central.store.hello();
    expect(hello.deviceId).toBe(central.team.deviceId);
    expect(hello.name).toBe(await central.value('SELECT device_name FROM hub_identity WHERE id = 1'));
    // The log's own reading of the vector (one row per device), folded the same way.
    const { rows } = await central.pool.query<{ device_id: string; seq: number }>('SELECT device_id, max(seq)::int AS seq FROM sync_ops GROUP BY device_id');
    expect(Object.keys(hello.vector).length).toBeGreaterThan(0);
    expect(hello.vector).toEqual(Object.fromEntries(rows.map((row) => [row.device_id, row.seq])));

    await central.pool.query('UPDATE team_members SET revoked_at = $1 WHERE device_id = $2', [new Date().toISOString(), central.team.deviceId]);
    expect(await rejection(central.store.hello())).toBe('device_revoked');
  });
});

describe('the central hub at start', () => {
  it('refuses a database of another program, a newer schema and another team, untouched', async () => {
    const other = await cluster().createDatabase();
    await exec(other, 'CREATE TABLE invoices (id integer PRIMARY KEY); INSERT INTO invoices VALUES (1)');
    const otherBefore = await fingerprintOf(other);
    expect(await rejection(openHubDatabase(other))).toBe('not_emerald_database');
    expect(await fingerprintOf(other)).toBe(otherBefore);

    const central = await pgWorld.hub();
    expect(await rejection(openHubDatabase(central.url, { teamId: 'another-team' }))).toBe('foreign_team');
    expect(await rejection(initPgHub(central.pool, { teamName: 'Otra', deviceName: 'Hub', admin: { ...ADMIN } }))).toBe('already_in_team');

    const newer = await cluster().createDatabase();
    await (await openHubDatabase(newer)).end();
    await exec(newer, "INSERT INTO emerald_schema_migrations (version, name) VALUES (99, '0099_future')");
    const newerBefore = await fingerprintOf(newer);
    expect(await rejection(openHubDatabase(newer))).toBe('newer_schema');
    expect(await fingerprintOf(newer)).toBe(newerBefore);
  });

  it('a database with no team yet is not served: init first', async () => {
    const pool = await openHubDatabase(await cluster().createDatabase());
    try {
      expect(await rejection(openPgHubStore({ pool }))).toBe('not_in_team');
    } finally {
      await pool.end();
    }
  });
});
