// Bench case "the main thread while the engine works" (issue 17 item 1): the thread that serves HTTP or the window
// (serve.ts, Electron main) asks for the ticket list every 10 ms while CSV exports of every ticket run, and
// perf_hooks' monitorEventLoopDelay watches that thread. 'before': the engine in this thread (createBackend), as
// until issue 17; 'now': the engine in its worker (startEngineWorker), as serve.ts and the app run it.
// Standalone: `npx tsx scripts/bench/engineMainThread.ts [--tickets 3000]` on a fresh demo data folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { createBackend } from '../../electron/ipc/backend';
import type { EngineHost } from '../../electron/ipc/engine/host';
import { startEngineWorker } from '../../electron/ipc/engine/worker-host';
import { DEMO_PASSWORD, generateDemoData } from '../demo/generate';
import { sessionCaller, summarize, type Call, type Stats } from './measure';

export const ENGINE_MAIN_CASE = 'Main thread event-loop delay (p99) while the engine exports every ticket to CSV';
export const ENGINE_MAIN_BUDGET_MS = 16;

export interface EngineMainResult {
  /** Event-loop delay of this thread while the exports ran (runs = histogram samples). */
  delay: Stats;
  /** The list calls made meanwhile, end to end. */
  list: Stats;
  exports: number;
}

async function signedIn(host: EngineHost): Promise<Call> {
  const call = sessionCaller(host);
  await call('auth.login', { login: 'admin', password: DEMO_PASSWORD });
  return call;
}

/** `exports` CSV exports one after another, the list every 10 ms meanwhile; this thread's loop delay all along. */
export async function measureEngineMainThread(host: EngineHost, exports = 3): Promise<EngineMainResult> {
  const call = await signedIn(host);
  await call('reports.ticketsCsv', {}); // code loaded, caches warm
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  const listTimes: number[] = [];
  histogram.enable();
  let done = false;
  const work = (async () => {
    for (let i = 0; i < exports; i++) await call('reports.ticketsCsv', {});
    done = true;
  })();
  while (!done) {
    const started = performance.now();
    await call('tickets.list', {});
    listTimes.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  await work;
  histogram.disable();
  const ms = (ns: number) => ns / 1e6;
  return {
    delay: { runs: histogram.count, p50: ms(histogram.percentile(50)), p95: ms(histogram.percentile(95)), p99: ms(histogram.percentile(99)), max: ms(histogram.max) },
    list: summarize(listTimes),
    exports,
  };
}

const show = (label: string, r: EngineMainResult) =>
  `${label}: loop delay p50 ${r.delay.p50.toFixed(1)} / p99 ${r.delay.p99.toFixed(1)} / max ${r.delay.max.toFixed(1)} ms; list p50 ${r.list.p50.toFixed(1)} / p95 ${r.list.p95.toFixed(1)} ms (${r.list.runs} calls during ${r.exports} exports)`;

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const ticketsFlag = process.argv.indexOf('--tickets');
  const tickets = ticketsFlag > 0 ? Number(process.argv[ticketsFlag + 1]) : 3000;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'emerald-bench-engine-'));
  try {
    const seeding = createBackend({ dataDir });
    await generateDemoData(seeding.database.sqlite, { tickets, seed: 11 });
    seeding.close();
    // Alternated, so both see the same machine load.
    for (let round = 0; round < 2; round++) {
      const backend = createBackend({ dataDir, log: () => undefined });
      process.stdout.write(`${show('before (engine in this thread)', await measureEngineMainThread(backend))}\n`);
      backend.close();
      const engine = await startEngineWorker({ dataDir });
      process.stdout.write(`${show('now (engine worker)          ', await measureEngineMainThread(engine))}\n`);
      await engine.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
