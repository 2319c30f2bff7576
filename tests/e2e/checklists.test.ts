// Checklists (#15 part 4) in Chromium: the admin builds the Reparación checklist in Administración → Listas de
// comprobación (add, kind, unit, required, reorder with Subir/Bajar from the keyboard, a clear error, save); the
// technician fills it on the OT (a decimal comma, a tick, a text) and sees what is still missing; once the OT is
// completed the card is read-only. (The refusal to complete is tested in tests/domain/checklists.test.ts.)
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkOrderDetail } from '../../electron/contract';
import { goTo, saveScreenshot, seriousA11yViolations, signIn, startE2eApp, uncaughtErrors, type E2eApp } from './support';

let app: E2eApp;
let admin: Page;
let lucia: { id: string; username: string; password: string };
let running: WorkOrderDetail;

beforeAll(async () => {
  app = await startE2eApp();
  lucia = await app.userWithRole('Técnico', 'lmartin', 'Lucía Martín');
  const customer = await app.admin.call('customers.create', { name: 'Hotel Alcázar', address: 'Plaza Nueva 7', town: 'Sevilla' });
  const ticket = await app.admin.call('tickets.create', { title: 'Caldera pierde presión', description: 'Baja a 0,5 bar cada mañana.', customerId: customer.id });
  const requested = await app.admin.call('workOrders.requestVisit', { ticketId: ticket.id, otType: 'repair' });
  const scheduled = await app.admin.call('workOrders.schedule', { id: requested.id, scheduledDate: new Date().toISOString(), technicianId: lucia.id, version: requested.version, confirmOverlap: true });
  running = await app.admin.call('workOrders.start', { id: scheduled.id, version: scheduled.version });
  admin = await app.openApp();
  await signIn(admin);
}, 40_000);

afterAll(async () => {
  await app?.close();
});

const labels = (page: Page) => page.locator('.ck-item input[aria-label^="Texto del punto"]').evaluateAll((inputs) => inputs.map((input) => (input as unknown as { value: string }).value));

describe('Administración → Listas de comprobación', () => {
  it('builds the Reparación checklist: items, kinds, unit, required, order, save', async () => {
    await goTo(admin, '#/admin/checklists');
    await admin.getByRole('heading', { name: 'Listas de comprobación' }).waitFor();
    expect(await admin.getByLabel('Tipo de OT').inputValue()).toBe('repair');
    await admin.getByText('Las OT de Reparación no tienen lista de comprobación').waitFor();

    const add = admin.getByRole('button', { name: 'Añadir punto' });
    await add.click();
    // The new item's text has the focus: typing goes straight in.
    await admin.keyboard.type('Presión comprobada');
    await admin.getByLabel('Tipo de respuesta de «Presión comprobada»').selectOption('number');
    await admin.getByLabel('Unidad de «Presión comprobada»').fill('bar');
    await admin.locator('.ck-item').nth(0).getByLabel('Obligatorio').check();
    await add.click();
    await admin.keyboard.type('Observaciones');
    await admin.getByLabel('Tipo de respuesta de «Observaciones»').selectOption('text');
    await add.click();
    await admin.keyboard.type('Sin fugas');
    await admin.locator('.ck-item').nth(2).getByLabel('Obligatorio').check();

    // An empty item says so on save, and the message goes as soon as it is filled.
    await add.click();
    await admin.getByRole('button', { name: 'Guardar listas' }).click();
    await admin.getByText('Escribe el texto del punto.').waitFor();
    await admin.getByText('Revisa los puntos marcados antes de guardar.').waitFor();
    await admin.getByLabel('Texto del punto 4').fill('Temporal');
    expect(await admin.getByText('Escribe el texto del punto.').count()).toBe(0);
    await admin.getByRole('button', { name: 'Quitar «Temporal»' }).click();

    // Subir from the keyboard: "Sin fugas" goes second, and the focus stays on its Subir button.
    await admin.getByRole('button', { name: 'Subir «Sin fugas»' }).focus();
    await admin.keyboard.press('Enter');
    await expect.poll(() => labels(admin)).toEqual(['Presión comprobada', 'Sin fugas', 'Observaciones']);
    expect(await admin.evaluate(() => (globalThis as unknown as { document: { activeElement: { getAttribute(name: string): string | null } } }).document.activeElement.getAttribute('aria-label'))).toBe('Subir «Sin fugas»');
    await admin.getByRole('button', { name: 'Bajar «Presión comprobada»' }).click();
    await expect.poll(() => labels(admin)).toEqual(['Sin fugas', 'Presión comprobada', 'Observaciones']);

    await admin.getByRole('button', { name: 'Guardar listas' }).click();
    await admin.getByText('Listas de comprobación guardadas').waitFor();
    const stored = (await app.admin.call('settings.get', {})).checklistTemplates.repair ?? [];
    expect(stored.map(({ label, kind, unit, required }) => ({ label, kind, unit, required }))).toEqual([
      { label: 'Sin fugas', kind: 'check', unit: undefined, required: true },
      { label: 'Presión comprobada', kind: 'number', unit: 'bar', required: true },
      { label: 'Observaciones', kind: 'text', unit: undefined, required: false },
    ]);
    expect(new Set(stored.map((item) => item.key)).size).toBe(3);
    expect(await seriousA11yViolations(admin, '.checklist-admin')).toEqual([]);
    await saveScreenshot(admin, 'admin-checklists');
    expect(uncaughtErrors(admin)).toEqual([]);
  });
});

describe('the checklist on the OT', () => {
  let page: Page;
  beforeAll(async () => {
    page = await app.openApp();
    await signIn(page, lucia.username, lucia.password);
  });

  it('is filled by the technician: decimal comma, a tick, a text; the line says what is missing', async () => {
    await goTo(page, `#/work-orders/${running.id}`);
    const progress = page.getByTestId('checklist-progress');
    await expect.poll(() => progress.textContent()).toBe('0 de 3 respondidas; faltan: Sin fugas, Presión comprobada');

    const pressure = page.getByRole('textbox', { name: 'Presión comprobada' });
    await pressure.fill('2,x');
    await pressure.press('Tab');
    await page.getByText('Escribe un número, por ejemplo 2,5.').waitFor();
    await pressure.fill('2,5');
    await pressure.press('Tab');
    await expect.poll(() => progress.textContent()).toBe('1 de 3 respondidas; faltan: Sin fugas');
    const remarks = page.getByRole('textbox', { name: 'Observaciones' });
    await remarks.fill('Válvula tarada a 3 bar');
    await remarks.press('Tab');
    await expect.poll(() => progress.textContent()).toBe('2 de 3 respondidas; faltan: Sin fugas');
    await page.getByRole('button', { name: 'Añadir una nota a «Observaciones»' }).click();
    const note = page.getByLabel('Nota de «Observaciones»');
    await note.fill('Revisar el vaso de expansión en 6 meses');
    await note.press('Tab');
    await expect.poll(async () => (await app.admin.call('workOrders.checklist', { id: running.id })).items[2]?.note).toBe('Revisar el vaso de expansión en 6 meses');
    expect(await seriousA11yViolations(page, '.ot-checklist')).toEqual([]);
    // The card at the top of the OT's scroll area, under its header (code, type, status, timer).
    await page.locator('.ot-checklist').evaluate((card) => {
      const box = card as unknown as { closest(selector: string): { scrollTop: number; getBoundingClientRect(): { top: number } } | null; getBoundingClientRect(): { top: number } };
      const body = box.closest('.page-body');
      if (body) body.scrollTop += box.getBoundingClientRect().top - body.getBoundingClientRect().top - 12;
    });
    await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { blur?: () => void } | null } }).document.activeElement?.blur?.());
    await saveScreenshot(page, 'ot-checklist');

    await page.getByRole('checkbox', { name: 'Sin fugas' }).check();
    await expect.poll(() => progress.textContent()).toBe('3 de 3 respondidas');

    const checklist = await app.admin.call('workOrders.checklist', { id: running.id });
    expect(checklist.items.map((item) => [item.label, item.value])).toEqual([
      ['Sin fugas', true],
      ['Presión comprobada', 2.5],
      ['Observaciones', 'Válvula tarada a 3 bar'],
    ]);
    expect(await pressure.inputValue()).toBe('2,5');

    // An item added in Administración meanwhile shows on the open OT without reloading it.
    const settings = await app.admin.call('settings.get', {});
    const repair = settings.checklistTemplates.repair ?? [];
    await app.admin.call('settings.update', {
      versions: { checklistTemplates: settings.versions.checklistTemplates ?? 0 },
      checklistTemplates: { repair: [...repair, { key: 'gauge', label: 'Manómetro de la caldera', kind: 'text', required: false }] },
    });
    await expect.poll(() => progress.textContent()).toBe('3 de 4 respondidas');
    await page.getByRole('textbox', { name: 'Manómetro de la caldera' }).waitFor();
    expect(uncaughtErrors(page)).toEqual([]);
  });

  it('is read-only once the OT is completed', async () => {
    const current = await app.admin.call('workOrders.get', { id: running.id });
    await app.admin.call('workOrders.complete', { id: running.id, version: current.version, workDone: 'Cambio de válvula de seguridad' });
    await page.locator('.page-header .badge', { hasText: 'Completada' }).waitFor();
    await page.locator('.ot-checklist').getByText('2,5 bar').waitFor();
    expect(await page.locator('.ot-checklist input, .ot-checklist textarea').count()).toBe(0);
    await page.locator('.ot-checklist').getByText('Sí', { exact: true }).waitFor();
  });
});
