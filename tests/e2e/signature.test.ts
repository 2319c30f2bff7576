// The customer signs on the OT screen with the mouse: an empty pad is refused, a drawn signature is stored and shown
// with its name and time, and a later change to the OT shows the signature as stale and offers to sign again.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkOrderDetail } from '../../electron/contract';
import { goTo, saveScreenshot, seriousA11yViolations, signIn, startE2eApp, uncaughtErrors, type E2eApp } from './support';
import { versionOf } from '../support/versions';
import { drawSignature } from './signing';

let app: E2eApp;
let page: Page;
let visit: WorkOrderDetail;
let productId: string;
let tec: { id: string; username: string; password: string };

beforeAll(async () => {
  app = await startE2eApp();
  tec = await app.userWithRole('Técnico', 'lmartin', 'Lucía Martín');
  const customer = await app.admin.call('customers.create', { name: 'Farmacia Triana', address: 'C/ San Jacinto 19, Sevilla' });
  const product = await app.admin.call('products.create', { sku: 'TRM-80', name: 'Termostato 80 °C' });
  productId = product.id;
  const ticket = await app.admin.call('tickets.create', { title: 'Termo eléctrico no calienta', description: 'El piloto enciende pero el agua sale fría.', customerId: customer.id });
  const requested = await app.admin.call('workOrders.requestVisit', { ticketId: ticket.id, otType: 'repair' });
  const scheduled = await app.admin.call('workOrders.schedule', { id: requested.id, scheduledDate: new Date().toISOString(), technicianId: tec.id, version: requested.version, confirmOverlap: true });
  visit = await app.admin.call('workOrders.start', { id: scheduled.id, version: scheduled.version });
  page = await app.openApp();
  await signIn(page, tec.username, tec.password);
}, 40_000);

afterAll(async () => {
  await app?.close();
});

describe('signing an OT', () => {
  it('refuses an empty pad, then stores and shows a signature drawn with the mouse', async () => {
    await goTo(page, `#/work-orders/${visit.id}`);
    await page.getByRole('heading', { name: 'Firmas' }).waitFor();
    const customer = page.locator('section.signature-role', { hasText: 'Firma del cliente' });
    await customer.getByLabel('Nombre de quien firma').fill('Marta Cliente');
    await customer.getByLabel('DNI/NIE').fill('12345678Z');
    await customer.getByRole('button', { name: 'Firmar', exact: true }).click();
    await customer.getByText('La firma está vacía o es demasiado pequeña').waitFor();

    const pad = customer.getByRole('img', { name: /Recuadro para la firma del cliente/ });
    await drawSignature(page, pad);
    await customer.getByText('Firma dibujada.').waitFor();
    await customer.getByRole('button', { name: 'Firmar', exact: true }).click();
    const image = customer.getByRole('img', { name: 'Firma de Marta Cliente' });
    await image.waitFor();
    await customer.getByText(/Firmado el/).waitFor();
    expect(await image.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBe(600);

    const stored = await app.admin.call('workOrders.signatures', { id: visit.id });
    expect(stored).toEqual([expect.objectContaining({ role: 'customer', signerName: 'Marta Cliente', signerIdNumber: '12345678Z', valid: true })]);
    // The technician's block still offers its pad, with their own name filled in.
    const technician = page.locator('section.signature-role', { hasText: 'Firma del técnico' });
    expect(await technician.getByLabel('Nombre de quien firma').inputValue()).toBe('Lucía Martín');
    expect(await seriousA11yViolations(page, '.signatures-card')).toEqual([]);
    await page.locator('.signatures-card').scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'ot-signed');
  });

  it('shows the signature as stale after the OT changes and offers to sign again', async () => {
    await app.admin.call('workOrders.addItem', { id: visit.id, version: await versionOf(app.admin, 'workOrder', visit.id), productId });
    const customer = page.locator('section.signature-role', { hasText: 'Firma del cliente' });
    await customer.getByText('El informe cambió después de esta firma').waitFor();
    await customer.getByRole('img', { name: /Recuadro para la firma del cliente/ }).waitFor();
    // Signing again starts from the same person's name and ID.
    expect(await customer.getByLabel('Nombre de quien firma').inputValue()).toBe('Marta Cliente');
    expect(await customer.getByLabel('DNI/NIE').inputValue()).toBe('12345678Z');
    expect((await app.admin.call('workOrders.signatures', { id: visit.id }))[0]?.valid).toBe(false);
    expect(uncaughtErrors(page)).toEqual([]);
  });
});

describe('signing with a finger', () => {
  it('takes the technician’s signature drawn with touch events', async () => {
    const technician = page.locator('section.signature-role', { hasText: 'Firma del técnico' });
    const pad = technician.getByRole('img', { name: /Recuadro para la firma del técnico/ });
    await pad.scrollIntoViewIfNeeded();
    const box = await pad.boundingBox();
    if (!box) throw new Error('the signature pad is not on screen');
    // Real touch input through the DevTools protocol: Chromium turns it into pointer events of type 'touch'.
    const cdp = await page.context().newCDPSession(page);
    const at = (fx: number, fy: number) => ({ x: box.x + box.width * fx, y: box.y + box.height * fy });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [at(0.1, 0.5)] });
    for (let step = 1; step <= 30; step++) {
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [at(0.1 + step * 0.025, 0.5 + Math.cos(step / 2) * 0.2)] });
    }
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await cdp.detach();
    await technician.getByText('Firma dibujada.').waitFor();
    await technician.getByRole('button', { name: 'Firmar', exact: true }).click();
    await technician.getByRole('img', { name: 'Firma de Lucía Martín' }).waitFor();
    const roles = (await app.admin.call('workOrders.signatures', { id: visit.id })).map((signature) => [signature.role, signature.valid]);
    expect(roles).toEqual([
      ['customer', false],
      ['technician', true],
    ]);
  });
});

describe('signatures in another theme and language', () => {
  it('reads in English and keeps enough contrast in the dark theme, stale warning included', async () => {
    const dark = await app.openApp(await app.newContext({ colorScheme: 'dark', locale: 'en-GB' }));
    await signIn(dark, tec.username, tec.password);
    await goTo(dark, `#/work-orders/${visit.id}`);
    await dark.getByRole('heading', { name: 'Signatures' }).waitFor();
    const customer = dark.locator('section.signature-role', { hasText: "Customer's signature" });
    await customer.getByText('The report changed after this signature').waitFor();
    await customer.getByRole('img', { name: 'Signature of Marta Cliente' }).waitFor();
    expect(await seriousA11yViolations(dark, '.signatures-card')).toEqual([]);
    await dark.locator('.signatures-card').scrollIntoViewIfNeeded();
    await saveScreenshot(dark, 'ot-signature-stale-dark');
    expect(uncaughtErrors(dark)).toEqual([]);
  });
});

describe('signing from the keyboard', () => {
  it('writes the typed name on the pad as the signature, with Tab and Enter only', async () => {
    const customer = page.locator('section.signature-role', { hasText: 'Firma del cliente' });
    const name = customer.getByLabel('Nombre de quien firma');
    const focused = () => page.evaluate<string>("document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? ''");
    await name.fill('');
    await name.focus();
    for (let step = 0; step < 3; step++) await page.keyboard.press('Tab');
    expect(await focused()).toBe('Usar el nombre como firma');
    await page.keyboard.press('Enter');
    await customer.getByText('Escriba el nombre de quien firma para usarlo como firma.').waitFor();

    await name.fill('José Peña Muñoz');
    for (let step = 0; step < 3; step++) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await customer.getByText('El nombre está escrito como firma.').waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('Firmar');
    await page.keyboard.press('Enter');
    await customer.getByRole('img', { name: 'Firma de José Peña Muñoz' }).waitFor();
    // The pad went with the signature: the focus is on what replaced it, not back at the top of the page.
    await expect.poll(focused).toBe('Firmar de nuevo');
    const stored = (await app.admin.call('workOrders.signatures', { id: visit.id })).find((signature) => signature.role === 'customer');
    expect(stored).toEqual(expect.objectContaining({ signerName: 'José Peña Muñoz', valid: true }));
    await customer.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'ot-signed-typed');
    expect(uncaughtErrors(page)).toEqual([]);
  });
});
