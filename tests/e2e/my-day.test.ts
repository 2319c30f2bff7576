// Mi día (#15 part 1): a technician signs in and lands on their day: yesterday's open visits first under Atrasadas,
// then today's by time, each with the address (to the maps), the phone (tel:), the contact and the fault; Intro on a
// card opens the OT; Empezar starts the visit and opens the OT, and the card says En curso. A dispatcher keeps the
// ticket list.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkOrderDetail } from '../../electron/contract';
import { addDays, instantOfWallInput, localDateOf } from '../../electron/contract/zonedTime';
import { settingsVersions } from '../support/versions';
import { goTo, saveScreenshot, seriousA11yViolations, signIn, startE2eApp, uncaughtErrors, type E2eApp } from './support';

const ZONE = 'Europe/Madrid';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let app: E2eApp;
let lucia: { id: string; username: string; password: string };
let missed: WorkOrderDetail;
let running: WorkOrderDetail;
let first: WorkOrderDetail;
let second: WorkOrderDetail;
let third: WorkOrderDetail;
let javiers: WorkOrderDetail;
let barId: string;

/**
 * The wall-clock time `hours` (09:30 is 9.5) of the company-calendar day `offset` days from today; on the clocks'
 * change days that is not start of day + hours (the day after, a start 'yesterday at 10:06' read 11:06).
 */
function at(offset: number, hours: number): Date {
  const day = addDays(localDateOf(ZONE, Date.now()), offset);
  const minutes = Math.round(hours * 60);
  const wall = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  return new Date(instantOfWallInput(ZONE, `${day}T${wall}`) as string);
}

/** A ticket with its fault and one visit booked for `when` (booked days before, as real visits are). */
async function visit(customerId: string, title: string, description: string, technicianId: string, when: Date, otType: 'repair' | 'maintenance' | 'install' = 'repair') {
  const ticket = await app.admin.call('tickets.create', { title, description, customerId });
  return app.asAdminAt(new Date(Date.now() - 4 * DAY), async (admin) => {
    const wo = await admin.call('workOrders.requestVisit', { ticketId: ticket.id, otType, estimatedMinutes: 60 });
    return admin.call('workOrders.schedule', { id: wo.id, scheduledDate: when.toISOString(), technicianId, version: wo.version });
  });
}

beforeAll(async () => {
  app = await startE2eApp();
  await app.admin.call('settings.update', { versions: await settingsVersions(app.admin), timeZone: ZONE });
  lucia = await app.userWithRole('Técnico', 'lmartin', 'Lucía Martín');
  const javier = await app.userWithRole('Técnico', 'jgarcia', 'Javier García');
  const farmacia = await app.admin.call('customers.create', {
    name: 'Farmacia Triana',
    address: 'C/ San Jacinto 19',
    town: 'Sevilla',
    phone: '954 33 21 10',
    contactName: 'Rocío Vázquez',
  });
  const bar = await app.admin.call('customers.create', { name: 'Bar El Puerto', address: 'Av. Ramón de Carranza 5', town: 'Cádiz', phone: '+34 956 21 40 88', contactName: 'Manolo' });
  barId = bar.id;
  const clinica = await app.admin.call('customers.create', { name: 'Clínica Dental Sonrisa', address: 'C/ Larios 3, 1º', town: 'Málaga', phone: '952 11 22 33', contactName: 'Dra. Pérez' });
  const hotel = await app.admin.call('customers.create', { name: 'Hotel Alcázar', address: 'Plaza Nueva 7', town: 'Sevilla', phone: '954 50 60 70', contactName: 'Recepción' });

  missed = await visit(bar.id, 'Cámara frigorífica a 12 °C', 'La cámara de la cocina no baja de 12 °C desde el viernes. Hace ruido el compresor.', lucia.id, at(-1, 16.5));
  const toStart = await visit(hotel.id, 'Caldera con fuga', 'Gotea agua por debajo de la caldera del sótano; han cerrado la llave de paso.', lucia.id, at(-1, 10));
  running = await app.asUserAt(lucia.id, at(-1, 10.1), (caller) => caller.call('workOrders.start', { id: toStart.id, version: toStart.version }));
  first = await visit(farmacia.id, 'Aire acondicionado no enfría', 'El split de la rebotica echa aire caliente. Temperatura de consigna 22 °C.', lucia.id, at(0, 9));
  second = await visit(clinica.id, 'Revisión anual de climatización', 'Mantenimiento preventivo: filtros, presiones y drenajes de los 4 equipos.', lucia.id, at(0, 12.5), 'maintenance');
  third = await visit(hotel.id, 'Instalar termostato en recepción', 'Sustituir el termostato antiguo por uno programable (ya está comprado).', lucia.id, at(0, 17), 'install');
  javiers = await visit(bar.id, 'Timbre de la barra', 'No suena el timbre de la barra.', javier.id, at(0, 10));
  // Tomorrow's visit is not today's.
  await visit(farmacia.id, 'Enchufes sin corriente', 'Varios enchufes de la rebotica sin corriente.', lucia.id, at(1, 9));
}, 90_000);

afterAll(async () => {
  await app?.close();
});

const card = (page: Page, wo: WorkOrderDetail) => page.locator(`.myday-card[data-visit="${wo.id}"]`);

describe('Mi día', () => {
  let page: Page;
  beforeAll(async () => {
    page = await app.openApp();
    await signIn(page, lucia.username, lucia.password);
  });

  it('a technician lands on it: yesterday’s open visits first, then today’s by time, with links and the fault', async () => {
    await expect.poll(() => page.evaluate('window.location.hash')).toBe('#/my-day');
    await page.getByRole('heading', { name: 'Mi día', level: 1 }).waitFor();
    await card(page, third).waitFor();
    const codes = await page.locator('.myday-card .myday-codes a').allTextContents();
    expect(codes).toEqual([running.code, missed.code, first.code, second.code, third.code]);
    expect(codes).not.toContain(javiers.code);

    const overdue = page.locator('.myday-overdue');
    expect(await overdue.getByRole('heading', { level: 2 }).textContent()).toContain('Atrasadas: 2 visitas de días anteriores');
    expect(await overdue.locator('.myday-card').count()).toBe(2);
    expect(await card(page, running).getByRole('button').textContent()).toBe('Continuar');
    // Started yesterday: the card says which day, not just the hour.
    expect(await card(page, running).textContent()).toMatch(/En curso desde el \S+ \d+ \S+ a las 10:06/);

    const farmacia = card(page, first);
    expect(await farmacia.textContent()).toContain('El split de la rebotica echa aire caliente');
    expect(await farmacia.textContent()).toContain('Rocío Vázquez');
    expect(await farmacia.textContent()).toContain('Reparación');
    expect(await farmacia.textContent()).toContain('Programada');
    const map = farmacia.getByRole('link', { name: /C\/ San Jacinto 19/ });
    expect(await map.getAttribute('href')).toContain('https://www.google.com/maps/search/?api=1&query=C%2F%20San%20Jacinto%2019%2C%20Sevilla');
    expect(await farmacia.getByRole('link', { name: /954 33 21 10/ }).getAttribute('href')).toBe('tel:954332110');
    expect(await card(page, missed).getByRole('link', { name: /956 21 40 88/ }).getAttribute('href')).toBe('tel:+34956214088');
    expect(await seriousA11yViolations(page, '.page')).toEqual([]);
  });

  it('every card is reached with the keyboard and Intro opens its OT', async () => {
    await card(page, first).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate('window.location.hash')).toBe(`#/work-orders/${first.id}`);
    await page.getByRole('heading', { name: first.code }).waitFor();
    await page.goBack();
    await card(page, first).waitFor();
    // Tab walks through each card's links and button, never skipping a card.
    await card(page, running).focus();
    const reached = new Set<string>();
    for (let step = 0; step < 40 && reached.size < 5; step++) {
      const id = await page.evaluate("document.activeElement?.getAttribute('data-visit') ?? ''");
      if (typeof id === 'string' && id) reached.add(id);
      await page.keyboard.press('Tab');
    }
    expect(reached.size).toBe(5);
    // ↓/↑ jump card to card, from the card or from a link inside it, as the hint says.
    expect(await page.locator('.myday-hint').textContent()).toBe('Tabulador: recorre los enlaces y el botón de cada visita · ↑/↓: de una visita a otra · Intro abre la OT');
    const focusedVisit = () => page.evaluate("document.activeElement?.closest('.myday-card')?.getAttribute('data-visit') ?? ''");
    await card(page, running).focus();
    await page.keyboard.press('ArrowDown');
    expect(await focusedVisit()).toBe(missed.id);
    await card(page, missed).getByRole('link', { name: missed.code }).focus();
    await page.keyboard.press('ArrowDown');
    expect(await focusedVisit()).toBe(first.id);
    expect(await page.evaluate("document.activeElement?.classList.contains('myday-card')")).toBe(true);
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    expect(await focusedVisit()).toBe(running.id);
    await page.keyboard.press('ArrowUp');
    expect(await focusedVisit()).toBe(running.id);
  });

  it('Empezar starts the visit and opens its OT; back on Mi día the card says En curso and the button Continuar', async () => {
    const farmacia = card(page, first);
    // As the technician finds it on arrival (the keyboard walk above scrolled the list).
    await page.evaluate("document.querySelector('.page-body').scrollTo(0, 0)");
    // No focus ring left by the keyboard walk above.
    await page.evaluate('document.activeElement?.blur()');
    await saveScreenshot(page, 'my-day');
    await farmacia.getByRole('button', { name: `Empezar la visita ${first.code} a Farmacia Triana` }).click();
    await expect.poll(() => page.evaluate('window.location.hash')).toBe(`#/work-orders/${first.id}`);
    await page.locator('.page-header .badge', { hasText: 'En curso' }).waitFor();
    expect((await app.admin.call('workOrders.get', { id: first.id })).status).toBe('in_progress');
    await page.goBack();
    await expect.poll(() => farmacia.locator('.badge').textContent()).toBe('En curso');
    expect(await farmacia.getByRole('button').textContent()).toBe('Continuar');
    await farmacia.getByRole('button', { name: 'Continuar' }).click();
    await expect.poll(() => page.evaluate('window.location.hash')).toBe(`#/work-orders/${first.id}`);
    // The OT's ← goes back to Mi día, which it names, and the keyboard goes on from that visit's card.
    const back = page.getByRole('link', { name: 'Volver a Mi día' });
    await back.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate('window.location.hash')).toBe('#/my-day');
    await expect.poll(() => page.evaluate(`document.activeElement?.closest('.myday-card') === document.querySelector('.myday-card:has(a[href="#/work-orders/${first.id}"])')`)).toBe(true);
  });

  it('fits at 1024 px and on a narrow laptop: no sideways scrolling, the button on screen', async () => {
    await goTo(page, '#/my-day');
    await card(page, second).waitFor();
    for (const width of [1024, 820]) {
      await page.setViewportSize({ width, height: 700 });
      const fits = await page.evaluate(`(() => {
        const body = document.querySelector('.page-body');
        const button = document.querySelector('.myday-card .myday-button').getBoundingClientRect();
        return body.scrollWidth <= body.clientWidth && button.right <= window.innerWidth;
      })()`);
      expect(fits, `at ${width} px`).toBe(true);
    }
    expect(uncaughtErrors(page)).toEqual([]);
  });

  it('follows changes made elsewhere: a visit moved to today by the office appears without reloading', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    // The first test started OT `first` now, which books Lucía from now for an hour: move the visit to a free hour.
    const hoursIntoToday = (Date.now() - at(0, 0).getTime()) / HOUR;
    const later = await visit(barId, 'Luz de la terraza', 'La luz de la terraza parpadea.', lucia.id, at(0, hoursIntoToday < 12 ? 20 : 7));
    await card(page, later).waitFor();
  });
});

describe('Mi día in another theme and language', () => {
  it('keeps enough contrast in the dark theme and reads in English on an English system', async () => {
    const dark = await app.openApp(await app.newContext({ colorScheme: 'dark', locale: 'en-GB' }));
    await signIn(dark, lucia.username, lucia.password);
    await dark.getByRole('heading', { name: 'My day', level: 1 }).waitFor();
    await card(dark, second).waitFor();
    expect(await dark.locator('.myday-overdue h2').textContent()).toContain('Overdue: 2 visits from earlier days');
    expect(await card(dark, second).getByRole('button').textContent()).toBe('Start');
    expect(await card(dark, second).textContent()).toContain('Maintenance');
    expect(await seriousA11yViolations(dark, '.page')).toEqual([]);
    expect(uncaughtErrors(dark)).toEqual([]);
  });
});

describe('who lands where', () => {
  it('the administrator keeps the ticket list', async () => {
    const page = await app.openApp();
    await signIn(page);
    await page.locator('.page').first().waitFor();
    expect(await page.evaluate('window.location.hash')).not.toBe('#/my-day');
    expect(await page.getByRole('link', { name: 'Mi día' }).count()).toBe(1);
  });
});
