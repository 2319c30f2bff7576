// Nothing hidden (#16 part 3): a missed visit (scheduled yesterday, never started) shows in Atrasadas for the dispatcher,
// with its count on the tab, and first on the technician's agenda; the "Todas" list filters by technician and text and
// keeps its filters when one comes back from an OT; the dispatch queue shows priority and town, urgent first.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkOrderDetail } from '../../electron/contract';
import { goTo, saveScreenshot, seriousA11yViolations, signIn, startE2eApp, uncaughtErrors, type E2eApp } from './support';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let app: E2eApp;
let missed: WorkOrderDetail;
let upcoming: WorkOrderDetail;
let javiers: WorkOrderDetail;
let urgent: WorkOrderDetail;
let running: WorkOrderDetail;
let lucia: { id: string; username: string; password: string };

/** Requests a visit and books it for `at` while the clock says `bookedAt` (a booking is never made in the past). */
async function booked(ticketId: string, technicianId: string, at: Date, bookedAt = new Date()): Promise<WorkOrderDetail> {
  return app.asAdminAt(bookedAt, async (admin) => {
    const wo = await admin.call('workOrders.requestVisit', { ticketId, otType: 'repair' });
    return admin.call('workOrders.schedule', { id: wo.id, scheduledDate: at.toISOString(), technicianId, version: wo.version });
  });
}

beforeAll(async () => {
  app = await startE2eApp();
  lucia = await app.userWithRole('Técnico', 'lmartin', 'Lucía Martín');
  const javier = await app.userWithRole('Técnico', 'jgarcia', 'Javier García');
  const triana = await app.admin.call('customers.create', { name: 'Farmacia Triana', address: 'C/ San Jacinto 19', town: 'Sevilla' });
  const puerto = await app.admin.call('customers.create', { name: 'Bar El Puerto', town: 'Cádiz' });
  const heater = await app.admin.call('tickets.create', { title: 'Termo eléctrico no calienta', customerId: triana.id });
  const sockets = await app.admin.call('tickets.create', { title: 'Enchufes sin corriente en la rebotica', customerId: triana.id });
  const fridge = await app.admin.call('tickets.create', { title: 'Cámara frigorífica a 12 °C', customerId: puerto.id, priority: 'critical' });
  const bell = await app.admin.call('tickets.create', { title: 'Timbre de la barra', customerId: puerto.id, priority: 'low' });
  const boiler = await app.admin.call('tickets.create', { title: 'Caldera con fuga en la cocina', customerId: puerto.id, priority: 'high' });
  const now = Date.now();
  const today = new Date(now).setUTCHours(0, 0, 0, 0);
  // Yesterday at 09:30 (UTC), booked two days ago: a visit nobody started.
  missed = await booked(heater.id, lucia.id, new Date(today - DAY + 9.5 * HOUR), new Date(now - 2 * DAY));
  upcoming = await booked(sockets.id, lucia.id, new Date(today + DAY + 10 * HOUR));
  javiers = await booked(bell.id, javier.id, new Date(today + 2 * DAY + 12 * HOUR));
  // Javier started a repair three days ago and it is still open: in progress for more than a day.
  const started = await booked(boiler.id, javier.id, new Date(today - 3 * DAY + 8 * HOUR), new Date(now - 4 * DAY));
  running = await app.asUserAt(javier.id, new Date(today - 3 * DAY + 8 * HOUR), (caller) => caller.call('workOrders.start', { id: started.id, version: started.version }));
  // The queue: a low-priority request first, then an urgent one; the urgent one must come first.
  await app.admin.call('workOrders.requestVisit', { ticketId: bell.id, otType: 'maintenance' });
  urgent = await app.admin.call('workOrders.requestVisit', { ticketId: fridge.id, otType: 'repair' });
}, 60_000);

afterAll(async () => {
  await app?.close();
});

describe('Atrasadas for the dispatcher', () => {
  let page: Page;
  beforeAll(async () => {
    page = await app.openApp();
    await signIn(page);
  });

  it('shows the missed visit with its count, how late it is, and opens it', async () => {
    await goTo(page, '#/work-orders');
    const tab = page.getByRole('tab', { name: /Atrasadas/ });
    await expect.poll(() => tab.textContent()).toContain('2');
    await tab.click();
    const row = page.locator('.overdue-table tbody tr', { hasText: missed.code });
    await row.waitFor();
    // Most overdue first: the repair running for three days, then yesterday's missed visit.
    const rows = page.locator('.overdue-table tbody tr');
    expect(await rows.count()).toBe(2);
    expect(await rows.first().textContent()).toContain(running.code);
    expect(await rows.first().textContent()).toMatch(/En curso desde hace 3 días/);
    const text = (await row.textContent()) ?? '';
    expect(text).toContain('Farmacia Triana');
    expect(text).toContain('Lucía Martín');
    expect(text).toMatch(/Sin empezar · programada (ayer|hace 1 día)/);
    expect(text).toContain('Programada');
    expect(await seriousA11yViolations(page, '.page')).toEqual([]);
    await saveScreenshot(page, 'workorders-overdue');
    // A missed visit is moved from the list (the keyboard trial opened each one); one running long is not.
    expect(await rows.first().getByRole('button', { name: `Reprogramar ${running.code}` }).count()).toBe(0);
    await row.getByRole('button', { name: `Reprogramar ${missed.code}` }).click();
    await page.locator('dialog[open]').waitFor();
    await page.keyboard.press('Escape');
    await page.locator('dialog[open]').waitFor({ state: 'detached' });

    await row.getByRole('link', { name: missed.code }).click();
    await expect.poll(() => page.evaluate('window.location.hash')).toBe(`#/work-orders/${missed.id}`);
    await page.getByRole('heading', { name: missed.code }).waitFor();
  });

  it('the queue shows priority and town, the urgent request first', async () => {
    await goTo(page, '#/work-orders');
    await page.getByRole('tab', { name: /Por planificar/ }).click();
    const rows = page.locator('.ot-table tbody tr');
    await rows.first().waitFor();
    const first = (await rows.first().textContent()) ?? '';
    expect(first).toContain(urgent.code);
    expect(first).toContain('Crítica');
    expect(first).toContain('Cádiz');
    await saveScreenshot(page, 'workorders-queue');
  });

  it('"Todas" filters by technician and text, and keeps the filters after opening an OT', async () => {
    await page.getByRole('tab', { name: 'Todas' }).click();
    const rows = page.locator('.ot-table tbody tr');
    await expect.poll(() => rows.count()).toBe(6);
    await page.getByLabel('Técnico').selectOption({ label: 'Lucía Martín' });
    await expect.poll(() => rows.count()).toBe(2);
    await page.getByLabel('Buscar OT').fill('termo');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain(missed.code);
    // By code too, typed in lower case.
    await page.getByLabel('Buscar OT').fill(upcoming.code.toLowerCase());
    await expect.poll(() => rows.first().textContent()).toContain(upcoming.code);
    expect(await rows.count()).toBe(1);
    await page.getByLabel('Técnico').selectOption({ label: 'Javier García' });
    await expect.poll(() => page.locator('.empty').textContent()).toContain('No hay órdenes de trabajo con este filtro.');
    await page.getByLabel('Buscar OT').fill('');
    await expect.poll(() => rows.count()).toBe(2);
    await page.getByLabel('Buscar OT').fill('timbre');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain(javiers.code);
    await saveScreenshot(page, 'workorders-filters');

    await rows.first().getByRole('link', { name: javiers.code }).click();
    await page.getByRole('heading', { name: javiers.code }).waitFor();
    await page.goBack();
    await page.locator('.ot-table tbody tr', { hasText: javiers.code }).waitFor();
    expect(await page.getByLabel('Técnico').inputValue()).toBe((await app.admin.call('users.directory', {})).find((u) => u.fullName === 'Javier García')?.id);
    expect(await rows.count()).toBe(1);
    expect(uncaughtErrors(page)).toEqual([]);
  });
});

describe("the technician's agenda", () => {
  it('lists the missed visit first, marked, before the days; it opens the OT', async () => {
    const page = await app.openApp();
    await signIn(page, lucia.username, lucia.password);
    await goTo(page, '#/agenda');
    const section = page.locator('.agenda-overdue');
    await section.locator('.agenda-card', { hasText: missed.code }).waitFor();
    expect(await section.textContent()).toContain('Atrasada: 1 visita sin empezar o sin terminar');
    expect(await section.locator('.agenda-card').count()).toBe(1);
    // Before the days, and still there when the agenda moves to next week.
    const order = await page.evaluate(`(() => {
      const overdue = document.querySelector('.agenda-overdue');
      const days = document.querySelector('.agenda');
      return Boolean(overdue && days && (overdue.compareDocumentPosition(days) & Node.DOCUMENT_POSITION_FOLLOWING));
    })()`);
    expect(order).toBe(true);
    await page.getByRole('button', { name: 'Semana siguiente' }).click();
    await section.locator('.agenda-card', { hasText: missed.code }).waitFor();
    await page.getByRole('button', { name: 'Hoy' }).click();
    expect(await seriousA11yViolations(page, '.page')).toEqual([]);
    await saveScreenshot(page, 'agenda-overdue');
    await section.locator('.agenda-card', { hasText: missed.code }).click();
    await expect.poll(() => page.evaluate('window.location.hash')).toBe(`#/work-orders/${missed.id}`);
    expect(uncaughtErrors(page)).toEqual([]);
  });
});
