// Bench case "main thread event-loop delay while PDFs, a batch export and a backup run at the same time" (issue 17):
// the jobs go to the job worker; this thread (the one that answers calls) keeps answering a ticket list every 10 ms,
// and perf_hooks' monitorEventLoopDelay watches it. Standalone: `npx tsx scripts/bench/jobsEventLoop.ts` on a fresh
// small backend (the bench run uses the 100,000-ticket working copy).
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type Database from 'better-sqlite3';
import type { Backend } from '../../electron/ipc/backend';
import { summarize, type Call, type Stats } from './measure';
import { createBenchTechnician, withSignedInBackend } from './stalls';

export const JOBS_LOOP_CASE = 'Main thread event-loop delay (p99) while PDFs, a batch export and a backup run at the same time';
export const JOBS_LOOP_BUDGET_MS = 16;

export interface JobsLoopInput {
  /** OTs whose PDFs are asked for one after another. */
  workOrderIds: string[];
  /** The batch export's period (scheduled_date), a handful of OTs. */
  period: { from: string; to: string };
}

export interface JobsLoopResult {
  /** Event-loop delay while the jobs ran: p50/p99/max in ms (runs = samples of the histogram). */
  delay: Stats;
  /** The same list calls every 10 ms with no job running, as long (at most 30 s): what the calls and this machine add on their own. */
  callsAlone: Stats;
  /** The interactive list calls made meanwhile. */
  list: Stats;
  elapsedMs: number;
  pdfs: number;
  batchCount: number;
}

function histogramStats(histogram: ReturnType<typeof monitorEventLoopDelay>): Stats {
  const ms = (ns: number) => ns / 1e6;
  return { runs: histogram.count, p50: ms(histogram.percentile(50)), p95: ms(histogram.percentile(95)), p99: ms(histogram.percentile(99)), max: ms(histogram.max) };
}

function batchFinished(backend: Backend, jobId: string): Promise<void> {
  return new Promise((resolve) => {
    const off = backend.events.on((event) => {
      if (event.entity === 'job' && event.id === jobId && event.kind === 'updated') {
        off();
        resolve();
      }
    });
  });
}

export async function measureJobsEventLoop(call: Call, backend: Backend, input: JobsLoopInput): Promise<JobsLoopResult> {
  await call('reports.workOrderPdf', { id: input.workOrderIds[0] as string }); // the worker is up and its code loaded
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  const listTimes: number[] = [];
  const start = performance.now();
  histogram.enable();
  let pdfs = 0;
  const pdfRun = (async () => {
    for (const id of input.workOrderIds) {
      await call('reports.workOrderPdf', { id });
      pdfs++;
    }
  })();
  const { jobId } = (await call('reports.batchStart', { ...input.period, dateField: 'scheduled_date' })) as { jobId: string };
  const batchRun = batchFinished(backend, jobId);
  const backupRun = call('backup.create', {}) as Promise<{ path: string }>;
  let done = false;
  const all = Promise.all([pdfRun, batchRun, backupRun]).finally(() => (done = true));
  await listEvery10ms(call, () => done, listTimes);
  const [, , backup] = await all;
  histogram.disable();
  const elapsedMs = performance.now() - start;
  const delay = histogramStats(histogram);
  const status = (await call('reports.batchStatus', { jobId })) as { total: number };
  rmSync(backup.path, { force: true });
  histogram.reset();
  histogram.enable();
  const until = performance.now() + Math.min(elapsedMs, 30_000);
  await listEvery10ms(call, () => performance.now() >= until, []);
  histogram.disable();
  return { delay, callsAlone: histogramStats(histogram), list: summarize(listTimes), elapsedMs, pdfs, batchCount: status.total };
}

/** What a window does meanwhile: a ticket list, a short pause, again, until `stop()`. */
async function listEvery10ms(call: Call, stop: () => boolean, times: number[]): Promise<void> {
  while (!stop()) {
    const t = performance.now();
    await call('tickets.list', {});
    times.push(performance.now() - t);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export function describeJobsEventLoop(result: JobsLoopResult): string {
  const { delay, callsAlone, list } = result;
  return (
    `${JOBS_LOOP_CASE}: p99 ${delay.p99.toFixed(1)} ms, max ${delay.max.toFixed(1)} ms (budget ${JOBS_LOOP_BUDGET_MS}; the same list calls with no job: p99 ${callsAlone.p99.toFixed(1)} ms, max ${callsAlone.max.toFixed(1)} ms); ` +
    `${result.pdfs} PDFs, a batch of ${result.batchCount} and a backup in ${(result.elapsedMs / 1000).toFixed(1)} s, meanwhile ${list.runs} ticket lists p95 ${list.p95.toFixed(1)} ms`
  );
}

/** Standalone: 12 completed OTs made through the channels on a fresh backend. */
async function main(): Promise<void> {
  await withSignedInBackend('emerald-bench-jobs-', async (call, backend) => {
    const technician = await createBenchTechnician(call);
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      const ticket = (await call('tickets.create', { title: `Avería ${i}`, description: 'No enfría' })) as { id: string };
      let wo = (await call('workOrders.requestVisit', { ticketId: ticket.id, otType: 'repair' })) as { id: string; version: number };
      wo = (await call('workOrders.schedule', { id: wo.id, scheduledDate: `2026-03-${String(i + 1).padStart(2, '0')}T09:00:00.000Z`, technicianId: technician.id, version: wo.version, recordsPastVisit: true, confirmOverlap: true })) as typeof wo;
      wo = (await call('workOrders.start', { id: wo.id, version: wo.version })) as typeof wo;
      for (let p = 0; p < 20; p++) wo = (await call('workOrders.addItem', { id: wo.id, version: wo.version, description: `Pieza ${p}`, serialNumber: `SN-${i}-${p}` })) as typeof wo;
      wo = (await call('workOrders.complete', { id: wo.id, version: wo.version, workDone: 'Cambio del compresor.' })) as typeof wo;
      ids.push(wo.id);
    }
    const result = await measureJobsEventLoop(call, backend, { workOrderIds: ids, period: { from: '2026-03-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' } });
    process.stdout.write(`${describeJobsEventLoop(result)}\n`);
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();

/** A batch period of about `count` OTs by visit date, away from the dataset's edges. */
export function batchPeriodOf(sqlite: Database.Database, count = 20): { from: string; to: string } {
  const dates = sqlite.prepare('SELECT scheduled_date FROM work_orders WHERE scheduled_date IS NOT NULL ORDER BY scheduled_date LIMIT ? OFFSET 1000').pluck().all(count) as string[];
  const first = dates[0] ?? '2026-03-01T00:00:00.000Z';
  const last = dates.at(-1) ?? first;
  return { from: first, to: new Date(Date.parse(last) + 1).toISOString() };
}
