// The bench dataset moved onto an empty central hub on PostgreSQL (issue 14), as a company moving an existing office
// would: the office's copy founds the team (`team create`), makes an invitation for the hub (`team invite`) and
// exports its whole op log (`sync export --full`); the hub adopts the team from them (`hub --postgres URL adopt`).
// The export and the adoption each run in a process of the CLI bundled as the app ships (measuredCli.ts), whose peak
// memory is read at exit. The office is a copy of the cached dataset (never the cache itself). No PostgreSQL, no
// figures. Run alone: `npx tsx scripts/bench/syncPgAdopt.ts [--tickets 100000] [--cache bench/.cache]`.
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { databasePath } from '../../electron/ipc/backend';
import { startPostgres, type TestPostgres } from '../../tests/support/postgres';
import { intFlag, parseArgs, stringFlag } from '../args';
import { ensureDataset } from './dataset';
import { bundleMeasuredCli, measuredCli, quietCli } from './measuredCli';
import type { SyncFigure } from './sync';
import { pgBenchDatabase } from './syncPg';

export interface PgAdoptOptions {
  /** The cached dataset's folder (dataset-<tickets>-<technicians>), copied, never written. */
  datasetDir: string;
  tickets: number;
  workDir: string;
}

/** Ops the hub took from the office (its own membership op aside), and how many of them were applied. */
async function adoptedOps(url: string): Promise<{ ops: number; applied: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ ops: string; applied: string }>(
      `SELECT count(*) AS ops, count(*) FILTER (WHERE status = 'applied') AS applied
       FROM sync_ops WHERE device_id <> (SELECT device_id FROM hub_identity WHERE id = 1)`,
    );
    return { ops: Number(rows[0]!.ops), applied: Number(rows[0]!.applied) };
  } finally {
    await client.end();
  }
}

export async function measurePgAdopt(options: PgAdoptOptions, log: (line: string) => void): Promise<SyncFigure[]> {
  let cluster: TestPostgres | null = null;
  if (!process.env.EMERALD_BENCH_POSTGRES_URL) {
    try {
      cluster = await startPostgres();
    } catch (error) {
      log(`  pg adopt: not measured: ${(error as Error).message}`);
      return [];
    }
  }
  const { workDir } = options;
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  try {
    const office = path.join(workDir, 'office');
    mkdirSync(office, { recursive: true });
    log(`  pg adopt: copying the ${options.tickets}-ticket dataset for the office…`);
    copyFileSync(databasePath(options.datasetDir), databasePath(office));
    const invite = path.join(workDir, 'hub.eminvite');
    const full = path.join(workDir, 'full.emsync');
    await quietCli(['team', 'create', '--data-dir', office, '--name', 'Bench']);
    await quietCli(['team', 'invite', '--data-dir', office, '--out', invite]);
    const bundle = await bundleMeasuredCli();
    const url = await pgBenchDatabase(cluster);
    log('  pg adopt: sync export --full on the office (child process)…');
    const exported = await measuredCli(bundle, ['sync', 'export', '--data-dir', office, '--full', '--out', full]);
    log(`  pg adopt: exported in ${exported.ms} ms; hub --postgres URL adopt (child process)…`);
    const adopted = await measuredCli(bundle, ['hub', '--postgres', url, 'adopt', '--invite', invite, '--bundle', full]);
    const { ops, applied } = await adoptedOps(url);
    if (applied !== ops) log(`  pg adopt: ${ops - applied} of ${ops} ops were not applied (set aside)`);
    const wallMs = exported.ms + adopted.ms;
    const name = (what: string) => `central hub: office of ${options.tickets} tickets adopted by an empty PostgreSQL hub (export --full + adopt), ${what}`;
    const measured = (what: string, value: number, unit: string): SyncFigure => ({ name: name(what), value, unit, budget: 'measured', ok: true });
    return [
      measured('ops pushed', ops, 'ops'),
      measured('wall time', wallMs, 'ms'),
      measured('rate', Math.round(ops / (wallMs / 1000)), 'ops/s'),
      measured('office export time', exported.ms, 'ms'),
      measured('hub adopt time', adopted.ms, 'ms'),
      measured('hub peak memory (adopt process)', adopted.peakMb, 'MB'),
      measured('office peak memory (export process)', exported.peakMb, 'MB'),
    ];
  } finally {
    await cluster?.stop();
    rmSync(workDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = parseArgs(process.argv.slice(2));
  const tickets = intFlag(args, 'tickets', 100_000);
  const cacheDir = path.resolve(stringFlag(args, 'cache') ?? 'bench/.cache');
  const log = (line: string) => process.stderr.write(`${line}\n`);
  // Built once when missing (a smaller one in another cache folder: --tickets 2000 --cache bench/.cache/small).
  const datasetDir = await ensureDataset({ tickets, technicians: 50, cacheDir }, log);
  const figures = await measurePgAdopt({ datasetDir, tickets, workDir: path.join(cacheDir, 'sync-pg-adopt') }, log);
  for (const figure of figures) process.stdout.write(`| ${figure.name} | ${figure.value} ${figure.unit} | ${figure.budget} | ${figure.ok ? '✓' : '✗'} |\n`);
}
