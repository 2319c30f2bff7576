// The command line for real, as separate processes on 127.0.0.1: a headless hub, a pairing code made while it runs,
// a folder joining through it, `sync now`, clear failures (port in use, folder in no team, hub unreachable), a clean
// stop on SIGTERM, and a SIGKILL of the hub in the middle of a push that loses nothing acknowledged.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/open';
import { createBackend, databasePath } from '../../electron/ipc/backend';
import { inTransaction } from '../../electron/services/context';
import { readVector } from '../../electron/services/sync/apply';
import { syncDigest } from '../../electron/services/sync/digest';
import { syncRound } from '../../electron/services/sync/net/hubClient';
import { newId } from '../../electron/services/ids';
import { loadActor } from '../../electron/services/users/actor';
import { ADMIN, Caller } from '../support/backend';
import { bundledScript } from '../support/bundled';
import { freePort } from '../../scripts/freePort';

const root = mkdtempSync(path.join(tmpdir(), 'emerald-net-cli-'));
const children = new Set<ChildProcess>();
afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(root, { recursive: true, force: true });
});

const A = path.join(root, 'A');
const C = path.join(root, 'C');
// scripts/cli.ts bundled once for the file (support/bundled.ts): each process is `node <bundle>`, not a tsx start.
const CLI = [await bundledScript('scripts/cli.ts')];

function spawnCli(args: string[]): { child: ChildProcess; output: { stdout: string; stderr: string } } {
  const child = spawn(process.execPath, [...CLI, ...args], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  child.once('exit', () => children.delete(child));
  const output = { stdout: '', stderr: '' };
  child.stdout!.on('data', (chunk: Buffer) => (output.stdout += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (output.stderr += chunk.toString('utf8')));
  return { child, output };
}

async function cli(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const { child, output } = spawnCli(args);
  const code = await new Promise<number | null>((resolve) => child.once('exit', (exitCode) => resolve(exitCode)));
  return { code, ...output };
}

interface HubProcess {
  child: ChildProcess;
  output: { stdout: string; stderr: string };
  url: string;
  fingerprint: string;
  exited: Promise<number | null>;
}

/** Starts `hub` and waits (bounded) for its URL and fingerprint. */
async function startHubProcess(dataDir: string, listen: string): Promise<HubProcess> {
  const { child, output } = spawnCli(['hub', '--data-dir', dataDir, '--listen', listen, '--no-mdns']);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const deadline = Date.now() + 30_000;
  while (!/Fingerprint: /.test(output.stdout)) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the hub did not start: ${output.stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { child, output, exited, url: /Hub listening on (\S+)/.exec(output.stdout)![1]!, fingerprint: /Fingerprint: (.+)/.exec(output.stdout)![1]!.trim() };
}

function digest(dataDir: string): string {
  const db = openDatabase(databasePath(dataDir));
  try {
    return syncDigest(db.sqlite);
  } finally {
    db.close();
  }
}

/** A member's services and its admin, in this process; the caller closes it. */
function openMember(dataDir: string) {
  const backend = createBackend({ dataDir });
  const { database, clock, events } = backend;
  const admin = database.sqlite.prepare('SELECT id FROM users WHERE username = ?').get(ADMIN.username) as { id: string };
  const services = { db: database.db, sqlite: database.sqlite, clock, events, dataDir };
  return { backend, services, actor: loadActor(database.sqlite, admin.id) };
}

let port = 0;
let hubUrl = '';

describe('the command line over the network', () => {
  it('runs a headless hub, pairs a new folder with a code made meanwhile, and syncs it', async () => {
    // A: an administrator and a team, made in this process before the hub starts.
    const setup = createBackend({ dataDir: A });
    const admin = new Caller(setup);
    await admin.call('auth.setup', ADMIN);
    await admin.call('auth.login', { login: ADMIN.username, password: ADMIN.password });
    await admin.call('team.create', { name: 'Servicios Norte', deviceName: 'Oficina' });
    setup.close();

    port = await freePort();
    const hub = await startHubProcess(A, `127.0.0.1:${port}`);
    hubUrl = hub.url;
    expect(hub.url).toBe(`https://127.0.0.1:${port}`);
    expect(hub.fingerprint).toMatch(/^([0-9A-F]{4} ){15}[0-9A-F]{4}$/);
    // Where it listens is said once (stdout, with the fingerprint), not again in its log.
    expect(hub.output.stderr).not.toContain('listening on');

    const made = await cli('team', 'pair-code', '--data-dir', A, '--json');
    expect(made.code).toBe(0);
    const { code, fingerprint } = JSON.parse(made.stdout) as { code: string; fingerprint: string };
    expect(fingerprint).toBe(hub.fingerprint);

    const joined = await cli('team', 'join', '--data-dir', C, '--hub', hub.url, '--code', code, '--device-name', 'Portátil');
    expect(joined.stderr).toBe('');
    expect(joined.code).toBe(0);
    expect(joined.stdout).toContain(`Hub fingerprint: ${hub.fingerprint}`);
    expect(joined.stdout).toContain('in step with the hub');
    expect(digest(C)).toBe(digest(A));
    // The code was single use.
    const again = await cli('team', 'join', '--data-dir', path.join(root, 'D'), '--hub', hub.url, '--code', code);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('bad_code');

    // A change on the hub's folder (written by this process while the hub runs) reaches C with `sync now`.
    const office = openMember(A);
    inTransaction({ ...office.services, actor: office.actor }, () => {
      office.services.sqlite.prepare('INSERT INTO customers (id, name) VALUES (?, ?)').run(newId(), 'Talleres Gómez');
    });
    office.backend.close();
    const now = await cli('sync', 'now', '--data-dir', C);
    expect(now.code).toBe(0);
    expect(now.stdout).toMatch(/^In step with Oficina/);
    expect(digest(C)).toBe(digest(A));

    // Refusals of `hub`: the port is taken; a folder in no team.
    const taken = await cli('hub', '--data-dir', A, '--listen', `127.0.0.1:${port}`, '--no-mdns');
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain('port_in_use');
    expect((await cli('migrate', '--data-dir', path.join(root, 'B'))).code).toBe(0);
    const lonely = await cli('hub', '--data-dir', path.join(root, 'B'), '--listen', '127.0.0.1:0', '--no-mdns');
    expect(lonely.code).toBe(1);
    expect(lonely.stderr).toContain('not in a team');

    // SIGTERM stops it cleanly; then C finds it unreachable and says so.
    hub.child.kill('SIGTERM');
    expect(await hub.exited).toBe(0);
    expect(hub.output.stdout).toContain('Hub stopped (SIGTERM)');
    const down = await cli('sync', 'now', '--data-dir', C);
    expect(down.code).toBe(1);
    expect(down.stderr).toContain('unreachable');
  });

  it('a hub killed in the middle of a push keeps every page it acknowledged; the next round completes', async () => {
    expect(hubUrl).not.toBe('');
    const member = openMember(C);
    try {
      // 1,000 changes on the member: ten pages of 100.
      inTransaction({ ...member.services, actor: member.actor }, () => {
        const insert = member.services.sqlite.prepare('INSERT INTO customers (id, name) VALUES (?, ?)');
        for (let i = 0; i < 1000; i++) insert.run(newId(), `Cliente ${i}`);
      });
      const deviceId = (member.services.sqlite.prepare('SELECT device_id FROM sync_local').get() as { device_id: string }).device_id;
      const hubBefore = openDatabase(databasePath(A));
      const before = readVector(hubBefore.sqlite)[deviceId] ?? 0;
      hubBefore.close();

      let hub = await startHubProcess(A, `127.0.0.1:${port}`);
      let acknowledged = 0;
      const interrupted = await syncRound(member.services, undefined, {
        pageSize: 100,
        onProgress: ({ phase, done }) => {
          if (phase !== 'push' || acknowledged > 0) return;
          acknowledged = done;
          hub.child.kill('SIGKILL');
        },
      }).then(
        () => 'completed',
        (error: { details?: { reason?: string } }) => error.details?.reason,
      );
      expect(interrupted).toMatch(/unreachable|handshake_failed/);
      expect(await hub.exited).toBe(null);
      expect(acknowledged).toBe(100);
      const hubAfter = openDatabase(databasePath(A));
      expect(readVector(hubAfter.sqlite)[deviceId]).toBeGreaterThanOrEqual(before + acknowledged);
      hubAfter.close();

      hub = await startHubProcess(A, `127.0.0.1:${port}`);
      expect(await syncRound(member.services)).toMatchObject({ inStep: true });
      hub.child.kill('SIGTERM');
      expect(await hub.exited).toBe(0);
    } finally {
      member.backend.close();
    }
    expect(digest(C)).toBe(digest(A));
  });
});
