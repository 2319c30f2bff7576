// Bench case "attach an 8 MB photo" (issue 15): a camera-sized JPEG (4000 × 3000 of noise at quality 95, made here)
// goes through attachments.add and then attachments.display (the display copy a screen shows): stored and shown within
// 1 s. Each run sends different bytes (a comment segment makes each one new, so nothing is skipped as already stored).
// Besides the time, the longest event-loop stall meanwhile (budget 16 ms): sharp works off the main thread.
// Standalone: `npx tsx scripts/bench/attachPhoto.ts [--runs 20]` on a fresh temporary backend.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import type { ChannelName, InputOf } from '../../electron/contract';
import { createBackend } from '../../electron/ipc/backend';
import { summarize, type Stats } from './measure';

export const ATTACH_PHOTO_CASE = 'Attach an 8 MB photo until its display copy is shown';
export const ATTACH_PHOTO_BUDGET_MS = 1000;
export const ATTACH_STALL_BUDGET_MS = 16;

export interface AttachPhotoResult {
  stats: Stats;
  photoBytes: number;
  longestStallMs: number;
  idleStallMs: number;
}

type Call = <C extends ChannelName>(channel: C, input: InputOf<C>) => Promise<unknown>;

/** About 8 MB: noise does not compress, so the JPEG stays the size a phone's 12 MP photo has. */
export function benchPhoto(): Promise<Buffer> {
  return sharp({ create: { width: 4000, height: 3000, channels: 3, background: '#6b7f5a', noise: { type: 'gaussian', mean: 120, sigma: 34 } } })
    .jpeg({ quality: 95 })
    .toBuffer();
}

/** The same photo with a JPEG comment (COM segment) right after SOI naming the run: new bytes, same pixels. */
function variant(photo: Buffer, run: number): Buffer {
  const text = Buffer.from(`emerald bench run ${run} ${Date.now()}`, 'latin1');
  const segment = Buffer.alloc(4);
  segment.writeUInt16BE(0xfffe, 0);
  segment.writeUInt16BE(text.length + 2, 2);
  return Buffer.concat([photo.subarray(0, 2), segment, text, photo.subarray(2)]);
}

/** `runs` attachments to `ticketId` (at most 28: a ticket takes 30 files), after two warm-up runs. */
export async function measureAttachPhoto(call: Call, ticketId: string, runs: number): Promise<AttachPhotoResult> {
  const photo = await benchPhoto();
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  const samples: number[] = [];
  let longestStallMs = 0;
  const total = Math.min(runs, 26) + 2;
  for (let i = 0; i < total; i++) {
    const bytes = variant(photo, i);
    histogram.reset();
    histogram.enable();
    const start = performance.now();
    const added = (await call('attachments.add', { ticketId, fileName: `IMG_${String(i).padStart(4, '0')}.jpg`, bytes })) as { id: string };
    await call('attachments.display', { id: added.id });
    const elapsed = performance.now() - start;
    histogram.disable();
    if (i < 2) continue; // warm-up: libvips start and code loading
    samples.push(elapsed);
    longestStallMs = Math.max(longestStallMs, histogram.max / 1e6);
  }
  histogram.reset();
  histogram.enable();
  await new Promise((resolve) => setTimeout(resolve, samples.reduce((a, b) => a + b, 0)));
  histogram.disable();
  return { stats: summarize(samples), photoBytes: photo.length, longestStallMs, idleStallMs: histogram.max / 1e6 };
}

export function describeAttachPhoto(result: AttachPhotoResult): string {
  const s = result.stats;
  return (
    `${ATTACH_PHOTO_CASE} (${(result.photoBytes / 1_048_576).toFixed(1)} MB): p50 ${s.p50.toFixed(0)} ms, p95 ${s.p95.toFixed(0)} ms, max ${s.max.toFixed(0)} ms ` +
    `(budget ${ATTACH_PHOTO_BUDGET_MS}); longest event-loop stall ${result.longestStallMs.toFixed(1)} ms (budget ${ATTACH_STALL_BUDGET_MS}; idle on this machine ${result.idleStallMs.toFixed(1)} ms)`
  );
}

async function main(): Promise<void> {
  const runsFlag = process.argv.indexOf('--runs');
  const runs = runsFlag > 0 ? Number(process.argv[runsFlag + 1]) : 20;
  const dir = mkdtempSync(path.join(tmpdir(), 'emerald-bench-attach-'));
  const backend = createBackend({ dataDir: dir });
  let token: string | null = null;
  const call: Call = async (channel, input) => {
    const result = await backend.dispatch({ sessionToken: token }, channel, input);
    if (result.session !== undefined) token = result.session;
    if (!result.envelope.ok) throw new Error(`${channel}: ${result.envelope.error.code} ${result.envelope.error.message}`);
    return result.envelope.value;
  };
  try {
    await call('auth.setup', { email: 'admin@example.com', username: 'admin', password: 'admin-password-1', fullName: 'Ana Administradora' });
    await call('auth.login', { login: 'admin', password: 'admin-password-1' });
    const ticket = (await call('tickets.create', { title: 'Fotos del cuadro eléctrico' })) as { id: string };
    process.stdout.write(`${describeAttachPhoto(await measureAttachPhoto(call, ticket.id, runs))}\n`);
  } finally {
    backend.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
