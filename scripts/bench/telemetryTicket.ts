// Issue 17's ticket with 10,000 telemetry readings: open it (tickets.get) and draw its chart, through the router, with
// p50/p95 and the reply's size in bytes. Two shapes of the same 10,000 readings: ten imports of 1,000, and 10,000
// one-reading events (a socket stream). The chart's call is telemetry.series where it exists, else the list the panel
// used to load (telemetry.list, its latest 5,000), so the same script measures a build before and after.
// `npx tsx scripts/bench/telemetryTicket.ts --data <folder with a COPY of a dataset's emerald.db> [--runs 100]`: it adds
// the two tickets and their readings to that copy (once), never to the cache.
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { isChannelName } from '../../electron/contract';
import { createBackend } from '../../electron/ipc/backend';
import { inTransaction, type ServiceContext } from '../../electron/services/context';
import { appendTelemetryEvent } from '../../electron/services/telemetry';
import { loadActor } from '../../electron/services/users/actor';
import { intFlag, parseArgs, stringFlag } from '../args';
import { DEMO_PASSWORD } from '../demo/generate';
import { sessionCaller, summarize, type Call, type Stats } from './measure';

export const TELEMETRY_READINGS = 10_000;
export const TELEMETRY_REPLY_BUDGET_BYTES = 200 * 1024;
const SHAPES = [
  { title: 'Bench: registrador con 10.000 lecturas en 10 importaciones', perEvent: 1000 },
  { title: 'Bench: sonda con 10.000 lecturas de una en una', perEvent: 1 },
] as const;

export interface TelemetryFigure {
  name: string;
  stats: Stats;
  /** The largest reply seen, as JSON, in bytes (what crosses to the window). */
  replyBytes: number;
}

/** A week of a three-metric logger, one reading a minute, with one sag and one surge. */
function loggerReadings(endMs: number) {
  const metrics = [
    { metric: 'voltage', unit: 'V', base: 230, swing: 3 },
    { metric: 'current', unit: 'A', base: 12, swing: 4 },
    { metric: 'temperature', unit: '°C', base: 31, swing: 5 },
  ];
  return Array.from({ length: TELEMETRY_READINGS }, (_, i) => {
    const spec = metrics[i % 3] ?? metrics[0]!;
    const event = i === 4200 ? -38 : i === 7500 ? 21 : 0;
    const value = Math.round((spec.base + Math.sin(i / 300) * spec.swing + event) * 10) / 10;
    return { metric: spec.metric, unit: spec.unit, value, source: 'Registrador Circutor', measuredAt: new Date(endMs - (TELEMETRY_READINGS - i) * 60_000).toISOString() };
  });
}

async function measureSized(name: string, runs: number, work: () => Promise<unknown>, warmup = 10): Promise<TelemetryFigure> {
  for (let i = 0; i < warmup; i++) await work();
  const samples: number[] = [];
  let replyBytes = 0;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const reply = await work();
    samples.push(performance.now() - start);
    replyBytes = Math.max(replyBytes, Buffer.byteLength(JSON.stringify(reply)));
  }
  return { name, stats: summarize(samples), replyBytes };
}

/** Open each ticket, draw the chart of each, and (where it exists) the newest page of each one's readings. */
export async function measureTelemetryTicket(call: Call, ticketIds: readonly string[], runs: number): Promise<TelemetryFigure[]> {
  const [imported, streamed] = ticketIds;
  if (!imported || !streamed) throw new Error('two telemetry tickets are needed');
  const any = call as (channel: string, input: unknown) => Promise<unknown>;
  const figures = [
    await measureSized('ticket with 10,000 readings in 10 imports: open (tickets.get)', runs, () => call('tickets.get', { id: imported })),
    await measureSized('ticket with 10,000 one-reading events: open (tickets.get)', runs, () => call('tickets.get', { id: streamed })),
  ];
  if (isChannelName('telemetry.series')) {
    figures.push(await measureSized('ticket with 10,000 readings: chart (telemetry.series, ≤ 500 points per metric)', runs, () => any('telemetry.series', { ticketId: imported })));
    figures.push(await measureSized('ticket with 10,000 readings: newest 100 readings (telemetry.readings)', runs, () => any('telemetry.readings', { ticketId: imported, limit: 100 })));
    figures.push(await measureSized('ticket with 10,000 one-reading events: chart (telemetry.series)', runs, () => any('telemetry.series', { ticketId: streamed })));
    figures.push(await measureSized('ticket with 10,000 one-reading events: newest 100 readings (telemetry.readings)', runs, () => any('telemetry.readings', { ticketId: streamed, limit: 100 })));
  } else {
    figures.push(await measureSized('ticket with 10,000 readings: chart (telemetry.list, latest 5,000)', runs, () => any('telemetry.list', { ticketId: imported, limit: 5000 })));
  }
  return figures;
}

export function describeTelemetryFigure(f: TelemetryFigure): string {
  return `${f.name}: p50 ${f.stats.p50.toFixed(2)} ms, p95 ${f.stats.p95.toFixed(2)} ms, reply ${(f.replyBytes / 1024).toFixed(1)} KB`;
}

/** The two tickets, created through the router and given their readings in one transaction each on first use. */
export async function prepareTelemetryTickets(call: Call, ctx: ServiceContext): Promise<string[]> {
  const made = new Map<string, string>();
  for (const shape of SHAPES) {
    const found = ctx.sqlite.prepare(`SELECT id FROM tickets WHERE title = ?`).get(shape.title) as { id: string } | undefined;
    made.set(shape.title, found?.id ?? ((await call('tickets.create', { title: shape.title, description: 'Lecturas de telemetría para medir' })) as { id: string }).id);
  }
  const hasReadings = (id: string) => (ctx.sqlite.prepare(`SELECT count(*) AS n FROM ticket_timeline WHERE ticket_id = ? AND event_type = 'telemetry'`).get(id) as { n: number }).n > 0;
  return SHAPES.map((shape) => {
    const id = made.get(shape.title) ?? '';
    if (hasReadings(id)) return id;
    const now = ctx.clock.now();
    const readings = loggerReadings(now.getTime() - 3600_000);
    inTransaction(ctx, (tx) => {
      for (let i = 0; i < readings.length; i += shape.perEvent) {
        appendTelemetryEvent(tx, { ticketId: id, readings: readings.slice(i, i + shape.perEvent), via: shape.perEvent === 1 ? 'socket' : 'import', fileName: shape.perEvent === 1 ? undefined : 'registrador.csv' }, ctx.actor?.id ?? null, now.toISOString());
      }
    });
    return id;
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const args = parseArgs(process.argv.slice(2));
  const dataDir = stringFlag(args, 'data');
  if (!dataDir) throw new Error('--data <folder holding a copy of the dataset> is required');
  const runs = intFlag(args, 'runs', 100);
  const backend = createBackend({ dataDir: path.resolve(dataDir) });
  try {
    const call = sessionCaller(backend);
    await call('auth.login', { login: 'admin', password: DEMO_PASSWORD });
    const { sqlite, db } = backend.database;
    const adminId = (sqlite.prepare(`SELECT id FROM users WHERE username = 'admin'`).get() as { id: string }).id;
    const ctx: ServiceContext = { db, sqlite, clock: backend.clock, events: backend.events, actor: loadActor(sqlite, adminId) };
    const ticketIds = await prepareTelemetryTickets(call, ctx);
    for (const f of await measureTelemetryTicket(call, ticketIds, runs)) process.stdout.write(`${describeTelemetryFigure(f)}\n`);
  } finally {
    backend.close();
  }
}
