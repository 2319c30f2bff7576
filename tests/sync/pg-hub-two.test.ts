// Two hub processes on one PostgreSQL database (each its own pool, key cache and port): laptops pair with either,
// push at the same moment through both, and every op is applied once; the members converge.
import { describe, expect, it } from 'vitest';
import { readVector } from '../../electron/services/sync/apply';
import { pairWithHub, syncRound } from '../../electron/services/sync/net/hubClient';
import { ADMIN, type TestApp } from '../support/backend';
import { adminContext, digestOf, servicesOf } from './net.helpers';
import { sqliteOf } from './team.helpers';
import { pgHubSuite } from './pg-hub.helpers';

const { world, pgWorld } = pgHubSuite();

async function customers(app: TestApp, prefix: string, n: number): Promise<void> {
  for (let i = 0; i < n; i++) await app.admin.call('customers.create', { name: `${prefix} ${i}` });
}

describe('two hub processes on one database', () => {
  it('pair on either, push through both at once: each op applied once, members converge', async () => {
    const one = await pgWorld.hub();
    const two = await pgWorld.sameDatabase(one);
    expect(two.hub.fingerprint).toBe(one.hub.fingerprint);
    // Each hub listens for the other's notices (a revocation, a new code) on a connection of its own.
    expect(await one.value("SELECT count(*)::int FROM pg_stat_activity WHERE application_name = 'emerald-hub-notices' AND datname = current_database()")).toBe(2);

    // Newcomers pairing on both hubs at once get distinct slots (invitations are numbered one at a time).
    const a = await world.app({ setup: false });
    const b = await world.app({ setup: false });
    const [codeA, codeB] = [await one.code(), await two.code()];
    await Promise.all([pairWithHub(adminContext(a), { url: one.hub.url, code: codeA }), pairWithHub(adminContext(b), { url: two.hub.url, code: codeB })]);
    expect(await one.value('SELECT count(DISTINCT slot)::int FROM team_members')).toBe(3);
    for (const app of [a, b]) await app.admin.call('auth.login', { login: ADMIN.username, password: ADMIN.password });

    await customers(a, 'Cliente A', 30);
    await customers(b, 'Cliente B', 30);
    await Promise.all([syncRound(servicesOf(a)), syncRound(servicesOf(b))]);
    await syncRound(servicesOf(a));
    await syncRound(servicesOf(b));

    expect(digestOf(a)).toBe(digestOf(b));
    expect(readVector(sqliteOf(a))).toEqual(readVector(sqliteOf(b)));
    expect(await one.value("SELECT count(*)::int FROM customers WHERE name LIKE 'Cliente %'")).toBe(60);
    // One row per op: nothing stored twice, nothing held.
    expect(await one.value('SELECT count(*)::int FROM (SELECT device_id, seq FROM sync_ops GROUP BY 1, 2 HAVING count(*) > 1) d')).toBe(0);
    expect(await one.value("SELECT count(*)::int FROM sync_ops WHERE status <> 'applied'")).toBe(0);
  });
});
