// Bench case "OT report PDF with 6 photos and 2 signatures" (issue 15): camera-sized photos (stored with their display
// copies, as the attachment store keeps them), two signatures and a checklist on one completed OT; each run starts with
// the PDF photo cache empty. Besides the time, the longest event-loop stall while the PDF is made: the backend must keep
// answering other calls. Standalone: `npx tsx scripts/bench/otReportPdf.ts [--runs 20]` on a fresh temporary backend.
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type Database from 'better-sqlite3';
import sharp from 'sharp';
import type { Backend } from '../../electron/ipc/backend';
import { clearPreparedPhotos } from '../../electron/services/reports/pdf/fieldCapture';
import { recordCapturedOps } from '../../electron/services/sync';
import { reportHashOf } from '../../electron/services/workOrders/reportContent';
import type { Call } from './measure';
import { createBenchTechnician, measureWithStalls, runsFromArgv, STALL_BUDGET_MS, withSignedInBackend, type StallStats } from './stalls';

export const OT_PDF_CASE = 'OT report PDF with 6 photos and 2 signatures';
export const OT_PDF_BUDGET_MS = 1000;
export type OtPdfResult = StallStats;

/** A photo like a phone's: 4000 × 3000 of detail (noise compresses badly: several MB of JPEG). */
async function cameraPhoto(seed: number): Promise<Buffer> {
  const hue = ['#3a7d5c', '#7d3a4f', '#3a557d', '#7d6c3a', '#5c3a7d', '#3a7d7a'][seed % 6] as string;
  return sharp({ create: { width: 4000, height: 3000, channels: 3, background: hue, noise: { type: 'gaussian', mean: 110 + seed, sigma: 45 } } })
    .jpeg({ quality: 88 })
    .toBuffer();
}

async function signaturePng(d: string): Promise<string> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="240"><path d="${d}" stroke="#10243e" stroke-width="5" fill="none"/></svg>`;
  return (await sharp(Buffer.from(svg)).png().toBuffer()).toString('base64');
}

/** Photos, display copies, checklist answers and two signatures on one OT, written as every write is (ops recorded). */
export async function seedFieldCapture(backend: Backend, dataDir: string, workOrderId: string, log: (line: string) => void): Promise<void> {
  const sqlite: Database.Database = backend.database.sqlite;
  const wo = sqlite.prepare('SELECT ticket_id FROM work_orders WHERE id = ?').get(workOrderId) as { ticket_id: string };
  const author = (sqlite.prepare('SELECT id FROM users ORDER BY created_at LIMIT 1').get() as { id: string }).id;
  const write = (work: () => void) =>
    sqlite.transaction(() => {
      work();
      recordCapturedOps(sqlite, author, Date.now());
    })();
  for (let i = 0; i < 6; i++) {
    const bytes = await cameraPhoto(i);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    mkdirSync(path.join(dataDir, 'files', sha256.slice(0, 2)), { recursive: true });
    writeFileSync(path.join(dataDir, 'files', sha256.slice(0, 2), sha256), bytes);
    const display = await sharp(bytes).resize({ width: 1600, height: 1600, fit: 'inside' }).jpeg({ quality: 82 }).toBuffer();
    mkdirSync(path.join(dataDir, 'files', 'derived'), { recursive: true });
    writeFileSync(path.join(dataDir, 'files', 'derived', `${sha256}-display.jpg`), display);
    write(() =>
      sqlite
        .prepare(
          `INSERT INTO attachments (id, ticket_id, work_order_id, sha256, mime, size_bytes, width, height, file_name, created_by)
           VALUES (?, ?, ?, ?, 'image/jpeg', ?, 4000, 3000, ?, ?)`,
        )
        .run(randomUUID(), wo.ticket_id, workOrderId, sha256, bytes.length, `IMG_20261202_${String(i + 1).padStart(4, '0')}.jpg`, author),
    );
    log(`  photo ${i + 1}: ${(bytes.length / 1_048_576).toFixed(1)} MB`);
  }
  write(() => {
    const answer = sqlite.prepare(
      `INSERT OR REPLACE INTO work_order_checklist_answers (id, work_order_id, item_key, label, kind, unit, required, value, note) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)`,
    );
    answer.run(`${workOrderId}:power`, workOrderId, 'power', 'Corriente cortada antes de abrir', 'check', null, 'true', null);
    answer.run(`${workOrderId}:pressure`, workOrderId, 'pressure', 'Presión de alta', 'number', 'bar', '18.5', 'Tras 10 minutos');
  });
  const hash = reportHashOf(backend.database.db, workOrderId);
  const signature = sqlite.prepare(
    `INSERT INTO work_order_signatures (id, work_order_id, role, signer_name, signer_id_number, strokes, image_png, content_hash, signed_by, signed_at)
     VALUES (?, ?, ?, ?, ?, '[]', ?, ?, ?, ?)`,
  );
  const technicianImage = await signaturePng('M40 180 C 120 20, 200 220, 280 90 S 420 40, 560 160');
  const customerImage = await signaturePng('M30 120 Q 150 10, 260 150 T 520 100 L 580 60');
  write(() => {
    signature.run(randomUUID(), workOrderId, 'technician', 'Tomás Peña', null, technicianImage, hash, author, new Date().toISOString());
    signature.run(randomUUID(), workOrderId, 'customer', 'María José Ibáñez', '12345678Z', customerImage, hash, author, new Date().toISOString());
  });
}

/**
 * Times reports.workOrderPdf through the router, each run from an empty photo cache, watching the event loop. The PDF is
 * made by the backend's job worker, so its cache is the one emptied (`backend`); without one, this thread's.
 */
export function measureOtReportPdf(call: Call, workOrderId: string, runs: number, backend?: Backend): Promise<OtPdfResult> {
  const clearCaches = backend ? () => backend.jobWorker.run('clearCaches', {}) : clearPreparedPhotos;
  // Warm-up: code loading (the worker's too) and the first font parse.
  return measureWithStalls(runs, 2, () => call('reports.workOrderPdf', { id: workOrderId }), clearCaches);
}

/** The standalone run: a fresh backend, one completed OT made through the channels, then the measurement. */
async function main(): Promise<void> {
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const runs = runsFromArgv(20);
  await withSignedInBackend('emerald-bench-otpdf-', async (call, backend, dir) => {
    const technician = await createBenchTechnician(call);
    const customer = (await call('customers.create', { name: 'Panadería Muñoz', address: 'Plaza de España 3, Cádiz' })) as { id: string };
    const ticket = (await call('tickets.create', { title: 'Cámara frigorífica sin frío', description: 'No enfría desde ayer', customerId: customer.id })) as { id: string };
    let wo = (await call('workOrders.requestVisit', { ticketId: ticket.id, otType: 'repair' })) as { id: string; version: number };
    wo = (await call('workOrders.schedule', { id: wo.id, scheduledDate: new Date().toISOString(), technicianId: technician.id, version: wo.version, recordsPastVisit: true, confirmOverlap: true })) as typeof wo;
    wo = (await call('workOrders.start', { id: wo.id, version: wo.version })) as typeof wo;
    wo = (await call('workOrders.complete', { id: wo.id, version: wo.version, workDone: 'Cambio del compresor y recarga de gas.' })) as typeof wo;
    await seedFieldCapture(backend, dir, wo.id, log);
    const result = await measureOtReportPdf(call, wo.id, runs, backend);
    const s = result.stats;
    process.stdout.write(
      `${OT_PDF_CASE}: p50 ${s.p50.toFixed(0)} ms, p95 ${s.p95.toFixed(0)} ms, max ${s.max.toFixed(0)} ms (budget ${OT_PDF_BUDGET_MS}); ` +
        `longest event-loop stall ${result.longestStallMs.toFixed(1)} ms (budget ${STALL_BUDGET_MS}; idle on this machine ${result.idleStallMs.toFixed(1)} ms)\n`,
    );
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
