// Bench cases of issue 17 item 4 (PDF safety), on a small fresh backend: what one awkward ticket or logo costs.
// - "Ticket PDF / OT PDF with a 20,000-character word": one unbroken word of 20,000 characters in the ticket's
//   description, a note and the OT's work done; the time of reports.ticketPdf and reports.workOrderPdf.
// - "OT PDF with a 6000×4000 logo": a 6000 × 4000 PNG logo (a) saved through settings.update and (b) already stored by
//   an older version (written straight into settings): the first PDF after it and the ones after that; and the peak RSS
//   of the process over its RSS just before (process.resourceUsage().maxRSS, kilobytes; a peak the process reached
//   earlier hides a smaller one, so read it from the standalone run).
// Standalone: `npx tsx scripts/bench/pdfSafety.ts [--runs 10] [--only logo|words]`.
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import sharp from 'sharp';
import type { Backend } from '../../electron/ipc/backend';
import { recordCapturedOps } from '../../electron/services/sync';
import { writeSettings } from '../../electron/services/settings';
import { longWord } from './longWord';
import type { Call, Stats } from './measure';
import { createBenchTechnician, measureWithStalls, runsFromArgv, withSignedInBackend } from './stalls';

export const LONG_WORD_TICKET_CASE = 'Ticket PDF with a 20,000-character word';
export const LONG_WORD_OT_CASE = 'OT PDF with a 20,000-character word';
export const LOGO_CASE = 'OT PDF with a 6000×4000 logo';
export const LONG_WORD_BUDGET_MS = 1000;
/** Every PDF with the logo as any OT PDF (bench.ts's 'pdf' budget); the first after a change may downscale it once. */
export const LOGO_BUDGET_MS = 300;
export const LOGO_FIRST_BUDGET_MS = 1000;

export interface PdfSafetyFigure {
  name: string;
  stats: Stats;
  longestStallMs: number;
  budgetMs: number;
  /** Peak RSS over the RSS just before the case (MB), when the process had not been that high before. */
  peakRssRiseMb?: number;
  note?: string;
}

/** A company logo drawn at 6000 × 4000 (a scan or a designer's export): a few hundred KB of PNG, 24 megapixels. */
export async function largeLogoDataUrl(width = 6000, height = 4000): Promise<string> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <rect width="100%" height="100%" fill="#ffffff"/>
    <circle cx="${height / 2}" cy="${height / 2}" r="${height * 0.4}" fill="#0b6e4f"/>
    <text x="${height}" y="${height * 0.6}" font-size="${height / 4}" font-family="sans-serif" fill="#1d1d1f">Peñalara</text></svg>`;
  const png = await sharp(Buffer.from(svg)).png({ compressionLevel: 9 }).toBuffer();
  return `data:image/png;base64,${png.toString('base64')}`;
}

interface Seeded {
  ticketId: string;
  workOrderId: string;
  /** An ordinary completed OT (no long word) for the logo figures. */
  plainWorkOrderId: string;
}

async function completedWorkOrder(call: Call, ticketId: string, technicianId: string, workDone: string): Promise<string> {
  let wo = (await call('workOrders.requestVisit', { ticketId, otType: 'repair' })) as { id: string; version: number };
  wo = (await call('workOrders.schedule', { id: wo.id, scheduledDate: new Date().toISOString(), technicianId, version: wo.version, recordsPastVisit: true, confirmOverlap: true })) as typeof wo;
  wo = (await call('workOrders.start', { id: wo.id, version: wo.version })) as typeof wo;
  wo = (await call('workOrders.complete', { id: wo.id, version: wo.version, workDone })) as typeof wo;
  return wo.id;
}

/** A ticket with the long word in its description and a note, and a completed OT whose work done is the word; and a plain OT. */
async function seed(call: Call, word: string): Promise<Seeded> {
  const technician = await createBenchTechnician(call);
  const ticket = (await call('tickets.create', { title: 'Un código de error sin espacios', description: word })) as { id: string };
  await call('tickets.addNote', { id: ticket.id, content: word });
  const workOrderId = await completedWorkOrder(call, ticket.id, technician.id, word);
  const plain = (await call('tickets.create', { title: 'Cámara frigorífica sin frío', description: 'No enfría desde ayer' })) as { id: string };
  const plainWorkOrderId = await completedWorkOrder(call, plain.id, technician.id, 'Cambio del compresor y recarga de gas.');
  return { ticketId: ticket.id, workOrderId, plainWorkOrderId };
}

/** Writes the logo as an older version stored it (no downscaling), recording its op as every write does. */
function storeLogoAsBefore(backend: Backend, logo: string): void {
  const sqlite = backend.database.sqlite;
  const author = (sqlite.prepare('SELECT id FROM users ORDER BY created_at LIMIT 1').get() as { id: string }).id;
  sqlite.transaction(() => {
    writeSettings(backend.database.db, { companyLogo: logo }, new Date().toISOString());
    recordCapturedOps(sqlite, author, Date.now());
  })();
}

function peakRssRiseMb(rssBefore: number): number {
  return Math.max(0, process.resourceUsage().maxRSS * 1024 - rssBefore) / 1_048_576;
}

/** The first PDF after the logo changed, then `runs` more; with the peak RSS over the RSS before the first. */
async function measureLogo(call: Call, workOrderId: string, runs: number, label: string): Promise<PdfSafetyFigure[]> {
  const rssBefore = process.memoryUsage().rss;
  const first = await measureWithStalls(1, 0, () => call('reports.workOrderPdf', { id: workOrderId }));
  const rise = peakRssRiseMb(rssBefore);
  const later = await measureWithStalls(runs, 0, () => call('reports.workOrderPdf', { id: workOrderId }));
  return [
    { name: `${LOGO_CASE}, ${label}: first PDF`, stats: first.stats, longestStallMs: first.longestStallMs, budgetMs: LOGO_FIRST_BUDGET_MS, peakRssRiseMb: rise },
    { name: `${LOGO_CASE}, ${label}: later PDFs`, stats: later.stats, longestStallMs: later.longestStallMs, budgetMs: LOGO_BUDGET_MS },
  ];
}

/** Every figure of this file on a fresh backend (needs no dataset). */
export async function measurePdfSafety(runs: number, log: (line: string) => void, only: 'logo' | 'words' | null = null): Promise<PdfSafetyFigure[]> {
  const figures: PdfSafetyFigure[] = [];
  await withSignedInBackend('emerald-bench-pdfsafe-', async (call, backend) => {
    const seeded = await seed(call, longWord());
    // One PDF without a logo first: code loading, fonts and (where PDFs run in a job worker) the worker's start.
    await call('reports.workOrderPdf', { id: seeded.plainWorkOrderId });
    if (only !== 'words') figures.push(...(await measureLogos(call, backend, seeded.plainWorkOrderId, runs, log)));
    if (only !== 'logo') figures.push(...(await measureLongWords(call, seeded, runs, log)));
  });
  return figures;
}

/** The logo stored large by an older version, then saved through settings.update; removed again after. */
async function measureLogos(call: Call, backend: Backend, workOrderId: string, runs: number, log: (line: string) => void): Promise<PdfSafetyFigure[]> {
  const figures: PdfSafetyFigure[] = [];
  const logo = await largeLogoDataUrl();
  log(`  logo: ${(logo.length / 1024).toFixed(0)} KB data URL, 6000 × 4000`);
  storeLogoAsBefore(backend, logo);
  figures.push(...(await measureLogo(call, workOrderId, runs, 'stored by an older version')));
  const view = (await call('settings.get', {})) as { versions: Record<string, number> };
  await call('settings.update', { companyLogo: logo, versions: { companyLogo: view.versions.companyLogo ?? 0 } });
  const saved = (await call('settings.get', {})) as { companyLogo: string | null };
  const savedSize = await sharp(Buffer.from((saved.companyLogo ?? '').split(',')[1] ?? '', 'base64')).metadata();
  const savedNote = `saved as ${savedSize.width} × ${savedSize.height}, ${((saved.companyLogo ?? '').length / 1024).toFixed(0)} KB`;
  log(`  logo through settings.update: ${savedNote}`);
  for (const figure of await measureLogo(call, workOrderId, runs, 'saved through settings.update')) figures.push({ ...figure, note: savedNote });
  await call('settings.update', { companyLogo: null, versions: { companyLogo: ((await call('settings.get', {})) as { versions: Record<string, number> }).versions.companyLogo ?? 0 } });
  return figures;
}

/** The ticket PDF and the OT PDF with the word (one unmeasured run each first). */
async function measureLongWords(call: Call, seeded: Seeded, runs: number, log: (line: string) => void): Promise<PdfSafetyFigure[]> {
  const figures: PdfSafetyFigure[] = [];
  const started = performance.now();
  const ticketPdf = await measureWithStalls(runs, 1, () => call('reports.ticketPdf', { id: seeded.ticketId }));
  figures.push({ name: LONG_WORD_TICKET_CASE, stats: ticketPdf.stats, longestStallMs: ticketPdf.longestStallMs, budgetMs: LONG_WORD_BUDGET_MS, note: 'the word in the description, a note and the OT work done' });
  const otPdf = await measureWithStalls(runs, 1, () => call('reports.workOrderPdf', { id: seeded.workOrderId }));
  figures.push({ name: LONG_WORD_OT_CASE, stats: otPdf.stats, longestStallMs: otPdf.longestStallMs, budgetMs: LONG_WORD_BUDGET_MS, note: 'the word as the work done' });
  log(`  long-word PDFs measured in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return figures;
}

export function describePdfSafety(figure: PdfSafetyFigure): string {
  const s = figure.stats;
  const rss = figure.peakRssRiseMb === undefined ? '' : `; peak RSS +${figure.peakRssRiseMb.toFixed(0)} MB`;
  return `${figure.name}: p50 ${s.p50.toFixed(0)} ms, p95 ${s.p95.toFixed(0)} ms, max ${s.max.toFixed(0)} ms over ${s.runs} (budget ${figure.budgetMs}); longest event-loop stall ${figure.longestStallMs.toFixed(0)} ms${rss}${figure.note ? ` (${figure.note})` : ''}`;
}

async function main(): Promise<void> {
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const at = process.argv.indexOf('--only');
  const only = at > 0 ? (process.argv[at + 1] as 'logo' | 'words') : null;
  for (const figure of await measurePdfSafety(runsFromArgv(10), log, only)) process.stdout.write(`${describePdfSafety(figure)}\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
