// The signed OT report (issue 15 item 6) through the real router: fault, work done, checklist, parts installed and removed
// with decimal quantities, two photos from the data folder, two signatures; checked with poppler (pdftotext, pdfimages,
// pdfinfo) for content, embedded images, tagging and PDF/A metadata. Everything is made through the channels; only the
// later change that makes a signature stale is SQL (inside a transaction that records the captured ops, as every write must).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { WorkOrderDetail } from '../../electron/contract';
import type { ServiceContext } from '../../electron/services/context';
import { exportWorkOrderBatch } from '../../electron/services/reports';
import { recordCapturedOps } from '../../electron/services/sync';
import { runCli } from '../../scripts/cli';
import { startTestApp, type TestApp } from '../support/backend';
import { settingsVersions } from '../support/versions';
import { pdfImages, pdfInfo, unmarkedPainting } from './poppler';
import { pdfPageCount, pdfText, unzipAll } from './support';

let app: TestApp;
let sqlite: Database.Database;
let workOrder: WorkOrderDetail;
let adminId: string;
const TAX_ID = 'B-87654321';
const WORK_DONE = 'Cambio del compresor y recarga de gas; fugas comprobadas con detector electrónico.';

/** A write the way every write must happen: in one transaction that records its ops before commit (no channel changes a completed OT). */
function write(work: (db: Database.Database) => void): void {
  sqlite.transaction(() => {
    work(sqlite);
    recordCapturedOps(sqlite, adminId, app.clock.now().getTime());
  })();
}

/** A drawn scene standing in for a site photo: a wall, a machine with its label, a pipe. */
function sceneSvg(width: number, height: number, tint: string, label: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs><linearGradient id="wall" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#d9dde0"/><stop offset="1" stop-color="#9aa3a8"/></linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#wall)"/>
    <rect x="${width * 0.18}" y="${height * 0.3}" width="${width * 0.5}" height="${height * 0.5}" rx="${width * 0.02}" fill="${tint}"/>
    <rect x="${width * 0.24}" y="${height * 0.38}" width="${width * 0.22}" height="${height * 0.1}" fill="#f4f1e8"/>
    <text x="${width * 0.25}" y="${height * 0.45}" font-family="sans-serif" font-size="${height * 0.045}" fill="#222">${label}</text>
    <rect x="${width * 0.68}" y="${height * 0.45}" width="${width * 0.3}" height="${height * 0.05}" fill="#b87333"/>
    <rect x="0" y="${height * 0.8}" width="100%" height="${height * 0.2}" fill="#6b6e70"/>
  </svg>`;
}

async function photo(width: number, height: number, format: 'jpeg' | 'png', tint: string, label: string): Promise<Uint8Array> {
  const image = sharp(Buffer.from(sceneSvg(width, height, tint, label)));
  return new Uint8Array(await (format === 'jpeg' ? image.jpeg({ quality: 85 }) : image.png()).toBuffer());
}

/** A signature as drawn on the pad (1000 × 400 box): a wavy stroke across it. */
function strokes(phase: number): [number, number][][] {
  return [Array.from({ length: 60 }, (_, i): [number, number] => [100 + i * 13, 200 + Math.round(110 * Math.sin(i / 8 + phase))])];
}

beforeAll(async () => {
  app = await startTestApp();
  sqlite = app.backend.database.sqlite;
  adminId = (sqlite.prepare("SELECT id FROM users WHERE username = 'admin'").get() as { id: string }).id;
  await app.admin.call('settings.update', {
    versions: await settingsVersions(app.admin),
    companyName: 'Climatización Ibáñez & Hijos',
    companyAddress: 'Calle Mayor 1, Logroño',
    companyTaxId: TAX_ID,
    checklistTemplates: {
      repair: [
        { key: 'power', label: 'Corriente cortada antes de abrir', kind: 'check', required: true },
        { key: 'pressure', label: 'Presión de alta', kind: 'number', unit: 'bar', required: true },
        { key: 'leaks', label: 'Fugas visibles', kind: 'check', required: false },
      ],
    },
  });
  const customer = await app.admin.call('customers.create', { name: 'Panadería Muñoz', address: 'Plaza de España 3, Cádiz' });
  const tecnico = await app.userWithRole('Técnico', 'tec1', 'Tomás Peña');
  const compressor = await app.admin.call('products.create', { sku: 'CMP-R32-2', name: 'Compresor rotativo R-32 2 CV', tracksSerial: true });
  const ticket = await app.admin.call('tickets.create', { title: 'Cámara frigorífica sin frío', description: 'La cámara no baja de 12 °C desde ayer por la tarde.', customerId: customer.id });
  let wo = await app.admin.call('workOrders.requestVisit', { ticketId: ticket.id, otType: 'repair' });
  wo = await app.admin.call('workOrders.schedule', { id: wo.id, scheduledDate: '2026-03-02T10:00:00.000Z', technicianId: tecnico.id, version: wo.version, recordsPastVisit: true, confirmOverlap: true });
  wo = await app.admin.call('workOrders.start', { id: wo.id, version: wo.version });
  wo = await app.admin.call('workOrders.addItem', { id: wo.id, version: wo.version, productId: compressor.id, serialNumber: 'SN-NUEVO-0012' });
  wo = await app.admin.call('workOrders.addItem', { id: wo.id, version: wo.version, description: 'Refrigerante R-32', quantity: 1.5, unit: 'kg' });
  wo = await app.admin.call('workOrders.addItem', { id: wo.id, version: wo.version, description: 'Compresor averiado', serialNumber: 'SN-VIEJO-0077', direction: 'removed' });
  wo = await app.admin.call('workOrders.answerChecklist', { id: wo.id, version: wo.version, itemKey: 'power', value: true });
  wo = await app.admin.call('workOrders.answerChecklist', { id: wo.id, version: wo.version, itemKey: 'pressure', value: 18.5, note: 'Tras 10 minutos en marcha' });
  wo = await app.admin.call('workOrders.answerChecklist', { id: wo.id, version: wo.version, itemKey: 'leaks', value: false });
  await app.admin.call('attachments.add', { workOrderId: wo.id, fileName: 'compresor-retirado.jpg', bytes: await photo(1600, 1200, 'jpeg', '#4f6d7a', 'R-32 · 2 CV') });
  await app.admin.call('attachments.add', { workOrderId: wo.id, fileName: 'placa-de-caracteristicas.png', bytes: await photo(900, 1200, 'png', '#7a5c4f', 'SN-VIEJO-0077') });
  wo = await app.admin.call('workOrders.setWorkDone', { id: wo.id, version: (await app.admin.call('workOrders.get', { id: wo.id })).version, workDone: WORK_DONE });
  await app.admin.call('workOrders.sign', { id: wo.id, role: 'technician', signerName: 'Tomás Peña', strokes: strokes(0) });
  await app.admin.call('workOrders.sign', { id: wo.id, role: 'customer', signerName: 'María José Ibáñez', signerIdNumber: '12345678Z', strokes: strokes(2) });
  app.clock.advance(25 * 60_000);
  const current = await app.admin.call('workOrders.get', { id: wo.id });
  workOrder = await app.admin.call('workOrders.complete', { id: wo.id, version: current.version, totalDuration: 95 * 60, durationReason: 'El técnico olvidó pararlo al salir' });
}, 60_000);
afterAll(() => app.close());

describe('OT report with field capture', () => {
  it('prints the tax ID, the fault, work done, checklist answers, both parts lists with units, the duration reason and who signed', async () => {
    const file = await app.admin.call('reports.workOrderPdf', { id: workOrder.id });
    if (process.env.EMERALD_KEEP_PDF) writeFileSync(process.env.EMERALD_KEEP_PDF, file.bytes);
    const text = pdfText(file.bytes);
    const rows = pdfText(file.bytes, { layout: true }); // table rows stay on one line
    for (const expected of [
      `NIF/CIF ${TAX_ID}`,
      'Avería comunicada',
      'Trabajo realizado',
      WORK_DONE,
      'Lista de comprobación',
      'Materiales instalados',
      'Compresor rotativo R-32 2 CV',
      'Refrigerante R-32',
      '1,5 kg',
      'SN-NUEVO-0012',
      'Materiales retirados',
      'Compresor averiado',
      'SN-VIEJO-0077',
      'Duración indicada a mano: El técnico olvidó pararlo al salir',
      'María José Ibáñez',
      'DNI 12345678Z',
      'Firmado el',
      'Fotos',
      'compresor-retirado.jpg',
      'placa-de-caracteristicas.png',
    ]) {
      expect(text).toContain(expected);
    }
    expect(rows).toMatch(/Corriente cortada antes de abrir\s+Sí/);
    expect(rows).toMatch(/Presión de alta\s+18,5 bar\s+Tras 10 minutos en marcha/);
    expect(rows).toMatch(/Fugas visibles\s+No/);
    expect(rows).toMatch(/Refrigerante R-32\s+—\s+—\s+1,5 kg/);
    // Every quantity with its unit word, a counted part too: no bare "1" beside "1,5 kg".
    expect(rows).toMatch(/Compresor rotativo R-32 2 CV\s+CMP-R32-2\s+SN-NUEVO-0012\s+1 ud\.\n/);
    expect(rows).toMatch(/Compresor averiado\s+—\s+SN-VIEJO-0077\s+1 ud\.\n/);
    expect(text).not.toContain('Firma anterior a cambios del informe');
    // Installed before removed: the removed compressor's serial is in the second list.
    expect(rows.indexOf('SN-NUEVO-0012')).toBeLessThan(rows.indexOf('Materiales retirados'));
    expect(rows.indexOf('Materiales retirados')).toBeLessThan(rows.indexOf('SN-VIEJO-0077'));
  });

  it('embeds both photos and both signature images', async () => {
    const file = await app.admin.call('reports.workOrderPdf', { id: workOrder.id });
    const images = pdfImages(file.bytes);
    const signatures = images.filter((image) => image.width === 600 && image.height === 240);
    expect(signatures).toHaveLength(2);
    const photos = images.filter((image) => image.enc === 'jpeg');
    expect(photos).toHaveLength(2);
    // Downscaled for the page (720 px on the long side), not the 1600 px original.
    expect(photos.map((p) => Math.max(p.width, p.height))).toEqual([720, 720]);
    const photoPages = new Set(photos.map((p) => p.page));
    expect(photoPages.size).toBe(1);
    // The signatures close the report: the photos they vouch for come first, both signatures on one page.
    expect(new Set(signatures.map((s) => s.page)).size).toBe(1);
    expect(signatures[0]?.page).toBeGreaterThanOrEqual([...photoPages][0] as number);
  });

  it('closes with what the customer signs for, after the photos, customer first as on screen, each signature saying it is valid', async () => {
    const file = await app.admin.call('reports.workOrderPdf', { id: workOrder.id });
    const text = pdfText(file.bytes);
    const statement = 'Con su firma, el cliente da su conformidad al trabajo realizado, a los materiales y a las fotos de este informe.';
    expect(text.replace(/\s+/g, ' ')).toContain(statement);
    const at = (needle: string) => text.replace(/\s+/g, ' ').indexOf(needle);
    // Work, parts and photos, then the statement, then the signatures: everything signed comes before them.
    expect(at('SN-VIEJO-0077')).toBeLessThan(at('compresor-retirado.jpg'));
    expect(at('placa-de-caracteristicas.png')).toBeLessThan(at(statement));
    expect(at(statement)).toBeLessThan(at('Firma del cliente'));
    // The screen's order: customer on the left, technician on the right (one row in the laid-out text).
    const layout = pdfText(file.bytes, { layout: true });
    expect(layout).toMatch(/Firma del cliente\s+Firma del técnico/);
    expect(layout).toMatch(/María José Ibáñez\s+Tomás Peña/);
    expect(text.split('Firma válida para este informe')).toHaveLength(3);
    expect(text.match(/Firmado el \d/g)).toHaveLength(2);
    // Nothing follows the signatures but the footer.
    const lastPage = pdfText(file.bytes, { page: pdfPageCount(file.bytes) });
    expect(lastPage).toContain('Firma del cliente');
  });

  it('is tagged and claims PDF/A-2a with title, author and language', async () => {
    const file = await app.admin.call('reports.workOrderPdf', { id: workOrder.id });
    const info = pdfInfo(file.bytes);
    expect(info.text).toMatch(/^Tagged:\s+yes$/m);
    expect(info.text).toMatch(new RegExp(`^Title:\\s+Informe de orden de trabajo ${workOrder.code}$`, 'm'));
    expect(info.text).toMatch(/^Author:\s+Climatización Ibáñez ＆ Hijos$/m);
    expect(info.meta).toContain('<pdfaid:part>2</pdfaid:part>');
    expect(info.meta).toContain('<pdfaid:conformance>A</pdfaid:conformance>');
    expect(info.meta).toContain(`Informe de orden de trabajo ${workOrder.code}`);
    // The structure tree holds headings, a table and the figures with their alternate text.
    expect(info.structure).toMatch(/\bH1\b/);
    expect(info.structure).toMatch(/\bTable\b/);
    expect(info.structure).toMatch(/\bFigure\b/);
    expect(info.pdfVersion).toBe('1.7');
    // Everything painted is content of a structure element or an artifact (rules, fills, footers).
    expect(unmarkedPainting(file.bytes)).toEqual([]);
    const ticketReport = await app.admin.call('reports.ticketPdf', { id: workOrder.ticketId });
    expect(unmarkedPainting(ticketReport.bytes)).toEqual([]);
    expect(pdfInfo(ticketReport.bytes).text).toMatch(/^Tagged:\s+yes$/m);
  });

  it('marks a signature made before the report changed, and a photo whose bytes have not arrived by sync', async () => {
    write((db) => {
      db.prepare('UPDATE work_orders SET work_done = ? WHERE id = ?').run(`${WORK_DONE} Revisado de nuevo.`, workOrder.id);
      // As another copy's row arrives before its bytes: the sha256 of nothing stored here.
      db.prepare(
        `INSERT INTO attachments (id, ticket_id, work_order_id, sha256, mime, size_bytes, file_name) VALUES (?, ?, ?, ?, 'image/jpeg', 1000, 'llegara-luego.jpg')`,
      ).run('01900000-0000-7000-8000-00000000f0f0', workOrder.ticketId, workOrder.id, 'ab'.repeat(32));
    });
    const text = pdfText((await app.admin.call('reports.workOrderPdf', { id: workOrder.id })).bytes);
    expect(text.split('Firma anterior a cambios del informe')).toHaveLength(3); // both signatures
    expect(text).not.toContain('Firma válida para este informe');
    expect(text).toContain('Revisado de nuevo.');
    expect(text).toContain('llegara-luego.jpg');
    expect(text).toContain('Foto pendiente de sincronizar.');
  });

  it('goes into the batch export the same way', async () => {
    const { database, clock, events } = app.backend;
    const out = path.join(app.dir, 'batch.zip');
    const ctx: ServiceContext = { db: database.db, sqlite: database.sqlite, actor: null, clock, events, dataDir: app.dir };
    await exportWorkOrderBatch({ ctx, from: '2026-03-01T00:00:00.000Z', to: '2026-03-03T00:00:00.000Z', dateField: 'scheduled_date', out });
    const folder = path.join(app.dir, 'batch');
    unzipAll(out, folder);
    const bytes = readFileSync(path.join(folder, `${workOrder.code}.pdf`));
    expect(pdfText(bytes)).toContain('Lista de comprobación');
    expect(pdfText(bytes)).toContain('1,5 kg');
    expect(pdfImages(bytes)).toHaveLength(4);
    expect(pdfInfo(bytes).text).toMatch(/^Tagged:\s+yes$/m);
  });

  it('lets other calls through while it is being made', async () => {
    const finished: string[] = [];
    const pdf = app.admin.call('reports.workOrderPdf', { id: workOrder.id }).then(() => finished.push('pdf'));
    const list = app.admin.call('tickets.list', {}).then(() => finished.push('list'));
    await Promise.all([pdf, list]);
    expect(finished).toEqual(['list', 'pdf']);
  });

  it('prints the photos from the CLI too (report ot reads the data folder)', async () => {
    const out = path.join(app.dir, 'cli-ot.pdf');
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      expect(await runCli(['report', 'ot', workOrder.code, '--data-dir', app.dir, '--out', out])).toBe(0);
    } finally {
      vi.restoreAllMocks();
    }
    const bytes = new Uint8Array(readFileSync(out));
    expect(pdfImages(bytes).filter((image) => image.enc === 'jpeg')).toHaveLength(2);
    expect(pdfText(bytes)).toContain('compresor-retirado.jpg');
  });

  it('speaks English when asked', async () => {
    // The signatures are stale by now: the test above changed the report.
    const text = pdfText((await app.admin.call('reports.workOrderPdf', { id: workOrder.id, language: 'en' })).bytes);
    for (const expected of [`Tax ID ${TAX_ID}`, 'Reported fault', 'Checklist', '18.5 bar', '1.5 kg', 'Parts installed', 'Parts removed', 'ID 12345678Z', 'Photos', '1 unit', 'Signed before the report changed']) {
      expect(text).toContain(expected);
    }
    expect(text.replace(/\s+/g, ' ')).toContain('By signing, the customer accepts the work done, the parts and the photos in this report.');
  });
});

describe('ticket report', () => {
  it('lists the OT parts removed apart from those installed, with decimal quantities', async () => {
    const all = pdfText((await app.admin.call('reports.ticketPdf', { id: workOrder.ticketId })).bytes, { layout: true });
    if (process.env.EMERALD_KEEP_TEXT) writeFileSync(process.env.EMERALD_KEEP_TEXT, all);
    const rows = all.slice(all.lastIndexOf('Órdenes de trabajo'));
    expect(rows).toMatch(/Refrigerante R-32\s+—\s+—\s+1,5 kg/);
    expect(rows).toMatch(/SN-NUEVO-0012\s+1 ud\.\n/);
    expect(rows).toMatch(/SN-VIEJO-0077\s+1 ud\.\n/);
    expect(rows.indexOf('SN-NUEVO-0012')).toBeLessThan(rows.indexOf('MATERIALES RETIRADOS'));
    expect(rows.indexOf('MATERIALES RETIRADOS')).toBeLessThan(rows.indexOf('SN-VIEJO-0077'));
  });
});
