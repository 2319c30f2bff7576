// Pairing through the channel keeps the window signed in: a copy whose admin has the hub admin's e-mail joins, its
// user takes the team's id, and the session moves to that id (as team.join does).
import { afterAll, describe, expect, it } from 'vitest';
import { makeCode, netWorld } from './net.helpers';

const world = netWorld();
afterAll(() => world.close());

describe('session after pairing', () => {
  it('moves the session to the merged user when the same e-mail admin pairs a copy with the hub', async () => {
    const { app: hubApp, hub } = await world.hubApp();
    const member = await world.app();
    const before = (await member.admin.call('auth.me', {})).user.id;
    const teamAdmin = (await hubApp.admin.call('auth.me', {})).user.id;
    expect(before).not.toBe(teamAdmin);

    const paired = await member.admin.call('team.pairWithHub', { url: hub.url, code: await makeCode(hubApp) });
    expect(paired).toMatchObject({ joined: true, fingerprint: hub.fingerprint });
    expect(paired).not.toHaveProperty('actorId');
    // Still signed in, now as the team's user of the same e-mail.
    expect((await member.admin.call('auth.me', {})).user.id).toBe(teamAdmin);
    await member.admin.call('tickets.create', { title: 'Escrito tras emparejar' });
  }, 30_000);
});
