// LAN trial (issue 13), pairing through the app's channels: the laptop is named in the pairing card (every laptop was
// called after its machine, six "vm" rows in Miembros), and "Sincronizar ahora" with the hub down answers with the
// reason the UI shows next to the button. Hub on 127.0.0.1 (OS port), no mDNS.
import { afterAll, describe, expect, it } from 'vitest';
import type { TeamStatusDto } from '../../electron/contract';
import { startNetRuntime, type NetRuntime } from '../../electron/services/sync/background/runtime';
import { ADMIN, Caller } from '../support/backend';
import { makeCode, netWorld, reasonOf, servicesOf } from './net.helpers';

const world = netWorld();
const runtimes: NetRuntime[] = [];
afterAll(async () => {
  for (const runtime of runtimes) await runtime.close();
  await world.close();
});

describe('LAN trial: pairing from the app', () => {
  it('names the laptop as typed (trimmed) in every copy’s Miembros; an empty name is refused', async () => {
    const { app: hubApp, hub } = await world.hubApp();
    const laptop = await world.app();
    expect(await reasonOf(laptop.admin.call('team.pairWithHub', { url: hub.url, code: await makeCode(hubApp), deviceName: '   ' }))).toBe('invalid_input');
    await laptop.admin.call('team.pairWithHub', { url: hub.url, code: await makeCode(hubApp), deviceName: '  Portátil de Tomás ' });
    const office = (await hubApp.admin.call('team.status', {})) as TeamStatusDto;
    expect(office.members.map((m) => m.name)).toContain('Portátil de Tomás');
    expect(((await laptop.admin.call('team.status', {})) as TeamStatusDto).device.name).toBe('Portátil de Tomás');
  });

  it('"Sincronizar ahora" with the hub down answers with the state and reason the UI shows', async () => {
    const { app: hubApp, hub } = await world.hubApp();
    const laptop = await world.app();
    await laptop.admin.call('team.pairWithHub', { url: hub.url, code: await makeCode(hubApp), deviceName: 'Portátil de Ana' });
    runtimes.push(startNetRuntime(servicesOf(laptop), { mdns: false, timings: { debounceMs: 60_000, intervalMs: 600_000, backoffStartMs: 60_000, backoffCapMs: 60_000 } }));
    await hub.close();
    const status = await laptop.admin.call('sync.now', {});
    expect(status).toMatchObject({ state: 'unreachable', reason: 'unreachable', hub: { url: hub.url } });
  });

  it('after pairing, says the team’s passwords now apply and names the signed-in account when it became the team’s', async () => {
    const { app: hubApp, hub } = await world.hubApp();
    // Same e-mail as the hub's administrator: that account merges into the team's one.
    const same = await world.app();
    const merged = await same.admin.call('team.pairWithHub', { url: hub.url, code: await makeCode(hubApp), deviceName: 'Portátil 1' });
    expect(merged).toMatchObject({ joined: true, teamAccount: { username: ADMIN.username } });
    // Another person's account joins as it is: nothing to name.
    const other = await world.app({ setup: false });
    const caller = new Caller(other.backend);
    const who = { username: 'ana', email: 'ana@portatil.example', fullName: 'Ana Portátil', password: 'ana-clave-larga-1', companyName: 'Servicios Norte' };
    await caller.call('auth.setup', who);
    await caller.call('auth.login', { login: who.username, password: who.password });
    expect(await caller.call('team.pairWithHub', { url: hub.url, code: await makeCode(hubApp), deviceName: 'Portátil 2' })).toMatchObject({ joined: true, teamAccount: null });
  });

  it('the lock screen never blames inactivity (a session can end for other reasons, such as pairing)', async () => {
    const { readFileSync } = await import('node:fs');
    for (const lang of ['es', 'en']) {
      const auth = JSON.parse(readFileSync(`renderer/src/i18n/locales/${lang}/auth.json`, 'utf8')) as { lock: { intro: string } };
      expect(auth.lock.intro).not.toMatch(/inactiv/i);
    }
  });
});
