// Issue 17's ticket with 2,000 notes alone: open it (tickets.get), add a note to it, page its older events, move its
// status (that figure includes the tickets.get that reads its version first), each
// through the router, with p50/p95 and the reply's size in bytes (what crosses to the window per call).
// `npx tsx scripts/bench/busyTicket.ts --data <folder with a COPY of the dataset's emerald.db> [--runs 200]`: it adds the
// 2,000 notes (searchCases.ts's busy ticket) and the measured notes to that copy, never to the cache.
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { isChannelName } from '../../electron/contract';
import { createBackend } from '../../electron/ipc/backend';
import { intFlag, parseArgs, stringFlag } from '../args';
import { DEMO_PASSWORD } from '../demo/generate';
import { sessionCaller, summarize, type Call, type Stats } from './measure';
import { BUSY_NOTES, ensureBusyTicket } from './searchCases';

export interface SizedFigure {
  name: string;
  stats: Stats;
  /** The reply as JSON, in bytes (largest seen). */
  replyBytes: number;
}

/** Runs `work(i)` `warmup` + `runs` times, timing the measured ones and keeping the largest reply's JSON size. */
async function measureSized(name: string, runs: number, work: (i: number) => Promise<unknown>, warmup = 20): Promise<SizedFigure> {
  for (let i = 0; i < warmup; i++) await work(i);
  const samples: number[] = [];
  let replyBytes = 0;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const reply = await work(warmup + i);
    samples.push(performance.now() - start);
    replyBytes = Math.max(replyBytes, Buffer.byteLength(JSON.stringify(reply)));
  }
  return { name, stats: summarize(samples), replyBytes };
}

/** Moves the ticket between in progress and waiting (tickets.changeStatus answers the whole ticket, its latest page). */
async function toggleStatus(call: Call, id: string): Promise<unknown> {
  const ticket = (await call('tickets.get', { id })) as { status: string; version: number };
  return call('tickets.changeStatus', { id, status: ticket.status === 'in_progress' ? 'waiting' : 'in_progress', version: ticket.version });
}

/** The busy ticket's cases: open, add a note, and (where the channel exists) its oldest page. */
export async function measureBusyTicket(call: Call, busy: string, runs: number): Promise<SizedFigure[]> {
  const label = `ticket with ${BUSY_NOTES.toLocaleString('en')} notes`;
  const figures = [
    await measureSized(`${label}: open (tickets.get)`, runs, () => call('tickets.get', { id: busy })),
    await measureSized(`add note: ${label}`, runs, (i) => call('tickets.addNote', { id: busy, content: `Nota de prueba ${i}` })),
    await measureSized(`status change: ${label}`, runs, () => toggleStatus(call, busy)),
  ];
  // The channel that pages older events came with the paged reply; earlier builds have none to measure.
  const timelineChannel = 'tickets.timeline';
  if (isChannelName(timelineChannel)) {
    const first = (await call('tickets.get', { id: busy })) as { timelineOlder?: string | null };
    const before = first.timelineOlder ?? undefined;
    const page = call as (channel: string, input: unknown) => Promise<unknown>;
    figures.push(await measureSized(`${label}: show earlier (tickets.timeline)`, runs, () => page(timelineChannel, { id: busy, ...(before ? { before } : {}) })));
  }
  return figures;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const args = parseArgs(process.argv.slice(2));
  const dataDir = stringFlag(args, 'data');
  if (!dataDir) throw new Error('--data <folder holding a copy of the dataset> is required');
  const runs = intFlag(args, 'runs', 200);
  const backend = createBackend({ dataDir: path.resolve(dataDir) });
  try {
    const call = sessionCaller(backend);
    await call('auth.login', { login: 'admin', password: DEMO_PASSWORD });
    const busy = ensureBusyTicket(backend.database.sqlite);
    for (const f of await measureBusyTicket(call, busy, runs)) {
      process.stdout.write(`${f.name}: p50 ${f.stats.p50.toFixed(2)} ms, p95 ${f.stats.p95.toFixed(2)} ms, reply ${(f.replyBytes / 1024).toFixed(1)} KB\n`);
    }
  } finally {
    backend.close();
  }
}
