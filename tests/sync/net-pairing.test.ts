// Pairing over the network and sync rounds with the hub: in-process hubs on 127.0.0.1, real files, real TLS.
import { afterEach, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../electron/contract';
import { readVector } from '../../electron/services/sync/apply';
import { pairWithHub, syncRound, waitForHubChange } from '../../electron/services/sync/net/hubClient';
import { hubLink, listLinks, ownFingerprint } from '../../electron/services/sync/net/links';
import { announceHub, discoverHubs, hubFromService, hubTxt, teamHash } from '../../electron/services/sync/net/mdns';
import { inTransaction } from '../../electron/services/context';
import { newId } from '../../electron/services/ids';
import { ADMIN, type TestApp } from '../support/backend';
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
    // The member's Miembros marks the hub it syncs with (net-hub-thread: the hub marks itself while it serves).
    const hubOf = async (app: TestApp) => (await app.admin.call('team.status', {})).members.filter((m) => m.isHub).map((m) => [m.name, m.isSelf]);
    // The code is used up; the hub made one invitation for it.
    expect(count(sqliteOf(hubApp), 'SELECT count(*) AS n FROM sync_pairing_codes WHERE used_at IS NOT NULL AND invitation_id IS NOT NULL')).toBe(1);

    // The team's admin signs in on the member (its password travelled) and writes there.
    await member.admin.call('auth.login', { login: ADMIN.username, password: ADMIN.password });
    expect(await hubOf(member)).toEqual([['Oficina', false]]);
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

describe('waiting for news from the hub', () => {
  it('answers a waiting member as soon as the hub holds something new; times out or stops when asked', async () => {
    const { app: hubApp, hub } = await world.hubApp();
    const member = await world.app({ setup: false });
    const paired = await pairWithHub(adminContext(member), { url: hub.url, code: await makeCode(hubApp) });
    expect(paired.actorId).toBeNull();
    expect(await waitForHubChange(servicesOf(member), undefined, { timeoutMs: 100 })).toBe(false);
    const controller = new AbortController();
    const aborted = waitForHubChange(servicesOf(member), undefined, { signal: controller.signal });
    controller.abort();
    expect(await aborted).toBe(false);

    const waiting = waitForHubChange(servicesOf(member));
    // The wait is registered on the hub before the change (no timing guess: poll its open connection).
    for (let tries = 0; tries < 200 && hub.connectedDevices() === 0; tries++) await new Promise((resolve) => setTimeout(resolve, 10));
    await hubApp.admin.call('customers.create', { name: 'Hotel Central' });
    expect(await waiting).toBe(true);
    expect(await syncRound(servicesOf(member))).toMatchObject({ received: 1, inStep: true });
  });
});

describe('a hub that goes away', () => {
  it('a member keeps working while the hub is down and catches up when it returns', async () => {
    const { app: hubApp, hub } = await world.hubApp();
    const member = await world.app({ setup: false });
    await pairWithHub(adminContext(member), { url: hub.url, code: await makeCode(hubApp) });
    await member.admin.call('auth.login', { login: ADMIN.username, password: ADMIN.password });
    await hub.close();

    for (const name of ['Talleres Gómez', 'Frío Industrial', 'Clínica Sur']) await member.admin.call('customers.create', { name });
    await hubApp.admin.call('customers.create', { name: 'Hotel Central' });
    // A day's work on both sides: pages big enough to travel gzipped both ways.
    bulkCustomers(member, 'Portátil', 600);
    bulkCustomers(hubApp, 'Oficina', 600);
    const failed = await syncRound(servicesOf(member)).catch((error: { details?: { reason?: string } }) => error.details?.reason);
    expect(failed).toBe('unreachable');
    const down = hubLink(sqliteOf(member))!;
    expect(down.lastError).toBe('unreachable');
    expect(down.unreachableSince).not.toBeNull();
    // A second failure keeps the first moment.
    member.clock.advance(60_000);
    await syncRound(servicesOf(member)).catch(() => undefined);
    expect(hubLink(sqliteOf(member))!.unreachableSince).toBe(down.unreachableSince);

    await world.startHub(hubApp, hub.port);
    const hubSeen: DomainEvent[] = [];
    hubApp.backend.events.on((event) => hubSeen.push(event));
    expect(await syncRound(servicesOf(member))).toMatchObject({ sent: 603, received: 601, inStep: true });
    // Rows that arrive tell the hub's windows like local writes do (a big page: one event per kind).
    expect(hubSeen).toContainEqual({ entity: 'customer', id: '*', kind: 'updated' });
    expect(hubLink(sqliteOf(member))).toMatchObject({ lastError: null, unreachableSince: null });
    expect(digestOf(member)).toBe(digestOf(hubApp));
  });
});

function bulkCustomers(app: TestApp, prefix: string, n: number): void {
  inTransaction(adminContext(app), () => {
    const insert = sqliteOf(app).prepare('INSERT INTO customers (id, name, notes) VALUES (?, ?, ?)');
    for (let i = 0; i < n; i++) insert.run(newId(), `${prefix} ${i}`, 'Cliente de mantenimiento preventivo con contrato anual');
  });
}

describe('mDNS announcement', () => {
  it('says which team (hashed) and whose key (a prefix) without secrets, and reads back what it says', () => {
    const txt = hubTxt({ port: 7443, name: 'Oficina', teamId: 'team-1', fingerprint: 'AB12 CD34 EF56' });
    expect(txt).toEqual({ v: '1', team: teamHash('team-1'), fp: 'AB12CD34', name: 'Oficina' });
    expect(teamHash('team-1')).toMatch(/^[0-9a-f]{12}$/);
    const heard = { name: 'Oficina (abcd)', host: 'oficina.local', port: 7443, addresses: ['fe80::1', '192.168.1.20'], txt: { ...txt, name: Buffer.from('Oficina') } };
    expect(hubFromService(heard)).toEqual({ name: 'Oficina', host: '192.168.1.20', port: 7443, url: 'https://192.168.1.20:7443', teamHash: teamHash('team-1'), fingerprintPrefix: 'AB12CD34' });
    expect(hubFromService({ ...heard, txt: { v: '2' } })).toBeNull();
  });

  // Manual check (multicast depends on the machine's network): EMERALD_MDNS_TEST=1 npx vitest run tests/sync/net-pairing.test.ts
  it.runIf(process.env.EMERALD_MDNS_TEST === '1')('MANUAL: a member hears an announced hub on this machine', async () => {
    const announced = announceHub({ port: 7443, name: 'Oficina', teamId: 'team-1', fingerprint: 'AB12 CD34 EF56' });
    try {
      expect(await discoverHubs(2500)).toContainEqual(expect.objectContaining({ name: 'Oficina', port: 7443, teamHash: teamHash('team-1') }));
    } finally {
      await announced.stop();
    }
  });
});
