// Calling off an invitation whose file or laptop was lost before it joined: the pending list, the cancellation as an op
// every member receives, and the refusal of a computer that joined with it at bundle import (the hubs' refusals:
// net-invitation-cancel.test.ts, pg-hub-invitation-cancel.test.ts). A member accepted before the cancellation stays.
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { TeamStatusDto } from '../../electron/contract';
import { exportBundle } from '../../electron/services/sync/bundle-export';
import { importBundle } from '../../electron/services/sync/bundle-import';
import { syncDigest } from '../../electron/services/sync/digest';
import { removeTempDirs, tempDir } from '../db/helpers';
import { ADMIN, type Caller, type TestApp } from '../support/backend';
import { deviceOf, joinOn, replicatedState } from './bundle-fixture';
import { count, sqliteOf, startNowApp } from './team.helpers';

const apps: TestApp[] = [];
afterEach(() => apps.splice(0).forEach((app) => app.close()));
afterAll(removeTempDirs);

async function app(options: { setup?: boolean } = {}): Promise<TestApp> {
  const made = await startNowApp(options);
  apps.push(made);
  return made;
}

async function bundleOf(from: TestApp): Promise<string> {
  const out = path.join(tempDir(), 'bundle.emsync');
  await exportBundle({ sqlite: sqliteOf(from), clock: from.clock }, { out });
  return out;
}

const importInto = (to: TestApp, file: string) => importBundle({ sqlite: sqliteOf(to), clock: to.clock, events: to.backend.events }, { file });

/** What the import was refused with: code, reason and words (the test fails when it was not refused). */
async function refusalOf(to: TestApp, file: string): Promise<{ code?: string; details?: Record<string, unknown> }> {
  const error = await importInto(to, file).then(
    () => null,
    (e: unknown) => e as { code?: string; details?: Record<string, unknown> },
  );
  expect(error, 'the import should have been refused').not.toBeNull();
  return error ?? {};
}

/** What a channel call was refused with. */
async function channelRefusal(promise: Promise<unknown>): Promise<{ code?: string; details?: Record<string, unknown> }> {
  const error = await promise.then(
    () => null,
    (e: unknown) => (e as { shape?: { code?: string; details?: Record<string, unknown> } }).shape ?? {},
  );
  expect(error, 'the call should have been refused').not.toBeNull();
  return error ?? {};
}

/** `team invite` as the copy's admin: the file's text and the invitation's id. */
async function invite(by: Caller, memberName?: string, validHours?: number): Promise<{ text: string; id: string }> {
  const file = await by.call('team.invite', { ...(memberName ? { memberName } : {}), ...(validHours ? { validHours } : {}) });
  const text = Buffer.from(file.bytes).toString('utf8');
  return { text, id: (JSON.parse(text) as { invitation: { id: string } }).invitation.id };
}

/** A caller on a copy that joined, signed in as the team's admin (the user came over in a bundle). */
function teamAdminOn(copy: TestApp): Caller {
  const id = (sqliteOf(copy).prepare("SELECT id FROM users WHERE username = 'admin'").get() as { id: string }).id;
  const caller = copy.caller();
  caller.token = copy.backend.sessions.create(id);
  return caller;
}

/** An empty copy joined with `text` (offline: nothing stops the join itself). */
async function joined(text: string, name: string): Promise<TestApp> {
  const copy = await app({ setup: false });
  joinOn(copy, text, name);
  return copy;
}

/** The office (founder, slot 01) and a laptop that joined it, each having heard from the other. */
async function office(): Promise<{ a: TestApp; b: TestApp }> {
  const a = await app();
  await a.admin.call('team.create', { name: 'Servicios Norte', deviceName: 'Oficina' });
  const b = await joined((await invite(a.admin, 'Portátil de Ana')).text, 'Portátil de Ana');
  await importInto(b, await bundleOf(a));
  await importInto(a, await bundleOf(b));
  return { a, b };
}

const pendingNames = (status: TeamStatusDto) => status.invitations.map((invitation) => invitation.memberName);

describe('pending invitations', () => {
  it('lists the ones made that nobody used or cancelled, with who made them; expired ones marked, never as members', async () => {
    const a = await app();
    await a.admin.call('team.create', { name: 'Servicios Norte', deviceName: 'Oficina' });
    const ana = await invite(a.admin, 'Portátil de Ana');
    a.clock.advance(1000);
    const short = await invite(a.admin, undefined, 1);
    a.clock.advance(1000);
    const lost = await invite(a.admin, 'Portátil perdido');
    const made = await a.admin.call('team.status', {});
    expect(made.invitations).toEqual([
      expect.objectContaining({ id: lost.id, memberName: 'Portátil perdido', slot: 4, madeBy: 'Ana Administradora', expired: false }),
      expect.objectContaining({ id: short.id, memberName: null, slot: 3, expired: false }),
      expect.objectContaining({ id: ana.id, memberName: 'Portátil de Ana', slot: 2, expired: false }),
    ]);
    expect(made.invitations[0]?.expiresAt).toBe(new Date(Date.parse(made.invitations[0]!.createdAt) + 72 * 3_600_000).toISOString());
    // The name typed travels with the invitation row, not only in the file.
    expect(sqliteOf(a).prepare('SELECT member_name FROM team_invitations WHERE id = ?').get(ana.id)).toEqual({ member_name: 'Portátil de Ana' });

    // Used: once the laptop's first bundle arrives, it is a member and no longer an invitation.
    const laptop = await joined(ana.text, 'Portátil de Ana');
    expect(pendingNames(await a.admin.call('team.status', {}))).toContain('Portátil de Ana');
    await importInto(a, await bundleOf(laptop));
    // Expired: still listed (a computer that joined in time may yet arrive), marked.
    a.clock.advance(2 * 3_600_000);
    await a.admin.call('auth.login', { login: ADMIN.username, password: ADMIN.password });
    const later = await a.admin.call('team.status', {});
    expect(later.invitations.map((i) => [i.memberName, i.expired])).toEqual([
      ['Portátil perdido', false],
      [null, true],
    ]);
    expect(later.members.map((m) => m.name)).toEqual(['Oficina', 'Portátil de Ana']);

    // Cancelled: gone from the list at once (the channel answers the new status).
    const afterCancel = await a.admin.call('team.cancelInvitation', { id: lost.id });
    expect(pendingNames(afterCancel)).toEqual([null]);
    expect(afterCancel.members.map((m) => m.name)).toEqual(['Oficina', 'Portátil de Ana']);
    // Twice: nothing new for the team.
    const ops = count(sqliteOf(a), 'SELECT count(*) AS n FROM sync_ops');
    expect(pendingNames(await a.admin.call('team.cancelInvitation', { id: lost.id }))).toEqual([null]);
    expect(count(sqliteOf(a), 'SELECT count(*) AS n FROM sync_ops')).toBe(ops);
    expect(count(sqliteOf(a), 'SELECT count(*) AS n FROM team_invitation_cancellations')).toBe(1);
  });

  it('refuses to cancel one a member used (revocation is for that), and one that does not exist', async () => {
    const { a } = await office();
    const used = (sqliteOf(a).prepare("SELECT invitation_id AS id FROM team_members WHERE name = 'Portátil de Ana'").get() as { id: string }).id;
    const before = count(sqliteOf(a), 'SELECT count(*) AS n FROM sync_ops');
    expect(await channelRefusal(a.admin.call('team.cancelInvitation', { id: used }))).toMatchObject({
      code: 'CONFLICT',
      details: { reason: 'invitation_joined', member: 'Portátil de Ana' },
    });
    expect(await channelRefusal(a.admin.call('team.cancelInvitation', { id: 'no-such-invitation' }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(count(sqliteOf(a), 'SELECT count(*) AS n FROM sync_ops')).toBe(before);
  });
});

describe('a cancelled invitation', () => {
  it('reaches the other members as an op; each of them refuses the computer that joined with it, and writes nothing of its bundle', async () => {
    const { a, b } = await office();
    const lost = await invite(a.admin, 'Portátil perdido');
    // Whoever found the file joins with it, offline: only the members can stop what it sends.
    const finder = await joined(lost.text, 'Portátil de nadie');
    await a.admin.call('team.cancelInvitation', { id: lost.id });

    await importInto(b, await bundleOf(a));
    expect(pendingNames(await teamAdminOn(b).call('team.status', {}))).toEqual([]);
    expect(sqliteOf(b).prepare('SELECT member_name FROM team_invitations WHERE id = ?').get(lost.id)).toEqual({ member_name: 'Portátil perdido' });
    expect(count(sqliteOf(b), 'SELECT count(*) AS n FROM team_invitation_cancellations WHERE invitation_id = ?', lost.id)).toBe(1);
    expect(syncDigest(sqliteOf(b))).toBe(syncDigest(sqliteOf(a)));

    const fromFinder = await bundleOf(finder);
    for (const member of [a, b]) {
      const before = replicatedState(sqliteOf(member));
      expect(await refusalOf(member, fromFinder)).toMatchObject({ code: 'VALIDATION', details: { reason: 'invitation_cancelled' } });
      expect(replicatedState(sqliteOf(member))).toEqual(before);
      expect(count(sqliteOf(member), 'SELECT count(*) AS n FROM team_members WHERE device_id = ?', deviceOf(sqliteOf(finder)))).toBe(0);
    }
  });

  it('does not undo a member accepted before the cancellation arrived: it keeps syncing, and its ops reach everyone', async () => {
    const { a, b } = await office();
    const tomas = await invite(a.admin, 'Portátil de Tomás');
    await importInto(b, await bundleOf(a));
    const laptop = await joined(tomas.text, 'Portátil de Tomás');
    // The office hears from the laptop first; the other admin, who has not, cancels the invitation (a crossed message).
    await importInto(a, await bundleOf(laptop));
    await teamAdminOn(b).call('team.cancelInvitation', { id: tomas.id });

    await importInto(a, await bundleOf(b));
    expect(count(sqliteOf(a), 'SELECT count(*) AS n FROM team_invitation_cancellations WHERE invitation_id = ?', tomas.id)).toBe(1);
    const atOffice = await a.admin.call('team.status', {});
    expect(atOffice.members.map((m) => [m.name, m.revokedAt])).toContainEqual(['Portátil de Tomás', null]);
    expect(pendingNames(atOffice)).toEqual([]);
    // Still a member at the office: what it sends later is taken.
    await importInto(laptop, await bundleOf(a));
    await teamAdminOn(laptop).call('customers.create', { name: 'Cliente de Tomás' });
    expect((await importInto(a, await bundleOf(laptop))).setAside).toEqual([]);
    // The other admin learns of it from the office (its membership relayed), and then takes its own bundles too.
    await importInto(b, await bundleOf(a));
    expect((await teamAdminOn(b).call('team.status', {})).members.map((m) => m.name)).toContain('Portátil de Tomás');
    expect((await importInto(b, await bundleOf(laptop))).setAside).toEqual([]);
    expect(syncDigest(sqliteOf(b))).toBe(syncDigest(sqliteOf(a)));
  });
});
