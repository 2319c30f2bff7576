// LAN trial finding 1a (issue 13): a fresh laptop joins the team from the first-run screen, before any administrator
// exists on it, so pairing never adds a local Superusuario to the team. team.pairFirstRun needs no session but works
// only on an install with no users, and does nothing but pair. Hub on 127.0.0.1 (OS port), no mDNS.
import { afterAll, describe, expect, it } from 'vitest';
import type { TeamStatusDto } from '../../electron/contract';
import { markDemoDatabase } from '../../scripts/demo/guard';
import { ADMIN, Caller } from '../support/backend';
import { makeCode, netWorld, reasonOf } from './net.helpers';
import { sqliteOf } from './team.helpers';

const world = netWorld();
afterAll(() => world.close());

const userCount = (app: Parameters<typeof sqliteOf>[0]) => (sqliteOf(app).prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n;

describe('first-run join (no administrator on the laptop)', () => {
  it('pairs an empty install without a session; then the team account signs in and no local account joined', async () => {
    const { app: hubApp, hub } = await world.hubApp();
    const teamUsers = userCount(hubApp);
    const laptop = await world.app({ setup: false });
    const nobody = new Caller(laptop.backend);
    expect(await nobody.call('auth.status', {})).toMatchObject({ needsSetup: true });

    const paired = await nobody.call('team.pairFirstRun', { url: hub.url.replace('https://', ''), code: await makeCode(hubApp), deviceName: ' Portátil de Tomás ' });
    expect(paired).toMatchObject({ joined: true, hubName: 'Oficina', fingerprint: hub.fingerprint, teamAccount: null });
    // No session was made: the person signs in with the team's account, which came with the snapshot.
    expect(await reasonOf(nobody.call('team.status', {}))).toBe('no_session');
    expect(await nobody.call('auth.status', {})).toMatchObject({ needsSetup: false });
    await nobody.call('auth.login', { login: ADMIN.username, password: ADMIN.password });
    const status = (await nobody.call('team.status', {})) as TeamStatusDto;
    expect(status.device.name).toBe('Portátil de Tomás');
    expect(userCount(laptop)).toBe(teamUsers);
    const office = (await hubApp.admin.call('team.status', {})) as TeamStatusDto;
    expect(office.members.map((m) => m.name)).toContain('Portátil de Tomás');
  });

  it('is refused once the install has a user (pair from Equipo instead), before the code is spent', async () => {
    const { app: hubApp, hub } = await world.hubApp();
    const laptop = await world.app();
    const code = await makeCode(hubApp);
    const anyone = new Caller(laptop.backend);
    expect(await reasonOf(anyone.call('team.pairFirstRun', { url: hub.url, code, deviceName: 'Portátil' }))).toBe('already_set_up');
    // Signed in makes no difference: this channel is for an empty install only.
    expect(await reasonOf(laptop.admin.call('team.pairFirstRun', { url: hub.url, code, deviceName: 'Portátil' }))).toBe('already_set_up');
    expect(((await laptop.admin.call('team.status', {})) as TeamStatusDto).team).toBeNull();
    // The code was not used up by the refusals.
    expect(await laptop.admin.call('team.pairWithHub', { url: hub.url, code, deviceName: 'Portátil' })).toMatchObject({ joined: true });
  });

  it('still refuses team.pairWithHub without a session, and asks for this computer’s name', async () => {
    const { app: hubApp, hub } = await world.hubApp();
    const laptop = await world.app({ setup: false });
    const nobody = new Caller(laptop.backend);
    expect(await reasonOf(nobody.call('team.pairWithHub', { url: hub.url, code: await makeCode(hubApp), deviceName: 'Portátil' }))).toBe('no_session');
    expect(await reasonOf(nobody.call('team.pairFirstRun', { url: hub.url, code: await makeCode(hubApp), deviceName: '  ' }))).toBe('invalid_input');
    expect(await reasonOf(nobody.call('team.pairFirstRun', { url: hub.url, code: 'ZZZZ-ZZZZ', deviceName: 'Portátil' }))).toBe('bad_code');
    expect(userCount(laptop)).toBe(0);
  });

  it('refuses pairing a demo folder before the code is used up (its accounts share the public demo password)', async () => {
    const { app: hubApp, hub } = await world.hubApp();
    const laptop = await world.app();
    markDemoDatabase(sqliteOf(laptop), new Date().toISOString());
    const code = await makeCode(hubApp);
    expect(await reasonOf(laptop.admin.call('team.pairWithHub', { url: hub.url, code, deviceName: 'Portátil' }))).toBe('demo_copy');
    expect(((await laptop.admin.call('team.status', {})) as TeamStatusDto).team).toBeNull();
    // The code is still good for an install that may join.
    const other = await world.app();
    expect(await other.admin.call('team.pairWithHub', { url: hub.url, code, deviceName: 'Otro portátil' })).toMatchObject({ joined: true });
  });
});
