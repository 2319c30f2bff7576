// What a newcomer's LAN trial found in the command line texts (issue 13): pair-code names the hub's real address and
// refuses a validity out of range, a failed `team join --hub` leaves no database behind, `sync now` on the hub says it
// is the hub, and a running hub says "listening on" once. In process (runCli), hub on 127.0.0.1, no mDNS.
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { recordHubListening } from '../../electron/services/sync/background/hubAddress';
import { writeHubSetting } from '../../electron/services/sync/background/hubSetting';
import { startNetRuntime } from '../../electron/services/sync/background/runtime';
import { runCli } from '../../scripts/cli';
import { pairWithHub } from '../../electron/services/sync/net/hubClient';
import { adminContext, makeCode, netWorld, servicesOf } from './net.helpers';
import { sqliteOf, startNowApp } from './team.helpers';
import type { TestApp } from '../support/backend';

const root = mkdtempSync(path.join(tmpdir(), 'emerald-net-trial-cli-'));
let hub: TestApp;

beforeAll(async () => {
  hub = await startNowApp();
  await hub.admin.call('team.create', { name: 'Servicios Norte', deviceName: 'Oficina' });
}, 60_000);

const world = netWorld();

afterAll(async () => {
  await world.close();
  hub?.close();
  rmSync(root, { recursive: true, force: true });
});

/** Runs the CLI in this process and keeps what it printed. */
async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const output = { stdout: '', stderr: '' };
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((output.stdout += String(chunk)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((output.stderr += String(chunk)), true));
  try {
    return { code: await runCli(argv), ...output };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

/** A port nobody listens on (taken by the OS, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('LAN trial: command line texts', () => {
  it('team pair-code refuses --valid-minutes out of 1..60 with the range, instead of a silent 1-minute code', async () => {
    for (const minutes of ['0', '61']) {
      const result = await cli('team', 'pair-code', '--data-dir', hub.dir, '--valid-minutes', minutes);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('from 1 to 60');
      expect(result.stdout).not.toContain('Pairing code');
    }
    expect((await cli('team', 'pair-code', '--data-dir', hub.dir, '--valid-minutes', '60')).code).toBe(0);
  });

  it('team pair-code prints the URL the hub listens on when the hub setting says it, not THIS-PC', async () => {
    const unknown = await cli('team', 'pair-code', '--data-dir', hub.dir);
    expect(unknown.stdout).not.toContain('THIS-PC');
    writeHubSetting(sqliteOf(hub), { enabled: true, host: '127.0.0.1', port: 18443 }, new Date().toISOString());
    const known = await cli('team', 'pair-code', '--data-dir', hub.dir);
    expect(known.code).toBe(0);
    expect(known.stdout).toContain('--hub https://127.0.0.1:18443 ');
    expect(known.stdout).not.toContain('THIS-PC');
  });

  it('sync now on the hub itself says it is the hub and what to run instead', async () => {
    const result = await cli('sync', 'now', '--data-dir', hub.dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('this copy is the hub');
    expect(result.stderr).not.toContain('not paired');
  });

  it('a failed team join --hub into a new folder leaves no emerald.db (nor the folder) behind', async () => {
    const port = await closedPort();
    const fresh = path.join(root, 'fresh');
    const result = await cli('team', 'join', '--data-dir', fresh, '--hub', `https://127.0.0.1:${port}`, '--code', 'ABCD-EFGH');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('unreachable');
    expect(existsSync(fresh)).toBe(false);
    // A folder that existed (with a file of the person's) keeps it; only what the join made goes.
    const kept = mkdtempSync(path.join(root, 'kept-'));
    writeFileSync(path.join(kept, 'notes.txt'), 'mine');
    expect((await cli('team', 'join', '--data-dir', kept, '--hub', `https://127.0.0.1:${port}`, '--code', 'ABCD-EFGH')).code).toBe(1);
    expect(readdirSync(kept)).toEqual(['notes.txt']);
  });

  it('a running hub logs "listening on" once', async () => {
    const lines: string[] = [];
    writeHubSetting(sqliteOf(hub), { enabled: true, host: '127.0.0.1', port: 0 }, new Date().toISOString());
    const runtime = startNetRuntime(servicesOf(hub), { mdns: false, log: (line) => lines.push(line) });
    try {
      const state = await runtime.applyHubSetting();
      expect(state.running).toBe(true);
      expect(lines.filter((line) => line.includes('listening on'))).toHaveLength(1);
    } finally {
      await runtime.close();
    }
  });

  it('team status names the hub a member syncs with and how its last round went, and on the hub that it serves', async () => {
    const { app: office, hub: running } = await world.hubApp();
    writeHubSetting(sqliteOf(office), { enabled: true, host: '127.0.0.1', port: running.port }, new Date().toISOString());
    const laptop = await world.app({ setup: false });
    await pairWithHub(adminContext(laptop), { url: running.url, code: await makeCode(office), deviceName: 'Portátil de Tomás' });
    const member = await cli('team', 'status', '--data-dir', laptop.dir);
    expect(member.code).toBe(0);
    expect(member.stdout).toMatch(new RegExp(`Hub: Oficina at ${running.url} · last round \\d{4}-.+ · in step at the last round`));
    const own = await cli('team', 'status', '--data-dir', office.dir);
    expect(own.stdout).toContain(`Serving as the team's hub on 127.0.0.1:${running.port}`);
    expect(own.stdout).not.toContain('Hub: ');

    // The same for scripts: --json names the hub and how its last round went, and on the hub where it serves.
    const memberJson = JSON.parse((await cli('team', 'status', '--data-dir', laptop.dir, '--json')).stdout) as Record<string, unknown>;
    expect(memberJson).toMatchObject({ hub: { name: 'Oficina', url: running.url, state: 'synced', unreachableSince: null, reason: null }, servingHubOn: null });
    expect((memberJson.hub as { lastSyncAt: string }).lastSyncAt).toMatch(/^\d{4}-/);
    const ownJson = JSON.parse((await cli('team', 'status', '--data-dir', office.dir, '--json')).stdout) as Record<string, unknown>;
    expect(ownJson).toMatchObject({ hub: null, servingHubOn: `127.0.0.1:${running.port}` });
  });

  it('team status on a folder a headless hub serves now says so, and where (the saved hub switch is off)', async () => {
    const office = await startNowApp();
    try {
      await office.admin.call('team.create', { name: 'Servicios Sur', deviceName: 'Oficina Sur' });
      const quiet = JSON.parse((await cli('team', 'status', '--data-dir', office.dir, '--json')).stdout) as Record<string, unknown>;
      expect(quiet).toMatchObject({ servingHubOn: null });
      // What `hub --data-dir` records while it runs (this process stands for it: the record names a live process).
      recordHubListening(sqliteOf(office), ['https://127.0.0.1:7544'], new Date().toISOString());
      const text = await cli('team', 'status', '--data-dir', office.dir);
      expect(text.stdout).toContain('Serving as the team\'s hub at https://127.0.0.1:7544 (the "hub" command, running now)');
      const json = JSON.parse((await cli('team', 'status', '--data-dir', office.dir, '--json')).stdout) as Record<string, unknown>;
      expect(json).toMatchObject({ servingHubOn: '127.0.0.1:7544' });
    } finally {
      office.close();
    }
  });
});
