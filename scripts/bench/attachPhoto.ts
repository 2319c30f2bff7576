// Bench case "attach an 8 MB photo" (issue 15): a camera-sized JPEG (4000 × 3000 of noise at quality 95, made here)
// goes through attachments.add and then attachments.display (the display copy a screen shows): stored and shown within
// 1 s. Each run sends different bytes (a comment segment makes each one new, so nothing is skipped as already stored).
// Besides the time, the longest event-loop stall meanwhile (budget 16 ms): sharp works off the main thread.
// Standalone: `npx tsx scripts/bench/attachPhoto.ts [--runs 20]` on a fresh temporary backend.
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import type { Call } from './measure';
import { measureWithStalls, runsFromArgv, STALL_BUDGET_MS, withSignedInBackend, withSignedInEngineWorker, type StallStats } from './stalls';

export const ATTACH_PHOTO_CASE = 'Attach an 8 MB photo until its display copy is shown';
export const ATTACH_PHOTO_BUDGET_MS = 1000;

export interface AttachPhotoResult extends StallStats {
  photoBytes: number;
}

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

/** `runs` attachments to `ticketId` (at most 26: a ticket takes 30 files), after two warm-up runs. */
export async function measureAttachPhoto(call: Call, ticketId: string, runs: number): Promise<AttachPhotoResult> {
  const photo = await benchPhoto();
  // Warm-up: libvips start and code loading.
  const measured = await measureWithStalls(Math.min(runs, 26), 2, async (i) => {
    const added = (await call('attachments.add', { ticketId, fileName: `IMG_${String(i).padStart(4, '0')}.jpg`, bytes: variant(photo, i) })) as { id: string };
    await call('attachments.display', { id: added.id });
  });
  return { ...measured, photoBytes: photo.length };
}

export function describeAttachPhoto(result: AttachPhotoResult): string {
  const s = result.stats;
  return (
    `${ATTACH_PHOTO_CASE} (${(result.photoBytes / 1_048_576).toFixed(1)} MB): p50 ${s.p50.toFixed(0)} ms, p95 ${s.p95.toFixed(0)} ms, max ${s.max.toFixed(0)} ms ` +
    `(budget ${ATTACH_PHOTO_BUDGET_MS}); longest event-loop stall ${result.longestStallMs.toFixed(1)} ms (budget ${STALL_BUDGET_MS}; idle on this machine ${result.idleStallMs.toFixed(1)} ms)`
  );
}

/** `--engine-worker`: the engine in its worker as the app runs it, the stalls measured in the thread that owns the window. */
async function main(): Promise<void> {
  const inWorker = process.argv.includes('--engine-worker');
  const measure = async (call: Call) => {
    const ticket = (await call('tickets.create', { title: 'Fotos del cuadro eléctrico' })) as { id: string };
    const where = inWorker ? 'engine in its worker, main thread watched' : 'engine in this thread';
    process.stdout.write(`${describeAttachPhoto(await measureAttachPhoto(call, ticket.id, runsFromArgv(20)))} [${where}]\n`);
  };
  await (inWorker ? withSignedInEngineWorker('emerald-bench-attach-', measure) : withSignedInBackend('emerald-bench-attach-', measure));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
