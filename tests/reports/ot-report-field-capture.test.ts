// The signed OT report (issue 15 item 6) through the real router: fault, work done, checklist, parts installed and removed
// with decimal quantities, two photos from the data folder, two signatures; checked with poppler (pdftotext, pdfimages,
// pdfinfo) for content, embedded images, tagging and PDF/A metadata. Rows the channels of other parts may not offer yet
// are written with SQL inside a transaction that records the captured ops, as every write must.
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkOrderDetail } from '../../electron/contract';
import { recordCapturedOps } from '../../electron/services/sync';
import { reportHashOf } from '../../electron/services/workOrders/reportContent';
import { startTestApp, type TestApp } from '../support/backend';
import { settingsVersions } from '../support/versions';
import { pdfImages, pdfInfo } from './poppler';
import { completedWorkOrder, pdfText } from './support';

let app: TestApp;
let sqlite: Database.Database;
let workOrder: WorkOrderDetail;
let adminId: string;
const TAX_ID = 'B-87654321';
const WORK_DONE = 'Cambio del compresor y recarga de gas; fugas comprobadas con detector electrónico.';

/** A write the way every write must happen: in one transaction that records its ops before commit. */
function write(work: (db: Database.Database) => void): void {
  sqlite.transaction(() => {
    work(sqlite);
    recordCapturedOps(sqlite, adminId, app.clock.now().getTime());
  })();
}

/** A real photo (noise, so JPEG has work to do) stored content-addressed where the attachment store keeps originals. */
async function storePhoto(fileName: string, width: number, height: number, format: 'jpeg' | 'png'): Promise<void> {
  const image = sharp({ create: { width, height, channels: 3, background: '#3a7d5c', noise: { type: 'gaussian', mean: 128, sigma: 40 } } });
  const bytes = await (format === 'jpeg' ? image.jpeg({ quality: 85 }) : image.png()).toBuffer();
  const sha256 = (await import('node:crypto')).createHash('sha256').update(bytes).digest('hex');
  const folder = path.join(app.dir, 'files', sha256.slice(0, 2));
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, sha256), bytes);
  write((db) =>
    db
      .prepare(
        `INSERT INTO attachments (id, ticket_id, work_order_id, sha256, mime, size_bytes, width, height, file_name, created_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(randomUUID(), workOrder.ticketId, workOrder.id, sha256, `image/${format}`, bytes.length, width, height, fileName, adminId),
  );
}

/** A signature as the signature pad stores it: a transparent 600 × 240 PNG of strokes, base64. */
async function signaturePng(pathData: string): Promise<string> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="240"><path d="${pathData}" stroke="#10243e" stroke-width="5" fill="none" stroke-linecap="round"/></svg>`;
  return (await sharp(Buffer.from(svg)).png().toBuffer()).toString('base64');
}

function sign(role: 'customer' | 'technician', name: string, idNumber: string | null, image: string, contentHash: string): void {
  write((db) =>
    db
      .prepare(
        `INSERT INTO work_order_signatures (id, work_order_id, role, signer_name, signer_id_number, strokes, image_png, content_hash, signed_by, signed_at)
         VALUES (?, ?, ?, ?, ?, '[]', ?, ?, ?, ?)`,
      )
      .run(randomUUID(), workOrder.id, role, name, idNumber, image, contentHash, adminId, app.clock.now().toISOString()),
  );
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
  });
  const customer = await app.admin.call('customers.create', { name: 'Panadería Muñoz', address: 'Plaza de España 3, Cádiz' });
  const tecnico = await app.userWithRole('Técnico', 'tec1', 'Tomás Peña');
  const compressor = await app.admin.call('products.create', { sku: 'CMP-R32-2', name: 'Compresor rotativo R-32 2 CV', tracksSerial: true });
  workOrder = await completedWorkOrder(app, app.admin, {
    productId: compressor.id,
    customerId: customer.id,
    technicianId: tecnico.id,
    scheduledDate: '2026-03-02T10:00:00.000Z',
    serials: ['SN-NUEVO-0012'],
    notes: WORK_DONE,
    title: 'Cámara frigorífica sin frío',
  });
  write((db) => {
    const item = db.prepare(
      `INSERT INTO work_order_items (id, work_order_id, product_id, serial_number, quantity, description, direction, unit) VALUES (?, ?, NULL, ?, ?, ?, ?, ?)`,
    );
    item.run(randomUUID(), workOrder.id, null, 1.5, 'Refrigerante R-32', 'installed', 'kg');
    item.run(randomUUID(), workOrder.id, 'SN-VIEJO-0077', 1, 'Compresor averiado', 'removed', 'unit');
    db.prepare("UPDATE work_orders SET duration_reason = ? WHERE id = ?").run('El técnico olvidó pararlo al salir', workOrder.id);
    const answer = db.prepare(
      `INSERT INTO work_order_checklist_answers (id, work_order_id, item_key, label, kind, unit, required, value, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    answer.run(`${workOrder.id}:power`, workOrder.id, 'power', 'Corriente cortada antes de abrir', 'check', null, 1, 'true', null);
    answer.run(`${workOrder.id}:pressure`, workOrder.id, 'pressure', 'Presión de alta', 'number', 'bar', 1, '18.5', 'Tras 10 minutos en marcha');
    answer.run(`${workOrder.id}:leaks`, workOrder.id, 'leaks', 'Fugas visibles', 'check', null, 0, 'false', null);
  });
  await storePhoto('compresor-retirado.jpg', 1600, 1200, 'jpeg');
  await storePhoto('placa-de-caracteristicas.png', 900, 1200, 'png');
  const hash = reportHashOf(app.backend.database.db, workOrder.id);
  sign('technician', 'Tomás Peña', null, await signaturePng('M40 180 C 120 20, 200 220, 280 90 S 420 40, 560 160'), hash);
  sign('customer', 'María José Ibáñez', '12345678Z', await signaturePng('M30 120 Q 150 10, 260 150 T 520 100 L 580 60'), hash);
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
    expect(rows).toMatch(/Compresor averiado\s+—\s+SN-VIEJO-0077\s+1\n/);
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
    expect(Math.min(...signatures.map((s) => s.page))).toBeLessThan([...photoPages][0] as number);
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
  });

  it('marks a signature made before the report changed', async () => {
    write((db) => db.prepare('UPDATE work_orders SET work_done = ? WHERE id = ?').run(`${WORK_DONE} Revisado de nuevo.`, workOrder.id));
    const text = pdfText((await app.admin.call('reports.workOrderPdf', { id: workOrder.id })).bytes);
    expect(text).toContain('Firma anterior a cambios del informe');
    expect(text).toContain('Revisado de nuevo.');
  });

  it('speaks English when asked', async () => {
    const text = pdfText((await app.admin.call('reports.workOrderPdf', { id: workOrder.id, language: 'en' })).bytes);
    for (const expected of [`Tax ID ${TAX_ID}`, 'Reported fault', 'Checklist', '18.5 bar', '1.5 kg', 'Parts installed', 'Parts removed', 'ID 12345678Z', 'Photos']) {
      expect(text).toContain(expected);
    }
  });
});
