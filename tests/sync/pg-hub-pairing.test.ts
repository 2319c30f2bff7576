// Laptops and a central hub on PostgreSQL: pairing, pushing and pulling, a second laptop receiving the first one's
// changes. Real PostgreSQL (tests/support/postgres.ts), real TLS on 127.0.0.1, real SQLite files on the laptops.
import { describe, expect, it } from 'vitest';
import { readVector } from '../../electron/services/sync/apply';
import { pairWithHub, syncRound } from '../../electron/services/sync/net/hubClient';
import { hubLink } from '../../electron/services/sync/net/links';
import { ADMIN } from '../support/backend';
import { adminContext, digestOf, servicesOf } from './net.helpers';
import { count, sqliteOf } from './team.helpers';
import { pgHubSuite } from './pg-hub.helpers';

const { world, pgWorld } = pgHubSuite();

describe('a central hub on PostgreSQL', () => {
  it('pairs a laptop, takes its changes, and hands them to a second laptop; both converge', async () => {
    const central = await pgWorld.hub();
    const first = await world.app({ setup: false });
    const paired = await pairWithHub(adminContext(first), { url: central.hub.url, code: await central.code(), deviceName: 'Portátil de Tomás' });
    expect(paired).toMatchObject({ joined: true, fingerprint: central.hub.fingerprint, hubName: 'Hub central', roundError: null, round: { inStep: true } });
    expect(hubLink(sqliteOf(first))).toMatchObject({ url: central.hub.url, peerName: 'Hub central', lastError: null });
    // The code is used up and turned into one invitation, written as a replicated op of the hub device.
    expect(await central.value('SELECT count(*)::int FROM sync_pairing_codes WHERE used_at IS NOT NULL AND invitation_id IS NOT NULL')).toBe(1);
    expect(await central.value('SELECT count(*)::int FROM team_invitations')).toBe(1);
    expect(await central.value('SELECT count(*)::int FROM team_members')).toBe(2);
    // The invitation keeps the name the newcomer gave, on the hub and on the laptop.
    expect(await central.value('SELECT member_name FROM team_invitations')).toBe('Portátil de Tomás');
    expect(sqliteOf(first).prepare('SELECT member_name FROM team_invitations').all()).toEqual([{ member_name: 'Portátil de Tomás' }]);

    // The team's admin (made by init) signs in on the laptop: the password travelled.
    await first.admin.call('auth.login', { login: ADMIN.username, password: ADMIN.password });
    const customer = await first.admin.call('customers.create', { name: 'Talleres Gómez' });
    await first.admin.call('tickets.create', { title: 'Impresora', description: 'No imprime', customerId: customer.id });
    const pushed = await syncRound(servicesOf(first));
    expect(pushed).toMatchObject({ inStep: true });
    expect(pushed.sent).toBeGreaterThan(0);
    expect(await central.value('SELECT count(*)::int FROM tickets')).toBe(1);
    expect(await central.value("SELECT title FROM tickets WHERE customer_id = $1", [customer.id])).toBe('Impresora');

    const second = await world.app({ setup: false });
    await pairWithHub(adminContext(second), { url: central.hub.url, code: await central.code(), deviceName: 'Portátil de Ana' });
    expect(count(sqliteOf(second), 'SELECT count(*) AS n FROM tickets')).toBe(1);
    await second.admin.call('auth.login', { login: ADMIN.username, password: ADMIN.password });
    await second.admin.call('tickets.create', { title: 'Router', description: 'Sin conexión', customerId: customer.id });
    await syncRound(servicesOf(second));
    const back = await syncRound(servicesOf(first));
    expect(back.received).toBeGreaterThan(0);

    expect(digestOf(first)).toBe(digestOf(second));
    expect(readVector(sqliteOf(first))).toEqual(readVector(sqliteOf(second)));
    expect(await central.value('SELECT count(*)::int FROM tickets')).toBe(2);
    expect(await central.value('SELECT count(*)::int FROM team_members')).toBe(3);
    expect(await central.value("SELECT count(*)::int FROM sync_ops WHERE status <> 'applied'")).toBe(0);
  });

  it('links a laptop already in the team without inviting it again', async () => {
    const central = await pgWorld.hub();
    const laptop = await world.app({ setup: false });
    await pairWithHub(adminContext(laptop), { url: central.hub.url, code: await central.code() });
    await laptop.admin.call('auth.login', { login: ADMIN.username, password: ADMIN.password });
    const again = await pairWithHub(adminContext(laptop), { url: central.hub.url, code: await central.code() });
    expect(again).toMatchObject({ joined: false, roundError: null });
    expect(await central.value('SELECT count(*)::int FROM team_invitations')).toBe(1);
    expect(await central.value('SELECT count(*)::int FROM sync_links')).toBe(1);
  });
});
