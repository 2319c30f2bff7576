// `npm run serve` as a child process: it prints EMERALD_URL, serves the API, and closes the database on SIGTERM.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { databasePath } from '../../electron/ipc/backend';
import { ADMIN } from '../support/backend';
import { bundledScript } from '../support/bundled';
import { BrowserTab } from './http-client';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const dirs: string[] = [];

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

// scripts/serve.ts bundled once for the file (support/bundled.ts): a start without tsx's transpiling loader.
const serveScript = await bundledScript('scripts/serve.ts');

/** `via: 'tsx'` starts it as `npm run serve` does (node --import tsx scripts/serve.ts); else its bundle. */
function startServe(args: string[], env: Record<string, string> = {}, via: 'tsx' | 'bundle' = 'bundle'): ChildProcessWithoutNullStreams {
  // tsx as a loader, not its CLI: the CLI's parent process relays signals with a 30 ms deadline, which a busy machine misses.
  const script = via === 'tsx' ? ['--import', 'tsx', path.join(repoRoot, 'scripts', 'serve.ts')] : [serveScript];
  return spawn(process.execPath, [...script, ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
  });
}

function waitForUrl(child: ChildProcessWithoutNullStreams, output: { text: string } = { text: '' }): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      output.text = out;
      const match = /^EMERALD_URL=(\S+)$/m.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    child.once('exit', (code) => reject(new Error(`serve exited with ${code} before printing its URL:\n${out}\n${err}`)));
  });
}

function exitCode(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

it('starts on a free port, prints the URL with the token, serves the API and stops cleanly on SIGTERM', async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'emerald-serve-'));
  dirs.push(dataDir);
  const child = startServe(['--port', '0', '--data-dir', dataDir, '--no-build'], { EMERALD_TOKEN: 'fixed-test-token' });
  const exited = exitCode(child);
  const url = new URL(await waitForUrl(child));
  expect(url.hostname).toBe('127.0.0.1');
  expect(Number(url.port)).toBeGreaterThan(0);
  expect(url.searchParams.get('token')).toBe('fixed-test-token');

  const tab = new BrowserTab(Number(url.port), 'fixed-test-token');
  expect((await tab.post('auth.setup', ADMIN)).json()).toMatchObject({ ok: true });
  expect(existsSync(databasePath(dataDir))).toBe(true);

  child.kill('SIGTERM');
  expect(await exited).toBe(0);
});

it('refuses a database written by a newer Emerald with a clear message and leaves it alone', async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'emerald-serve-'));
  dirs.push(dataDir);
  const { default: Database } = await import('better-sqlite3');
  const { APPLICATION_ID } = await import('../../db/open');
  const file = new Database(databasePath(dataDir));
  file.pragma(`application_id = ${APPLICATION_ID}`);
  file.pragma('user_version = 999');
  file.exec('CREATE TABLE future (x)');
  file.close();
  const before = readFileSync(databasePath(dataDir));
  const child = startServe(['--port', '0', '--data-dir', dataDir, '--no-build']);
  let err = '';
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  expect(await exitCode(child)).toBe(1);
  expect(err).toContain('newer_version');
  expect(readFileSync(databasePath(dataDir)).equals(before)).toBe(true);
});

it('--demo fills a fresh data folder through the CLI, and leaves an existing one as it is', async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'emerald-serve-demo-'));
  dirs.push(dataDir);
  for (const run of ['fresh', 'again'] as const) {
    // As `npm run serve` starts it: serve hands its own node flags (tsx's loader) to the demo CLI it runs.
    const child = startServe(['--port', '0', '--data-dir', dataDir, '--no-build', '--demo', '--tickets', '5'], { EMERALD_TOKEN: 'demo-token' }, 'tsx');
    const exited = exitCode(child);
    const output = { text: '' };
    const url = new URL(await waitForUrl(child, output));
    if (run === 'again') expect(output.text).toContain('already holds a database');
    const tab = new BrowserTab(Number(url.port), 'demo-token');
    expect((await tab.post('auth.login', { login: 'admin', password: 'emerald-demo' })).json()).toMatchObject({ ok: true });
    const list = (await tab.post('tickets.list', { limit: 50 })).json<{ ok: true; value: { items: unknown[] } }>();
    expect(list.value.items).toHaveLength(5);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }
  // Four processes in a row (demo CLI, serve, serve again), each serve starting its engine worker through tsx.
}, 180_000);
