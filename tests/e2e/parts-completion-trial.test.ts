// Fixes from a newcomer's trial of the parts form and the completion dialog (Chromium): the next part starts clean
// (units, installed) with its unit written beside the quantity; "Sí, registrar igualmente" fits its button at 1280 and
// 1024 px; a summary with a required checklist item unanswered does not offer "Completar OT", says why in the dialog
// and takes the technician to the checklist; a refusal from the service shows inside the dialog.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goTo, saveScreenshot, seriousA11yViolations, screenshotsDir, signIn, startE2eApp, uncaughtErrors, VIEWPORT, type E2eApp } from './support';

let app: E2eApp;
let page: Page;
const seeded = { workOrderId: '', workOrderCode: '', otherCode: '' };
const ELSEWHERE = 'SN-DUP-777';

beforeAll(async () => {
  app = await startE2eApp();
  const admin = app.admin;
  const settings = await admin.call('settings.get', {});
  await admin.call('settings.update', {
    versions: { checklistTemplates: settings.versions.checklistTemplates ?? 0 },
    checklistTemplates: { repair: [{ key: 'leaks', label: 'Sin fugas', kind: 'check', required: true }] },
  });
  const customer = await admin.call('customers.create', { name: 'Almacenes Chavarría', town: 'Valladolid' });
  const adminId = (await admin.call('auth.me', {})).user.id;
  const product = await admin.call('products.create', { sku: 'SW-24', name: 'Switch 24 puertos gestionable', tracksSerial: true });
  const start = async (title: string) => {
    const ticket = await admin.call('tickets.create', { title, customerId: customer.id });
    let wo = await admin.call('workOrders.requestVisit', { ticketId: ticket.id, otType: 'repair' });
    wo = await admin.call('workOrders.schedule', { id: wo.id, version: wo.version, scheduledDate: new Date(Date.now() + 3_600_000).toISOString(), technicianId: adminId, confirmOverlap: true });
    return admin.call('workOrders.start', { id: wo.id, version: wo.version });
  };
  const other = await start('Sin red en la oficina');
  await admin.call('workOrders.addItem', { id: other.id, version: other.version, productId: product.id, serialNumber: ELSEWHERE });
  const wo = await start('No va el wifi del almacén');
  Object.assign(seeded, { workOrderId: wo.id, workOrderCode: wo.code, otherCode: other.code });
  page = await app.openApp();
  await signIn(page);
}, 120_000);

afterAll(async () => {
  await app?.close();
});

const form = () => page.getByRole('form', { name: 'Añadir pieza' });
const rows = () => page.locator('.items-table tbody tr');
const add = () => form().getByRole('button', { name: 'Añadir', exact: true }).click();

describe('the parts form after a part is added', () => {
  it('starts the next part clean: units, installed, and the unit beside the quantity', async () => {
    await goTo(page, `#/work-orders/${seeded.workOrderId}`);
    await page.getByRole('heading', { name: seeded.workOrderCode }).waitFor();
    await form().getByLabel('Sin catálogo (texto libre)').check();
    await form().getByLabel('Descripción de la pieza').fill('Refrigerante genérico');
    await form().getByLabel('Cantidad').fill('1,5');
    await form().getByLabel('Unidad').selectOption('kg');
    expect(await form().getByTestId('quantity-unit').textContent()).toBe('kg');
    await form().getByLabel('Retirado').check();
    await add();
    await expect.poll(() => rows().count()).toBe(1);

    // The next free-text part: nothing of the last one stays.
    expect(await form().getByLabel('Sin catálogo (texto libre)').isChecked()).toBe(true);
    expect(await form().getByLabel('Unidad').inputValue()).toBe('unit');
    expect(await form().getByTestId('quantity-unit').textContent()).toBe('ud.');
    expect(await form().getByLabel('Instalado').isChecked()).toBe(true);
    expect(await form().getByLabel('Cantidad').inputValue()).toBe('1');
    await form().getByLabel('Descripción de la pieza').fill('Punto de acceso antiguo');
    await add();
    await expect.poll(() => rows().count()).toBe(2);
    const part = rows().filter({ hasText: 'Punto de acceso antiguo' });
    expect(await part.textContent()).toContain('1 ud.');
    expect(await part.textContent()).toContain('Instalado');

    // A catalogue product shows its own unit beside the quantity.
    await form().getByLabel('Del catálogo').check();
    await form().getByLabel('Buscar en el catálogo').fill('SW-24');
    await expect.poll(() => form().getByLabel('Producto', { exact: true }).inputValue()).not.toBe('');
    expect(await form().getByTestId('quantity-unit').textContent()).toBe('ud.');
    expect(await seriousA11yViolations(page, '.item-form')).toEqual([]);
    await saveScreenshot(page, 'ot-parts-form-clean');
    expect(uncaughtErrors(page)).toEqual([]);
  });

  it('"Sí, registrar igualmente" fits inside its button at 1280 and 1024 px', async () => {
    await form().getByLabel('N.º de serie').fill(ELSEWHERE);
    await add();
    await form().getByText(`figura instalada en la ${seeded.otherCode}`, { exact: false }).waitFor();
    const confirm = form().getByRole('button', { name: 'Sí, registrar igualmente' });
    // The words stay inside the button, and the button inside the form.
    const fits = () =>
      confirm.evaluate((button) => {
        const el = button as unknown as { scrollWidth: number; clientWidth: number; getBoundingClientRect(): { right: number }; closest(s: string): { getBoundingClientRect(): { right: number } } | null };
        const formRight = el.closest('form')?.getBoundingClientRect().right ?? 0;
        return el.scrollWidth <= el.clientWidth + 1 && el.getBoundingClientRect().right <= formRight + 1;
      });
    expect(await fits()).toBe(true);
    await saveScreenshot(page, 'ot-parts-serial-elsewhere');
    await page.setViewportSize({ width: 1024, height: 768 });
    expect(await fits()).toBe(true);
    await page.screenshot({ path: path.join(screenshotsDir, 'ot-parts-serial-elsewhere-1024.png') });
    await page.setViewportSize(VIEWPORT);
    await confirm.click();
    await page.getByRole('link', { name: ELSEWHERE }).waitFor();
  });
});

const dialog = () => page.locator('dialog[open]');
const completeButton = () => dialog().getByRole('button', { name: 'Completar OT' });

describe('completing with a required checklist item unanswered', () => {
  it('does not offer "Completar OT", says why in the dialog and takes the technician to the checklist', async () => {
    await page.getByRole('button', { name: 'Completar', exact: true }).click();
    await dialog().getByLabel('Trabajo realizado').fill('Sustituido el punto de acceso averiado.');
    await dialog().getByRole('button', { name: 'Revisar y completar' }).click();
    const blocker = dialog().getByRole('alert');
    await expect.poll(() => blocker.textContent()).toContain('Falta responder en la lista: Sin fugas. Ciérralo, respóndelo y vuelve a Completar.');
    expect(await completeButton().isDisabled()).toBe(true);
    expect(await seriousA11yViolations(page, 'dialog[open]')).toEqual([]);
    await saveScreenshot(page, 'ot-completion-checklist-missing');

    await dialog().getByRole('button', { name: 'Ir a la lista de comprobación' }).click();
    await expect.poll(() => dialog().count()).toBe(0);
    // The checklist card has the focus, so the next Tab lands on its items.
    await expect.poll(() => page.evaluate(() => Boolean((globalThis as unknown as { document: { activeElement: { closest(s: string): unknown } | null } }).document.activeElement?.closest('.ot-checklist')))).toBe(true);
    await page.getByRole('checkbox', { name: 'Sin fugas' }).check();
    await expect.poll(() => page.getByTestId('checklist-progress').textContent()).toBe('1 de 1 respondidas');

    // Back in the dialog: the work done typed before is still there, and now it completes.
    await page.getByRole('button', { name: 'Completar', exact: true }).click();
    expect(await dialog().getByLabel('Trabajo realizado').inputValue()).toBe('Sustituido el punto de acceso averiado.');
    await dialog().getByRole('button', { name: 'Revisar y completar' }).click();
    await expect.poll(() => completeButton().isDisabled()).toBe(false);
    expect(await dialog().getByRole('alert').count()).toBe(0);
  });

  it('a refusal from the service shows inside the dialog', async () => {
    // A required item added in Administración while the summary is open: the service refuses, the dialog says so.
    const settings = await app.admin.call('settings.get', {});
    const repair = settings.checklistTemplates.repair ?? [];
    await app.admin.call('settings.update', {
      versions: { checklistTemplates: settings.versions.checklistTemplates ?? 0 },
      checklistTemplates: { repair: [...repair, { key: 'pressure', label: 'Presión comprobada', kind: 'text', required: true }] },
    });
    // Every drawing of the dialog is watched: none may show the refusal with the button still offered.
    await page.evaluate(`(() => {
      window.offeredWithRefusal = false;
      new MutationObserver(() => {
        const open = document.querySelector('dialog[open]');
        const refused = open?.querySelector('[role="alert"]')?.textContent?.includes('Presión comprobada');
        const button = [...(open?.querySelectorAll('button') ?? [])].find((b) => b.textContent === 'Completar OT');
        if (refused && button && !button.disabled) window.offeredWithRefusal = true;
      }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    })()`);
    await completeButton().click();
    const alert = dialog().getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('Presión comprobada');
    await expect.poll(() => completeButton().isDisabled()).toBe(true);
    expect(await page.evaluate('window.offeredWithRefusal')).toBe(false);
    expect((await app.admin.call('workOrders.get', { id: seeded.workOrderId })).status).toBe('in_progress');
    await saveScreenshot(page, 'ot-completion-refused-in-dialog');
    expect(uncaughtErrors(page)).toEqual([]);
  });
});

describe('the parts form in English', () => {
  it('writes the unit beside the quantity in the number typed: 1 unit, 3 units', async () => {
    const english = await app.openApp(await app.newContext({ locale: 'en-GB' }));
    await signIn(english);
    await goTo(english, `#/work-orders/${seeded.workOrderId}`);
    const parts = english.getByRole('form', { name: 'Add part' });
    const unit = parts.getByTestId('quantity-unit');
    await parts.getByLabel('Quantity').fill('1');
    await expect.poll(() => unit.textContent()).toBe('unit');
    await parts.getByLabel('Quantity').fill('3');
    await expect.poll(() => unit.textContent()).toBe('units');
    expect(uncaughtErrors(english)).toEqual([]);
  });
});
