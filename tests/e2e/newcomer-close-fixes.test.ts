// Fixes from a newcomer's trial: completing an OT left en curso for weeks from the close dialog asks for the time really
// worked (as the OT's own completion does), dialogs open on their first field (Ctrl+N on Asunto), the OT screen links the
// customer's phone and address, and a technician on a colleague's OT is told why there is nothing to do.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketDetail, WorkOrderDetail } from '../../electron/contract';
import { goTo, saveScreenshot, seriousA11yViolations, signIn, startE2eApp, uncaughtErrors, type E2eApp } from './support';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let app: E2eApp;
let page: Page;
let ticket: TicketDetail;
let running: WorkOrderDetail;
let planned: WorkOrderDetail;
let lucia: { id: string; username: string; password: string };
let pedro: { id: string; username: string; password: string };

// A string, not a function: the tests are type-checked without the DOM library.
const focusedName = (p: Page) => p.evaluate("document.activeElement?.getAttribute('name') ?? document.activeElement?.tagName ?? null");

beforeAll(async () => {
  app = await startE2eApp();
  lucia = await app.userWithRole('Técnico', 'lmartin', 'Lucía Martín');
  pedro = await app.userWithRole('Técnico', 'pruiz', 'Pedro Ruiz');
  const customer = await app.admin.call('customers.create', { name: 'Farmacia Triana', phone: '+34 954 22 11 00', address: 'C/ San Jacinto 19', town: 'Sevilla' });
  // Booked and started 22 days ago, never completed: the OT the newcomer closed with the ticket.
  const startedAt = new Date(Date.now() - 22 * DAY);
  running = await app.asAdminAt(new Date(startedAt.getTime() - HOUR), async (admin) => {
    const created = await admin.call('tickets.create', { title: 'Termo eléctrico no calienta', customerId: customer.id });
    const wo = await admin.call('workOrders.requestVisit', { ticketId: created.id, otType: 'repair' });
    return admin.call('workOrders.schedule', { id: wo.id, version: wo.version, technicianId: lucia.id, scheduledDate: startedAt.toISOString() });
  });
  running = await app.asUserAt(lucia.id, startedAt, (caller) => caller.call('workOrders.start', { id: running.id, version: running.version }));
  const other = await app.admin.call('tickets.create', { title: 'Enchufes sin corriente en la rebotica', customerId: customer.id });
  const requested = await app.admin.call('workOrders.requestVisit', { ticketId: other.id, otType: 'diagnosis' });
  planned = await app.admin.call('workOrders.schedule', { id: requested.id, version: requested.version, technicianId: lucia.id, scheduledDate: new Date(Date.now() + DAY).toISOString() });
  ticket = await app.admin.call('tickets.get', { id: running.ticketId });
  page = await app.openApp();
  await signIn(page);
}, 60_000);

afterAll(async () => {
  await app?.close();
});

describe('closing a ticket whose OT was left en curso', () => {
  it('shows the measured time, takes the 30 minutes really worked with a reason, and records those', async () => {
    await goTo(page, `#/tickets/${ticket.id}`);
    const detail = page.locator('.ticket-detail');
    await detail.getByRole('button', { name: 'Cerrar ticket' }).click();
    const dialog = page.locator('dialog[open]');
    const box = dialog.locator('fieldset.close-decision', { hasText: running.code });
    await box.waitFor();
    // The dialog opens on its first field, not on ×.
    expect(await focusedName(page)).toBe('resolution');
    await dialog.locator('textarea[name="resolution"]').fill('Termostato cambiado; agua caliente de nuevo.');
    await box.getByLabel('Completar').check();
    await box.getByLabel('Trabajo realizado').fill('Prueba de 30 min con el termostato nuevo.');
    const minutes = box.getByLabel('Duración (minutos)');
    // Measured since the start, 22 days ago, in the one duration format: "Tiempo medido: 528 h".
    await box.getByText(/^Tiempo medido: 528 h/).waitFor();
    expect(Number(await minutes.inputValue())).toBeGreaterThanOrEqual(22 * 24 * 60);
    expect(await box.getByLabel('Motivo del cambio de duración').count()).toBe(0);
    // The newcomer's trial: 97 h proposed without a word; a time this long is pointed out until a real one is typed.
    await box.getByRole('note').getByText(/^528 h.* es mucho para una visita: ¿se quedó la OT en curso\?/).waitFor();
    const submit = dialog.locator('button[type="submit"]');
    expect(await submit.isDisabled()).toBe(false);

    await minutes.fill('30');
    const reason = box.getByLabel('Motivo del cambio de duración');
    await reason.waitFor();
    await box.getByText(/^Tiempo medido: 528 h.* → 30 min$/).waitFor();
    expect(await box.getByRole('note').count()).toBe(0);
    // A changed duration without its reason is not a decision yet.
    expect(await submit.isDisabled()).toBe(true);
    await dialog.getByRole('status').getByText(`Falta el motivo del cambio de duración: ${running.code}`).waitFor();
    await reason.fill('La OT se quedó en curso desde la visita');
    expect(await submit.isDisabled()).toBe(false);
    expect(await seriousA11yViolations(page, 'dialog[open]')).toEqual([]);
    await saveScreenshot(page, 'ticket-close-duration');

    await submit.click();
    await dialog.waitFor({ state: 'detached' });
    await detail.locator('.ticket-detail-topline .badge-status-closed').waitFor();
    const done = await app.admin.call('workOrders.get', { id: running.id });
    expect(done).toMatchObject({ status: 'completed', totalDuration: 30 * 60, workDone: 'Prueba de 30 min con el termostato nuevo.', durationReason: 'La OT se quedó en curso desde la visita' });
    await detail.locator('.timeline-body', { hasText: 'La OT se quedó en curso desde la visita' }).waitFor();
  });
});

describe('dialogs open on their first field', () => {
  it('Ctrl+N puts the cursor in Asunto; Solicitar visita and Programar on their first field', async () => {
    await goTo(page, '#/tickets');
    await page.locator('.tickets-list-pane').first().waitFor();
    await page.keyboard.press('Control+n');
    await page.locator('dialog[open]').waitFor();
    await expect.poll(() => focusedName(page)).toBe('title');
    await page.keyboard.press('Escape');
    await page.locator('dialog[open]').waitFor({ state: 'detached' });

    await goTo(page, `#/tickets/${planned.ticketId}`);
    await page.locator('.ticket-detail').getByRole('button', { name: 'Solicitar visita' }).click();
    await page.locator('dialog[open]').waitFor();
    expect(await focusedName(page)).toBe('otType');
    await page.keyboard.press('Escape');
    await page.locator('dialog[open]').waitFor({ state: 'detached' });

    await goTo(page, `#/work-orders/${planned.id}`);
    await page.getByRole('button', { name: 'Reprogramar' }).click();
    await page.locator('dialog[open]').waitFor();
    const focused = await page.evaluate("({ tag: document.activeElement?.tagName, inBody: !!document.activeElement?.closest('.modal-body') })");
    expect(focused).toEqual({ tag: 'INPUT', inBody: true });
    await page.keyboard.press('Escape');
  });
});

describe('the OT screen', () => {
  it('links the customer’s phone (tel:) and address (a map search) as the customer page does', async () => {
    await goTo(page, `#/work-orders/${planned.id}`);
    const phone = page.getByRole('link', { name: /\+34 954 22 11 00/ });
    await phone.waitFor();
    expect(await phone.getAttribute('href')).toBe('tel:+34954221100');
    const address = page.getByRole('link', { name: /C\/ San Jacinto 19/ });
    expect(await address.getAttribute('href')).toBe(`https://www.google.com/maps/search/?api=1&query=${encodeURIComponent('C/ San Jacinto 19, Sevilla')}`);
    expect(uncaughtErrors(page)).toEqual([]);
  });

  it('tells a technician on a colleague’s OT why there is nothing to do but export it', async () => {
    const techPage = await app.openApp();
    await signIn(techPage, pedro.username, pedro.password);
    await goTo(techPage, `#/work-orders/${planned.id}`);
    await techPage.getByText('Esta OT es de Lucía Martín; solo quien la tiene asignada puede trabajar en ella.').waitFor();
    expect(await techPage.getByRole('button', { name: 'Empezar' }).count()).toBe(0);
    expect(await seriousA11yViolations(techPage)).toEqual([]);
    await saveScreenshot(techPage, 'work-order-not-yours');
    // Her own OT: the actions, and no such line.
    const herPage = await app.openApp();
    await signIn(herPage, lucia.username, lucia.password);
    await goTo(herPage, `#/work-orders/${planned.id}`);
    await herPage.getByRole('button', { name: 'Empezar' }).waitFor();
    expect(await herPage.locator('.ot-not-yours').count()).toBe(0);
    expect(uncaughtErrors(techPage)).toEqual([]);
  });
});
