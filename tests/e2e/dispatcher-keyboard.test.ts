// A dispatcher who cannot use a mouse (a README-only trial, 2026-12-05): an arrow on a ticket's Estado list must not
// save a status at each press, the focus must not fall to <body> after closing a ticket, leaving the search box or
// choosing a screen in the sidebar, and Escape in a dialog must not throw typed words away without asking.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goTo, signIn, startE2eApp, uncaughtErrors, type E2eApp } from './support';

let app: E2eApp;
let page: Page;
let ticketId: string;
let workOrderId: string;
/** The ticket of the three queued visits. */
let termoId: string;
/** A visit booked for yesterday and never started: on Atrasadas. */
let missedCode: string;
/** Its ticket. */
let lateTicketId: string;
let lateTicketCode: string;

beforeAll(async () => {
  app = await startE2eApp();
  const customer = await app.admin.call('customers.create', { name: 'Farmacia Triana', town: 'Sevilla' });
  const ticket = await app.admin.call('tickets.create', { title: 'Aire acondicionado no enfría', description: 'Echa aire caliente.', customerId: customer.id });
  ticketId = ticket.id;
  const termo = await app.admin.call('tickets.create', { title: 'Termo eléctrico no calienta' });
  termoId = termo.id;
  // Three visits waiting in the board's queue.
  for (const otType of ['repair', 'diagnosis', 'maintenance'] as const) workOrderId = (await app.admin.call('workOrders.requestVisit', { ticketId: termo.id, otType })).id;
  // Booked yesterday for an hour later (the clock moved back for the booking), never started.
  const adminId = (await app.admin.call('auth.me', {})).user.id;
  const late = await app.admin.call('tickets.create', { title: 'Caldera sin presión', customerId: customer.id });
  lateTicketId = late.id;
  lateTicketCode = late.code;
  missedCode = await app.asAdminAt(new Date(Date.now() - 26 * 3_600_000), async (admin) => {
    const requested = await admin.call('workOrders.requestVisit', { ticketId: late.id, otType: 'repair' });
    const booked = await admin.call('workOrders.schedule', { id: requested.id, version: requested.version, scheduledDate: new Date(Date.now() - 25 * 3_600_000).toISOString(), technicianId: adminId });
    return booked.code;
  });
  page = await app.openApp();
  await signIn(page);
}, 120_000);

afterAll(async () => {
  await app?.close();
});

/** The focused element: its tag, name attribute and class, or BODY when nothing has the focus. */
function focused(): Promise<string> {
  return page.evaluate(`(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return 'BODY';
    return [el.tagName, el.getAttribute('name') ?? '', el.id, el.className].join(' ').trim();
  })()`) as Promise<string>;
}

const statusNow = async () => (await app.admin.call('tickets.get', { id: ticketId })).status;

describe('a dispatcher by keyboard', () => {
  it('an arrow on the Estado list only shows the next choice: Escape or Tab puts the current one back, Enter saves it', async () => {
    await goTo(page, `#/tickets/${ticketId}`);
    const status = page.locator('.ticket-detail select[name="status"]');
    await status.focus();
    await page.keyboard.press('ArrowDown');
    // Shown, marked as not saved, and nothing saved: the ticket is still open.
    await expect.poll(() => status.inputValue()).toBe('in_progress');
    expect(await status.getAttribute('class')).toContain('is-pending');
    expect(await statusNow()).toBe('open');
    await page.keyboard.press('Escape');
    await expect.poll(() => status.inputValue()).toBe('open');
    await expect.poll(focused).toContain('SELECT status');
    // Tab away with a choice shown: nothing saved either.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Tab');
    await expect.poll(() => status.inputValue()).toBe('open');
    expect(await statusNow()).toBe('open');

    await status.focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(statusNow).toBe('in_progress');
    await page.locator('.ticket-detail .badge-status-in_progress').waitFor();
    await expect.poll(focused).toContain('SELECT status');
  });

  it('Escape in the note box goes to the ticket’s title; n on the list opens a new ticket (a browser keeps Ctrl+N)', async () => {
    const composer = page.locator('.ticket-detail textarea[name="composer-text"]');
    await composer.focus();
    await page.keyboard.press('Escape');
    await expect.poll(focused).toContain('ticket-detail-title');

    await page.locator('.tickets-list-pane .ticket-list').focus();
    await page.keyboard.press('n');
    const dialog = page.locator('dialog[open]');
    await dialog.waitFor();
    await expect.poll(focused).toContain('INPUT title');
    // Nothing typed: Escape closes it without asking.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    // Typed and discarded: the form, kept between openings, opens again empty and without the question.
    await page.locator('.tickets-list-pane .ticket-list').focus();
    await page.keyboard.press('n');
    await dialog.first().waitFor();
    await page.keyboard.type('Borrador que se descarta');
    await page.keyboard.press('Escape');
    const ask = page.locator('dialog[open][aria-label="¿Descartar lo escrito?"]');
    await ask.getByRole('button', { name: 'Descartar' }).click();
    await expect.poll(() => page.locator('dialog[open]').count()).toBe(0);
    await page.locator('.tickets-list-pane .ticket-list').focus();
    await page.keyboard.press('n');
    await dialog.first().waitFor();
    expect(await ask.count()).toBe(0);
    expect(await page.locator('dialog[open] input[name="title"]').inputValue()).toBe('');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('dialog[open]').count()).toBe(0);

    // Created: the new ticket opens with its title focused, as one opened from the list.
    await page.locator('.tickets-list-pane .ticket-list').focus();
    await page.keyboard.press('n');
    await dialog.waitFor();
    await page.keyboard.type('Fuga en el baño de la planta 2');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await page.locator('.ticket-detail h2', { hasText: 'Fuga en el baño de la planta 2' }).waitFor();
    await expect.poll(focused).toContain('ticket-detail-title');
    await goTo(page, `#/tickets/${ticketId}`);
    await page.locator('.ticket-detail h2', { hasText: 'Aire acondicionado no enfría' }).waitFor();
  });

  it('Escape in the close dialog asks before throwing the resolution away; once closed, the title has the focus', async () => {
    await page.locator('.ticket-actions').getByRole('button', { name: 'Cerrar ticket' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.locator('dialog[open]').first();
    const resolution = dialog.locator('textarea').first();
    await resolution.waitFor();
    await resolution.focus();
    await page.keyboard.type('Se limpió el filtro y se recargó el gas.');
    await page.keyboard.press('Escape');
    const ask = page.locator('dialog[open][aria-label="¿Descartar lo escrito?"]');
    await ask.waitFor();
    // Escape again answers "keep writing": the words are still there, and the cursor with them.
    await page.keyboard.press('Escape');
    await ask.waitFor({ state: 'detached' });
    expect(await resolution.inputValue()).toBe('Se limpió el filtro y se recargó el gas.');
    await expect.poll(focused).toContain('TEXTAREA');
    await dialog.locator('.modal-footer').getByRole('button', { name: 'Cerrar ticket' }).click();
    await page.locator('.ticket-detail .badge-status-closed').waitFor();
    // The Cerrar ticket button is gone with the open ticket: the focus goes to its title, not to <body>.
    await expect.poll(focused).toContain('H2');
    await expect.poll(focused).toContain('ticket-detail-title');
  });

  it('Tab goes round inside a dialog: from its last button to its first control, Shift+Tab back', async () => {
    await page.locator('.ticket-actions').getByRole('button', { name: 'Reabrir' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.locator('dialog[open]');
    const isFocused = (locator: ReturnType<typeof dialog.locator>) => locator.evaluate((el) => el === el.ownerDocument.activeElement);
    const last = dialog.locator('.modal-footer button').last();
    const close = dialog.locator('.modal-header button');
    await last.focus();
    await page.keyboard.press('Tab');
    await expect.poll(() => isFocused(close)).toBe(true);
    await page.keyboard.press('Shift+Tab');
    await expect.poll(() => isFocused(last)).toBe(true);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('Escape in a dialog with nothing typed closes it at once', async () => {
    await page.locator('.ticket-actions').getByRole('button', { name: 'Reabrir' }).focus();
    await page.keyboard.press('Enter');
    await page.locator('dialog[open]').waitFor();
    await page.keyboard.press('Escape');
    await page.locator('dialog[open]').waitFor({ state: 'detached' });
    await expect.poll(focused).toContain('BUTTON');
  });

  it('↓ in the search box goes on to the rows found; Escape with nothing found keeps the box', async () => {
    await goTo(page, '#/tickets');
    const search = page.locator('.ticket-search input[type="search"]');
    await search.focus();
    await page.keyboard.type('Termo');
    await page.locator('.ticket-list [role="option"]', { hasText: 'Termo eléctrico' }).waitFor();
    await expect.poll(() => page.locator('.ticket-list [role="option"]').count()).toBe(1);
    await page.keyboard.press('ArrowDown');
    await expect.poll(focused).toContain('ticket-list');
    // Enter in the box on a search that found one ticket opens it, its title taking the focus (a README-only trial
    // expected it; Enter with the search not run yet runs it).
    await search.focus();
    await page.keyboard.press('Enter');
    await expect.poll(focused).toContain('ticket-detail-title');
    expect(await page.locator('#ticket-detail-title').textContent()).toContain('Termo eléctrico');
    await goTo(page, '#/tickets');

    await search.focus();
    await search.fill('zzzz-ninguno');
    await page.locator('.tickets-list-pane .empty').waitFor();
    await page.keyboard.press('Escape');
    expect(await search.inputValue()).toBe('');
    await expect.poll(focused).toContain('INPUT');
  });

  it('↑/↓, Home and End walk the board’s queue, which Tab took one visit at a time', async () => {
    await goTo(page, '#/dispatch');
    const items = page.locator('.board-queue .board-queue-item');
    await expect.poll(() => items.count()).toBe(3);
    const focusedVisit = () => page.evaluate(`document.activeElement?.getAttribute('data-work-order') ?? null`);
    const ids = await items.evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-work-order')));
    await items.first().focus();
    await page.keyboard.press('ArrowDown');
    expect(await focusedVisit()).toBe(ids[1]);
    await page.keyboard.press('End');
    expect(await focusedVisit()).toBe(ids[2]);
    await page.keyboard.press('ArrowDown');
    expect(await focusedVisit()).toBe(ids[2]);
    await page.keyboard.press('Home');
    expect(await focusedVisit()).toBe(ids[0]);
  });

  it('a screen chosen in the sidebar takes the focus, so Tab goes on inside it', async () => {
    await page.locator('nav.sidebar a.nav-link', { hasText: 'Agenda' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(focused).toContain('MAIN');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(`document.activeElement?.closest('main') !== null`)).toBe(true);
  });

  it('a missed visit rescheduled from Atrasadas leaves the list, and the focus on its tab, not on <body>', async () => {
    await goTo(page, '#/work-orders');
    await page.getByRole('tab', { name: /Atrasadas/ }).click();
    // The row's ticket code is a link to the ticket, as in the other lists (it was plain text).
    const row = page.locator('.overdue-row', { hasText: missedCode });
    expect(await row.getByRole('link', { name: lateTicketCode }).getAttribute('href')).toBe(`#/tickets/${lateTicketId}`);
    const button = page.getByRole('button', { name: `Reprogramar ${missedCode}` });
    await button.focus();
    await page.keyboard.press('Enter');
    const dialog = page.locator('dialog[open]');
    await dialog.waitFor();
    const tomorrow = new Date(Date.now() + 24 * 3_600_000);
    const day = `${String(tomorrow.getDate()).padStart(2, '0')}/${String(tomorrow.getMonth() + 1).padStart(2, '0')}/${tomorrow.getFullYear()}`;
    // The dialog opens on the old date: typing replaces it; in the time box, focused, typing replaces that too.
    await expect.poll(focused).toContain('INPUT');
    await page.keyboard.type(day);
    expect(await dialog.getByLabel('Fecha y hora').inputValue()).toBe(day);
    await dialog.getByLabel('Hora', { exact: true }).focus();
    await page.keyboard.type('10:30');
    expect(await dialog.getByLabel('Hora', { exact: true }).inputValue()).toBe('10:30');
    await dialog.getByRole('button', { name: 'Reprogramar' }).click();
    await dialog.waitFor({ state: 'detached' });
    await button.waitFor({ state: 'detached' });
    await expect.poll(() => page.evaluate(`document.activeElement?.getAttribute('role') ?? document.activeElement?.tagName`)).toBe('tab');
  });

  it('leaving an OT by its ← puts the focus back on that OT’s row, where the list was left', async () => {
    await goTo(page, '#/work-orders');
    await page.getByRole('tab', { name: /Por planificar/ }).click();
    const row = `.ot-table a[href="#/work-orders/${workOrderId}"]`;
    await page.locator(row).focus();
    await page.keyboard.press('Enter');
    const back = page.getByRole('link', { name: 'Volver a las órdenes de trabajo' });
    await back.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('tab', { name: /Por planificar/ }).waitFor();
    await expect.poll(() => page.evaluate(`document.activeElement === document.querySelector(${JSON.stringify(row)})`)).toBe(true);
    // Coming back by the sidebar is choosing the screen anew: the screen takes the focus, not a row.
    await goTo(page, `#/work-orders/${workOrderId}`);
    await back.waitFor();
    await page.locator('.sidebar .nav-link', { hasText: 'Órdenes de trabajo' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(focused).toContain('MAIN');
    expect(uncaughtErrors(page)).toEqual([]);
  });

  it('an OT opened from its ticket goes back to the ticket by its ←, the focus on that OT’s line there', async () => {
    await goTo(page, `#/tickets/${termoId}`);
    const otLink = `.ticket-work-order[data-work-order-id="${workOrderId}"] a`;
    await page.locator(otLink).focus();
    await page.keyboard.press('Enter');
    const back = page.getByRole('link', { name: 'Volver al ticket' });
    await back.focus();
    await page.keyboard.press('Enter');
    await page.locator('.ticket-detail').waitFor();
    expect(page.url()).toContain(`#/tickets/${termoId}`);
    await expect.poll(() => page.evaluate(`document.activeElement === document.querySelector(${JSON.stringify(otLink)})`)).toBe(true);
    // The browser's forward and back again: the same entry, the same way back.
    await page.goForward();
    await back.waitFor();
    await page.goBack();
    await expect.poll(() => page.url()).toContain(`#/tickets/${termoId}`);
    // An OT opened straight onto (a reload) has nowhere of ours to go back to: its ← goes to the list.
    // Reloaded once the app has taken the hash change in (a reload before it would reload an unstamped entry).
    await goTo(page, `#/work-orders/${workOrderId}`);
    await back.waitFor();
    await page.reload();
    await back.waitFor();
    await page.evaluate('history.replaceState({ enteredFrom: "" }, "")');
    await page.reload();
    const toList = page.getByRole('link', { name: 'Volver a las órdenes de trabajo' });
    await toList.click();
    await page.getByRole('tab', { name: /Por planificar/ }).waitFor();
    expect(page.url()).toMatch(/#\/work-orders$/);
    expect(uncaughtErrors(page)).toEqual([]);
  });
});
