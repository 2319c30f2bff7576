// LAN trial (issue 13): the status figures contradicted the live sync ("Último envío: nunca" after many changes over the
// LAN, the hub's last contact "nunca" right after pairing, laptops listed "hace 5 minutos" though syncing, `team status`
// "not yet exported: 1" after a join in step). One source: a network round is an exchange, a send and a receipt; last
// contact is when the device's ops or acknowledgement arrived; unsent = own ops the hub has not acknowledged.
import { afterAll, describe, expect, it } from 'vitest';
import type { TeamStatusDto } from '../../electron/contract';
import { writeHubSetting } from '../../electron/services/sync/background/hubSetting';
import { startNetRuntime } from '../../electron/services/sync/background/runtime';
import { pairWithHub, syncRound, waitForHubChange } from '../../electron/services/sync/net/hubClient';
import { ADMIN, type TestApp } from '../support/backend';
import { sqliteOf } from './team.helpers';
import { adminContext, makeCode, netWorld, servicesOf } from './net.helpers';

const world = netWorld();
afterAll(() => world.close());

const status = (app: TestApp) => app.admin.call('team.status', {}) as Promise<TeamStatusDto>;
const contactOf = (s: TeamStatusDto, deviceId: string) => s.members.find((m) => m.deviceId === deviceId)?.lastContactAt ?? null;

describe('LAN trial: one source of truth for the status figures', () => {
  it('after pairing and rounds: sent, received, exchanged, last contact on both ends, unsent from the hub’s acknowledgement', async () => {
    const { app: hubApp, hub } = await world.hubApp();
    const customer = await hubApp.admin.call('customers.create', { name: 'Talleres Gómez' });
    const member = await world.app({ setup: false });
    const outcome = await pairWithHub(adminContext(member), { url: hub.url, code: await makeCode(hubApp), deviceName: 'Portátil de Tomás' });
    expect(outcome.round?.inStep).toBe(true);
    await member.admin.call('auth.login', { login: ADMIN.username, password: ADMIN.password });

    const paired = await status(member);
    expect(paired.unsentOps).toBe(0);
    expect(paired.lastSentAt).not.toBeNull();
    expect(paired.lastReceivedAt).not.toBeNull();
    expect(paired.lastExchangeAt).not.toBeNull();
    expect(paired.lastExportAt).toBeNull();
    // The hub was heard from right now, not "never".
    expect(contactOf(paired, outcome.hubDeviceId)).not.toBeNull();
    const office = await status(hubApp);
    expect(contactOf(office, paired.device.id)).not.toBeNull();

    // A change on the laptop waits until the hub acknowledges it; the footer's pending count is the same figure.
    await member.admin.call('tickets.create', { title: 'Aire', description: 'Gotea', customerId: customer.id });
    const waiting = (await status(member)).unsentOps;
    expect(waiting).toBeGreaterThan(0);
    const runtime = startNetRuntime(servicesOf(member), { mdns: false, timings: { debounceMs: 60_000, intervalMs: 600_000, backoffStartMs: 60_000, backoffCapMs: 60_000 } });
    try {
      expect(runtime.status().pending).toBe(waiting);
    } finally {
      await runtime.close();
    }
    hubApp.clock.advance(60_000);
    const round = await syncRound(servicesOf(member));
    expect(round.inStep).toBe(true);
    expect((await status(member)).unsentOps).toBe(0);
    // The hub lists the laptop as heard from at that round, not at its newest op's time.
    const after = await status(hubApp);
    expect(contactOf(after, paired.device.id)).toBe(hubApp.clock.now().toISOString());
  });

  it('on the hub: its own changes are unsent until a member fetched them, and that member’s next request confirms them', async () => {
    // Second office trial: the hub said "Cambios sin enviar 2" for a ticket the laptop already showed.
    const { app: hubApp, hub } = await world.hubApp();
    writeHubSetting(sqliteOf(hubApp), { enabled: true, host: '127.0.0.1', port: hub.port }, hubApp.clock.now().toISOString());
    const member = await world.app({ setup: false });
    await pairWithHub(adminContext(member), { url: hub.url, code: await makeCode(hubApp), deviceName: 'Portátil de Tomás' });
    await waitForHubChange(servicesOf(member), undefined, { timeoutMs: 0 });
    expect(await status(hubApp)).toMatchObject({ unsentOps: 0, unconfirmedOps: 0 });

    await hubApp.admin.call('tickets.create', { title: 'Caldera', description: 'No arranca' });
    const made = await status(hubApp);
    expect(made.unsentOps).toBeGreaterThan(0);
    expect(made.unconfirmedOps).toBe(made.unsentOps);
    await syncRound(servicesOf(member));
    // The member holds them and says so when it waits for the next change (its long poll carries its vector).
    await waitForHubChange(servicesOf(member), undefined, { timeoutMs: 0 });
    expect(await status(hubApp)).toMatchObject({ unsentOps: 0, unconfirmedOps: 0 });
  });
});
