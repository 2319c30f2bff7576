// Issue 12's write budget: the single writes through the router (tickets, OTs, customers), each measured alternately
// with the op log (sync_local.capture = 1) and without it (0), so both figures share the same moment of the machine
// and dataset. The op log's cost is compared like with like: a write without the op log captures nothing, so it also
// skips the local derived data the op log's drain keeps (the SLA refresh, the customer folds of the search index);
// each write with the op log is counted without the time it spent on those.
// Standalone on a working copy you made (never the cache): `npx tsx scripts/bench/writes.ts --data <folder> [--runs 500]`;
// `--fsync-every-commit` (diagnosis only) sets synchronous = FULL, as the app ran before synchronous = NORMAL.
import { fileURLToPath } from 'node:url';
import type Database from 'better-sqlite3';
import type { ChannelName, InputOf } from '../../electron/contract';
import { createBackend, type Backend } from '../../electron/ipc/backend';
import { intFlag, parseArgs, stringFlag } from '../args';
import { DEMO_PASSWORD } from '../demo/generate';
import { writeCases, type Fixtures } from './cases';
import { slaRefreshTime } from '../../electron/services/sync/capture';
import { customerFoldTime } from '../../electron/services/customerFolds';
import { measureAlternating, summarize, type Call, type Stats } from './measure';
import { opLogFloorAgainst } from './opLogFloor';

export interface WriteFigure {
  name: string;
  withOpLog: Stats;
  withoutOpLog: Stats;
  /**
   * The writes with the op log, each less the time it spent in its SLA refresh and customer folds (which those without
   * it skip: they leave their customers marked, and the next write with the op log folds those too).
   */
  withOpLogSansSla: Stats;
  /** p95 of withOpLogSansSla over p95 without the op log, minus one: the op log's own cost, like with like. */
  opLogCost: number;
  /** p95 with the op log (its SLA refresh and folds included) over p95 without, minus one: what the alternation alone shows. */
  opLogCostRaw: number;
  /** Process CPU time per write (ms): less moved by other programs on the machine than the wall clock. */
  cpu: { withOpLogSansSla: Stats; withoutOpLog: Stats; opLogCost: number };
}

const cpuMs = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;

/** Measures every write case `runs` times with the op log and `runs` times without; leaves the capture on. */
export async function measureWrites(call: Call, fixtures: Fixtures, backend: Backend, runs: number, log: (line: string) => void): Promise<WriteFigure[]> {
  const setCapture = backend.database.sqlite.prepare('UPDATE sync_local SET capture = ? WHERE id = 1');
  const figures: WriteFigure[] = [];
  try {
    for (const c of writeCases(call, fixtures, backend)) {
      await c.setup?.(runs * 2 + 20);
      // Odd runs write with the op log, even runs with the capture switched off. Each run's derived-data time (SLA
      // refresh, customer folds) and CPU time are noted by run; the warm-up's are overwritten.
      const derived: number[] = [];
      const cpu: number[] = [];
      const run = async (i: number) => {
        const derivedBefore = slaRefreshTime.ms + customerFoldTime.ms;
        const cpuBefore = process.cpuUsage();
        await c.run(i);
        cpu[i] = cpuMs(process.cpuUsage(cpuBefore));
        derived[i] = slaRefreshTime.ms + customerFoldTime.ms - derivedBefore;
      };
      const { even: withoutOpLog, odd: withOpLog, samples } = await measureAlternating(runs, run, (i) => setCapture.run(i % 2), 20);
      // Sample k of a parity is run 2k (without) or 2k + 1 (with).
      const withOpLogSansSla = summarize(samples[1].map((ms, k) => ms - (derived[2 * k + 1] ?? 0)));
      const cpuWith = summarize(samples[1].map((_, k) => (cpu[2 * k + 1] ?? 0) - (derived[2 * k + 1] ?? 0)));
      const cpuWithout = summarize(samples[0].map((_, k) => cpu[2 * k] ?? 0));
      const opLogCost = withOpLogSansSla.p95 / withoutOpLog.p95 - 1;
      const opLogCostRaw = withOpLog.p95 / withoutOpLog.p95 - 1;
      const cpuFigures = { withOpLogSansSla: cpuWith, withoutOpLog: cpuWithout, opLogCost: cpuWith.p95 / cpuWithout.p95 - 1 };
      figures.push({ name: c.name, withOpLog, withoutOpLog, withOpLogSansSla, opLogCost, opLogCostRaw, cpu: cpuFigures });
      const pct = (n: number) => `${(n * 100).toFixed(0)}%`;
      log(
        `  ${c.name}: p50 ${withOpLog.p50.toFixed(2)} / p95 ${withOpLog.p95.toFixed(2)} ms (without the op log ${withoutOpLog.p50.toFixed(2)} / ${withoutOpLog.p95.toFixed(2)} ms;` +
          ` op log ${pct(opLogCost)} like with like, ${pct(opLogCostRaw)} with its derived data; CPU p95 ${cpuWith.p95.toFixed(2)} / ${cpuWithout.p95.toFixed(2)} ms, ${pct(cpuFigures.opLogCost)})`,
      );
    }
  } finally {
    setCapture.run(1);
  }
  return figures;
}

/** The few inputs the write cases need (the full pickFixtures also reads the search vocabulary, which writes skip). */
export function writeFixtures(sqlite: Database.Database): Fixtures {
  const one = (sql: string) => (sqlite.prepare(sql).get() as { id: string }).id;
  return {
    ticketIds: [],
    technicianId: one(`SELECT technician_id AS id FROM work_orders WHERE technician_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`),
    categoryId: one('SELECT category_id AS id FROM tickets WHERE category_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1'),
    customerId: one('SELECT customer_id AS id FROM tickets WHERE customer_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1'),
    serials: [],
    deepCursorRow: { updated_at: '', id: '' },
    weekFrom: '',
    weekTo: '',
    words: { common: '', rare: '', prefix: '', accented: '', everywhere: '' },
  };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const dataDir = stringFlag(args, 'data');
  if (!dataDir) throw new Error('--data <folder>: a working copy of the dataset (it is written to)');
  const runs = intFlag(args, 'runs', 500);
  // The working copy is the bench's own: no integrity check at open (minutes of reading on the large dataset).
  const backend = createBackend({ dataDir, deferIntegrityCheck: true });
  // Diagnosis only, never a published figure: what a sync of the log at every commit costs the writes.
  if (args.flags.has('fsync-every-commit')) backend.database.sqlite.pragma('synchronous = FULL');
  try {
    let token: string | null = null;
    const call: Call = async <C extends ChannelName>(channel: C, input: InputOf<C>): Promise<unknown> => {
      const result = await backend.dispatch({ sessionToken: token }, channel, input);
      if (result.session !== undefined) token = result.session;
      if (!result.envelope.ok) throw new Error(`${channel}: ${result.envelope.error.code} ${result.envelope.error.message}`);
      return result.envelope.value;
    };
    await call('auth.login', { login: 'admin', password: DEMO_PASSWORD });
    const log = (line: string) => process.stderr.write(`${line}\n`);
    const figures = await measureWrites(call, writeFixtures(backend.database.sqlite), backend, runs, log);
    const fmt = (n: number) => n.toFixed(2);
    const pct = (n: number) => `${(n * 100).toFixed(0)}%`;
    const lines = [
      '| write | p50 with op log | p95 with op log | p50 without | p95 without | p95 with, less its SLA refresh and customer folds | op log cost at p95 (like with like) | with them | CPU p95 with / without (ms) | op log cost, CPU |',
      '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
      ...figures.map(
        (f) =>
          `| ${f.name} | ${fmt(f.withOpLog.p50)} | ${fmt(f.withOpLog.p95)} | ${fmt(f.withoutOpLog.p50)} | ${fmt(f.withoutOpLog.p95)} | ${fmt(f.withOpLogSansSla.p95)} | ${pct(f.opLogCost)} | ${pct(f.opLogCostRaw)} | ${fmt(f.cpu.withOpLogSansSla.p95)} / ${fmt(f.cpu.withoutOpLog.p95)} | ${pct(f.cpu.opLogCost)} |`,
      ),
    ];
    lines.push('', (await opLogFloorAgainst(backend.database.sqlite, runs, figures)).line);
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    backend.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
