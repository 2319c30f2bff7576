// The central hub's command line for real, as separate processes: `hub --postgres URL init`, `hub --postgres URL
// --listen`, `team pair-code --postgres URL` while it runs, a laptop folder joining through it with `team join`,
// Ctrl+C stopping it cleanly, and a database of a newer Emerald refused at start, untouched.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN } from '../support/backend';
import { bundledScript } from '../support/bundled';
import { startPostgres, type TestPostgres } from '../support/postgres';

const root = mkdtempSync(path.join(tmpdir(), 'emerald-pg-cli-'));
const children = new Set<ChildProcess>();
let cluster: TestPostgres;
beforeAll(async () => {
  cluster = await startPostgres();
});
afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await cluster?.stop();
  rmSync(root, { recursive: true, force: true });
});

// scripts/cli.ts bundled once for the file (support/bundled.ts): each process is `node <bundle>`, not a tsx start.
const CLI = [await bundledScript('scripts/cli.ts')];

function spawnCli(args: string[], env: Record<string, string> = {}): { child: ChildProcess; output: { stdout: string; stderr: string }; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [...CLI, ...args], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  children.add(child);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => (children.delete(child), resolve(code))));
  const output = { stdout: '', stderr: '' };
  child.stdout!.on('data', (chunk: Buffer) => (output.stdout += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (output.stderr += chunk.toString('utf8')));
  return { child, output, exited };
}

async function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const { output, exited } = spawnCli(args, env);
  const code = await exited;
  return { code, ...output };
}

async function queryValue(url: string, sql: string): Promise<unknown> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return Object.values((await client.query(sql)).rows[0] ?? {})[0];
  } finally {
    await client.end();
  }
}

describe('hub --postgres on the command line', () => {
  it('init, serve, pair-code, a laptop joins, Ctrl+C stops it cleanly', async () => {
    const url = await cluster.createDatabase();
    // A first admin's password too short is said in words (not the schema's "Too small: expected string…").
    const short = await cli(['hub', '--postgres', url, 'init', '--team-name', 'Servicios Norte', '--admin-email', ADMIN.email], { EMERALD_ADMIN_PASSWORD: 'corta' });
    expect(short.code).not.toBe(0);
    expect(short.stderr).toContain('needs at least 10 characters (EMERALD_ADMIN_PASSWORD has 5)');
    const init = await cli(['hub', '--postgres', url, 'init', '--team-name', 'Servicios Norte', '--admin-email', ADMIN.email], { EMERALD_ADMIN_PASSWORD: ADMIN.password });
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    expect(init.stdout).toContain('Created the team "Servicios Norte"');
    const again = await cli(['hub', '--postgres', url, 'init', '--team-name', 'Otra', '--admin-email', ADMIN.email], { EMERALD_ADMIN_PASSWORD: ADMIN.password });
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('already_in_team');

    // A code made while no hub serves the database says so (it would only work once one does).
    const early = await cli(['team', 'pair-code', '--postgres', url]);
    expect(early.code).toBe(0);
    expect(early.stdout).toContain('Note: no hub is running on');

    const hub = spawnCli(['hub', '--postgres', url, '--listen', '127.0.0.1:0', '--no-mdns']);
    const deadline = Date.now() + 30_000;
    while (!/Fingerprint: /.test(hub.output.stdout)) {
      if (hub.child.exitCode !== null || Date.now() > deadline) throw new Error(`the hub did not start: ${hub.output.stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const hubUrl = /Hub listening on (\S+)/.exec(hub.output.stdout)![1]!;
    const fingerprint = /Fingerprint: (.+)/.exec(hub.output.stdout)![1]!.trim();

    const made = await cli(['team', 'pair-code', '--postgres', url, '--json']);
    expect(made.code).toBe(0);
    const code = JSON.parse(made.stdout) as { code: string; fingerprint: string; hubUrls: string[] };
    expect(code).toMatchObject({ fingerprint, hubUrls: [hubUrl], hubRunning: true });

    // The running hub learns of a code made by another process within a second (and at once after a miss).
    const laptop = path.join(root, 'laptop');
    const join = () => cli(['team', 'join', '--data-dir', laptop, '--hub', hubUrl, '--code', code.code, '--device-name', 'Portátil', '--json']);
    let joined = await join();
    if (joined.code !== 0 && /bad_code/.test(joined.stderr)) joined = await join(); // a refused handshake does not use the code up
    expect(joined.stderr).toBe('');
    expect(joined.code).toBe(0);
    expect(JSON.parse(joined.stdout)).toMatchObject({ teamName: 'Servicios Norte', joined: true, fingerprint, round: { inStep: true } });
    expect(await queryValue(url, 'SELECT count(*)::int FROM team_members')).toBe(2);

    hub.child.kill('SIGINT');
    expect(await hub.exited).toBe(0);
    expect(hub.output.stdout).toContain('Hub stopped (SIGINT)');
    // With the hub gone, the address it wrote is not offered (after a restore it may be another database's hub).
    const after = await cli(['team', 'pair-code', '--postgres', url]);
    expect(after.stdout).toContain('Note: no hub is running on');
    expect(after.stdout).toContain('--hub URL --code');
    expect(after.stdout).not.toContain(hubUrl);
  });

  it('refuses a database a newer Emerald set up, untouched', async () => {
    const url = await cluster.createDatabase();
    const init = await cli(['hub', '--postgres', url, 'init', '--team-name', 'Servicios Norte', '--admin-email', ADMIN.email], { EMERALD_ADMIN_PASSWORD: ADMIN.password });
    expect(init.code).toBe(0);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query("INSERT INTO emerald_schema_migrations (version, name) VALUES (99, '0099_future')");
    await client.end();
    const ops = await queryValue(url, 'SELECT count(*)::int FROM sync_ops');
    const started = await cli(['hub', '--postgres', url, '--listen', '127.0.0.1:0', '--no-mdns']);
    expect(started.code).not.toBe(0);
    expect(started.stderr).toMatch(/newer version of Emerald.*newer_schema/);
    expect(await queryValue(url, 'SELECT count(*)::int FROM sync_ops')).toBe(ops);
    expect(await queryValue(url, 'SELECT max(version) FROM emerald_schema_migrations')).toBe(99);
  });
});
