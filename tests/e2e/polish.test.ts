// Issue 18, "Polish found on every screen" (part B): details that were wrong on screen, each checked in the browser.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDateOf } from '../../electron/contract/zonedTime';
import { goTo, screenshotsDir, signIn, startE2eApp, uncaughtErrors, type E2eApp } from './support';

let app: E2eApp;
let page: Page;
let ticketId = '';

const activeElement = (p: Page = page) =>
  p.evaluate(() => {
    // Runs in the page: the Node-side tsconfig has no DOM types.
    const el = (globalThis as unknown as { document: { activeElement: { tagName: string; className: string; getAttribute(n: string): string | null } | null } }).document.activeElement;
    return el ? { tag: el.tagName, className: String(el.className), type: el.getAttribute('type') } : null;
  });

beforeAll(async () => {
  app = await startE2eApp();
  const customer = await app.admin.call('customers.create', { name: 'Bodegas Hidalgo', phone: '+34 956 123 456', address: 'Calle Mayor 12, 11403 Jerez de la Frontera' });
  const tech = await app.userWithRole('Técnico', 'mafernandez', 'María de los Ángeles Fernández');
  ticketId = (await app.admin.call('tickets.create', { title: 'La cámara de botellas no enfría', customerId: customer.id, assignedToId: tech.id })).id;
  for (let n = 1; n <= 4; n += 1) await app.admin.call('tickets.addNote', { id: ticketId, content: `Seguimiento ${n}: revisados el termostato y el ventilador del evaporador.` });
  await app.admin.call('tickets.create', { title: 'Impresora de etiquetas atascada' });
  page = await app.openApp();
  await signIn(page);
}, 60_000);

afterAll(async () => {
  await app?.close();
});

describe('Escape in a search box clears it and leaves it (18 polish 1)', () => {
  it('tickets: the text goes, the keyboard is back on the list, the open ticket stays open', async () => {
    await goTo(page, `#/tickets/${ticketId}`);
    await page.locator(`.ticket-detail[data-ticket-id="${ticketId}"]`).waitFor();
    const search = page.locator('.ticket-search input');
    await search.fill('bodega');
    await search.press('Escape');
    expect(await search.inputValue()).toBe('');
    expect(await activeElement()).toMatchObject({ className: expect.stringContaining('ticket-list') });
    // The list answers the keyboard at once, and the Escape was the box's: the ticket did not close.
    expect(await page.evaluate('window.location.hash')).toBe(`#/tickets/${ticketId}`);
    await page.locator('.ticket-row', { hasText: 'Impresora de etiquetas atascada' }).waitFor();

    // An empty box leaves as well.
    await page.keyboard.press('/');
    expect((await activeElement())?.type).toBe('search');
    await page.keyboard.press('Escape');
    expect(await activeElement()).toMatchObject({ className: expect.stringContaining('ticket-list') });
  });

  it('administration and work orders: the box empties and loses the focus', async () => {
    await goTo(page, '#/admin/customers');
    const admin = page.getByRole('searchbox', { name: /Buscar en/ });
    await admin.fill('hidalgo');
    await admin.press('Escape');
    expect(await admin.inputValue()).toBe('');
    expect((await activeElement())?.type).not.toBe('search');

    await goTo(page, '#/work-orders');
    await page.getByRole('tab', { name: 'Todas' }).click();
    const ots = page.locator('input.ot-search');
    await ots.fill('OT-');
    await ots.press('Escape');
    expect(await ots.inputValue()).toBe('');
    expect((await activeElement())?.type).not.toBe('search');
    expect(uncaughtErrors(page)).toEqual([]);
  });
});

describe('"Acceso total" shows what it grants (18 polish 6)', () => {
  it('ticks and locks every other permission while it is on; the role still saves as full access', async () => {
    await goTo(page, '#/admin/roles');
    await page.getByRole('button', { name: 'Nuevo rol' }).click();
    await page.getByLabel('Nombre del rol').fill('Jefatura');
    const others = page.locator('.perm-list .perm:not(.perm-all) input[type="checkbox"]');
    expect(await others.count()).toBeGreaterThan(5);
    await page.getByRole('checkbox', { name: /Acceso total/ }).check();
    const states = await others.evaluateAll((els) => els.map((el) => ({ checked: (el as unknown as { checked: boolean }).checked, disabled: (el as unknown as { disabled: boolean }).disabled })));
    expect(states.every((s) => s.checked && s.disabled)).toBe(true);
    await page.getByRole('button', { name: 'Guardar' }).click();
    await page.getByRole('button', { name: /^Jefatura/ }).waitFor();
    expect((await app.admin.call('roles.list', {})).find((r) => r.name === 'Jefatura')?.permissions).toEqual(['*']);

    await page.getByRole('checkbox', { name: /Acceso total/ }).uncheck();
    const after = await others.evaluateAll((els) => els.map((el) => (el as unknown as { checked: boolean }).checked));
    expect(after.some(Boolean)).toBe(false);
  });
});

describe('the telemetry form speaks Spanish and the unit follows the metric (18 polish 2)', () => {
  it('lists metrics by their Spanish names, fills the unit, and refuses "Presión 0,3 V" typed as another metric', async () => {
    await goTo(page, `#/tickets/${ticketId}`);
    await page.getByRole('button', { name: 'Apuntar lectura' }).click();
    const form = page.locator('form.telemetry-form');
    const metric = form.locator('select[name="metric"]');
    const names = await metric.locator('option').allTextContents();
    expect(names).toEqual(expect.arrayContaining(['Presión', 'Temperatura', 'Voltaje', 'Humedad']));
    expect(names).not.toContain('pressure');
    await metric.selectOption({ label: 'Presión' });
    const unit = form.locator('input[name="unit"]');
    expect(await unit.inputValue()).toBe('bar');
    expect(await unit.getAttribute('readonly')).not.toBeNull();

    // A metric outside the list takes its own unit, but a known one by name keeps its rule.
    await metric.selectOption({ label: 'Otra magnitud…' });
    await form.locator('input[name="metricName"]').fill('Presión');
    await unit.fill('V');
    await form.locator('input[name="value"]').fill('0,3');
    await form.locator('button[type="submit"]').click();
    await form.getByText('Esa unidad no vale para esta magnitud').waitFor();
    expect(await app.admin.call('telemetry.list', { ticketId })).toEqual([]);

    await unit.fill('bar');
    await form.locator('button[type="submit"]').click();
    await page.locator('.telemetry-chart[data-metric="pressure"]').waitFor();
    expect((await app.admin.call('telemetry.list', { ticketId })).map((r) => [r.metric, r.unit])).toEqual([['pressure', 'bar']]);
    expect(uncaughtErrors(page)).toEqual([]);
  });
});

const SIZES = [
  { width: 1280, height: 800 },
  { width: 1024, height: 700 },
] as const;

/** Runs `check` at 1280×800 and 1024×700, with a screenshot of each in <screenshotsDir>/polish (looked at by hand). */
async function atBothSizes(p: Page, name: string, check: (size: (typeof SIZES)[number]) => Promise<void>): Promise<void> {
  const dir = path.join(screenshotsDir, 'polish');
  mkdirSync(dir, { recursive: true });
  for (const size of SIZES) {
    await p.setViewportSize(size);
    await p.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))');
    await p.screenshot({ path: path.join(dir, `${name}-${size.width}.png`) });
    await check(size);
  }
}

interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}
const boxesOf = (p: Page, selector: string): Promise<Box[]> =>
  p.locator(selector).evaluateAll((els) =>
    els.map((el) => {
      const r = (el as unknown as { getBoundingClientRect(): Box }).getBoundingClientRect();
      return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
    }),
  );
const overlaps = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

describe('layout at 1280×800 and 1024×700 (18 polish 5)', () => {
  it('the status tabs show every tab, "Todos" included; the assignee select shows the whole name; toasts leave the timeline clear', async () => {
    await goTo(page, `#/tickets/${ticketId}`);
    await page.locator('.timeline').waitFor();
    await page.locator('select[name="priority"]').selectOption('high');
    await page.locator('.toast').first().waitFor();
    await atBothSizes(page, 'ticket', async (size) => {
      const [list] = await boxesOf(page, '.tickets-list-pane [role="tablist"]');
      for (const tab of await boxesOf(page, '.tickets-list-pane [role="tab"]')) {
        expect(tab.right, `tab inside at ${size.width}`).toBeLessThanOrEqual((list?.right ?? 0) + 0.5);
        expect(tab.bottom).toBeLessThanOrEqual((list?.bottom ?? 0) + 0.5);
      }
      expect(await page.locator('.tickets-list-pane [role="tab"][data-tab="all"]').isVisible()).toBe(true);
      // The select is at least as wide as the chosen name (plus its arrow): nothing cut off.
      const fits = await page.locator('select[name="assignee"]').evaluate((el) => {
        const select = el as unknown as { clientWidth: number; selectedOptions: { text: string }[]; ownerDocument: { createElement(t: string): { getContext(k: string): { font: string; measureText(t: string): { width: number } } } } };
        const style = (globalThis as unknown as { getComputedStyle(e: unknown): { font: string } }).getComputedStyle(el);
        const context = select.ownerDocument.createElement('canvas').getContext('2d');
        context.font = style.font;
        return select.clientWidth - context.measureText(select.selectedOptions[0]?.text ?? '').width;
      });
      expect(fits, `assignee select room at ${size.width}`).toBeGreaterThan(20);
      const content = await boxesOf(page, '.tickets-detail-pane, .tickets-list-pane');
      for (const toast of await boxesOf(page, '.toast')) for (const pane of content) expect(overlaps(toast, pane)).toBe(false);
    });
  });

  it('the OT CSV card keeps its controls inside', async () => {
    await goTo(page, '#/reports');
    await page.locator('.report-card').nth(1).waitFor();
    await atBothSizes(page, 'reports', async (size) => {
      const cards = await page.locator('.report-card').count();
      for (let i = 0; i < cards; i += 1) {
        const card = page.locator('.report-card').nth(i);
        const [outer] = await boxesOf(page, `.report-card >> nth=${i}`);
        const controls = await card.locator('input:visible, select:visible, fieldset, button').evaluateAll((els) =>
          els.map((el) => (el as unknown as { getBoundingClientRect(): Box }).getBoundingClientRect().right),
        );
        for (const right of controls) expect(right, `card ${i} at ${size.width}`).toBeLessThanOrEqual((outer?.right ?? 0) + 0.5);
      }
    });
  });
});

describe('dates read day first in Spanish, whatever the browser’s language (18 polish 5)', () => {
  it('an English Chromium shows the report period and the visit date as dd/mm/aaaa', async () => {
    const english = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--lang=en-US'] });
    try {
      const context = await english.newContext({ viewport: SIZES[0], locale: 'en-US', timezoneId: 'Europe/Madrid' });
      const p = await context.newPage();
      await p.goto(app.url);
      await p.waitForSelector('.auth-screen, .app');
      await signIn(p);
      await p.locator('.sidebar select').first().selectOption('es');
      await p.locator('nav.sidebar', { hasText: 'Reportes' }).waitFor();
      await goTo(p, '#/reports');
      const from = p.locator('.report-card').first().getByLabel('Desde');
      await from.waitFor();
      // This month on the company's calendar (the computer's zone here), not the browser's: they differ on a month's
      // last evening in UTC, when Madrid has already turned the page.
      const [year, month] = localDateOf((await app.admin.call('settings.get', {})).timeZone, Date.now()).split('-');
      expect(await from.inputValue()).toBe(`01/${month}/${year}`);
      // The only native date inputs left are the hidden ones behind the calendar buttons.
      expect(await p.locator('input[type="date"]:not(.date-input-native)').count()).toBe(0);
      await atBothSizes(p, 'reports-english-browser', async () => undefined);

      // Typed day first, read day first: 15/03/2026 is the fifteenth of March.
      await goTo(p, `#/tickets/${ticketId}`);
      await p.getByRole('button', { name: 'Solicitar visita' }).click();
      const dialog = p.locator('dialog[open]');
      await dialog.getByLabel('Fecha propuesta').fill('15/03/2026');
      await dialog.getByLabel('Hora').fill('9:30');
      await atBothSizes(p, 'visit-english-browser', async () => undefined);
      // March 2026 has passed: the proposal records a visit already made (a past date is refused otherwise).
      await dialog.getByLabel('Registra una visita ya realizada').check();
      await dialog.getByRole('button', { name: 'Solicitar visita' }).click();
      await dialog.waitFor({ state: 'detached' });
      // Shown back on the company clock the dialog was typed in.
      const [workOrder] = (await app.admin.call('tickets.get', { id: ticketId })).workOrders;
      expect(workOrder?.scheduledDate).toBeTruthy();
      await p.locator('.ticket-detail', { hasText: '15 mar 2026, 9:30' }).waitFor();
      expect(uncaughtErrors(p)).toEqual([]);
    } finally {
      await english.close();
    }
  });
});
