// `npm run cli -- sync ...` through runCli: export, import, digest, --json, and a refused bundle's exit code.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it, vi } from 'vitest';
import { runCli } from '../../scripts/cli';
import { startDomainApp } from '../domain/fixtures';
import { removeTempDirs, tempDir } from '../db/helpers';
import { startTestApp } from '../support/backend';
import { createTeamOn, deviceOf, inviteOn, joinOn } from './bundle-fixture';
import * as teamStatusModule from '../../electron/services/sync/teamStatus';
import { replayOpLog } from './support';

const { readTeamStatus } = teamStatusModule;

// Watched, not changed: `sync export --to` finds the member without building the whole team status.
vi.mock('../../electron/services/sync/teamStatus', async (importOriginal) => {
  const actual = await importOriginal<typeof teamStatusModule>();
  return { ...actual, readTeamStatus: vi.fn(actual.readTeamStatus) };
});

const dirs: string[] = [];
afterAll(() => {
  removeTempDirs();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true));
  try {
    const code = await runCli(argv);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

it('sync export / import / digest converge two data folders; a refused bundle exits 1 with its reason', async () => {
  const f = await startDomainApp();
  await f.admin.call('tickets.create', { title: 'Aire acondicionado', description: 'Gotea', customerId: f.customerId });
  await createTeamOn(f.app);
  const invite = await inviteOn(f.app);
  const b = await startTestApp({ setup: false });
  joinOn(b, invite);
  const deviceA = deviceOf(f.app.backend.database.sqlite);
  // The command line opens the folders itself, as a script would.
  f.app.backend.close();
  b.backend.close();
  dirs.push(f.app.dir, b.dir);
  const work = tempDir();
  const ab = path.join(work, 'a.emsync');
  const ba = path.join(work, 'b.emsync');

  const exported = await cli('sync', 'export', '--data-dir', f.app.dir, '--out', ab, '--json');
  expect(exported.code, exported.stderr).toBe(0);
  expect(JSON.parse(exported.stdout)).toMatchObject({ kind: 'ops', file: ab });
  expect(JSON.parse(exported.stdout).ops).toBeGreaterThan(5);

  const imported = await cli('sync', 'import', '--data-dir', b.dir, '--file', ab);
  expect(imported.code, imported.stderr).toBe(0);
  expect(imported.stdout).toMatch(/applied \d+/);

  expect((await cli('sync', 'export', '--data-dir', b.dir, '--out', ba, '--to', deviceA)).code).toBe(0);
  // The Equipo screen shows a device's first 8 characters: they name it too, and one that names nobody says so.
  const short = await cli('sync', 'export', '--data-dir', b.dir, '--out', path.join(work, 'short.emsync'), '--to', deviceA.slice(0, 8).toUpperCase(), '--json');
  expect(short.code, short.stderr).toBe(0);
  expect(readFileSync(path.join(work, 'short.emsync')).length).toBe(readFileSync(ba).length);
  const nobody = await cli('sync', 'export', '--data-dir', b.dir, '--out', path.join(work, 'nobody.emsync'), '--to', deviceA.startsWith('0') ? 'ffffffff' : '00000000');
  expect(nobody.code).not.toBe(0);
  expect(nobody.stderr).toContain('team status');
  const back = await cli('sync', 'import', '--data-dir', f.app.dir, '--file', ba, '--json');
  expect(back.code, back.stderr).toBe(0);
  expect(JSON.parse(back.stdout)).toMatchObject({ kind: 'ops', gaps: 0, setAside: [] });

  const digestA = await cli('sync', 'digest', '--data-dir', f.app.dir);
  const digestB = await cli('sync', 'digest', '--data-dir', b.dir, '--json');
  expect(digestA.stdout.trim()).toMatch(/^[0-9a-f]{64}$/);
  expect(JSON.parse(digestB.stdout)).toEqual({ digest: digestA.stdout.trim() });

  const tampered = path.join(work, 'tampered.emsync');
  const bytes = readFileSync(ab);
  bytes[bytes.length - 50] = bytes[bytes.length - 50]! ^ 0x01;
  writeFileSync(tampered, bytes);
  const refused = await cli('sync', 'import', '--data-dir', b.dir, '--file', tampered, '--json');
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain('tampered');
  expect(JSON.parse(refused.stdout)).toMatchObject({ ok: false, error: { code: 'VALIDATION', reason: 'tampered' } });
  expect((await cli('sync', 'digest', '--data-dir', b.dir)).stdout.trim()).toBe(digestA.stdout.trim());

  expect((await cli('sync')).code).toBe(2);
  expect((await cli('sync', 'export', '--data-dir', b.dir)).code).toBe(2);
});

it("sync export --to the start of a device id: another member still in the team, read from the team's members; alike or unknown starts are refused", async () => {
  const f = await startDomainApp();
  await createTeamOn(f.app);
  const b = await startTestApp({ setup: false });
  joinOn(b, await inviteOn(f.app));
  const sqlite = f.app.backend.database.sqlite;
  const [office, laptop] = [deviceOf(sqlite), deviceOf(b.backend.database.sqlite)];
  // The office knows the laptop from its ops; two members whose ids start alike and a revoked one, as it knows them too.
  replayOpLog(b.backend.database.sqlite, sqlite, f.app.clock.now().getTime());
  const at = f.app.clock.now().toISOString();
  const member = sqlite.prepare('INSERT INTO team_members (device_id, slot, name, public_key, revoked_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  member.run('abcdef01a0000001', 11, 'Portátil de Ana', 'key-a', null, at, at);
  member.run('abcdef01b0000002', 12, 'Portátil de Luis', 'key-b', null, at, at);
  member.run('fedcba9800000003', 13, 'Portátil robado', 'key-c', at, at, at);
  f.app.backend.close();
  b.backend.close();
  dirs.push(f.app.dir, b.dir);
  const work = tempDir();
  const exportTo = (to: string) => cli('sync', 'export', '--data-dir', f.app.dir, '--out', path.join(work, `${to}.emsync`), '--to', to, '--json');

  vi.mocked(readTeamStatus).mockClear();
  const toLaptop = await exportTo(laptop.slice(0, 8));
  expect(toLaptop.code, toLaptop.stderr).toBe(0);
  expect(JSON.parse(toLaptop.stdout)).toMatchObject({ toDevice: laptop });
  expect(readTeamStatus).not.toHaveBeenCalled();
  const alike = await exportTo('abcdef01');
  expect(alike.code).toBe(1);
  expect(alike.stderr).toContain('abcdef01 starts the device ids of abcdef01a0000001, abcdef01b0000002: give more of it');
  expect(JSON.parse((await exportTo('abcdef01b')).stdout)).toMatchObject({ toDevice: 'abcdef01b0000002' });
  // A revoked device and this copy itself are never whom a file is for.
  for (const nobody of ['fedcba98', office.slice(0, 8)]) {
    const refused = await exportTo(nobody);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`no other member's device id starts with ${nobody}; "team status" lists them`);
  }
});
