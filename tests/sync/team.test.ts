// Team and devices: create a team, invite with a one-use file, join (empty or with data of its own), revoke,
// and two members exchanging ops until their replicated state is the same. Real files, real services.
import { afterEach, describe, expect, it } from 'vitest';
import type { TeamStatusDto } from '../../electron/contract';
import { syncDigest } from '../../electron/services/sync/digest';
import { ADMIN, type TestApp } from '../support/backend';
import { count, exchange, fileText, sqliteOf, startNowApp } from './team.helpers';

const apps: TestApp[] = [];
afterEach(() => {
  for (const app of apps.splice(0)) app.close();
});

async function app(options: { setup?: boolean } = {}): Promise<TestApp> {
  const started = await startNowApp(options);
  apps.push(started);
  return started;
}

async function teamOf(creator: TestApp, name = 'Servicios Norte'): Promise<TeamStatusDto> {
  return creator.admin.call('team.create', { name, deviceName: 'Oficina' });
}

async function invite(from: TestApp, memberName = 'Portátil de Tomás'): Promise<string> {
  return fileText(await from.admin.call('team.invite', { memberName }));
}

describe('create and invite', () => {
  it('creates a team with this device in slot 01 and refuses a second one', async () => {
    const a = await app();
    const status = await teamOf(a);
    expect(status.team?.name).toBe('Servicios Norte');
    expect(status.device.slot).toBe(1);
    expect(status.members).toEqual([expect.objectContaining({ name: 'Oficina', slot: 1, isSelf: true, revokedAt: null })]);
    const local = sqliteOf(a).prepare('SELECT team_key, private_key, public_key FROM sync_local').get() as Record<string, string>;
    expect(Buffer.from(local.team_key as string, 'base64')).toHaveLength(32);
    expect(local.private_key).toContain('BEGIN PRIVATE KEY');
    expect(local.public_key).toContain('BEGIN PUBLIC KEY');
    // The membership is an op of this device, authored by the admin.
    const op = sqliteOf(a).prepare("SELECT author_id FROM sync_ops WHERE entity = 'team_members'").get() as { author_id: string };
    expect(op.author_id).toBe((await a.admin.call('auth.me', {})).user.id);
    const again = await a.admin.envelope('team.create', { name: 'Otro' });
    expect(again.ok === false && again.error.details?.reason).toBe('already_in_team');
  });

  it('writes a one-use invitation with the team, its key, a fresh slot and the directory', async () => {
    const a = await app();
    await teamOf(a);
    const file = await a.admin.call('team.invite', { memberName: 'María José', validHours: 10 });
    expect(file.fileName).toBe('invitacion-maria-jose-02.eminvite');
    const invitation = JSON.parse(fileText(file));
    expect(invitation).toMatchObject({ format: 'emerald-team-invitation', version: 1, team: { name: 'Servicios Norte' }, invitation: { slot: 2, memberName: 'María José' } });
    expect(Date.parse(invitation.invitation.expiresAt) - a.clock.now().getTime()).toBe(10 * 3_600_000);
    expect(invitation.directory.users).toEqual([expect.objectContaining({ email: ADMIN.email, username: ADMIN.username, admin: true })]);
    expect(invitation.directory.roles.map((r: { name: string }) => r.name)).toContain('Técnico');
    // The next invitation gets the next slot: each one is a device of its own.
    expect(JSON.parse(await invite(a)).invitation.slot).toBe(3);
    expect(count(sqliteOf(a), 'SELECT count(*) AS n FROM team_invitations')).toBe(2);
  });
});

describe('join', () => {
  it('joins an empty install: the same admin becomes one user, and both copies converge', async () => {
    const a = await app();
    const customer = await a.admin.call('customers.create', { name: 'Clínica Sonrisa' });
    const ticket = await a.admin.call('tickets.create', { title: 'Impresora', description: 'No imprime', customerId: customer.id });
    await teamOf(a);
    const b = await app();
    const joined = await b.admin.call('team.join', { invite: await invite(a), deviceName: 'Portátil' });
    expect(joined.actorMerged).toBe(true);
    expect(joined.status.team?.name).toBe('Servicios Norte');
    expect(joined.status.device).toMatchObject({ name: 'Portátil', slot: 2 });
    const aAdmin = (await a.admin.call('auth.me', {})).user.id;
    // The session follows the user to the team's id.
    expect((await b.admin.call('auth.me', {})).user.id).toBe(aAdmin);

    exchange(a, b);
    expect(syncDigest(sqliteOf(b))).toBe(syncDigest(sqliteOf(a)));
    expect(count(sqliteOf(b), "SELECT count(*) AS n FROM sync_ops WHERE status <> 'applied'")).toBe(0);
    expect(count(sqliteOf(a), "SELECT count(*) AS n FROM sync_ops WHERE status <> 'applied'")).toBe(0);
    expect((await b.admin.call('tickets.get', { id: ticket.id })).code).toBe(ticket.code);
    const members = (await a.admin.call('team.status', {})).members;
    expect(members.map((m) => [m.name, m.slot, m.isSelf])).toEqual([
      ['Oficina', 1, true],
      ['Portátil', 2, false],
    ]);
    expect(members[1]?.lastContactAt).not.toBeNull();
    expect(count(sqliteOf(b), 'SELECT count(*) AS n FROM users')).toBe(1);
  });
});
