// SLA due dates in Chromium (#16 part 5): an urgent ticket nearly out of time shows amber, then, with the page's
// clock and the backend's moved 15 minutes on, turns red in the list and in the detail, in words as well as colour;
// the list sorts by due and filters the overdue ones; Ajustes refuses a response target longer than the resolution.
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketDetail } from '../../electron/contract';
import { goTo, saveScreenshot, seriousA11yViolations, signIn, startE2eApp, uncaughtErrors, type E2eApp } from './support';

const MINUTE = 60_000;

let app: E2eApp;
let context: BrowserContext;
let page: Page;
let urgent: TicketDetail;
let printer: TicketDetail;
let waiting: TicketDetail;

const chipOf = (code: string) => page.locator(`[data-code="${code}"] .sla-chip`);

beforeAll(async () => {
  app = await startE2eApp();
  const clinic = await app.admin.call('customers.create', { name: 'Clínica Dental Sonrisa', town: 'Sevilla' });
  // Opened 50 minutes ago as critical (first response within 1 h): 10 minutes left, at risk.
  urgent = await app.asAdminAt(new Date(Date.now() - 50 * MINUTE), (admin) =>
    admin.call('tickets.create', { title: 'Servidor de radiografías caído', customerId: clinic.id, priority: 'critical' }),
  );
  printer = await app.admin.call('tickets.create', { title: 'Impresora de recepción atascada', customerId: clinic.id, priority: 'low' });
  waiting = await app.admin.call('tickets.create', { title: 'Cambio de tóner pendiente de pedido', customerId: clinic.id, priority: 'medium' });
  waiting = await app.admin.call('tickets.changeStatus', { id: waiting.id, version: waiting.version, status: 'in_progress' });
  waiting = await app.admin.call('tickets.changeStatus', { id: waiting.id, version: waiting.version, status: 'waiting' });
  context = await app.newContext();
  // The page's clock runs on from now, and can jump ahead with the backend's.
  await context.clock.install();
  page = await app.openApp(context);
  await signIn(page);
}, 60_000);

afterAll(async () => {
  await app?.close();
});

describe('SLA due dates', () => {
  it('the list shows each due in words and colour: at risk, on time, paused', async () => {
    await goTo(page, '#/tickets');
    await expect.poll(() => chipOf(urgent.code).getAttribute('data-sla-state')).toBe('at_risk');
    expect(await chipOf(urgent.code).textContent()).toMatch(/En riesgo · Respuesta (hoy|mañana) \d\d:\d\d/);
    expect(await chipOf(printer.code).getAttribute('data-sla-state')).toBe('ok');
    expect(await chipOf(printer.code).textContent()).toMatch(/Respuesta mañana \d\d:\d\d/);
    expect(await chipOf(waiting.code).getAttribute('data-sla-state')).toBe('paused');
    expect(await chipOf(waiting.code).textContent()).toContain('En pausa');
  });

  it('15 minutes later the urgent ticket is red, overdue, in the list and in its detail', async () => {
    app.clock.offsetMs = 15 * MINUTE;
    await context.clock.fastForward('15:00');
    await expect.poll(() => chipOf(urgent.code).getAttribute('data-sla-state')).toBe('breached');
    expect(await chipOf(urgent.code).textContent()).toContain('Vencido');
    await page.locator(`[data-code="${urgent.code}"]`).click();
    const response = page.locator('.ticket-sla-fact[data-sla-kind="response"] .sla-chip');
    await expect.poll(() => response.getAttribute('data-sla-state')).toBe('breached');
    expect(await response.textContent()).toMatch(/Vencido: Responder antes de (hoy|ayer) \d\d:\d\d · 5 min tarde/);
    const resolution = page.locator('.ticket-sla-fact[data-sla-kind="resolution"] .sla-chip');
    expect(await resolution.getAttribute('data-sla-state')).toBe('ok');
    expect(await resolution.textContent()).toContain('Resolver antes de');
    // Runs in the page; the Node-side tsconfig has no DOM types, hence globalThis.
    const background = await response.evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(el).backgroundColor);
    expect(background).not.toBe('rgba(0, 0, 0, 0)');
    await saveScreenshot(page, 'overdue-ticket');
    expect(await seriousA11yViolations(page, '.ticket-detail')).toEqual([]);
  });

  it('sorts by due (overdue first, paused last) and filters the overdue ones', async () => {
    await page.locator('select[data-filter="sort"]').selectOption('due');
    await expect.poll(() => page.locator('[data-ticket-row]').first().getAttribute('data-code')).toBe(urgent.code);
    await expect.poll(() => page.locator('[data-ticket-row]').last().getAttribute('data-code')).toBe(waiting.code);
    await page.locator('select[data-filter="sla"]').selectOption('breached');
    await expect.poll(() => page.locator('[data-ticket-row]').count()).toBe(1);
    expect(await page.locator('[data-ticket-row]').first().getAttribute('data-code')).toBe(urgent.code);
    expect(uncaughtErrors(page)).toEqual([]);
  });

  it('Ajustes: the targets are editable and a response longer than the resolution is refused in words', async () => {
    await goTo(page, '#/admin/settings');
    const card = page.locator('form.sla-targets');
    await card.locator('input[data-sla-field="high.responseMinutes"]').fill('30');
    await card.locator('input[data-sla-field="high.resolutionMinutes"]').fill('20');
    await card.getByRole('button', { name: 'Guardar plazos' }).click();
    await expect.poll(() => card.locator('.field-error').first().textContent()).toContain('no puede tener más plazo que la resolución');
    await card.locator('input[data-sla-field="high.resolutionMinutes"]').fill('48');
    await card.getByRole('button', { name: 'Guardar plazos' }).click();
    await expect.poll(async () => (await app.admin.call('settings.get', {})).slaTargets.high).toEqual({ responseMinutes: 30 * 60, resolutionMinutes: 48 * 60 });
  });
});
