// Issue 12's write budget: the five single writes through the router, each measured alternately with the op log
// (sync_local.capture = 1) and without it (0), so both figures share the same moment of the machine and dataset.
// Standalone on a working copy you made (never the cache): `npx tsx scripts/bench/writes.ts --data <folder> [--runs 200]`;
// `--no-fsync` (diagnosis only) sets synchronous = NORMAL to see the write path's own work without the commit's fsync.
import { fileURLToPath } from 'node:url';
import type Database from 'better-sqlite3';
import type { ChannelName, InputOf } from '../../electron/contract';
import { createBackend, type Backend } from '../../electron/ipc/backend';
import { intFlag, parseArgs, stringFlag } from '../args';
import { DEMO_PASSWORD } from '../demo/generate';
import { writeCases, type Fixtures } from './cases';
import { measureAlternating, type Call, type Stats } from './measure';

export interface WriteFigure {
  name: string;
  withOpLog: Stats;
  withoutOpLog: Stats;
  /** p95 with the op log over p95 without it, minus one. */
  opLogCost: number;
}

/** Measures every write case `runs` times with the op log and `runs` times without; leaves the capture on. */
export async function measureWrites(call: Call, fixtures: Fixtures, backend: Backend, runs: number, log: (line: string) => void): Promise<WriteFigure[]> {
  const setCapture = backend.database.sqlite.prepare('UPDATE sync_local SET capture = ? WHERE id = 1');
  const figures: WriteFigure[] = [];
  try {
    for (const c of writeCases(call, fixtures, backend)) {
      await c.setup?.(runs * 2 + 20);
      // Odd runs write with the op log, even runs with the capture switched off.
      const { even: withoutOpLog, odd: withOpLog } = await measureAlternating(runs, c.run, (i) => setCapture.run(i % 2), 20);
      const opLogCost = withOpLog.p95 / withoutOpLog.p95 - 1;
      figures.push({ name: c.name, withOpLog, withoutOpLog, opLogCost });
      log(`  ${c.name}: p50 ${withOpLog.p50.toFixed(2)} / p95 ${withOpLog.p95.toFixed(2)} ms (without the op log ${withoutOpLog.p50.toFixed(2)} / ${withoutOpLog.p95.toFixed(2)} ms, ${(opLogCost * 100).toFixed(0)}%)`);
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
  const runs = intFlag(args, 'runs', 200);
  // The working copy is the bench's own: no integrity check at open (minutes of reading on the large dataset).
  const backend = createBackend({ dataDir, deferIntegrityCheck: true });
  // Diagnosis only, never a published figure: without the commit's fsync what remains is the write path's own work.
  if (args.flags.has('no-fsync')) backend.database.sqlite.pragma('synchronous = NORMAL');
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
    const lines = [
      '| write | p50 with op log | p95 with op log | p50 without | p95 without | op log cost at p95 |',
      '|---|---:|---:|---:|---:|---:|',
      ...figures.map((f) => `| ${f.name} | ${fmt(f.withOpLog.p50)} | ${fmt(f.withOpLog.p95)} | ${fmt(f.withoutOpLog.p50)} | ${fmt(f.withoutOpLog.p95)} | ${(f.opLogCost * 100).toFixed(0)}% |`),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    backend.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
