// Fixes from a second newcomer trial (Chromium): the "serial on another open OT" question is seen with the button that
// answers it; signing says it is saving; Programar proposes the company's next whole hour from a browser in another
// zone; the product picker shows the chosen name in full; the DNI/NIE label is one line at 1024; the OT's fault shows
// the ticket's title in bold above its description, as Mi día does.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instantOfWallInput, wallInputOf } from '../../electron/contract/zonedTime';
import { settingsVersions } from '../support/versions';
import { drawSignature } from './signing';
import { goTo, saveScreenshot, screenshotsDir, signIn, startE2eApp, uncaughtErrors, VIEWPORT, type E2eApp } from './support';

const COMPANY_ZONE = 'UTC';
// The browser is nine hours ahead of the company: its next whole hour is never the company's.
const BROWSER_ZONE = 'Asia/Tokyo';
const HOUR = 3_600_000;
const ELSEWHERE = 'SN-TEL-OTRA-1';
const PHONE = 'Teléfono IP de sobremesa con pantalla';
const TITLE = 'Pita sin parar el SAI del rack';
const DESCRIPTION = 'El equipo tiene más de cinco años. Necesitan una solución antes del cierre de mes.';

let app: E2eApp;
let context: BrowserContext;
let page: Page;
const seeded = { workOrderId: '', workOrderCode: '', otherCode: '', pendingId: '', pendingCode: '' };

beforeAll(async () => {
  app = await startE2eApp();
  const admin = app.admin;
  await admin.call('settings.update', { versions: await settingsVersions(admin), timeZone: COMPANY_ZONE });
  const adminId = (await admin.call('auth.me', {})).user.id;
  const customer = await admin.call('customers.create', { name: 'Cardona Orellana e Hijos', town: 'Zaragoza' });
  const phone = await admin.call('products.create', { sku: 'TEL-1001', name: PHONE, tracksSerial: true });
  const ups = await admin.call('products.create', { sku: 'SAI-1003', name: 'SAI 1500 VA', tracksSerial: true });
  const start = async (title: string, description = '') => {
    const ticket = await admin.call('tickets.create', { title, description, customerId: customer.id });
    let wo = await admin.call('workOrders.requestVisit', { ticketId: ticket.id, otType: 'repair' });
    wo = await admin.call('workOrders.schedule', { id: wo.id, version: wo.version, scheduledDate: new Date(Date.now() + HOUR).toISOString(), technicianId: adminId, confirmOverlap: true });
    return admin.call('workOrders.start', { id: wo.id, version: wo.version });
  };
  const other = await start('Sin tono en recepción');
  await admin.call('workOrders.addItem', { id: other.id, version: other.version, productId: phone.id, serialNumber: ELSEWHERE });
  let wo = await start(TITLE, DESCRIPTION);
  // Three parts already there, as in the trial: the form ends near the bottom of the window.
  for (const serialNumber of ['SN-SAI-NEW-1', 'SN-SAI-NEW-2', 'SN-SAI-OLD-7']) {
    wo = await admin.call('workOrders.addItem', { id: wo.id, version: wo.version, productId: ups.id, serialNumber });
  }
  const pendingTicket = await admin.call('tickets.create', { title: 'No enfría la alarma del local', customerId: customer.id });
  const pending = await admin.call('workOrders.requestVisit', { ticketId: pendingTicket.id, otType: 'repair' });
  Object.assign(seeded, { workOrderId: wo.id, workOrderCode: wo.code, otherCode: other.code, pendingId: pending.id, pendingCode: pending.code });
  context = await app.browser.newContext({ viewport: VIEWPORT, locale: 'es-ES', timezoneId: BROWSER_ZONE, colorScheme: 'light' });
  context.setDefaultTimeout(15_000);
  page = await app.openApp(context);
  mkdirSync(screenshotsDir, { recursive: true });
  await signIn(page);
}, 120_000);

afterAll(async () => {
  await context?.close().catch(() => undefined);
  await app?.close();
});

const form = () => page.getByRole('form', { name: 'Añadir pieza' });

// How wide the chosen option's words are against the room inside the select (less its arrow). A string: the tests are
// type-checked without the DOM library.
const pickerRoom = () =>
  page.evaluate(`(() => {
    const select = document.querySelector('.item-form select');
    const style = getComputedStyle(select);
    const context = document.createElement('canvas').getContext('2d');
    context.font = style.font;
    const words = select.options[select.selectedIndex].text;
    const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 16;
    return { words, width: Math.ceil(context.measureText(words).width), room };
  })()`) as Promise<{ words: string; width: number; room: number }>;

describe('the OT as it opens', () => {
  it('shows the fault as Mi día does: the ticket title in bold, the description below', async () => {
    await goTo(page, `#/work-orders/${seeded.workOrderId}`);
    await page.getByRole('heading', { name: seeded.workOrderCode }).waitFor();
    const fault = page.locator('section.card', { has: page.getByRole('heading', { name: 'Avería comunicada' }) });
    await fault.locator('strong', { hasText: TITLE }).waitFor();
    await fault.getByText(DESCRIPTION).waitFor();
  });
});

describe('the parts form', () => {
  it('shows the chosen product and "Sin producto del catálogo" in full at 1280 and 1024 px', async () => {
    expect((await pickerRoom()).words).toBe('Sin producto del catálogo');
    let room = await pickerRoom();
    expect(room.width).toBeLessThanOrEqual(room.room);
    await form().getByLabel('Buscar en el catálogo').fill('TEL-1001');
    await expect.poll(async () => (await pickerRoom()).words).toBe(`${PHONE} (TEL-1001)`);
    room = await pickerRoom();
    expect(room.width).toBeLessThanOrEqual(room.room);
    await page.setViewportSize({ width: 1024, height: 768 });
    room = await pickerRoom();
    expect(room.width).toBeLessThanOrEqual(room.room);
    await page.screenshot({ path: path.join(screenshotsDir, 'fix-e-product-picker-1024.png') });
    await page.setViewportSize(VIEWPORT);
  });

  it('asks about a serial on another open OT above the button that answers it, both in view', async () => {
    await form().getByLabel('Buscar en el catálogo').fill('TEL-1001');
    await expect.poll(() => form().getByLabel('Producto', { exact: true }).inputValue()).not.toBe('');
    await form().getByLabel('N.º de serie').fill(ELSEWHERE);
    await form().getByRole('button', { name: 'Añadir', exact: true }).click();
    const question = form().getByRole('alert').filter({ hasText: `figura instalada en la ${seeded.otherCode}` });
    await question.waitFor();
    const confirm = form().getByRole('button', { name: 'Sí, registrar igualmente' });
    await expect.poll(async () => {
      const [asked, button] = [await question.boundingBox(), await confirm.boundingBox()];
      if (!asked || !button) return 'not laid out';
      if (asked.y + asked.height > button.y) return 'question below the button';
      if (asked.y < 0 || button.y + button.height > VIEWPORT.height) return 'out of view';
      return 'ok';
    }).toBe('ok');
    await saveScreenshot(page, 'fix-e-serial-elsewhere');
    await confirm.click();
    await page.getByRole('link', { name: ELSEWHERE }).waitFor();
    expect(await form().getByRole('alert').count()).toBe(0);
  });
});

describe('signing', () => {
  it('has DNI/NIE on one line above a box as tall as the name box at 1024 px', async () => {
    await page.setViewportSize({ width: 1024, height: 768 });
    const block = page.locator('section.signature-role', { hasText: 'Firma del cliente' });
    const name = block.getByLabel('Nombre de quien firma');
    const id = block.getByLabel('DNI/NIE');
    await id.scrollIntoViewIfNeeded();
    const [nameLabel, idLabel] = [await block.locator('label', { hasText: 'Nombre de quien firma' }).boundingBox(), await block.locator('label', { hasText: 'DNI/NIE' }).boundingBox()];
    expect(idLabel?.height).toBe(nameLabel?.height);
    const [nameBox, idBox] = [await name.boundingBox(), await id.boundingBox()];
    expect(idBox?.y).toBe(nameBox?.y);
    expect(idBox?.width ?? 0).toBeGreaterThanOrEqual(100);
    await block.getByText('Opcional', { exact: true }).waitFor();
    await page.screenshot({ path: path.join(screenshotsDir, 'fix-e-signature-fields-1024.png') });
    await page.setViewportSize(VIEWPORT);
  });

  it('says it is saving the signature while it is saved, then confirms it', async () => {
    const block = page.locator('section.signature-role', { hasText: 'Firma del cliente' });
    await block.getByLabel('Nombre de quien firma').fill('Marcela Olvera Naranjo');
    await drawSignature(page, block.getByRole('img', { name: /Recuadro para la firma del cliente/ }));
    await block.getByText('Firma dibujada.', { exact: false }).waitFor();
    // The request is held until the test has seen the words said meanwhile.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/workOrders.sign', async (route) => {
      await held;
      await route.continue();
    });
    try {
      await block.getByRole('button', { name: 'Firmar', exact: true }).click();
      const saving = block.getByRole('status').filter({ hasText: 'Guardando la firma…' });
      await saving.waitFor();
      expect(await block.getByRole('button', { name: 'Firmar', exact: true }).isDisabled()).toBe(true);
      await saveScreenshot(page, 'fix-e-signature-saving');
      release();
      await page.getByText('Firma del cliente guardada').waitFor();
      await block.getByRole('img', { name: 'Firma de Marcela Olvera Naranjo' }).waitFor();
    } finally {
      release();
      await page.unroute('**/api/workOrders.sign');
    }
  });
});

describe('Programar visita from a browser in another time zone', () => {
  it("proposes the company's next whole hour, not the browser's", async () => {
    await goTo(page, `#/work-orders/${seeded.pendingId}`);
    await page.getByRole('heading', { level: 1, name: seeded.pendingCode }).waitFor();
    await page.getByRole('toolbar').getByRole('button', { name: 'Programar', exact: true }).click();
    const dialog = page.locator('dialog[open]');
    await dialog.waitFor();
    const expected = wallInputOf(COMPANY_ZONE, Math.floor(Date.now() / HOUR) * HOUR + HOUR);
    const time = await dialog.getByLabel('Hora', { exact: true }).inputValue();
    // A run that crosses the hour sees the next one.
    const next = wallInputOf(COMPANY_ZONE, Date.parse(instantOfWallInput(COMPANY_ZONE, expected) as string) + HOUR);
    expect([expected.slice(11), next.slice(11)]).toContain(time);
    await dialog.getByRole('button', { name: 'Cancelar' }).click();
    expect(uncaughtErrors(page)).toEqual([]);
  });
});
