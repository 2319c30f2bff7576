// Bench case "start to first answered list" (issue 17 item 2): a fresh process opens a copy of the dataset, signs in
// and asks for the ticket list; the time from creating the backend to that answer. 'now': the app's start (startupJobs:
// quick_check and the start-up backup in the job worker after start); 'before': quick_check at open and the start-up
// backup in this thread, as the app started until issue 17. Standalone: `npx tsx scripts/bench/startToList.ts [--runs 3]`.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { autoBackup } from '../../db/reliability';
import { createBackend, databasePath } from '../../electron/ipc/backend';
import { DEMO_PASSWORD } from '../demo/generate';
import { sessionCaller, summarize, type Stats } from './measure';

export const START_CASE = 'Start to first answered list';
export const START_BUDGET_MS = 1500;
type Mode = 'now' | 'before';

export interface StartResult {
  now: Stats;
  before: Stats;
}

/** In the child: open, sign in, list; prints the milliseconds as JSON. */
async function child(dataDir: string, mode: Mode): Promise<void> {
  const start = performance.now();
  const backend = createBackend({ dataDir, ...(mode === 'now' ? { startupJobs: { backup: true } } : {}), log: () => undefined });
  if (mode === 'before') void autoBackup(dataDir, backend.database.sqlite).catch(() => undefined);
  const call = sessionCaller(backend);
  await call('auth.login', { login: 'admin', password: DEMO_PASSWORD });
  await call('tickets.list', {});
  process.stdout.write(`${JSON.stringify({ ms: performance.now() - start })}\n`);
  process.exit(0); // the backup (either way) is left unfinished: only the first answer is measured
}

function runChild(dataDir: string, mode: Mode): number {
  const result = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', dataDir, mode], { encoding: 'utf8', timeout: 300_000 });
  const line = result.stdout.trim().split('\n').at(-1) ?? '';
  if (result.status !== 0 || !line.startsWith('{')) throw new Error(`start bench child (${mode}) failed: ${result.stderr.slice(-500)}`);
  rmSync(path.join(dataDir, 'backups'), { recursive: true, force: true });
  return (JSON.parse(line) as { ms: number }).ms;
}

/** `runs` starts of each mode, alternating, on one temporary copy of the dataset file (a warm-up start first). */
export function measureStartToList(datasetFile: string, runs: number, log: (line: string) => void): StartResult {
  const dir = mkdtempSync(path.join(tmpdir(), 'emerald-bench-start-'));
  try {
    mkdirSync(dir, { recursive: true });
    log(`  copying the dataset for the start case…`);
    copyFileSync(datasetFile, databasePath(dir));
    runChild(dir, 'now');
    const samples: Record<Mode, number[]> = { now: [], before: [] };
    for (let i = 0; i < runs; i++) {
      for (const mode of ['now', 'before'] as const) samples[mode].push(runChild(dir, mode));
    }
    return { now: summarize(samples.now), before: summarize(samples.before) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function describeStart(result: StartResult): string {
  return `${START_CASE}: p50 ${result.now.p50.toFixed(0)} ms, max ${result.now.max.toFixed(0)} ms (budget ${START_BUDGET_MS}); checks at open as before: p50 ${result.before.p50.toFixed(0)} ms, max ${result.before.max.toFixed(0)} ms`;
}

const at = process.argv.indexOf('--child');
if (at > 0) {
  await child(process.argv[at + 1] as string, process.argv[at + 2] as Mode);
} else if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { ensureDataset } = await import('./dataset');
  const cached = await ensureDataset({ tickets: 100_000, technicians: 50, cacheDir: path.resolve('bench/.cache') }, (line) => process.stderr.write(`${line}\n`));
  const runsAt = process.argv.indexOf('--runs');
  const result = measureStartToList(databasePath(cached), runsAt > 0 ? Number(process.argv[runsAt + 1]) : 3, (line) => process.stderr.write(`${line}\n`));
  process.stdout.write(`${describeStart(result)}\n`);
}
