// Photos and files in the browser: a technician attaches two real photos (and a renamed executable, refused with a
// clear message) to their OT through the file picker; thumbnails show, a click opens the display copy, and the
// ticket shows the same files. Browser mode: the bytes go up as the raw request body.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeTempDirs, tempDir } from '../db/helpers';
import { goTo, saveScreenshot, seriousA11yViolations, signIn, startE2eApp, uncaughtErrors, VIEWPORT, type E2eApp } from './support';
import { elfBytes, noiseJpeg, solidPng } from '../attachments/images';

let app: E2eApp;
let page: Page;
let workOrderId: string;
let ticketId: string;
let tec: { id: string; username: string; password: string };
let cameraBrowser: Browser | null = null;
const folder = tempDir();

beforeAll(async () => {
  app = await startE2eApp();
  tec = await app.userWithRole('Técnico', 'pvidal', 'Pablo Vidal');
  const customer = await app.admin.call('customers.create', { name: 'Bodega Los Arcos', address: 'Avda. del Vino 4, Jerez' });
  const ticket = await app.admin.call('tickets.create', { title: 'Cámara frigorífica no enfría', customerId: customer.id });
  ticketId = ticket.id;
  const requested = await app.admin.call('workOrders.requestVisit', { ticketId: ticket.id, otType: 'repair' });
  const scheduled = await app.admin.call('workOrders.schedule', { id: requested.id, scheduledDate: new Date().toISOString(), technicianId: tec.id, version: requested.version, confirmOverlap: true });
  workOrderId = (await app.admin.call('workOrders.start', { id: scheduled.id, version: scheduled.version })).id;
  writeFileSync(path.join(folder, 'compresor.jpg'), await noiseJpeg(2000, 1500, 85));
  writeFileSync(path.join(folder, 'placa.png'), await solidPng(800, 600, 42));
  writeFileSync(path.join(folder, 'factura.jpg'), elfBytes());
  page = await app.openApp();
  await signIn(page, tec.username, tec.password);
}, 60_000);

afterAll(async () => {
  await cameraBrowser?.close();
  await app?.close();
  removeTempDirs();
});

describe('photos and files on an OT', () => {
  it('attaches two photos from the file picker, refuses a renamed executable, and shows the display copy', async () => {
    await goTo(page, `#/work-orders/${workOrderId}`);
    const panel = page.locator('section.attachments-panel');
    await panel.getByRole('heading', { name: 'Fotos y archivos (0)' }).waitFor();
    await panel.locator('input[type="file"]').setInputFiles([path.join(folder, 'compresor.jpg'), path.join(folder, 'placa.png'), path.join(folder, 'factura.jpg')]);
    await panel.getByRole('heading', { name: 'Fotos y archivos (2)' }).waitFor({ timeout: 20_000 });
    await panel.getByRole('alert').getByText('factura.jpg: Solo se pueden adjuntar fotos').waitFor();
    expect(await panel.locator('.attachment-open img').count()).toBe(2);

    await panel.locator('.attachments-grid').scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'ot-photos');
    expect(await seriousA11yViolations(page, 'section.attachments-panel')).toEqual([]);

    await panel.getByRole('button', { name: 'Ver la foto compresor.jpg' }).click();
    const photo = page.getByRole('img', { name: 'Foto compresor.jpg' });
    await photo.waitFor();
    await expect.poll(() => photo.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBe(1600);
    await saveScreenshot(page, 'ot-photo-viewer');
    await page.keyboard.press('Escape');

    const stored = await app.admin.call('attachments.list', { workOrderId });
    expect(stored.map((row) => [row.fileName, row.width, row.height])).toEqual([
      ['compresor.jpg', 2000, 1500],
      ['placa.png', 800, 600],
    ]);
  }, 60_000);

  it('takes a photo with the camera (Chromium\'s fake camera) and attaches it', async () => {
    // A browser of its own with a fake camera that needs no permission prompt; the shared one has no camera at all.
    cameraBrowser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--lang=es-ES', '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'],
    });
    const context = await cameraBrowser.newContext({ viewport: VIEWPORT, locale: 'es-ES', timezoneId: 'Europe/Madrid', colorScheme: 'light' });
    await context.grantPermissions(['camera']);
    const cameraPage = await app.openApp(context);
    await signIn(cameraPage, tec.username, tec.password);
    await goTo(cameraPage, `#/work-orders/${workOrderId}`);
    const panel = cameraPage.locator('section.attachments-panel');
    await panel.getByRole('heading', { name: 'Fotos y archivos (2)' }).waitFor();
    await panel.getByRole('button', { name: 'Usar cámara' }).click();
    const take = cameraPage.getByRole('button', { name: 'Hacer foto' });
    await expect.poll(() => take.isEnabled(), { timeout: 15_000 }).toBe(true);
    await saveScreenshot(cameraPage, 'ot-camera');
    await take.click();
    await panel.getByRole('heading', { name: 'Fotos y archivos (3)' }).waitFor({ timeout: 20_000 });
    const stored = await app.admin.call('attachments.list', { workOrderId });
    expect(stored[2]).toMatchObject({ mime: 'image/jpeg', kind: 'photo' });
    expect(stored[2]?.fileName).toMatch(/^foto-\d{8}-\d{6}\.jpg$/);
    expect(uncaughtErrors(cameraPage)).toEqual([]);
  }, 60_000);

  it('the ticket shows the files of its OTs', async () => {
    await goTo(page, `#/tickets/${ticketId}`);
    const panel = page.locator('section.attachments-panel');
    await panel.getByRole('heading', { name: 'Fotos y archivos (3)' }).waitFor();
    expect(uncaughtErrors(page)).toEqual([]);
  });
});
