// Scheduling rules in Chromium (issue 16 part 2): a second visit booked over the first one of the same technician is
// warned with the first listed and goes through only on "Programar igualmente"; a date already past is refused until
// "Registra una visita ya realizada" is ticked.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkOrderDetail } from '../../electron/contract';
import { goTo, saveScreenshot, signIn, startE2eApp, uncaughtErrors, type E2eApp } from './support';

let app: E2eApp;
let page: Page;
let lucia: { id: string };
let first: WorkOrderDetail;
let second: WorkOrderDetail;
let third: WorkOrderDetail;

const dialog = () => page.locator('dialog[open]');

/** dd/mm/aaaa of the browser's day `days` from today (the context runs in Europe/Madrid, as the company). */
async function dayFromToday(days: number): Promise<string> {
  return (await page.evaluate(`(() => {
    const d = new Date();
    d.setDate(d.getDate() + ${days});
    const pad = (n) => String(n).padStart(2, '0');
    return pad(d.getDate()) + '/' + pad(d.getMonth() + 1) + '/' + d.getFullYear();
  })()`)) as string;
}

async function openSchedule(workOrder: WorkOrderDetail): Promise<void> {
  await goTo(page, `#/work-orders/${workOrder.id}`);
  await page.getByRole('heading', { level: 1, name: workOrder.code }).waitFor();
  await page.getByRole('toolbar').getByRole('button', { name: 'Programar', exact: true }).click();
  await dialog().waitFor();
}

async function fillPlan(day: string, time: string): Promise<void> {
  await dialog().getByLabel('Fecha y hora').fill(day);
  await dialog().getByLabel('Hora', { exact: true }).fill(time);
  await dialog().getByLabel('Técnico').selectOption({ label: 'Lucía Martín' });
}

beforeAll(async () => {
  app = await startE2eApp();
  lucia = await app.userWithRole('Técnico', 'lmartin', 'Lucía Martín');
  const customer = await app.admin.call('customers.create', { name: 'Bar El Puerto', town: 'Cádiz' });
  const ticket = await app.admin.call('tickets.create', { title: 'Cámara frigorífica no enfría', customerId: customer.id });
  first = await app.admin.call('workOrders.requestVisit', { ticketId: ticket.id, otType: 'repair' });
  second = await app.admin.call('workOrders.requestVisit', { ticketId: ticket.id, otType: 'diagnosis' });
  third = await app.admin.call('workOrders.requestVisit', { ticketId: ticket.id, otType: 'maintenance' });
  page = await app.openApp();
  await signIn(page);
}, 40_000);

afterAll(async () => {
  await app?.close();
});

describe('scheduling rules in the schedule dialog', () => {
  it('warns of a double booking listing the first visit, and books both on "Programar igualmente"', async () => {
    const tomorrow = await dayFromToday(1);
    await openSchedule(first);
    await fillPlan(tomorrow, '9:00');
    await dialog().getByRole('button', { name: 'Programar', exact: true }).click();
    await dialog().waitFor({ state: 'detached' });

    // The diagnosis at 10:00 runs into the repair (9:00, two hours by default).
    await openSchedule(second);
    await fillPlan(tomorrow, '10:00');
    await dialog().getByLabel('Duración prevista (minutos)').fill('45');
    await dialog().getByRole('button', { name: 'Programar', exact: true }).click();
    const warning = dialog().getByRole('alert').filter({ hasText: 'Lucía Martín ya tiene visita a esa hora' });
    await warning.waitFor();
    expect(await warning.textContent()).toContain(first.code);
    expect(await warning.textContent()).toContain('11:00');
    await saveScreenshot(page, 'scheduling-double-booked');
    await dialog().getByRole('button', { name: 'Programar igualmente' }).click();
    await dialog().waitFor({ state: 'detached' });

    const [one, two] = await Promise.all([app.admin.call('workOrders.get', { id: first.id }), app.admin.call('workOrders.get', { id: second.id })]);
    expect([one.status, one.technician?.id]).toEqual(['scheduled', lucia.id]);
    expect([two.status, two.technician?.id, two.estimatedMinutes]).toEqual(['scheduled', lucia.id, 45]);
    await page.locator('.facts', { hasText: '45 min' }).waitFor();
    expect(uncaughtErrors(page)).toEqual([]);
  });

  it('refuses a date already past, then records it as a visit already made with the checkbox', async () => {
    const yesterday = await dayFromToday(-1);
    await openSchedule(third);
    await fillPlan(yesterday, '9:00');
    await dialog().getByRole('button', { name: 'Programar', exact: true }).click();
    await dialog().getByText('Esa fecha ya ha pasado.', { exact: false }).waitFor();
    expect((await app.admin.call('workOrders.get', { id: third.id })).status).toBe('pending_planning');
    await saveScreenshot(page, 'scheduling-past-date');
    await dialog().getByLabel('Registra una visita ya realizada').check();
    await dialog().getByRole('button', { name: 'Programar', exact: true }).click();
    await dialog().waitFor({ state: 'detached' });
    const recorded = await app.admin.call('workOrders.get', { id: third.id });
    expect(recorded.status).toBe('scheduled');
    expect(Date.parse(recorded.scheduledDate ?? '')).toBeLessThan(Date.now());
    expect(uncaughtErrors(page)).toEqual([]);
  });

  it("the ticket's 'Solicitar visita' with a date and a technician asks the same, and 'Solicitar igualmente' goes through", async () => {
    await goTo(page, `#/tickets/${first.ticketId}`);
    await page.getByRole('button', { name: 'Solicitar visita' }).click();
    await dialog().waitFor();
    await dialog().getByLabel('Fecha propuesta').fill(await dayFromToday(1));
    await dialog().getByLabel('Hora', { exact: true }).fill('10:30');
    await dialog().getByLabel('Técnico').selectOption({ label: 'Lucía Martín' });
    await dialog().getByRole('button', { name: 'Solicitar visita' }).click();
    const warning = dialog().getByRole('alert').filter({ hasText: 'Lucía Martín ya tiene visita a esa hora' });
    await warning.waitFor();
    expect(await warning.textContent()).toContain(first.code);
    await saveScreenshot(page, 'scheduling-request-visit-clash');
    await dialog().getByRole('button', { name: 'Solicitar igualmente' }).click();
    await dialog().waitFor({ state: 'detached' });
    expect((await app.admin.call('workOrders.listByTicket', { ticketId: first.ticketId })).length).toBe(4);
    expect(uncaughtErrors(page)).toEqual([]);
  });

  it('Ajustes sets how long each OT type usually takes', async () => {
    await goTo(page, '#/admin/settings');
    const group = page.getByRole('group', { name: 'Duración habitual de las visitas (minutos)' });
    await group.getByLabel('Reparación').fill('90');
    await page.locator('form.settings-form').getByRole('button', { name: 'Guardar ajustes de la empresa' }).click();
    await expect.poll(async () => (await app.admin.call('settings.get', {})).workOrderDefaultMinutes.repair).toBe(90);
    await group.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'scheduling-visit-minutes');
    expect(uncaughtErrors(page)).toEqual([]);
  });
});
