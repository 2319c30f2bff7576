// Fixes from a newcomer's trial of the dispatcher's screens: the board at 1024×768 keeps the queue beside the grid
// (nothing drawn over the technicians' rows), the schedule dialogs start at the next whole hour and offer "Registra una
// visita ya realizada" only while the date is past, all three technician pickers read the same (names only), and
// Atrasadas fits 1280 and 1024 px with "hace 14 horas" whole.
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkOrderDetail } from '../../electron/contract';
import { addDays, instantOfWallInput, localDateOf, mondayOf, wallInputOf, type LocalDate } from '../../electron/contract/zonedTime';
import { settingsVersions } from '../support/versions';
import { goTo, screenshotsDir, signIn, startE2eApp, uncaughtErrors, type E2eApp } from './support';

const ZONE = 'Europe/Madrid';
const HOUR = 3_600_000;
const SHOTS = path.join(screenshotsDir, 'trial-fixes');
let app: E2eApp;
let page: Page;
let lucia: { id: string };
let pending: WorkOrderDetail;
let missed: WorkOrderDetail;
/** A visit requested 24 days ago, still waiting in Por planificar ("hace 3 semanas", as wide as a wait reads). */
let waiting: WorkOrderDetail;
let missedTicketId: string;
/** The instant the server's clock is moved to for Atrasadas: 14 h 05 min after the missed visit. */
let lateNow: number;

const at = (day: LocalDate, time: string) => instantOfWallInput(ZONE, `${day}T${time}`) as string;
const dialog = () => page.locator('dialog[open]');

async function visit(title: string, customerId: string, technicianId: string, when: string) {
  const ticket = await app.admin.call('tickets.create', { title, customerId });
  const wo = await app.admin.call('workOrders.requestVisit', { ticketId: ticket.id, otType: 'repair' });
  return app.admin.call('workOrders.schedule', { id: wo.id, scheduledDate: when, technicianId, version: wo.version });
}

/** dd/mm/aaaa of the company day `days` from today. */
const dayText = (days: number) => {
  const [y, m, d] = addDays(localDateOf(ZONE, Date.now()), days).split('-');
  return `${d}/${m}/${y}`;
};

/** The option texts of the dialog's technician picker, without its empty first entry. */
async function technicianOptions(): Promise<string[]> {
  const texts = await dialog().getByLabel('Técnico').locator('option').allTextContents();
  return texts.slice(1).sort();
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

function intersects(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

beforeAll(async () => {
  app = await startE2eApp();
  await app.admin.call('settings.update', { versions: await settingsVersions(app.admin), timeZone: ZONE });
  lucia = await app.userWithRole('Técnico', 'lmartin', 'Lucía Martín');
  const javier = await app.userWithRole('Técnico', 'jgarcia', 'Javier García');
  const marcos = await app.userWithRole('Técnico', 'mruiz', 'Marcos Ruiz');
  const triana = await app.admin.call('customers.create', { name: 'Farmacia Triana', town: 'Sevilla' });
  const hotel = await app.admin.call('customers.create', { name: 'Hotel Alameda', town: 'Jerez de la Frontera' });
  const monday = mondayOf(localDateOf(ZONE, Date.now()));
  // This week's board, later in the week than any day the test can run on (a Sunday run books nothing past).
  const nextMonday = addDays(monday, 7);
  await visit('Termo eléctrico no calienta', triana.id, lucia.id, at(addDays(nextMonday, 1), '09:00'));
  await visit('Revisión anual de la caldera', hotel.id, javier.id, at(addDays(nextMonday, 2), '11:30'));
  await visit('Aulas sin calefacción', hotel.id, marcos.id, at(nextMonday, '08:30'));
  for (const title of ['Cámara frigorífica a 12 °C', 'Timbre de la barra', 'Persiana del escaparate atascada', 'Aire acondicionado gotea']) {
    const ticket = await app.admin.call('tickets.create', { title, customerId: triana.id });
    await app.admin.call('workOrders.requestVisit', { ticketId: ticket.id, otType: 'maintenance' });
  }
  const ticket = await app.admin.call('tickets.create', { title: 'Enchufes sin corriente', customerId: hotel.id });
  pending = await app.admin.call('workOrders.requestVisit', { ticketId: ticket.id, otType: 'diagnosis' });

  // The missed visit: 02:00 in Madrid on the last day whose 16:05 has already passed, booked the day before. The
  // server's clock later reads 16:05 that day (never ahead of the real one, so sessions stay valid).
  let day = localDateOf(ZONE, Date.now());
  if (Date.parse(at(day, '16:05')) > Date.now()) day = addDays(day, -1);
  // Nor a day the clocks change: then 02:00 is missing (spring) or 16:05 comes 15 hours after it (autumn).
  while (Date.parse(at(day, '16:05')) - Date.parse(at(day, '02:00')) !== 14 * HOUR + 5 * 60_000) day = addDays(day, -1);
  lateNow = Date.parse(at(day, '16:05'));
  const heater = await app.admin.call('tickets.create', { title: 'Caldera con fuga en la cocina del restaurante del hotel', customerId: hotel.id });
  missedTicketId = heater.id;
  missed = await app.asAdminAt(new Date(lateNow - 24 * HOUR), async (admin) => {
    const wo = await admin.call('workOrders.requestVisit', { ticketId: heater.id, otType: 'repair' });
    return admin.call('workOrders.schedule', { id: wo.id, scheduledDate: at(day, '02:00'), technicianId: lucia.id, version: wo.version });
  });

  // Made before any page signs in, as the missed visit: the clock moves back for it.
  waiting = await app.asAdminAt(new Date(Date.now() - 24 * 86_400_000), async (admin) => {
    const pool = await admin.call('tickets.create', { title: 'Revisión de la bomba de calor de la piscina climatizada', customerId: hotel.id });
    return admin.call('workOrders.requestVisit', { ticketId: pool.id, otType: 'maintenance' });
  });

  page = await app.openApp();
  await signIn(page);
}, 90_000);

afterAll(async () => {
  await app?.close();
});

describe('the dispatch board at 1024×768', () => {
  it('keeps the queue beside the grid, never over it; the grid scrolls sideways in its own box', async () => {
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.getByRole('link', { name: 'Tablero' }).click();
    await page.getByRole('grid').waitFor();
    await page.getByRole('button', { name: 'Semana siguiente' }).click();
    await page.locator('.board-block', { hasText: 'Farmacia Triana' }).waitFor();
    await page.locator('.board-queue-item').first().waitFor();

    const grid = await page.locator('.board-main').boundingBox();
    const queue = await page.locator('.board-queue').boundingBox();
    expect(grid && queue).toBeTruthy();
    if (!grid || !queue) return;
    expect(intersects(grid, queue)).toBe(false);
    // Beside it, on the right, both inside the window.
    expect(queue.x).toBeGreaterThanOrEqual(grid.x + grid.width);
    expect(queue.x + queue.width).toBeLessThanOrEqual(1024);
    // Every technician row and block stays inside the grid's box; the page itself does not scroll sideways.
    const page_ = await page.evaluate(`(() => { const b = document.querySelector('.board-body'); return { scroll: b.scrollWidth, client: b.clientWidth }; })()`);
    expect((page_ as { scroll: number }).scroll).toBeLessThanOrEqual((page_ as { client: number }).client);
    const rowheads = (await page.locator('.board-rowhead').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as unknown))) as Box[];
    for (const box of rowheads) {
      expect(intersects(box, queue)).toBe(false);
    }
    // All seven days fit: Sunday's header ends inside the grid's box and the window (second trial: it was off-screen).
    const main = await page.locator('.board-main').evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(main.scroll).toBeLessThanOrEqual(main.client);
    const sunday = await page.getByRole('columnheader').last().boundingBox();
    expect(sunday && sunday.x + sunday.width).toBeLessThanOrEqual(grid.x + grid.width);
    expect(await page.getByRole('columnheader').last().textContent()).toMatch(/^dom \d+ [a-z]{3}$/);
    await page.screenshot({ path: path.join(SHOTS, 'board-1024.png') });
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.screenshot({ path: path.join(SHOTS, 'board-1280.png') });
  });
});

describe('the day view', () => {
  it('widens its hours to a 02:00 visit instead of hiding it (second trial: visits before 07:00 vanished)', async () => {
    await page.getByRole('button', { name: 'Hoy' }).click();
    await page.getByRole('button', { name: 'Día', exact: true }).click();
    for (let shown = localDateOf(ZONE, Date.now()); shown !== localDateOf(ZONE, lateNow); shown = addDays(shown, -1)) {
      await page.getByRole('button', { name: 'Día anterior' }).click();
    }
    const block = page.locator(`.board-hours .board-block[data-work-order="${missed.id}"]`);
    await block.waitFor();
    const hours = await page.getByRole('columnheader').allTextContents();
    expect(hours).toContain('02:00');
    expect(hours).toContain('19:00');
    const track = await page.locator('.board-row', { has: page.getByRole('rowheader', { name: 'Lucía Martín' }) }).locator('.board-hours').boundingBox();
    const box = await block.boundingBox();
    expect(track && box).toBeTruthy();
    if (!track || !box) return;
    expect(box.x).toBeGreaterThanOrEqual(track.x);
    expect(box.x + box.width).toBeLessThanOrEqual(track.x + track.width + 1);
    await page.screenshot({ path: path.join(SHOTS, 'board-day-early-visit.png') });
    await page.getByRole('button', { name: 'Semana', exact: true }).click();
  });
});

describe('planning dialogs', () => {
  let boardOptions: string[] = [];

  it('the dialog of an unplanned visit ("Programar …") starts at 09:00 or, if that is past, the next whole hour; names only', async () => {
    await page.getByRole('button', { name: 'Hoy' }).click();
    await page.locator('.board-queue-item').first().click();
    await dialog().waitFor();
    // Its first plan, not a move: the title and the button say so.
    await page.getByRole('dialog', { name: /^Programar OT-/ }).waitFor();
    expect(await dialog().getByRole('button', { name: 'Programar', exact: true }).count()).toBe(1);
    const time = await dialog().getByLabel('Hora', { exact: true }).inputValue();
    expect(time).toMatch(/^\d{2}:00$/);
    const date = await dialog().getByLabel('Día y hora').inputValue();
    const [d, m, y] = date.split('/');
    expect(Date.parse(at(`${y}-${m}-${d}` as LocalDate, time))).toBeGreaterThan(Date.now());
    boardOptions = await technicianOptions();
    expect(boardOptions).toContain('Lucía Martín');
    expect(boardOptions.join()).not.toContain('·');
    await dialog().getByRole('button', { name: 'Cancelar' }).click();
  });

  it('Programar starts at the next whole hour, shows the checkbox only while the date is past, and the default is accepted', async () => {
    await goTo(page, `#/work-orders/${pending.id}`);
    await page.getByRole('heading', { level: 1, name: pending.code }).waitFor();
    await page.getByRole('toolbar').getByRole('button', { name: 'Programar', exact: true }).click();
    await dialog().waitFor();
    const expected = wallInputOf(ZONE, Math.floor(Date.now() / HOUR) * HOUR + HOUR); // Madrid's offset is whole hours
    const time = await dialog().getByLabel('Hora', { exact: true }).inputValue();
    // A run that crosses the hour sees the next one.
    expect([expected.slice(11), wallInputOf(ZONE, Date.parse(instantOfWallInput(ZONE, expected) as string) + HOUR).slice(11)]).toContain(time);
    const past = dialog().getByLabel('Registra una visita ya realizada');
    expect(await past.count()).toBe(0);

    // The same people, in the same words, as on the board.
    expect(await technicianOptions()).toEqual(boardOptions);

    // Back to the proposed day, not today: after 23:00 in Madrid the next whole hour is tomorrow's 00:00.
    const proposedDay = await dialog().getByLabel('Fecha y hora').inputValue();
    expect([dayText(0), dayText(1)]).toContain(proposedDay);
    await dialog().getByLabel('Fecha y hora').fill(dayText(-1));
    await past.waitFor();
    await dialog().getByLabel('Fecha y hora').fill(proposedDay);
    await dialog().getByLabel('Hora', { exact: true }).fill(time);
    await past.waitFor({ state: 'detached' });

    await dialog().getByLabel('Técnico').selectOption({ label: 'Lucía Martín' });
    await dialog().getByRole('button', { name: 'Programar', exact: true }).click();
    await dialog().waitFor({ state: 'detached' });
    const booked = await app.admin.call('workOrders.get', { id: pending.id });
    expect(booked.status).toBe('scheduled');
    expect(wallInputOf(ZONE, booked.scheduledDate as string).slice(11)).toBe(time);
  });

  it('Solicitar visita: the checkbox only for a past date, the same names as the other pickers', async () => {
    await goTo(page, `#/tickets/${missedTicketId}`);
    await page.getByRole('button', { name: 'Solicitar visita' }).click();
    await dialog().waitFor();
    const past = dialog().getByLabel('Registra una visita ya realizada');
    expect(await past.count()).toBe(0);
    expect(await technicianOptions()).toEqual(boardOptions);
    await dialog().getByLabel('Fecha propuesta').fill(dayText(-2));
    await dialog().getByLabel('Hora', { exact: true }).fill('10:00');
    await past.waitFor();
    await dialog().getByLabel('Fecha propuesta').fill(dayText(2));
    await past.waitFor({ state: 'detached' });
    await dialog().getByRole('button', { name: 'Cancelar' }).click();
    expect(uncaughtErrors(page)).toEqual([]);
  });
});

describe('Atrasadas', () => {
  it('fits 1280 and 1024 px with every column, and reads "hace 14 horas"', async () => {
    app.clock.offsetMs = lateNow - Date.now();
    try {
      await goTo(page, '#/work-orders');
      await page.getByRole('tab', { name: /Atrasadas/ }).click();
      const row = page.locator('.overdue-table tbody tr', { hasText: missed.code });
      await row.waitFor();
      expect(await row.textContent()).toContain('Sin empezar · programada hace 14 horas');
      for (const size of [
        { width: 1280, height: 800 },
        { width: 1024, height: 768 },
      ]) {
        await page.setViewportSize(size);
        const fit = (await page.locator('.overdue-table').evaluate((table) => {
          const holder = table.parentElement as NonNullable<typeof table.parentElement>;
          return { scroll: holder.scrollWidth, client: holder.clientWidth, right: table.getBoundingClientRect().right };
        })) as { scroll: number; client: number; right: number };
        expect(fit.scroll, `${size.width}px`).toBeLessThanOrEqual(fit.client);
        expect(fit.right).toBeLessThanOrEqual(size.width);
        const status = await page.getByRole('columnheader', { name: 'Estado' }).boundingBox();
        expect(status && status.x + status.width).toBeLessThanOrEqual(size.width);
        // The lateness is whole, not cut at the cell's edge.
        const late = await row.locator('td.overdue-late').evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
        expect(late.scroll).toBeLessThanOrEqual(late.client);
        await page.screenshot({ path: path.join(SHOTS, `overdue-${size.width}.png`) });
      }
    } finally {
      app.clock.offsetMs = 0;
      await page.setViewportSize({ width: 1280, height: 800 });
    }
  });
});

// The second trial: Todas ran past a 1280 px window, its scheduled date (what the list is filtered by) cut off. The
// third: at 1024 px the list scrolled sideways and the search box showed "…ticket o número de se". The fourth: Por
// planificar, the same table as the dispatch queue, still scrolled sideways at 1024 px.
describe('Todas and Por planificar', () => {
  /** A tab's row to look at: its OT, the OT's ticket and the heading of the tab's date column. */
  interface TabRow {
    tab: string;
    code: string;
    ticketCode: string;
    date: string;
  }
  let list: Page;
  let booked: TabRow;
  let queued: TabRow;

  beforeAll(async () => {
    // A row as the demo's: a long customer, ticket title and technician name.
    const tech = await app.userWithRole('Técnico', 'mjgonzalezvillanueva', 'María José González de la Vega Villanueva');
    const customer = await app.admin.call('customers.create', { name: 'Comunidad de Propietarios Residencial Los Naranjos' });
    const ticket = await app.admin.call('tickets.create', { title: 'Se ha quedado bloqueado el aire acondicionado de la sala de reuniones', customerId: customer.id });
    const wo = await app.admin.call('workOrders.requestVisit', { ticketId: ticket.id, otType: 'maintenance' });
    booked = { tab: 'Todas', code: wo.code, ticketCode: ticket.code, date: 'Programada' };
    queued = { tab: 'Por planificar', code: waiting.code, ticketCode: waiting.ticketCode, date: 'Solicitada' };
    await app.admin.call('workOrders.schedule', { id: wo.id, version: wo.version, technicianId: tech.id, scheduledDate: new Date(Date.now() + 30 * 86_400_000).toISOString() });
    list = await app.openApp();
    await signIn(list);
    await goTo(list, '#/work-orders');
  });

  /**
   * `row`'s tab in a window this size: neither the list's box nor the page scrolls sideways, and every column's heading
   * (the tab's date first) and every cell of the row, its ticket code whole, end inside the window. Returns the row.
   */
  async function expectFits(size: { width: number; height: number }, row: TabRow): Promise<Locator> {
    const { width } = size;
    await list.setViewportSize(size);
    await list.getByRole('tab', { name: row.tab }).click();
    // In the tab's own panel: the row is on the other tab's list too.
    const line = list.getByRole('tabpanel', { name: row.tab }).locator('.ot-table tbody tr', { hasText: row.code });
    await line.waitFor();
    const fit = (await list.locator('.ot-table').evaluate((table) => {
      const holder = table.parentElement as NonNullable<typeof table.parentElement>;
      return { scroll: holder.scrollWidth, client: holder.clientWidth };
    })) as { scroll: number; client: number };
    expect(fit.scroll, `${row.tab} ${width}px`).toBeLessThanOrEqual(fit.client);
    expect(await list.evaluate('document.documentElement.scrollWidth'), `${row.tab} ${width}px: the page`).toBeLessThanOrEqual(width);
    for (const header of [list.getByRole('columnheader', { name: row.date }), ...(await list.getByRole('columnheader').all())]) {
      const box = await header.boundingBox();
      expect(box && box.x + box.width, `${row.tab} ${width}px: ${await header.textContent()}`).toBeLessThanOrEqual(width);
    }
    for (const cell of [line.getByRole('link', { name: row.ticketCode }), ...(await line.locator('td').all())]) {
      const box = await cell.boundingBox();
      expect(box && box.x + box.width, `${row.tab} ${width}px: ${await cell.textContent()}`).toBeLessThanOrEqual(width);
    }
    return line;
  }

  it('fits 1280 px with the scheduled date in sight', async () => {
    await expectFits({ width: 1280, height: 800 }, booked);
    expect(uncaughtErrors(list)).toEqual([]);
  });

  it('fits 1024 px: nothing scrolls sideways, every filter is whole and the search box shows all its placeholder', async () => {
    try {
      await expectFits({ width: 1024, height: 768 }, booked);
      // Each control's edges, and the search box's placeholder against its room (the test's types have no DOM: a string).
      const filters = (await list.evaluate(`(() => {
        const bar = document.querySelector('[role="search"]');
        const controls = [...bar.querySelectorAll('input[type="search"], select, .date-input')].map((el) => {
          const box = el.getBoundingClientRect();
          return { name: el.getAttribute('aria-label') ?? el.closest('label')?.querySelector('span')?.textContent ?? el.className, left: box.left, right: box.right };
        });
        const search = bar.querySelector('input[type="search"]');
        const style = getComputedStyle(search);
        const context = document.createElement('canvas').getContext('2d');
        context.font = style.fontSize + ' ' + style.fontFamily;
        const room = search.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
        return { controls, window: window.innerWidth, placeholder: search.placeholder, placeholderWidth: context.measureText(search.placeholder).width, room };
      })()`)) as { controls: { name: string; left: number; right: number }[]; window: number; placeholder: string; placeholderWidth: number; room: number };
      expect(filters.controls).toHaveLength(6);
      for (const control of filters.controls) {
        expect(control.left, control.name).toBeGreaterThanOrEqual(0);
        expect(control.right, control.name).toBeLessThanOrEqual(filters.window);
      }
      expect(filters.placeholder).toMatch(/número de serie/);
      expect(filters.placeholderWidth).toBeLessThanOrEqual(filters.room);
      await list.screenshot({ path: path.join(SHOTS, 'todas-1024.png') });
      expect(uncaughtErrors(list)).toEqual([]);
    } finally {
      await list.setViewportSize({ width: 1280, height: 800 });
    }
  });

  it('Por planificar fits 1024 px too, a three-week wait in its list, and still fits 1280 px', async () => {
    try {
      const line = await expectFits({ width: 1024, height: 768 }, queued);
      expect(await line.textContent()).toContain('hace 3 semanas');
      await list.screenshot({ path: path.join(SHOTS, 'queue-1024.png') });
    } finally {
      await list.setViewportSize({ width: 1280, height: 800 });
    }
    await expectFits({ width: 1280, height: 800 }, queued);
    expect(uncaughtErrors(list)).toEqual([]);
  });
});
