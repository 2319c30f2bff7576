// Central hub figures (issue 14), each side in its own process: PostgreSQL (EMERALD_BENCH_POSTGRES_URL, a server where
// this user may CREATE DATABASE; else a throwaway cluster of Debian's postgresql, as the tests start), the hub
// (`cli hub --postgres URL`, as shipped), and bench/pg/members.ts with EMERALD_BENCH_PG_MEMBERS empty copies.
// EMERALD_BENCH_PG_APPLY=0: the members only count the ops they pull (countingRound in net/benchMember.ts).
// Figures: (a) ingest into PostgreSQL through the network, ops/s (≥ 10,000); (b) all members running a round at once,
// p95 (≤ 500 ms). Without PostgreSQL there are no figures (the log says why). Run alone: `npx tsx scripts/bench/syncPg.ts`.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { initPgHub, openHubDatabase } from '../../electron/services/sync/pg/pgHubSetup';
import { startPostgres, type TestPostgres } from '../../tests/support/postgres';
import { cpuProfileFlags, p } from './net/hubApi';
import type { SyncFigure } from './sync';
import { freePort } from '../freePort';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// A team holds 99 devices with the hub (slots 01-99), so 98 members at most pair with it.
const MEMBERS = Number(process.env.EMERALD_BENCH_PG_MEMBERS ?? 30);
const ROUNDS = Number(process.env.EMERALD_BENCH_PG_ROUNDS ?? 3);
const INGEST_OPS = Number(process.env.EMERALD_BENCH_PG_INGEST ?? 20_000);
const BUDGET = { ingestOpsPerSecond: 10_000, roundMs: 500 };
const PASSWORD = `bench-${randomBytes(6).toString('hex')}-Pw1`;

// EMERALD_BENCH_PG_PROF=DIR: the hub and the members each write a CPU profile there (node --cpu-prof) as they end.
const PROFILE_DIR = process.env.EMERALD_BENCH_PG_PROF;

function startChild(args: string[], log: (line: string) => void): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [...cpuProfileFlags(PROFILE_DIR, args[0]!), '--import', 'tsx', ...args], { cwd: repoRoot, env: { ...process.env, EMERALD_BENCH_PASSWORD: PASSWORD }, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    out += text;
    if (/^ {2}pg hub:/m.test(text)) log(text.trimEnd());
  });
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

async function waitFor(child: { output: () => string; exited: Promise<number | null> }, pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray> {
  let gone = false;
  void child.exited.then(() => (gone = true));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = pattern.exec(child.output());
    if (match) return match;
    if (gone || Date.now() > deadline) throw new Error(`no ${pattern} from the child:\n${child.output().slice(-2000)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A new, empty database for one bench case: on the throwaway cluster, or on EMERALD_BENCH_POSTGRES_URL's server. */
export async function pgBenchDatabase(cluster: TestPostgres | null): Promise<string> {
  const name = `emerald_bench_${randomBytes(4).toString('hex')}`;
  if (cluster) return cluster.createDatabase(name);
  const server = process.env.EMERALD_BENCH_POSTGRES_URL!;
  const client = new pg.Client({ connectionString: server });
  await client.connect();
  await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  await client.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function measurePgHub(workDir: string, log: (line: string) => void): Promise<SyncFigure[]> {
  let cluster: TestPostgres | null = null;
  if (!process.env.EMERALD_BENCH_POSTGRES_URL) {
    try {
      cluster = await startPostgres();
    } catch (error) {
      // "Run when a PostgreSQL is available": no row rather than a made-up figure.
      log(`  pg hub: not measured: ${(error as Error).message}`);
      return [];
    }
  }
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  const children: { child: ChildProcess; exited: Promise<number | null> }[] = [];
  try {
    const url = await pgBenchDatabase(cluster);
    const pool = await openHubDatabase(url);
    await initPgHub(pool, { teamName: 'Bench', deviceName: 'Hub central', admin: { email: 'admin@bench.example', username: 'admin', fullName: 'Admin', password: PASSWORD } });
    await pool.end();
    const port = await freePort();
    const hub = startChild(['scripts/cli.ts', 'hub', '--postgres', url, '--listen', `127.0.0.1:${port}`, '--no-mdns'], log);
    children.push(hub);
    const hubUrl = (await waitFor(hub, /Hub listening on (\S+)/, 60_000))[1]!;
    log(`  pg hub: pairing ${MEMBERS} members with the hub…`);
    const outFile = path.join(workDir, 'members.json');
    const members = startChild(['scripts/bench/pg/members.ts', path.join(workDir, 'members'), hubUrl, url, String(MEMBERS), String(ROUNDS), String(INGEST_OPS), outFile], log);
    children.push(members);
    await waitFor(members, /^MEMBERS_RESULT /m, 60 * 60_000);
    const result = JSON.parse(readFileSync(outFile, 'utf8')) as { pairingMs: number; ingest: { ops: number; ms: number }; rounds: number[]; applyPulled: boolean };
    const rate = Math.round(result.ingest.ops / (result.ingest.ms / 1000));
    const roundP95 = Math.round(p(result.rounds, 0.95));
    log(`  pg hub: pairing took ${Math.round(result.pairingMs)} ms a member`);
    return [
      { name: `central hub: ingest into PostgreSQL through the network (${result.ingest.ops} ops, pages of 500)`, value: rate, unit: 'ops/s', budget: `≥ ${BUDGET.ingestOpsPerSecond}`, ok: rate >= BUDGET.ingestOpsPerSecond },
      {
        name: `central hub: ${MEMBERS} members syncing at once${result.applyPulled ? '' : ' (each counts what it pulls, applies none)'}, round p95`,
        value: roundP95,
        unit: 'ms',
        budget: `≤ ${BUDGET.roundMs} ms`,
        ok: roundP95 <= BUDGET.roundMs,
      },
    ];
  } finally {
    // A profiled child writes its profile as it exits: the members end by themselves, then the hub is stopped.
    const grace = () => new Promise((resolve) => setTimeout(resolve, 10_000));
    if (PROFILE_DIR) await Promise.race([Promise.all(children.slice(1).map((c) => c.exited)), grace()]);
    for (const { child } of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    if (PROFILE_DIR) await Promise.race([Promise.all(children.map((c) => c.exited)), grace()]);
    await cluster?.stop();
    rmSync(workDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const figures = await measurePgHub(path.join(repoRoot, 'bench/.cache/sync-pg'), (line) => process.stderr.write(`${line}\n`));
  for (const figure of figures) process.stdout.write(`${figure.name}: ${figure.value} ${figure.unit} (${figure.budget}) ${figure.ok ? 'ok' : 'NOT MET'}\n`);
}
