// A team that grew on a LAN hub moves to PostgreSQL: the founder makes an invitation for the hub and exports its
// whole log; `adopt` replays it into an empty database and the hub joins as a member. The laptops then pair with the
// central hub (link only) and stay in step through it. Newcomers are still invited by the founder.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { exportBundle } from '../../electron/services/sync/bundle-export';
import { pairWithHub, syncRound } from '../../electron/services/sync/net/hubClient';
import { startHub } from '../../electron/services/sync/net/hubServer';
import { adoptPgHub } from '../../electron/services/sync/pg/pgHubAdopt';
import { openPgHubStore } from '../../electron/services/sync/pg/pgHubStore';
import { openHubDatabase } from '../../electron/services/sync/pg/pgHubSetup';
import { pgActingAdmin, pgMakePairingCode } from '../../electron/services/sync/pg/pgPairingCodes';
import { ADMIN } from '../support/backend';
import { startPostgres, type TestPostgres } from '../support/postgres';
import { adminContext, digestOf, makeCode, netWorld, servicesOf } from './net.helpers';
import { sqliteOf } from './team.helpers';

const files = mkdtempSync(path.join(tmpdir(), 'emerald-adopt-'));
let cluster: TestPostgres;
beforeAll(async () => {
  cluster = await startPostgres();
});
afterAll(async () => {
  await cluster?.stop();
  rmSync(files, { recursive: true, force: true });
});

const world = netWorld();
afterEach(() => world.close());

const reasonOf = async (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => 'no refusal',
    (error: unknown) => (error as { details?: { reason?: unknown } }).details?.reason,
  );

describe('adopting a team into PostgreSQL', () => {
  it('replays the founder\'s log; the laptops link with the central hub and stay in step', async () => {
    const { app: founder } = await world.hubApp();
    const lan = world.hubs[0]!;
    const customer = await founder.admin.call('customers.create', { name: 'Talleres Gómez' });
    await founder.admin.call('tickets.create', { title: 'Impresora', description: 'No imprime', customerId: customer.id });
    const member = await world.app({ setup: false });
    await pairWithHub(adminContext(member), { url: lan.url, code: await makeCode(founder) });
    await member.admin.call('auth.login', { login: ADMIN.username, password: ADMIN.password });
    await member.admin.call('tickets.create', { title: 'Aire', description: 'Gotea', customerId: customer.id });
    await syncRound(servicesOf(member));

    const invite = path.join(files, 'hub.eminvite');
    writeFileSync(invite, (await founder.admin.call('team.invite', { memberName: 'Hub central' })).bytes);
    const bundle = path.join(files, 'founder.emsync');
    await exportBundle(servicesOf(founder), { out: bundle, full: true });

    const url = await cluster.createDatabase();
    const pool = await openHubDatabase(url);
    const adopted = await adoptPgHub(pool, { inviteFile: invite, bundleFile: bundle, deviceName: 'Hub central' });
    expect(await reasonOf(adoptPgHub(pool, { inviteFile: invite, bundleFile: bundle, deviceName: 'Otra vez' }))).toBe('already_in_team');
    const store = await openPgHubStore({ pool });
    const hub = await startHub({ store, listen: { host: '127.0.0.1', port: 0 }, mdns: false });
    try {
      expect(hub.fingerprint).toBe(adopted.fingerprint);
      const admin = await pgActingAdmin(pool, undefined);
      const code = async () => {
        const made = await pgMakePairingCode(pool, admin.id, new Date());
        await store.refreshKeys();
        return made.code;
      };
      for (const laptop of [founder, member]) {
        const linked = await pairWithHub(adminContext(laptop), { url: hub.url, code: await code() });
        expect(linked).toMatchObject({ joined: false, roundError: null, round: { inStep: true } });
      }
      await member.admin.call('tickets.create', { title: 'Router', description: 'Sin conexión', customerId: customer.id });
      await syncRound(servicesOf(member), adopted.deviceId);
      await syncRound(servicesOf(founder), adopted.deviceId);
      expect(digestOf(founder)).toBe(digestOf(member));
      expect((await pool.query('SELECT count(*)::int AS n FROM tickets')).rows[0].n).toBe(3);
      expect((await pool.query('SELECT count(*)::int AS n FROM team_members')).rows[0].n).toBe(3);
      expect((await pool.query("SELECT count(*)::int AS n FROM sync_ops WHERE status <> 'applied'")).rows[0].n).toBe(0);
      expect(sqliteOf(founder).prepare('SELECT name FROM team_members WHERE device_id = ?').get(adopted.deviceId)).toEqual({ name: 'Hub central' });

      // Only the founder numbers slots: a newcomer gets its invitation there, not from the adopted hub.
      const newcomer = await world.app({ setup: false });
      expect(await reasonOf(pairWithHub(adminContext(newcomer), { url: hub.url, code: await code() }))).toBe('invite_from_founder');
    } finally {
      await hub.close();
      await store.close();
      await pool.end();
    }
  });
});
