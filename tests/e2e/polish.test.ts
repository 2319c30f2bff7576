// Issue 18, "Polish found on every screen" (part B): details that were wrong on screen, each checked in the browser.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goTo, signIn, startE2eApp, uncaughtErrors, type E2eApp } from './support';

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
  ticketId = (await app.admin.call('tickets.create', { title: 'La cámara de botellas no enfría', customerId: customer.id })).id;
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
