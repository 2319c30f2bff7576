// SLA due dates in Chromium (#16 part 5): an urgent ticket nearly out of time shows amber, then, with the page's
// clock and the backend's moved 15 minutes on, turns red in the list and in the detail, in words as well as colour;
// the list sorts by due and filters the overdue ones; Ajustes refuses a response target longer than the resolution.
import { tmpdir } from 'node:os';
import path from 'node:path';
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
    // Compact in the list: the state and the shortest useful time; the whole sentence in its title and for screen readers.
    expect(await chipOf(urgent.code).textContent()).toMatch(/^En riesgo · \d+ min$/);
    expect(await chipOf(urgent.code).getAttribute('aria-label')).toMatch(/^Plazo del SLA: Responder antes de (hoy|mañana) \d\d:\d\d · quedan \d+ min$/);
    expect(await chipOf(printer.code).getAttribute('data-sla-state')).toBe('ok');
    expect(await chipOf(printer.code).textContent()).toBe('Vence mañana');
    expect(await chipOf(printer.code).getAttribute('title')).toMatch(/Responder antes de mañana \d\d:\d\d · quedan/);
    expect(await chipOf(waiting.code).getAttribute('data-sla-state')).toBe('paused');
    expect(await chipOf(waiting.code).textContent()).toBe('En pausa');
    expect(await chipOf(waiting.code).getAttribute('title')).toContain('En pausa mientras está En espera · quedan');
  });

  it('15 minutes later the urgent ticket is red, overdue, in the list and in its detail', async () => {
    app.clock.offsetMs = 15 * MINUTE;
    await context.clock.fastForward('15:00');
    await expect.poll(() => chipOf(urgent.code).getAttribute('data-sla-state')).toBe('breached');
    expect(await chipOf(urgent.code).textContent()).toBe('Vencido');
    expect(await chipOf(urgent.code).getAttribute('title')).toMatch(/Respuesta vencida \(plazo: (hoy|ayer) \d\d:\d\d\) · 5 min tarde/);
    await page.locator(`[data-code="${urgent.code}"]`).click();
    const response = page.locator('.ticket-sla-fact[data-sla-kind="response"] .sla-chip');
    await expect.poll(() => response.getAttribute('data-sla-state')).toBe('breached');
    expect(await response.textContent()).toMatch(/Respuesta vencida \(plazo: (hoy|ayer) \d\d:\d\d\) · 5 min tarde/);
    const resolution = page.locator('.ticket-sla-fact[data-sla-kind="resolution"] .sla-chip');
    expect(await resolution.getAttribute('data-sla-state')).toBe('ok');
    expect(await resolution.textContent()).toContain('Resolver antes de');
    // Runs in the page; the Node-side tsconfig has no DOM types, hence globalThis.
    const background = await response.evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(el).backgroundColor);
    expect(background).not.toBe('rgba(0, 0, 0, 0)');
    await saveScreenshot(page, 'overdue-ticket');
    expect(await seriousA11yViolations(page, '.ticket-detail')).toEqual([]);
  });

  it('with a ticket open, the compact chips leave every customer name a readable width at 1280 and 1024 px', async () => {
    for (const width of [1280, 1024]) {
      await page.setViewportSize({ width, height: 800 });
      // Runs in the page; the Node-side tsconfig has no DOM types, hence the casts.
      type Box = { clientWidth: number; scrollWidth: number; getBoundingClientRect(): { width: number } };
      const rows = await page.locator('[data-ticket-row] .ticket-row-meta').evaluateAll((metas) =>
        (metas as unknown as Box[]).map((meta) => {
          const customer = (meta as unknown as { querySelector(s: string): Box }).querySelector('.ticket-customer');
          return { customer: customer.getBoundingClientRect().width, fits: meta.scrollWidth <= meta.clientWidth };
        }),
      );
      // To look at, not for the docs.
      await page.screenshot({ path: path.join(tmpdir(), `emerald-sla-list-${width}.png`) });
      expect(rows.length).toBe(3);
      for (const row of rows) {
        expect(row.fits, `row fits at ${width}`).toBe(true);
        // About 14 characters of 12 px text: "Clínica Dental…" (was 73 px at 1280, under 30 at 1024).
        expect(row.customer, `customer width at ${width}`).toBeGreaterThanOrEqual(90);
      }
    }
    await page.setViewportSize({ width: 1280, height: 800 });
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
    // The message wraps under its cell: the Resolución column stays where it was.
    const resolutionLeft = async () => (await card.locator('input[data-sla-field="critical.resolutionMinutes"]').boundingBox())?.x;
    const errorBox = await card.locator('.field-error').first().boundingBox();
    const responseBox = await card.locator('input[data-sla-field="high.responseMinutes"]').boundingBox();
    expect(errorBox!.y).toBeGreaterThan(responseBox!.y + responseBox!.height - 1);
    const withError = await resolutionLeft();
    await page.screenshot({ path: path.join(tmpdir(), 'emerald-sla-targets-error.png') });
    await card.locator('input[data-sla-field="high.resolutionMinutes"]').fill('48');
    // Valid again: the message goes at once, before saving, and the layout is the same.
    await expect.poll(() => card.locator('.field-error').count()).toBe(0);
    expect(await resolutionLeft()).toBe(withError);
    await card.getByRole('button', { name: 'Guardar plazos' }).click();
    await expect.poll(async () => (await app.admin.call('settings.get', {})).slaTargets.high).toEqual({ responseMinutes: 30 * 60, resolutionMinutes: 48 * 60 });
  });
});
