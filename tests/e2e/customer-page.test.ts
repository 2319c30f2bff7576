// Issue 16 part 6: the customer page (reached from a ticket; its tickets, OTs and an installed serial) and the customer
// combobox, which searches the whole catalogue: with 605 customers, customer #600 can be chosen for a new ticket.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goTo, saveScreenshot, seriousA11yViolations, signIn, startE2eApp, uncaughtErrors, type E2eApp } from './support';

let app: E2eApp;
let page: Page;
const seeded = { customerId: '', ticketId: '', ticketCode: '', otherCode: '', workOrderId: '', workOrderCode: '' };
const SERIAL = 'CMP-7731-0042';
const REMOVED_SERIAL = 'CMP-1988-0315';

beforeAll(async () => {
  app = await startE2eApp();
  const admin = app.admin;
  // Numbered customers first: by name they all come before "Zumos…", so the old 500-row list never reached #600.
  for (let i = 1; i <= 605; i++) await admin.call('customers.create', { name: `Cliente ${String(i).padStart(3, '0')}` });
  const customer = await admin.call('customers.create', {
    name: 'Zumos Naturales del Aljarafe',
    contactName: 'Rocío Martín',
    phone: '954 71 22 30',
    email: 'rocio@zumosaljarafe.es',
    address: 'Polígono La Isla, nave 14',
    town: 'Dos Hermanas',
    notes: 'Cámara de fruta en la nave del fondo; pedir la llave en recepción.',
  });
  const product = await admin.call('products.create', { sku: 'CMP-R404', name: 'Compresor R404A 2 CV', tracksSerial: true });
  const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);
  const older = await app.asAdminAt(daysAgo(3), (a) => a.call('tickets.create', { title: 'Revisión anual de la cámara de fruta', customerId: customer.id, priority: 'low' }));
  const { ticket, wo } = await app.asAdminAt(daysAgo(1), async (a) => {
    const ticket = await a.call('tickets.create', { title: 'La cámara de fruta no baja de 8 °C', customerId: customer.id, priority: 'high' });
    const requested = await a.call('workOrders.requestVisit', { ticketId: ticket.id, otType: 'repair' });
    const installed = await a.call('workOrders.addItem', { id: requested.id, version: requested.version, productId: product.id, serialNumber: SERIAL });
    // The old compressor taken out at the same visit (issue 15: parts go in and come out).
    const wo = await a.call('workOrders.addItem', { id: installed.id, version: installed.version, productId: product.id, serialNumber: REMOVED_SERIAL, direction: 'removed' });
    return { ticket, wo };
  });
  Object.assign(seeded, { customerId: customer.id, ticketId: ticket.id, ticketCode: ticket.code, otherCode: older.code, workOrderId: wo.id, workOrderCode: wo.code });
  page = await app.openApp();
  await signIn(page);
}, 120_000);

afterAll(async () => {
  await app?.close();
});

const hash = () => page.evaluate('window.location.hash') as Promise<string>;
const dialog = () => page.locator('dialog[open]');

describe('the customer page', () => {
  it('opens from the ticket and shows the contact, the tickets, the OTs and the installed serial', async () => {
    await goTo(page, `#/tickets/${seeded.ticketId}`);
    await page.locator(`.ticket-detail[data-ticket-id="${seeded.ticketId}"]`).waitFor();
    await page.getByRole('link', { name: 'Zumos Naturales del Aljarafe' }).click();
    await page.getByRole('heading', { level: 1, name: 'Zumos Naturales del Aljarafe' }).waitFor();
    expect(await hash()).toBe(`#/customers/${seeded.customerId}`);

    expect(await page.getByRole('link', { name: 'Llamar a 954 71 22 30' }).getAttribute('href')).toBe('tel:954712230');
    expect(await page.getByRole('link', { name: 'Escribir a rocio@zumosaljarafe.es' }).getAttribute('href')).toBe('mailto:rocio@zumosaljarafe.es');
    expect(await page.getByRole('link', { name: /Polígono La Isla, nave 14/ }).getAttribute('href')).toContain('query=Pol%C3%ADgono%20La%20Isla%2C%20nave%2014%2C%20Dos%20Hermanas');
    await page.getByText('pedir la llave en recepción').waitFor();
    expect(await page.locator('.customer-facts').textContent()).toContain('Dos Hermanas');

    // Tickets, newest first.
    const panel = page.getByRole('tabpanel');
    expect(await page.getByRole('tab', { name: /Tickets/ }).getAttribute('aria-selected')).toBe('true');
    const codes = await panel.locator('tbody tr td:first-child').allTextContents();
    expect(codes).toEqual([seeded.ticketCode, seeded.otherCode]);

    // Keyboard: the arrow moves to the OTs tab.
    await page.getByRole('tab', { name: /Tickets/ }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.getByRole('tab', { name: /OTs/ }).getAttribute('aria-selected')).toBe('true');
    await panel.getByRole('link', { name: seeded.workOrderCode }).waitFor();

    await page.getByRole('tab', { name: /Números de serie/ }).click();
    const serialRow = panel.locator('tbody tr', { hasText: SERIAL });
    await serialRow.waitFor();
    expect(await serialRow.textContent()).toContain('Instalado');
    expect(await serialRow.textContent()).toContain('Compresor R404A 2 CV');
    expect(await seriousA11yViolations(page, '.customer-page')).toEqual([]);
    await saveScreenshot(page, 'customer-page');

    // A row opens its OT.
    await serialRow.locator('td').last().click();
    await page.getByRole('heading', { name: seeded.workOrderCode }).waitFor();
    expect(await hash()).toBe(`#/work-orders/${seeded.workOrderId}`);
    // …and the OT links back to the customer.
    await page.getByRole('link', { name: 'Zumos Naturales del Aljarafe' }).click();
    await page.getByRole('heading', { level: 1, name: 'Zumos Naturales del Aljarafe' }).waitFor();
  });

  it('shows a serial removed at it, said in words', async () => {
    await goTo(page, `#/customers/${seeded.customerId}`);
    await page.getByRole('tab', { name: /Números de serie/ }).click();
    const removed = page.getByRole('tabpanel').locator('tbody tr', { hasText: REMOVED_SERIAL });
    await removed.waitFor();
    expect(await removed.textContent()).toContain('Retirado');
    expect(await removed.textContent()).toContain('Compresor R404A 2 CV');
    expect(await page.getByRole('tabpanel').locator('tbody tr', { hasText: SERIAL }).textContent()).toContain('Instalado');
  });

  it('says how much of a long history it shows, and shows more on request', async () => {
    const busy = (await app.admin.call('customers.list', { q: 'Cliente 001' }))[0];
    if (!busy) throw new Error('no Cliente 001');
    for (let i = 1; i <= 52; i++) await app.admin.call('tickets.create', { title: `Revisión mensual ${i}`, customerId: busy.id });
    await goTo(page, `#/customers/${busy.id}`);
    const panel = page.getByRole('tabpanel');
    await panel.getByText('Mostrando 50 de 52, los más recientes primero.').waitFor();
    expect(await panel.locator('tbody tr').count()).toBe(50);
    expect(await panel.locator('tbody tr').first().textContent()).toContain('Revisión mensual 52');
    await panel.getByRole('button', { name: 'Mostrar más' }).click();
    await expect.poll(() => panel.locator('tbody tr').count()).toBe(52);
    expect(await panel.getByText(/Mostrando/).count()).toBe(0);
  });

  it('edits the customer from its own page, with the form of Administración → Clientes', async () => {
    await goTo(page, `#/customers/${seeded.customerId}`);
    await page.getByRole('button', { name: 'Editar' }).click();
    const form = page.getByRole('dialog');
    await form.getByLabel('Teléfono').fill('955 000 111');
    await form.getByRole('button', { name: 'Guardar' }).click();
    await form.waitFor({ state: 'hidden' });
    await expect.poll(() => page.locator('.customer-contact').textContent()).toContain('955 000 111');
    expect((await app.admin.call('customers.get', { id: seeded.customerId })).phone).toBe('955 000 111');
    expect(uncaughtErrors(page)).toEqual([]);
  });

  it('says a date asked for with the visit is a proposal until the visit is planned', async () => {
    const ticket = await app.admin.call('tickets.create', { title: 'Revisión de la cámara', customerId: seeded.customerId });
    const when = new Date(Date.now() + 7 * 24 * 3600_000).toISOString();
    const asked = await app.admin.call('workOrders.requestVisit', { ticketId: ticket.id, otType: 'maintenance', scheduledDate: when });
    expect(asked.status).toBe('pending_planning');
    await goTo(page, `#/customers/${seeded.customerId}`);
    await page.getByRole('tab', { name: /Órdenes de trabajo|OT/ }).click();
    await expect.poll(() => page.getByRole('tabpanel').locator('tbody tr', { hasText: asked.code }).textContent()).toContain('(propuesta)');
    await goTo(page, `#/work-orders/${asked.id}`);
    await page.locator('dt', { hasText: 'Propuesta para' }).waitFor();
  });

  it('is reached from the serial trace too', async () => {
    await goTo(page, `#/trace?serial=${SERIAL}`);
    await page.getByRole('link', { name: 'Zumos Naturales del Aljarafe' }).click();
    await page.getByRole('heading', { level: 1, name: 'Zumos Naturales del Aljarafe' }).waitFor();
  });
});

describe('the customer combobox', () => {
  it('finds customer #600 of 606 in the new-ticket dialog, by typing and with the keyboard', async () => {
    await goTo(page, '#/tickets');
    await page.getByRole('button', { name: 'Nuevo ticket' }).first().click();
    await dialog().getByLabel('Asunto').fill('Ruido en el compresor del obrador');
    const box = dialog().getByRole('combobox', { name: 'Cliente' });
    await box.fill('Cliente 600');
    const option = dialog().getByRole('option', { name: 'Cliente 600', exact: true });
    await option.waitFor();
    expect(await box.getAttribute('aria-expanded')).toBe('true');
    await box.press('ArrowDown');
    expect(await box.getAttribute('aria-activedescendant')).toBe(await option.getAttribute('id'));
    await box.press('Enter');
    expect(await box.inputValue()).toBe('Cliente 600');
    expect(await dialog().count()).toBe(1); // Enter chose; it did not submit the form

    // Escape closes the list, not the dialog.
    await box.fill('Clien');
    await dialog().locator('.customer-picker').getByRole('option').first().waitFor();
    await box.press('Escape');
    expect(await dialog().count()).toBe(1);
    expect(await box.inputValue()).toBe('Cliente 600');

    await dialog().getByRole('button', { name: 'Crear ticket' }).click();
    await dialog().waitFor({ state: 'detached' });
    await page.getByRole('heading', { name: 'Ruido en el compresor del obrador' }).waitFor();
    const ticketId = (await hash()).split('/')[2] ?? '';
    expect((await app.admin.call('tickets.get', { id: ticketId })).customer?.name).toBe('Cliente 600');
  });

  it('filters the ticket list by a customer found by typing', async () => {
    await goTo(page, '#/tickets');
    const filter = page.getByRole('combobox', { name: 'Cliente' });
    await filter.fill('zumos');
    await page.locator('.ticket-filters').getByRole('option', { name: /^Zumos Naturales del Aljarafe/ }).click();
    await expect.poll(() => page.locator('.ticket-list').getByText('La cámara de fruta no baja de 8 °C').count()).toBe(1);
    await expect.poll(() => page.locator('.ticket-list').getByText('Ruido en el compresor del obrador').count()).toBe(0);
    expect(uncaughtErrors(page)).toEqual([]);
  });
});
