// Where a fresh open's time goes (issue 17/16): one fresh open of a screen in Chromium (browser mode), its resources
// and API calls on the page's clock (Resource Timing) beside the engine's own time per call, and the first rows painted.
// `npx tsx scripts/bench/rendererTrace.ts --data <folder with emerald.db> --dist <built renderer> [--route tickets|dispatch]
// [--opens 3] [--engine-worker] [--trace out.json] [--shot first-rows.png]`. Writes only to the given folder (sign-in sessions): pass a copy.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, CDPSession } from 'playwright-core';
import { createBackend } from '../../electron/ipc/backend';
import { startEngineWorker } from '../../electron/ipc/engine/worker-host';
import type { BrowserServerOptions } from '../../electron/ipc/http/server';
import { intFlag, parseArgs, stringFlag } from '../args';
import { BOARD_BLOCK_SELECTOR, freshOpen, freshOpenMs, ROW_SELECTOR, withSignedInBrowser } from './renderer';

const args = parseArgs(process.argv.slice(2));
const dataDir = stringFlag(args, 'data');
if (!dataDir) throw new Error('--data <folder holding a copy of the dataset> is required');
const dist = stringFlag(args, 'dist') ?? 'dist';
const route = stringFlag(args, 'route') ?? 'tickets';
const opens = intFlag(args, 'opens', 3);
const tracePath = stringFlag(args, 'trace');
const shot = stringFlag(args, 'shot');
const selector = route === 'dispatch' ? BOARD_BLOCK_SELECTOR : ROW_SELECTOR;

const inner = args.flags.has('engine-worker')
  ? await startEngineWorker({ dataDir: path.resolve(dataDir), startupJobs: { backup: false } })
  : createBackend({ dataDir: path.resolve(dataDir), deferIntegrityCheck: true });
// The engine's own time per call, on this process's clock relative to the open's start.
let openedAt = 0;
const engineCalls: { channel: string; startMs: number; ms: number }[] = [];
const engine: BrowserServerOptions['backend'] = {
  dispatch: async (call, channel, input) => {
    const start = performance.now();
    try {
      return await inner.dispatch(call, channel, input);
    } finally {
      engineCalls.push({ channel: String(channel), startMs: start - openedAt, ms: performance.now() - start });
    }
  },
  onEvent: inner.onEvent.bind(inner),
  sessionStatus: inner.sessionStatus.bind(inner),
};

const RESOURCES = `performance.getEntriesByType('resource').map((e) => ({ name: e.name.replace(/^.*\\//, ''), start: Math.round(e.startTime), reqStart: Math.round(e.requestStart), respStart: Math.round(e.responseStart), end: Math.round(e.responseEnd), kb: Math.round(e.encodedBodySize / 1024) }))`;

const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-v8.cpu_profiler', 'v8.execute', 'v8', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'loading'];

/** Stops the trace and reads it back from the stream DevTools hands over. */
async function endTrace(devtools: CDPSession): Promise<string> {
  const complete = new Promise<string>((resolve) => devtools.once('Tracing.tracingComplete', (event) => resolve(event.stream ?? '')));
  await devtools.send('Tracing.end');
  const handle = await complete;
  let text = '';
  for (let eof = false; !eof; ) {
    const chunk = await devtools.send('IO.read', { handle });
    text += chunk.base64Encoded ? Buffer.from(chunk.data, 'base64').toString() : chunk.data;
    eof = chunk.eof;
  }
  await devtools.send('IO.close', { handle });
  return text;
}

async function oneOpen(context: BrowserContext, base: string, trace: boolean) {
  // The browser's own trace through DevTools (a persistent context has no Browser object to trace with).
  const devtools = trace ? await context.newCDPSession(context.pages()[0] ?? (await context.newPage())) : null;
  await devtools?.send('Tracing.start', { categories: TRACE_CATEGORIES.join(','), transferMode: 'ReturnAsStream' });
  engineCalls.length = 0;
  openedAt = performance.now();
  const opened = await freshOpen(context, `${base}#/${route}`, selector, async (page) => {
    if (shot) await page.screenshot({ path: shot });
    const resources = (await page.evaluate(RESOURCES)) as { name: string; start: number; reqStart: number; respStart: number; end: number; kb: number }[];
    const marks = (await page.evaluate(`performance.getEntriesByType('paint').map((e) => e.name + ' ' + Math.round(e.startTime)).concat(performance.getEntriesByType('mark').map((e) => e.name + ' ' + Math.round(e.startTime)))`)) as string[];
    const nav = (await page.evaluate(`(() => { const n = performance.getEntriesByType('navigation')[0]; return { respEnd: Math.round(n.responseEnd), domInteractive: Math.round(n.domInteractive), domContentLoaded: Math.round(n.domContentLoadedEventEnd) }; })()`)) as Record<string, number>;
    return { resources, marks, nav };
  });
  if (devtools) writeFileSync(tracePath ?? 'trace.json', await endTrace(devtools));
  return opened;
}

await withSignedInBrowser(engine, dist, async ({ context, base }) => {
  await freshOpenMs(context, `${base}#/${route}`, selector);
  for (let run = 0; run < opens; run++) {
    const { paintedAt, detail } = await oneOpen(context, base, run === opens - 1 && tracePath !== undefined);
    process.stdout.write(`open ${run + 1}: painted at ${paintedAt.toFixed(0)} ms; ${JSON.stringify(detail.nav)}\n`);
    for (const r of detail.resources) process.stdout.write(`  ${r.name.padEnd(40)} start ${r.start} req ${r.reqStart} resp ${r.respStart} end ${r.end} ${r.kb} KB\n`);
    process.stdout.write(`  marks: ${detail.marks.join(', ')}\n`);
    for (const c of engineCalls) process.stdout.write(`  engine ${c.channel.padEnd(28)} at ${c.startMs.toFixed(0)} took ${c.ms.toFixed(1)} ms\n`);
  }
});
await inner.close();
