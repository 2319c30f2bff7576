// `npm run cli -- team ...`: create, invite to a file, join a folder that does not exist yet, status --json, revoke.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, expect, it, vi } from 'vitest';
import { openDatabase } from '../../db/open';
import { createBackend, databasePath } from '../../electron/ipc/backend';
import { applyRemoteOps, opsMissingFrom, readVector } from '../../electron/services/sync/apply';
import { systemTimeZone, wallInputOf } from '../../electron/contract/zonedTime';
import { runCli } from '../../scripts/cli';
import { ADMIN, startTestApp } from '../support/backend';

const root = mkdtempSync(path.join(tmpdir(), 'emerald-team-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  const code = await runCli(argv);
  vi.restoreAllMocks();
  return { code, stdout, stderr };
}

/** The ops one data folder has and the other lacks, applied as a bundle would; returns what was set aside. */
function sendOps(fromDir: string, toDir: string): unknown[] {
  const from = openDatabase(databasePath(fromDir));
  const to = openDatabase(databasePath(toDir));
  try {
    const ops = [...opsMissingFrom(from.sqlite, readVector(to.sqlite))].flat();
    return to.sqlite.transaction(() => applyRemoteOps(to.sqlite, ops, Date.now()))().setAside;
  } finally {
    from.close();
    to.close();
  }
}

it('creates, invites, joins an empty folder, shows status as JSON and revokes', async () => {
  const a = path.join(root, 'A');
  const b = path.join(root, 'B');
  const invite = path.join(root, 'member.eminvite');

  // A folder nobody has set up has no administrator to act as.
  expect(await cli('migrate', '--data-dir', a)).toMatchObject({ code: 0 });
  const noAdmin = await cli('team', 'create', '--data-dir', a, '--name', 'Servicios Norte');
  expect(noAdmin.code).toBe(1);
  expect(noAdmin.stderr).toContain('no administrator');
  const backend = createBackend({ dataDir: a });
  const dispatched = await backend.dispatch({ sessionToken: null }, 'auth.setup', ADMIN);
  expect(dispatched.envelope.ok).toBe(true);
  backend.close();

  expect(await cli('team', 'create', '--data-dir', a, '--name', 'Servicios Norte', '--device-name', 'Oficina')).toMatchObject({ code: 0 });
  const invited = await cli('team', 'invite', '--data-dir', a, '--out', invite, '--member-name', 'Portátil', '--valid-hours', '24');
  expect(invited.code).toBe(0);
  expect(invited.stdout).toContain('hand it over like a password');
  expect(statSync(invite).mode & 0o077).toBe(0);
  expect(JSON.parse(readFileSync(invite, 'utf8')).invitation.slot).toBe(2);
  // Its expiry as this computer's clock reads it, as the other commands print times (it printed ISO in UTC).
  const expiresAt = JSON.parse(readFileSync(invite, 'utf8')).invitation.expiresAt as string;
  expect(invited.stdout).toContain(`until ${wallInputOf(systemTimeZone(), expiresAt).replace('T', ' ')}.`);
  expect(invited.stdout).not.toContain(expiresAt);
  expect((await cli('team', 'invite', '--data-dir', a, '--out', invite)).stderr).toContain('already exists');

  expect(existsSync(b)).toBe(false);
  const joined = await cli('team', 'join', '--data-dir', b, '--invite', invite, '--device-name', 'Portátil');
  expect(joined.code).toBe(0);
  expect(joined.stdout).toContain('no users yet');
  expect((await cli('team', 'join', '--data-dir', b, '--invite', invite)).stderr).toContain('already been used');

  const status = await cli('team', 'status', '--data-dir', a, '--json');
  expect(status.code).toBe(0);
  const json = JSON.parse(status.stdout);
  expect(json).toMatchObject({ teamName: 'Servicios Norte', slot: 1, openConflicts: 0, setAside: 0 });
  expect(typeof json.teamId).toBe('string');
  expect(json.deviceId).toMatch(/^[0-9a-f]{16}$/);
  expect(Object.keys(json.vector)).toEqual([json.deviceId]);
  expect(json.members).toHaveLength(1); // B's membership reaches A with B's first bundle

  const onB = JSON.parse((await cli('team', 'status', '--data-dir', b, '--json')).stdout);
  expect(onB).toMatchObject({ teamId: json.teamId, slot: 2, deviceName: 'Portátil' });
  expect(onB.members.map((m: { slot: number }) => m.slot)).toEqual([2]);

  // With A's ops (its admin among them), B may run commands; yet only the copy that created the team numbers invitations.
  expect(sendOps(a, b)).toEqual([]);
  const fromMember = await cli('team', 'invite', '--data-dir', b, '--out', path.join(root, 'from-member.eminvite'));
  expect(fromMember.code).toBe(1);
  expect(fromMember.stderr).toContain('invitations are made on the computer that created the team (Oficina); ask there');
  expect(existsSync(path.join(root, 'from-member.eminvite'))).toBe(false);

  const self = await cli('team', 'revoke', '--data-dir', a, '--device', json.deviceId);
  expect(self.code).toBe(1);
  expect(self.stderr).toContain('cannot revoke itself');
  // B's membership reaches A (as a bundle would bring it); then A can revoke B.
  expect(sendOps(b, a)).toEqual([]);
  const revoked = await cli('team', 'revoke', '--data-dir', a, '--device', onB.deviceId, '--json');
  expect(revoked.code).toBe(0);
  expect(JSON.parse(revoked.stdout).members.find((m: { deviceId: string }) => m.deviceId === onB.deviceId).revokedAt).not.toBeNull();
  // Read by a person: instants in this computer's time, not ISO (the JSON keeps ISO for scripts).
  const text = (await cli('team', 'status', '--data-dir', a)).stdout;
  expect(text).toMatch(/02 {2}Portátil .* joined \d{4}-\d{2}-\d{2} \d{2}:\d{2} {2}revoked \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
  expect(text).not.toMatch(/\d{2}:\d{2}:\d{2}(\.\d+)?Z/);
  expect(text).toMatch(/not yet sent: \d+ · sent, not confirmed: \d+/);
  // Its own line gives its last exchange, not a contact time others recorded (a trial read it as stale).
  expect(text).toMatch(/01 {2}Oficina .* last exchange (never|\d{4}-\d{2}-\d{2} \d{2}:\d{2}) {2}\(this device\)/);

  expect((await cli('team', 'frobnicate', '--data-dir', a)).code).toBe(2);
  expect((await cli('team', 'status', '--data-dir', path.join(root, 'nowhere'))).code).toBe(1);
});

it('acts only as a user with full access, as the team channels do: a user admin alone is refused', async () => {
  const app = await startTestApp();
  try {
    const role = await app.admin.call('roles.create', { name: 'Usuarios', permissions: ['users:admin'] });
    await app.admin.call('users.create', { email: 'gestor@example.com', username: 'gestor', password: 'gestor-password-1', fullName: 'Gestor', roleId: role.id });
    app.backend.close();
    const refused = await cli('team', 'create', '--data-dir', app.dir, '--name', 'Servicios Norte', '--as', 'gestor');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('"gestor" is not an administrator (full access)');
    expect(await cli('team', 'create', '--data-dir', app.dir, '--name', 'Servicios Norte', '--as', ADMIN.username)).toMatchObject({ code: 0 });
  } finally {
    rmSync(app.dir, { recursive: true, force: true });
  }
});

it('lists the unused invitations in team status and cancels one by the start of its id', async () => {
  const app = await startTestApp();
  try {
    await app.admin.call('team.create', { name: 'Servicios Norte', deviceName: 'Oficina' });
    app.backend.close();
    const a = app.dir;
    const made: { id: string; slot: number }[] = [];
    for (const [name, memberName] of [['lost', 'Portátil perdido'], ['other', null]] as const) {
      const out = path.join(root, `${name}.eminvite`);
      const invited = await cli('team', 'invite', '--data-dir', a, '--out', out, ...(memberName ? ['--member-name', memberName] : []), '--json');
      made.push(JSON.parse(invited.stdout) as { id: string; slot: number });
    }
    const [lost, other] = made as [{ id: string; slot: number }, { id: string; slot: number }];
    const listed = (await cli('team', 'status', '--data-dir', a)).stdout;
    expect(listed).toContain('Unused invitations:');
    expect(listed).toMatch(new RegExp(`02 {2}Portátil perdido {2}${lost.id} {2}made by Ana Administradora .* until `));
    expect(listed).toMatch(new RegExp(`03 {2}\\(no name\\) {2}${other.id} `));
    expect(JSON.parse((await cli('team', 'status', '--data-dir', a, '--json')).stdout).invitations.map((i: { memberName: string | null }) => i.memberName)).toEqual([
      null,
      'Portátil perdido',
    ]);

    // Both ids start alike (UUIDv7: the time first): a start that fits both is refused, naming them.
    let shared = 0;
    while (lost.id[shared] === other.id[shared]) shared++;
    const ambiguous = await cli('team', 'cancel-invitation', '--data-dir', a, '--id', lost.id.slice(0, shared));
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.stderr).toContain(`starts the ids of 2 unused invitations (${other.id}, ${lost.id}): give more of it`);
    const cancelled = await cli('team', 'cancel-invitation', '--data-dir', a, '--id', lost.id.slice(0, shared + 1), '--json');
    expect(cancelled.code).toBe(0);
    expect(JSON.parse(cancelled.stdout).invitations.map((i: { id: string }) => i.id)).toEqual([other.id]);
    // A blank id is no start of one: with one invitation left it would have called that one off.
    const blank = await cli('team', 'cancel-invitation', '--data-dir', a, '--id', ' ');
    expect([blank.code, blank.stderr.includes('--id needs an invitation id')]).toEqual([1, true]);
    expect((await cli('team', 'status', '--data-dir', a)).stdout).toContain(other.id);
    const said = await cli('team', 'cancel-invitation', '--data-dir', a, '--id', other.id);
    expect(said.stdout).toContain(`Cancelled the invitation ${other.id}: every member refuses a computer that joined with it`);
    expect((await cli('team', 'status', '--data-dir', a)).stdout).not.toContain('Unused invitations:');
    // Nothing by that start any more, nor ever: the refusal says why, with its reason.
    const unknown = await cli('team', 'cancel-invitation', '--data-dir', a, '--id', 'ffff0000');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('(not_found)');
    expect((await cli('team', 'cancel-invitation', '--data-dir', a)).code).toBe(2);
    expect((await cli('team')).stderr).toContain('team cancel-invitation --data-dir DIR --id ID');
  } finally {
    rmSync(app.dir, { recursive: true, force: true });
  }
});
