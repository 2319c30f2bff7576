// A field technician working by keyboard alone: after each action the focus lands on what comes next (the OT's code
// after Empezar and after Completar, the ticket's title after Enter, the list after Esc, the pad after "Firmar de
// nuevo"), never on <body> where the next Tab starts over at "Saltar al contenido"; and the parts form's errors go
// once the box they are about (or the catalogue/free-text choice) changes.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkOrderDetail } from '../../electron/contract';
import { goTo, saveScreenshot, signIn, startE2eApp, uncaughtErrors, type E2eApp } from './support';

const HOUR = 3_600_000;
const SERIAL = 'PRS-2291-0031';

let app: E2eApp;
let lucia: { id: string; username: string; password: string };
let visit: WorkOrderDetail;
let running: WorkOrderDetail;

beforeAll(async () => {
  app = await startE2eApp();
  lucia = await app.userWithRole('Técnico', 'lmartin', 'Lucía Martín');
  const adminId = (await app.admin.call('auth.me', {})).user.id;
  const customer = await app.admin.call('customers.create', { name: 'Farmacia Triana', address: 'C/ San Jacinto 19', town: 'Sevilla', phone: '954 33 21 10' });
  await app.admin.call('products.create', { sku: 'PRS-BAJA-01', name: 'Presostato de baja presión', tracksSerial: true });

  // Lucía's visit of today, booked yesterday for a few minutes ago: on Mi día whatever the hour.
  const fault = await app.admin.call('tickets.create', { title: 'Aire acondicionado no enfría', description: 'El split de la rebotica echa aire caliente.', customerId: customer.id });
  visit = await app.asAdminAt(new Date(Date.now() - 24 * HOUR), async (admin) => {
    const requested = await admin.call('workOrders.requestVisit', { ticketId: fault.id, otType: 'repair' });
    return admin.call('workOrders.schedule', { id: requested.id, version: requested.version, scheduledDate: new Date(Date.now() - 600_000).toISOString(), technicianId: lucia.id });
  });

  // An OT under way with the customer's signature already taken, for the signatures and the parts form.
  const noise = await app.admin.call('tickets.create', { title: 'Cámara frigorífica hace ruido', customerId: customer.id });
  let wo = await app.admin.call('workOrders.requestVisit', { ticketId: noise.id, otType: 'repair' });
  wo = await app.admin.call('workOrders.schedule', { id: wo.id, version: wo.version, scheduledDate: new Date(Date.now() + 5 * HOUR).toISOString(), technicianId: adminId, confirmOverlap: true });
  running = await app.admin.call('workOrders.start', { id: wo.id, version: wo.version });
  await app.admin.call('workOrders.sign', { id: running.id, role: 'customer', signerName: 'Rocío Vázquez', strokes: [[[120, 300], [300, 90], [480, 310], [650, 120], [820, 280]]] });

  for (const title of ['Termo eléctrico no calienta', 'Radiador frío en el salón', 'Enchufe sin corriente']) {
    await app.admin.call('tickets.create', { title, description: 'Avisado por teléfono.' });
  }
}, 120_000);

afterAll(async () => {
  await app?.close();
});

/** The focused element as a person would name it: its tag and its words (or its accessible name). */
function focused(page: Page): Promise<string> {
  return page.evaluate(`(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return 'BODY';
    return el.tagName + ' ' + (el.getAttribute('aria-label') ?? el.textContent ?? '').trim();
  })()`) as Promise<string>;
}

/** Whether the focused element is inside `selector`. */
function focusInside(page: Page, selector: string): Promise<boolean> {
  return page.evaluate(`document.activeElement?.closest(${JSON.stringify(selector)}) !== null`) as Promise<boolean>;
}

describe('Mi día and the OT, by keyboard', () => {
  it('after Empezar the OT’s code has the focus; after Completar too, and Tab goes on inside the OT', async () => {
    const page = await app.openApp();
    await signIn(page, lucia.username, lucia.password);
    const start = page.getByRole('button', { name: `Empezar la visita ${visit.code} a Farmacia Triana` });
    await start.focus();
    await page.keyboard.press('Enter');
    await page.locator('.page-header .badge', { hasText: 'En curso' }).waitFor();
    expect(await page.evaluate('window.location.hash')).toBe(`#/work-orders/${visit.id}`);
    await expect.poll(() => focused(page)).toBe(`H1 ${visit.code}`);
    await saveScreenshot(page, 'keyboard-focus-after-start');
    // The next Tab is the OT's own header, not the skip link and the sidebar.
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('BUTTON Exportar PDF');

    await page.getByRole('button', { name: 'Completar', exact: true }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.locator('dialog[open]');
    // On a loaded machine each step is awaited before its key: the box has the focus, each button can be pressed.
    const workDone = dialog.getByLabel('Trabajo realizado');
    await workDone.focus();
    await page.keyboard.type('Limpieza del filtro y carga de gas; enfría a 7 °C.');
    await expect.poll(() => workDone.inputValue()).toBe('Limpieza del filtro y carga de gas; enfría a 7 °C.');
    for (const name of ['Revisar y completar', 'Completar OT']) {
      const button = dialog.getByRole('button', { name, exact: true });
      await expect.poll(() => button.isEnabled()).toBe(true);
      await button.focus();
      await page.keyboard.press('Enter');
    }
    await page.locator('.page-header .badge', { hasText: 'Completada' }).waitFor();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => focused(page)).toBe(`H1 ${visit.code}`);
    await saveScreenshot(page, 'keyboard-focus-after-complete');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('BUTTON Exportar PDF');
    expect(uncaughtErrors(page)).toEqual([]);
  });
});

describe('the tickets list, by keyboard', () => {
  it('Enter puts the focus on the ticket’s title and Tab goes on in the detail; Esc and × put it back on the list', async () => {
    const page = await app.openApp();
    await signIn(page);
    await goTo(page, '#/tickets');
    const list = page.locator('.ticket-list');
    const selectedTicket = async () => {
      const row = list.locator('.ticket-row.is-selected');
      return { id: await row.getAttribute('data-ticket-id'), title: await row.locator('.ticket-title').textContent() };
    };
    await list.locator('.ticket-row', { hasText: 'Enchufe sin corriente' }).waitFor();
    await list.focus();
    await page.keyboard.press('Home');
    const first = await selectedTicket();
    await page.keyboard.press('Enter');
    await page.locator(`.ticket-detail[data-ticket-id="${first.id}"]`).waitFor();
    await expect.poll(() => focused(page)).toBe(`H2 ${first.title}`);
    await saveScreenshot(page, 'keyboard-focus-ticket-title');
    await page.keyboard.press('Escape');
    await page.locator('.ticket-detail').waitFor({ state: 'detached' });
    expect(await focused(page)).toBe('DIV Lista de tickets');
    expect(await list.getAttribute('aria-activedescendant')).toBe(`ticket-row-${first.id}`);
    await saveScreenshot(page, 'keyboard-focus-ticket-list');

    // j/k keep working from there, and the next ticket's title takes the focus.
    await page.keyboard.press('j');
    const second = await selectedTicket();
    expect(second.id).not.toBe(first.id);
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe(`H2 ${second.title}`);
    await page.keyboard.press('Tab');
    expect(await focusInside(page, '.ticket-detail')).toBe(true);
    // The × above the title closes the detail the same way.
    await page.keyboard.press('Shift+Tab');
    expect(await focused(page)).toBe('BUTTON Cerrar detalle');
    await page.keyboard.press('Enter');
    await page.locator('.ticket-detail').waitFor({ state: 'detached' });
    expect(await focused(page)).toBe('DIV Lista de tickets');
    expect(await list.getAttribute('aria-activedescendant')).toBe(`ticket-row-${second.id}`);

    // The second trial: Tickets clicked in the sidebar, then j and Enter followed the sidebar link (the focus stayed
    // on it) and opened nothing. j now hands the focus to the list, so Enter opens the ticket highlighted.
    await page.getByRole('link', { name: 'Tickets' }).click();
    await page.keyboard.press('j');
    expect(await focused(page)).toBe('DIV Lista de tickets');
    const highlighted = await selectedTicket();
    await page.keyboard.press('Enter');
    await page.locator(`.ticket-detail[data-ticket-id="${highlighted.id}"]`).waitFor();
    await expect.poll(() => focused(page)).toBe(`H2 ${highlighted.title}`);
    expect(uncaughtErrors(page)).toEqual([]);
  });
});

describe('the OT’s signatures and parts', () => {
  let page: Page;
  beforeAll(async () => {
    page = await app.openApp();
    await signIn(page);
    await goTo(page, `#/work-orders/${running.id}`);
    await page.getByRole('heading', { name: running.code }).waitFor();
  });

  it('"Firmar de nuevo" is a button like the others, and the pad it reopens has the focus', async () => {
    const block = page.locator('section.signature-role', { hasText: 'Firma del cliente' });
    const again = block.getByRole('button', { name: 'Firmar de nuevo' });
    // The signatures arrive after the OT's header (a loaded machine drew the header first): compare once both are there.
    await again.waitFor();
    // Drawn as the app's secondary buttons are (the Exportar PDF one): a border and a filled background.
    const looks = (selector: string) =>
      page.evaluate(`(() => { const s = getComputedStyle(document.querySelector(${JSON.stringify(selector)})); return [s.borderTopColor, s.backgroundColor].join(' / '); })()`);
    expect(await looks('.signature-role .btn')).toBe(await looks('.page-header .btn:not(.btn-ghost)'));
    await again.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'keyboard-focus-sign-again-button');

    await again.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toMatch(/^CANVAS Recuadro para la firma del cliente/);
    await saveScreenshot(page, 'keyboard-focus-sign-again-pad');
    // Firmar on the empty pad says so; Tab from the pad reaches the keyboard's way to sign, then Firmar (Borrar waits
    // for a drawing).
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('BUTTON Usar el nombre como firma');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('BUTTON Firmar');
    await page.keyboard.press('Enter');
    await block.getByText('La firma está vacía o es demasiado pequeña', { exact: false }).waitFor();
    // Keeping the signature puts the focus back on "Firmar de nuevo".
    await block.getByRole('button', { name: 'Dejar la firma actual' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('BUTTON Firmar de nuevo');
  });

  it('an error of the parts form goes once its box or the catalogue/free-text choice changes', async () => {
    const form = page.getByRole('form', { name: 'Añadir pieza' });
    const error = form.locator('.item-form-error');
    const add = form.getByRole('button', { name: 'Añadir', exact: true });
    await form.getByLabel('Buscar en el catálogo').fill('PRS-BAJA');
    await expect.poll(() => form.getByLabel('Producto', { exact: true }).inputValue()).not.toBe('');
    await form.getByLabel('N.º de serie').fill(SERIAL);
    await add.click();
    await page.getByRole('link', { name: SERIAL }).waitFor();

    // The same serial again: refused; cleared, the message goes.
    await form.getByLabel('N.º de serie').fill(SERIAL);
    await add.click();
    await error.getByText('Esa serie ya está registrada en esta OT.').waitFor();
    // A box it is not about leaves it (a value that differs, so the box does change).
    await form.getByLabel('Cantidad').fill('2');
    expect(await form.getByLabel('Cantidad').inputValue()).toBe('2');
    expect(await error.count()).toBe(1);
    await form.getByLabel('Cantidad').fill('1');
    await form.getByLabel('N.º de serie').fill('');
    expect(await error.count()).toBe(0);

    // Again, then the person switches to a part described in words: a new part, no old message.
    await form.getByLabel('N.º de serie').fill(SERIAL);
    await add.click();
    await error.getByText('Esa serie ya está registrada en esta OT.').waitFor();
    await form.getByLabel('Sin catálogo (texto libre)').check();
    expect(await error.count()).toBe(0);

    // Nothing described: said, and gone as soon as the description is typed.
    await add.click();
    await error.getByText('Elige un producto del catálogo o describe la pieza.').waitFor();
    await form.getByLabel('Descripción de la pieza').fill('Gas refrigerante R-32');
    expect(await error.count()).toBe(0);
    await form.getByLabel('Descripción de la pieza').fill('');
    await form.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'keyboard-focus-parts-free-text');
  });

  it('the free-text part’s example is read whole at 1280 × 800, in Spanish and in English', async () => {
    const placeholderFits = (p: Page, label: string) =>
      p.evaluate(`(() => {
        const label = [...document.querySelectorAll('.item-form label')].find((l) => l.textContent === ${JSON.stringify(label)});
        const input = document.getElementById(label.htmlFor);
        const style = getComputedStyle(input);
        const context = document.createElement('canvas').getContext('2d');
        context.font = style.font;
        const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
        return { text: input.placeholder, fits: context.measureText(input.placeholder).width <= room };
      })()`);
    await page.getByRole('form', { name: 'Añadir pieza' }).getByLabel('Sin catálogo (texto libre)').check();
    expect(await placeholderFits(page, 'Descripción de la pieza')).toEqual({ text: 'Ej.: Gas refrigerante R-32', fits: true });

    const english = await app.openApp(await app.newContext({ locale: 'en-GB' }));
    await signIn(english);
    await goTo(english, `#/work-orders/${running.id}`);
    await english.getByRole('form', { name: 'Add part' }).getByLabel('Not in the catalog (free text)').check();
    expect(await placeholderFits(english, 'Part description')).toEqual({ text: 'E.g. R-32 refrigerant gas', fits: true });
    await english.locator('.item-form').scrollIntoViewIfNeeded();
    await saveScreenshot(english, 'keyboard-focus-parts-free-text-en');
    expect(uncaughtErrors(page)).toEqual([]);
  });
});
