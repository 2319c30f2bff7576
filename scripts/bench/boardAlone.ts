// The dispatch board's figures alone, without the whole `npm run bench`: the board call of the busiest week (router,
// service, raw SQL; p50/p95 and the reply's JSON size) and, with --paint, the board's first blocks on a fresh open in
// Chromium (browser mode). `npx tsx scripts/bench/boardAlone.ts --data <folder with emerald.db> [--runs 200] [--paint
// --dist <built renderer> [--shot board.png]] [--no-calls]`. Writes only to the given folder (sign-in sessions), so pass a copy of the cached dataset.
import path from 'node:path';
import { createBackend } from '../../electron/ipc/backend';
import type { ServiceContext } from '../../electron/services/context';
import { loadActor } from '../../electron/services/users/actor';
import { intFlag, parseArgs, stringFlag } from '../args';
import { DEMO_PASSWORD } from '../demo/generate';
import { boardCases } from './boardCases';
import { pickFixtures } from './fixtures';
import { measure, measureSideBySide, sessionCaller, summarize } from './measure';
import { BOARD_BLOCK_SELECTOR, boardFromSidebarMs, freshOpen, withSignedInBrowser } from './renderer';

const args = parseArgs(process.argv.slice(2));
const dataDir = stringFlag(args, 'data');
if (!dataDir) throw new Error('--data <folder holding a copy of the dataset> is required');
const runs = intFlag(args, 'runs', 200);
const log = (line: string) => process.stderr.write(`${line}\n`);

// No quick_check at open: it reads the whole 3 GB copy (minutes on a cold, shared disk); the bench checks nothing.
const backend = createBackend({ dataDir: path.resolve(dataDir), deferIntegrityCheck: true });
const call = sessionCaller(backend);
await call('auth.login', { login: 'admin', password: DEMO_PASSWORD });
const admin = loadActor(backend.database.sqlite, (backend.database.sqlite.prepare("SELECT id FROM users WHERE username = 'admin'").get() as { id: string }).id);
const ctx: ServiceContext = { db: backend.database.db, sqlite: backend.database.sqlite, clock: backend.clock, events: backend.events, actor: admin };
const fmt = (s: { p50: number; p95: number }) => `p50 ${s.p50.toFixed(2)} ms, p95 ${s.p95.toFixed(2)} ms`;

try {
  // --no-calls: the paint alone (picking the busiest week reads the whole dataset, minutes on a cold disk).
  for (const c of args.flags.has('no-calls') ? [] : boardCases(call, ctx, pickFixtures(backend.database.sqlite))) {
    const reply = await c.router(0);
    const router = await measure(runs, c.router);
    const { service, raw } = await measureSideBySide(runs, c.service, c.raw);
    // What a window receives in browser mode: the reply as JSON text.
    const jsonBytes = Buffer.byteLength(JSON.stringify(reply));
    log(`${c.name}: router ${fmt(router)}; service ${fmt(service)}; raw ${fmt(raw)}; reply ${(jsonBytes / 1024).toFixed(0)} KiB JSON`);
    // On a shared machine the wall clock counts others' work too: the process's own CPU time per call beside it.
    log(`  CPU time per call: router ${fmt(await cpuPerCall(runs, c.router))}; raw ${fmt(await cpuPerCall(runs, c.raw))}`);
  }
  if (args.flags.has('paint')) {
    const fromSidebar = await boardPaint(stringFlag(args, 'dist') ?? 'dist', intFlag(args, 'opens', 5), stringFlag(args, 'shot'));
    log(`board first paint, opened from the sidebar: ${fmt(fromSidebar)}`);
  }
} finally {
  backend.close();
}

/** This process's CPU time (user + system) per call, in ms. */
async function cpuPerCall(count: number, fn: (i: number) => unknown) {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const before = process.cpuUsage();
    await fn(i);
    const used = process.cpuUsage(before);
    samples.push((used.user + used.system) / 1000);
  }
  return summarize(samples);
}

/**
 * Fresh opens of #/dispatch (this week, every technician) in new tabs of one signed-in browser: navigation start to the
 * first frame painted with blocks, on the page's own clock (renderer.ts freshOpen: no round trip of the bench counted);
 * then as many first opens from the sidebar in a running window (renderer.ts boardFromSidebarMs).
 */
async function boardPaint(staticDir: string, opens: number, shot?: string) {
  return withSignedInBrowser(backend, staticDir, async ({ context, base }) => {
    const url = `${base}#/dispatch`;
    const samples: number[] = [];
    // The first open warms the browser's cache of the bundle, as on a second start; it is not counted.
    for (let i = 0; i <= opens; i++) {
      const last = i === opens;
      const { paintedAt, detail: calls } = await freshOpen(context, url, BOARD_BLOCK_SELECTOR, async (tab) => {
        if (!last) return [];
        if (shot) {
          await tab.waitForTimeout(1500);
          await tab.screenshot({ path: shot });
        }
        // Where the wait goes: when the board's reply (and the page's other calls) had arrived.
        return (await tab.evaluate(
          `performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/')).map((e) => e.name.split('/api/')[1] + ' ' + Math.round(e.startTime) + '-' + Math.round(e.responseEnd) + ' ms')`,
        )) as string[];
      });
      if (i > 0) samples.push(paintedAt);
      if (last) log(`  calls of the last open: ${calls.join(', ')}`);
    }
    log(`board first paint, fresh open: ${fmt(summarize(samples))}`);
    const fromSidebar: number[] = [];
    for (let i = 0; i < opens; i++) fromSidebar.push(await boardFromSidebarMs(context, base));
    return summarize(fromSidebar);
  });
}
