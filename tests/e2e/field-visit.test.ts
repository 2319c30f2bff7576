// Issue 15 end to end, through the UI only: a technician signs in on Mi día, starts the visit, fills the checklist,
// attaches two real photos, logs a free-text part of 1,5 kg, a removed and an installed serial, writes the work done,
// the customer and the technician sign with the mouse, the OT is completed after its summary, and the PDF the
// "Exportar PDF" button downloads holds all of it (pdftotext, pdfimages, pdfinfo). Only the world is set up by channel.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkOrderDetail } from '../../electron/contract';
import { removeTempDirs, tempDir } from '../db/helpers';
import { pdfImages, pdfInfo } from '../reports/poppler';
import { pdfText } from '../reports/support';
import { settingsVersions } from '../support/versions';
import { saveScreenshot, seriousA11yViolations, signIn, startE2eApp, uncaughtErrors, type E2eApp } from './support';

const WORK_DONE = 'Cambiado el compresor averiado por uno nuevo y recargado el circuito con 1,5 kg de R-32; sin fugas con detector electrónico. La cámara baja a 3 °C.';
const INSTALLED = 'SN-NUEVO-0012';
const REMOVED = 'SN-VIEJO-0077';
const CUSTOMER_SIGNER = 'María José Ibáñez';
const CUSTOMER_DNI = '12345678Z';

let app: E2eApp;
let page: Page;
let visit: WorkOrderDetail;
let tec: { id: string; username: string; password: string };
const folder = tempDir();
const photos = { jpeg: path.join(folder, 'compresor-retirado.jpg'), png: path.join(folder, 'placa-de-caracteristicas.png') };

/** A site photo stand-in a camera would not compress away: a colour gradient with grain (a few hundred KB). */
async function gradientPhoto(width: number, height: number, format: 'jpeg' | 'png', seed: number): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3);
  let state = seed;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      state = (state * 1_103_515_245 + 12_345) >>> 0;
      const grain = ((state >>> 16) % 41) - 20;
      const at = (y * width + x) * 3;
      pixels[at] = Math.max(0, Math.min(255, (x / width) * 220 + grain));
      pixels[at + 1] = Math.max(0, Math.min(255, (y / height) * 200 + grain));
      pixels[at + 2] = Math.max(0, Math.min(255, 120 + seed * 3 + grain));
    }
  }
  const image = sharp(pixels, { raw: { width, height, channels: 3 } });
  return (format === 'jpeg' ? image.jpeg({ quality: 85 }) : image.png()).toBuffer();
}

beforeAll(async () => {
  app = await startE2eApp();
  await app.admin.call('settings.update', {
    versions: await settingsVersions(app.admin),
    timeZone: 'Europe/Madrid',
    checklistTemplates: {
      repair: [
        { key: 'power', label: 'Corriente cortada antes de abrir', kind: 'check', required: true },
        { key: 'pressure', label: 'Presión de alta', kind: 'number', unit: 'bar', required: true },
        { key: 'remarks', label: 'Observaciones', kind: 'text', required: false },
      ],
    },
  });
  tec = await app.userWithRole('Técnico', 'tpena', 'Tomás Peña');
  const customer = await app.admin.call('customers.create', { name: 'Panadería Muñoz', address: 'Plaza de España 3', town: 'Cádiz', phone: '956 22 33 44', contactName: 'María José' });
  await app.admin.call('products.create', { sku: 'CMP-R32-2', name: 'Compresor rotativo R-32 2 CV', tracksSerial: true });
  const ticket = await app.admin.call('tickets.create', { title: 'Cámara frigorífica sin frío', description: 'La cámara no baja de 12 °C desde ayer por la tarde.', customerId: customer.id });
  const requested = await app.admin.call('workOrders.requestVisit', { ticketId: ticket.id, otType: 'repair' });
  visit = await app.admin.call('workOrders.schedule', { id: requested.id, scheduledDate: new Date().toISOString(), technicianId: tec.id, version: requested.version, confirmOverlap: true });
  writeFileSync(photos.jpeg, await gradientPhoto(1600, 1200, 'jpeg', 7));
  writeFileSync(photos.png, await gradientPhoto(480, 640, 'png', 23));
  page = await app.openApp();
}, 60_000);

afterAll(async () => {
  await app?.close();
  removeTempDirs();
});

/** A looping scrawl and an underline with real mouse moves (down, many moves, up); `loops` varies the hand. */
async function drawSignature(pad: Locator, loops: number): Promise<void> {
  await pad.scrollIntoViewIfNeeded();
  const box = await pad.boundingBox();
  if (!box) throw new Error('the signature pad is not on screen');
  const at = (fx: number, fy: number) => [box.x + box.width * fx, box.y + box.height * fy] as const;
  await page.mouse.move(...at(0.1, 0.55));
  await page.mouse.down();
  for (let step = 1; step <= 36; step++) {
    const fx = 0.1 + (step / 36) * 0.65;
    await page.mouse.move(...at(fx, 0.5 + Math.sin(fx * loops * 2 * Math.PI) * (0.3 - fx * 0.15)), { steps: 2 });
  }
  await page.mouse.up();
  await page.mouse.move(...at(0.15, 0.85));
  await page.mouse.down();
  await page.mouse.move(...at(0.8, 0.8), { steps: 10 });
  await page.mouse.up();
}

const signatureBlock = (title: string) => page.locator('section.signature-role', { hasText: title });
const partsForm = () => page.getByRole('form', { name: 'Añadir pieza' });
const partRows = () => page.locator('.items-table tbody tr');
const dialog = () => page.locator('dialog[open]');

describe('a field visit from Mi día to the signed PDF', () => {
  it('the technician lands on Mi día, sees the visit and starts it', async () => {
    await signIn(page, tec.username, tec.password);
    await expect.poll(() => page.evaluate('window.location.hash')).toBe('#/my-day');
    const card = page.locator(`.myday-card[data-visit="${visit.id}"]`);
    expect(await card.textContent()).toContain('La cámara no baja de 12 °C');
    // Empezar starts the visit and opens its OT.
    await card.getByRole('button', { name: `Empezar la visita ${visit.code} a Panadería Muñoz` }).click();
    await page.getByRole('heading', { name: visit.code }).waitFor();
    await page.locator('.page-header .badge', { hasText: 'En curso' }).waitFor();
    // The fault read on Mi día is on the OT too.
    const fault = page.locator('section.card', { has: page.getByRole('heading', { name: 'Avería comunicada' }) });
    await fault.getByText('La cámara no baja de 12 °C desde ayer por la tarde.').waitFor();
  });

  it('fills the checklist: a tick, a number with a decimal comma, a text', async () => {
    const progress = page.getByTestId('checklist-progress');
    await expect.poll(() => progress.textContent()).toBe('0 de 3 respondidas; faltan: Corriente cortada antes de abrir, Presión de alta');
    await page.getByRole('checkbox', { name: 'Corriente cortada antes de abrir' }).check();
    const pressure = page.getByRole('textbox', { name: 'Presión de alta' });
    await pressure.fill('18,5');
    await pressure.press('Tab');
    const remarks = page.getByRole('textbox', { name: 'Observaciones' });
    await remarks.fill('Filtro deshidratador sucio, cambiar en la próxima revisión');
    await remarks.press('Tab');
    await expect.poll(() => progress.textContent()).toBe('3 de 3 respondidas');
  });

  it('attaches two photos through the file picker', async () => {
    const panel = page.locator('section.attachments-panel');
    await panel.locator('input[type="file"]').setInputFiles([photos.jpeg, photos.png]);
    await panel.getByRole('heading', { name: 'Fotos y archivos (2)' }).waitFor({ timeout: 20_000 });
    await panel.getByRole('button', { name: 'Ver la foto compresor-retirado.jpg' }).waitFor();
    await panel.getByRole('button', { name: 'Ver la foto placa-de-caracteristicas.png' }).waitFor();
  });

  it('logs 1,5 kg of a free-text gas, the removed compressor and the new one with their serials', async () => {
    await partsForm().getByLabel('Sin catálogo (texto libre)').check();
    await partsForm().getByLabel('Descripción de la pieza').fill('Gas R-32');
    await partsForm().getByLabel('Cantidad').fill('1,5');
    await partsForm().getByLabel('Unidad').selectOption('kg');
    await partsForm().getByRole('button', { name: 'Añadir', exact: true }).click();
    await expect.poll(() => partRows().count()).toBe(1);
    expect(await partRows().filter({ hasText: 'Gas R-32' }).textContent()).toContain('1,5 kg');

    await partsForm().getByLabel('Del catálogo').check();
    await partsForm().getByLabel('Buscar en el catálogo').fill('CMP-R32');
    await expect.poll(() => partsForm().getByLabel('Producto', { exact: true }).inputValue()).not.toBe('');
    await partsForm().getByLabel('Retirado').check();
    await partsForm().getByLabel('N.º de serie').fill(REMOVED);
    await partsForm().getByRole('button', { name: 'Añadir', exact: true }).click();
    await page.getByRole('link', { name: REMOVED }).waitFor();

    await partsForm().getByLabel('Instalado').check();
    await partsForm().getByLabel('N.º de serie').fill(INSTALLED);
    await partsForm().getByRole('button', { name: 'Añadir', exact: true }).click();
    await page.getByRole('link', { name: INSTALLED }).waitFor();
    expect(await partRows().filter({ hasText: REMOVED }).textContent()).toContain('Retirado');
    expect(await partRows().filter({ hasText: INSTALLED }).textContent()).toContain('Instalado');
    // The bin asks first: a tap by mistake keeps the part.
    await page.getByRole('button', { name: `Quitar la pieza ${INSTALLED}` }).click();
    await dialog().getByText(`Se quitará Compresor rotativo R-32 2 CV · ${INSTALLED} de esta OT.`).waitFor();
    await dialog().getByRole('button', { name: 'Cancelar' }).click();
    await dialog().waitFor({ state: 'detached' });
    expect(await partRows().count()).toBe(3);
  });

  it('writes the work done; the customer and the technician sign with the mouse', async () => {
    // Before the work done is written, the signatures say to write it first (signing now would have to be redone).
    const beforeWorkDone = page.locator('.signatures-card').getByText(/^Aún no está escrito el trabajo realizado\. Escríbelo antes de firmar/);
    await beforeWorkDone.waitFor();
    await page.getByRole('textbox', { name: 'Trabajo realizado' }).fill(WORK_DONE);
    await page.getByRole('button', { name: 'Guardar trabajo realizado' }).click();
    await expect.poll(async () => (await app.admin.call('workOrders.get', { id: visit.id })).workDone).toBe(WORK_DONE);
    await beforeWorkDone.waitFor({ state: 'detached' });

    // On a 1024 px laptop both blocks sit side by side and every box stays inside its own block.
    await page.setViewportSize({ width: 1024, height: 700 });
    const overflowing = await page.locator('section.signature-role').evaluateAll((blocks) =>
      blocks.flatMap((block) => {
        const edge = (block as unknown as { getBoundingClientRect(): { right: number } }).getBoundingClientRect().right;
        type Box = { tagName: string; labels?: ArrayLike<{ textContent: string | null }> | null; getAttribute(name: string): string | null; getBoundingClientRect(): { right: number } };
        const boxes = (block as unknown as { querySelectorAll(selector: string): ArrayLike<Box> }).querySelectorAll('input, canvas, button');
        return Array.from(boxes)
          .filter((box) => box.getBoundingClientRect().right > edge + 0.5)
          .map((box) => box.labels?.[0]?.textContent ?? box.getAttribute('aria-label') ?? box.tagName);
      }),
    );
    expect(overflowing).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 800 });
    const customer = signatureBlock('Firma del cliente');
    await customer.getByLabel('Nombre de quien firma').fill(CUSTOMER_SIGNER);
    await customer.getByLabel('DNI/NIE').fill(CUSTOMER_DNI);
    await drawSignature(customer.getByRole('img', { name: /Recuadro para la firma del cliente/ }), 3.5);
    await customer.getByText('Firma dibujada.').waitFor();
    await customer.getByRole('button', { name: 'Firmar', exact: true }).click();
    await customer.getByRole('img', { name: `Firma de ${CUSTOMER_SIGNER}` }).waitFor();

    const technician = signatureBlock('Firma del técnico');
    expect(await technician.getByLabel('Nombre de quien firma').inputValue()).toBe('Tomás Peña');
    await drawSignature(technician.getByRole('img', { name: /Recuadro para la firma del técnico/ }), 2);
    await technician.getByText('Firma dibujada.').waitFor();
    await technician.getByRole('button', { name: 'Firmar', exact: true }).click();
    await technician.getByRole('img', { name: 'Firma de Tomás Peña' }).waitFor();

    expect(await seriousA11yViolations(page, '.signatures-card')).toEqual([]);
    await page.locator('.signatures-card').scrollIntoViewIfNeeded();
    await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { blur?: () => void } | null } }).document.activeElement?.blur?.());
    await saveScreenshot(page, 'ot-field-visit-signed');
  });

  it('completes through the dialog after a summary of everything captured', async () => {
    await page.getByRole('button', { name: 'Completar', exact: true }).click();
    // The dialog fills the field as it opens (an effect after its first draw): looked at until it has.
    await expect.poll(() => dialog().getByLabel('Trabajo realizado').inputValue()).toBe(WORK_DONE);
    await dialog().getByRole('button', { name: 'Revisar y completar' }).click();
    const summary = dialog().locator('.completion-summary');
    await summary.waitFor();
    await summary.getByText('Cliente: firmada por María José Ibáñez').waitFor();
    const text = (await summary.textContent()) ?? '';
    expect(text).toContain(WORK_DONE);
    expect(text).toContain('Gas R-32 · 1,5 kg');
    expect(text).toContain(`Retirado Compresor rotativo R-32 2 CV · 1 ud. · ${REMOVED}`);
    expect(text).toContain(`Instalado Compresor rotativo R-32 2 CV · 1 ud. · ${INSTALLED}`);
    expect(text).toContain('3 de 3 respondidas');
    expect(text).toContain('Técnico: firmada por Tomás Peña');
    await dialog().getByRole('button', { name: 'Completar OT' }).click();
    await page.locator('.page-header .badge', { hasText: 'Completada' }).waitFor();
    // Completing with the work done as signed keeps both signatures valid.
    const signatures = await app.admin.call('workOrders.signatures', { id: visit.id });
    expect(signatures.map((s) => [s.role, s.valid])).toEqual([
      ['customer', true],
      ['technician', true],
    ]);
  });

  it('downloads the OT report with the work, checklist, parts, photos and signatures, tagged', async () => {
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Exportar PDF' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(new RegExp(`${visit.code}.*\\.pdf$`));
    const bytes = readFileSync(await file.path());

    const text = pdfText(bytes);
    const rows = pdfText(bytes, { layout: true });
    for (const expected of [WORK_DONE, 'Lista de comprobación', 'Observaciones', 'Gas R-32', '1,5 kg', INSTALLED, REMOVED, CUSTOMER_SIGNER, `DNI ${CUSTOMER_DNI}`, 'Tomás Peña', 'compresor-retirado.jpg', 'placa-de-caracteristicas.png']) {
      expect(text).toContain(expected);
    }
    expect(rows).toMatch(/Corriente cortada antes de abrir\s+Sí/);
    expect(rows).toMatch(/Presión de alta\s+18,5 bar/);
    expect(text).toContain('Filtro deshidratador sucio, cambiar en la próxima revisión');
    expect(rows).toMatch(/Gas R-32\s+—\s+—\s+1,5 kg/);
    // The new compressor under "Materiales instalados", the old one under "Materiales retirados".
    const installedAt = rows.indexOf('Materiales instalados');
    const removedAt = rows.indexOf('Materiales retirados');
    expect(installedAt).toBeGreaterThanOrEqual(0);
    expect(installedAt).toBeLessThan(rows.indexOf(INSTALLED));
    expect(rows.indexOf(INSTALLED)).toBeLessThan(removedAt);
    expect(removedAt).toBeLessThan(rows.indexOf(REMOVED));
    expect(text).not.toContain('Firma anterior a cambios del informe');

    const images = pdfImages(bytes);
    expect(images.filter((image) => image.width === 600 && image.height === 240)).toHaveLength(2);
    expect(images.filter((image) => image.enc === 'jpeg').map((image) => [image.width, image.height])).toEqual([
      [720, 540],
      [480, 640],
    ]);
    expect(pdfInfo(bytes).text).toMatch(/^Tagged:\s+yes$/m);
    expect(uncaughtErrors(page)).toEqual([]);
  });
});
