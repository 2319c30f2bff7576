// Pairing over the network and sync rounds with the hub: in-process hubs on 127.0.0.1, real files, real TLS.
import { afterEach, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../electron/contract';
import { readVector } from '../../electron/services/sync/apply';
import { pairWithHub, syncRound } from '../../electron/services/sync/net/hubClient';
import { hubLink, listLinks, ownFingerprint } from '../../electron/services/sync/net/links';
import { ADMIN } from '../support/backend';
import { count, sqliteOf } from './team.helpers';
import { adminContext, digestOf, makeCode, netWorld, servicesOf } from './net.helpers';

const world = netWorld();
afterEach(() => world.close());

describe('pairing with a hub', () => {
  it('joins an empty copy through a code, loads the snapshot and converges; later changes flow both ways', async () => {
    const { app: hubApp, hub } = await world.hubApp();
    const customer = await hubApp.admin.call('customers.create', { name: 'Talleres Gómez' });
    await hubApp.admin.call('tickets.create', { title: 'Impresora', description: 'No imprime', customerId: customer.id });
    const member = await world.app({ setup: false });
    const code = await makeCode(hubApp);

    const outcome = await pairWithHub(adminContext(member), { url: hub.url, code, deviceName: 'Portátil de Tomás' });
    expect(outcome).toMatchObject({ joined: true, fingerprint: hub.fingerprint, roundError: null, round: { inStep: true } });
    expect(outcome.fingerprint).toBe(ownFingerprint(sqliteOf(hubApp)));
    expect(outcome.fingerprint).toMatch(/^([0-9A-F]{4} ){15}[0-9A-F]{4}$/);
    expect(digestOf(member)).toBe(digestOf(hubApp));
    expect(hubLink(sqliteOf(member))).toMatchObject({ url: hub.url, peerName: 'Oficina', lastError: null });
    expect(listLinks(sqliteOf(hubApp))).toEqual([expect.objectContaining({ peerName: 'Portátil de Tomás', url: null })]);
    // The code is used up; the hub made one invitation for it.
    expect(count(sqliteOf(hubApp), 'SELECT count(*) AS n FROM sync_pairing_codes WHERE used_at IS NOT NULL AND invitation_id IS NOT NULL')).toBe(1);

    // The team's admin signs in on the member (its password travelled) and writes there.
    await member.admin.call('auth.login', { login: ADMIN.username, password: ADMIN.password });
    await member.admin.call('tickets.create', { title: 'Aire', description: 'Gotea', customerId: customer.id });
    await hubApp.admin.call('tickets.create', { title: 'Router', description: 'Sin conexión', customerId: customer.id });
    const seen: DomainEvent[] = [];
    member.backend.events.on((event) => seen.push(event));
    const round = await syncRound(servicesOf(member));
    expect(round).toMatchObject({ inStep: true });
    expect(round.sent).toBeGreaterThan(0);
    expect(round.received).toBeGreaterThan(0);
    expect(digestOf(member)).toBe(digestOf(hubApp));
    expect(readVector(sqliteOf(member))).toEqual(readVector(sqliteOf(hubApp)));
    expect(seen.some((event) => event.entity === 'ticket')).toBe(true);
    expect(count(sqliteOf(member), 'SELECT count(*) AS n FROM tickets')).toBe(3);
  });

  it('links a copy that is already in the team without joining again', async () => {
    const { app: hubApp, hub } = await world.hubApp();
    const member = await world.app({ setup: false });
    await pairWithHub(adminContext(member), { url: hub.url, code: await makeCode(hubApp) });
    // A second hub (another member) links with the first member: link only.
    const other = await world.app({ setup: false });
    await pairWithHub(adminContext(other), { url: hub.url, code: await makeCode(hubApp) });
    const otherHub = await world.startHub(other);
    // `other` started from a snapshot: it cannot relay the hub's ops under its floor, so the member hears them first.
    await syncRound(servicesOf(member));
    const again = await pairWithHub(adminContext(member), { url: otherHub.url, code: await makeCode(other) });
    expect(again).toMatchObject({ joined: false, round: { inStep: true } });
    expect(listLinks(sqliteOf(member))).toHaveLength(2);
    expect(digestOf(member)).toBe(digestOf(other));
  });
});
