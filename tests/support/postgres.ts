// Test harness: a throwaway PostgreSQL cluster of our own (initdb, then postgres as our child on a loopback port), never a system service.
// CI runs as root and PostgreSQL refuses to run as root, so the cluster then runs as `nobody`.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { appendFileSync, chownSync, closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { freePort } from '../../scripts/freePort';

export interface TestPostgres {
  /** Connection URL for a database of this cluster (default `postgres`), as superuser `emerald`, trust auth. */
  url(database?: string): string;
  /** Creates a fresh empty database (random name unless given) and returns its URL. */
  createDatabase(name?: string): Promise<string>;
  /** Final stop (fast shutdown) and removal of the temp folder; idempotent. Call it in afterAll. */
  stop(): Promise<void>;
  /** Fast shutdown then start again on the same port, data kept. */
  restart(): Promise<void>;
  /** Immediate shutdown (no checkpoint, clients cut), data kept: for fault tests. `start()` brings it back. */
  kill(): Promise<void>;
  /** Starts the cluster again after `kill()` (no-op when running). */
  start(): Promise<void>;
  /** The folder holding initdb, pg_ctl, postgres, psql, pg_dump, pg_restore. */
  binDir: string;
  /** The TCP port on 127.0.0.1. */
  port: number;
}

const MIN_MAJOR = 15;
const SUPERUSER = 'emerald';

/** Newest PostgreSQL ≥ 15: Debian's /usr/lib/postgresql/N/bin first (not on PATH on CI), then PATH. */
export function findPostgresBinDir(): string {
  const candidates: string[] = [];
  const debianRoot = '/usr/lib/postgresql';
  if (existsSync(debianRoot)) {
    const majors = readdirSync(debianRoot)
      .filter((name) => /^\d+$/.test(name))
      .sort((a, b) => Number(b) - Number(a));
    for (const major of majors) candidates.push(path.join(debianRoot, major, 'bin'));
  }
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) if (dir) candidates.push(dir);
  const seen: string[] = [];
  for (const dir of candidates) {
    if (!['initdb', 'pg_ctl', 'postgres'].every((tool) => existsSync(path.join(dir, tool)))) continue;
    const major = majorVersion(dir);
    if (major !== null && major >= MIN_MAJOR) return dir;
    seen.push(`${dir} (version ${major ?? 'unknown'})`);
  }
  throw new Error(
    `PostgreSQL ${MIN_MAJOR} or newer is needed for these tests and was not found ` +
      `(looked in /usr/lib/postgresql/*/bin and PATH${seen.length ? `; too old: ${seen.join(', ')}` : ''}). ` +
      `Install Debian's package: apt-get install postgresql (.ci/run does this on CI).`,
  );
}

function majorVersion(binDir: string): number | null {
  const out = spawnSync(path.join(binDir, 'pg_ctl'), ['--version'], { encoding: 'utf8' });
  const match = /\(PostgreSQL\)\s+(\d+)/.exec(out.stdout ?? '');
  return match ? Number(match[1]) : null;
}

interface RunAs {
  uid: number;
  gid: number;
}

/** When we are root, the unprivileged account the cluster runs as (nobody/nogroup). */
function unprivilegedAccount(): RunAs | null {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return null;
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('nobody:'));
  if (!line) throw new Error('running as root and there is no `nobody` user to run PostgreSQL as');
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

/** Every folder above `dir` lets others through (x): else an account like nobody cannot reach a folder inside it. */
function othersCanReach(dir: string): boolean {
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    if ((statSync(current).mode & 0o001) === 0) return false;
    if (path.dirname(current) === current) return true;
  }
}

/** The system temp folder, unless the cluster runs as another account that could not reach it (a private TMPDIR). */
function clusterParent(runAs: RunAs | null): string {
  return runAs && !othersCanReach(tmpdir()) ? '/tmp' : tmpdir();
}

const STALE_AFTER_MS = 30 * 60_000;

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Clusters of runs that were killed before their afterAll (no stop, folder left): removed when older than half an
 * hour and no postmaster of theirs is alive. Only folders holding a cluster (data/PG_VERSION) are touched.
 */
function sweepStaleClusters(parent: string): void {
  let names: string[];
  try {
    names = readdirSync(parent).filter((name) => name.startsWith('emerald-pg-'));
  } catch {
    return;
  }
  for (const name of names) {
    const dir = path.join(parent, name);
    try {
      if (!existsSync(path.join(dir, 'data', 'PG_VERSION')) || Date.now() - statSync(dir).mtimeMs < STALE_AFTER_MS) continue;
      const pidFile = path.join(dir, 'data', 'postmaster.pid');
      const pid = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').split('\n')[0]) : 0;
      if (pid > 0 && processAlive(pid)) continue;
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // Someone else's, or gone meanwhile: leave it.
    }
  }
}

function run(binDir: string, tool: string, args: string[], runAs: RunAs | null, cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    // Node sets uid/gid (and drops supplementary groups) in the child; env kept minimal and locale-neutral.
    const child = spawn(path.join(binDir, tool), args, {
      cwd,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C', LC_ALL: 'C', TZ: 'UTC' },
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(runAs ? { uid: runAs.uid, gid: runAs.gid } : {}),
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`${tool} ${args.join(' ')} failed (exit ${code}):\n${output.trim()}`));
    });
  });
}

const liveClusters = new Set<() => void>();
let exitHookInstalled = false;

/** A crashed test run must not leave a postmaster behind: immediate stop of every live cluster at exit. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const stopNow of liveClusters) stopNow();
  });
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startPostgres(): Promise<TestPostgres> {
  const binDir = findPostgresBinDir();
  const runAs = unprivilegedAccount();
  const parent = clusterParent(runAs);
  sweepStaleClusters(parent);
  const root = mkdtempSync(path.join(parent, 'emerald-pg-'));
  const dataDir = path.join(root, 'data');
  const socketDir = path.join(root, 'sock');
  const logFile = path.join(root, 'postgres.log');
  mkdirSync(socketDir);
  if (runAs) for (const dir of [root, socketDir]) chownSync(dir, runAs.uid, runAs.gid);

  // The postmaster is our own child (not daemonized by pg_ctl), so we reap it and can signal it:
  // SIGINT = fast shutdown, SIGQUIT = immediate shutdown (PostgreSQL's documented modes).
  let server: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();
  let removed = false;
  let port = 0;

  const url = (database = 'postgres') => `postgres://${SUPERUSER}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
  const logTail = () => (existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').slice(-15).join('\n') : '');
  const stopImmediatelySync = () => {
    if (server && server.exitCode === null && server.signalCode === null) server.kill('SIGQUIT');
  };

  const shutdown = async (signal: 'SIGINT' | 'SIGQUIT') => {
    const child = server;
    if (!child) return;
    server = null;
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGQUIT'), 30_000);
    await exited;
    clearTimeout(timer);
  };

  const startServer = async () => {
    if (server) return;
    const log = openSync(logFile, 'a');
    const child = spawn(path.join(binDir, 'postgres'), ['-D', dataDir], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C', LC_ALL: 'C', TZ: 'UTC' },
      stdio: ['ignore', log, log],
      ...(runAs ? { uid: runAs.uid, gid: runAs.gid } : {}),
    });
    closeSync(log);
    server = child;
    let gone = false;
    exited = new Promise((resolve) => {
      child.once('exit', () => {
        gone = true;
        resolve();
      });
      child.once('error', () => {
        gone = true;
        resolve();
      });
    });
    // Ready when it accepts a connection; bounded wait.
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (gone) {
        server = null;
        throw new Error(`postgres did not start:\n--- postgres.log ---\n${logTail()}`);
      }
      const probe = new pg.Client({ connectionString: url(), connectionTimeoutMillis: 2_000 });
      try {
        await probe.connect();
        await probe.end();
        return;
      } catch {
        await probe.end().catch(() => undefined);
      }
      if (Date.now() > deadline) {
        await shutdown('SIGQUIT');
        throw new Error(`postgres did not accept connections within 60 s:\n--- postgres.log ---\n${logTail()}`);
      }
      await delay(50);
    }
  };

  try {
    await run(
      binDir,
      'initdb',
      ['-D', dataDir, '-U', SUPERUSER, '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync'],
      runAs,
      root,
    );
    // A port picked free can be taken by someone else before the postmaster binds it: try a few.
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      // fsync off is safe for tests (the OS keeps written data across a postgres kill); commits stay
      // synchronous so an immediate stop never loses an acknowledged transaction.
      appendFileSync(
        path.join(dataDir, 'postgresql.conf'),
        [
          '',
          '# emerald test cluster',
          "listen_addresses = '127.0.0.1'",
          `port = ${port}`,
          `unix_socket_directories = '${socketDir}'`,
          'fsync = off',
          'full_page_writes = off',
          'shared_buffers = 32MB',
          'max_connections = 200',
          "timezone = 'UTC'",
          '',
        ].join('\n'),
      );
      try {
        await startServer();
        break;
      } catch (error) {
        if (attempt >= 3 || !/could not (bind|create listen)/i.test((error as Error).message)) throw error;
      }
    }
  } catch (error) {
    stopImmediatelySync();
    await exited;
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
  installExitHook();
  liveClusters.add(stopImmediatelySync);

  const assertPresent = () => {
    if (removed) throw new Error('this test PostgreSQL was stopped for good (stop() removes it); start a new one');
  };

  return {
    binDir,
    get port() {
      return port;
    },
    url,
    async createDatabase(name = `t_${randomBytes(6).toString('hex')}`) {
      assertPresent();
      const client = new pg.Client({ connectionString: url() });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
      } finally {
        await client.end();
      }
      return url(name);
    },
    async stop() {
      if (removed) return;
      removed = true;
      liveClusters.delete(stopImmediatelySync);
      await shutdown('SIGINT');
      rmSync(root, { recursive: true, force: true });
    },
    async restart() {
      assertPresent();
      await shutdown('SIGINT');
      await startServer();
    },
    async kill() {
      assertPresent();
      await shutdown('SIGQUIT');
    },
    async start() {
      assertPresent();
      await startServer();
    },
  };
}
