// A ticket opened from elsewhere (an OT's ticket link, a customer page) is the list's selected row, also when the list
// kept from an earlier visit comes back in another order: the selection followed the old row's place, so Enter or j/k
// started from another ticket (found in the dispatcher's trial from the README).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goTo, signIn, startE2eApp, uncaughtErrors, type E2eApp } from './support';

let app: E2eApp;
let page: Page;
const made: { id: string; code: string; title: string }[] = [];

beforeAll(async () => {
  app = await startE2eApp();
  for (const title of ['Caldera sin presión', 'Puerta automática atascada', 'Aire acondicionado sin frío']) {
    made.push(await app.admin.call('tickets.create', { title }));
  }
  page = await app.openApp();
  await signIn(page);
}, 120_000);

afterAll(async () => {
  await app?.close();
});

const selectedCode = () => page.locator('[data-ticket-row][aria-selected="true"]').getAttribute('data-code');
const rowCodes = async () => {
  const rows = page.locator('[data-ticket-row]');
  const codes: (string | null)[] = [];
  for (let i = 0; i < (await rows.count()); i++) codes.push(await rows.nth(i).getAttribute('data-code'));
  return codes;
};

describe('the opened ticket in the list', () => {
  it('is the selected row after the list it kept comes back reordered', async () => {
    const [first, second, third] = made as [(typeof made)[number], (typeof made)[number], (typeof made)[number]];
    await goTo(page, '#/tickets');
    await page.locator(`[data-ticket-row][data-code="${first.code}"]`).waitFor();
    expect(await rowCodes()).toEqual([third.code, second.code, first.code]);

    // Away from the list, the oldest ticket gets a note (it goes to the top); more than a second later (the list's rows
    // are then read again on return), the middle ticket is opened by its address, as an OT's ticket link does.
    await goTo(page, '#/agenda');
    await page.locator('[data-ticket-row]').first().waitFor({ state: 'detached' });
    await app.admin.call('tickets.addNote', { id: first.id, content: 'El cliente llama de nuevo' });
    await page.waitForTimeout(1_200);
    await goTo(page, `#/tickets/${second.id}`);
    await page.locator(`.ticket-detail[data-ticket-id="${second.id}"]`).waitFor();
    await page.waitForFunction(`document.querySelector('[data-ticket-row]')?.getAttribute('data-code') === ${JSON.stringify(first.code)}`);

    expect(await rowCodes()).toEqual([first.code, third.code, second.code]);
    expect(await selectedCode()).toBe(second.code);
    // Enter opens the selected row: the ticket already open, not its neighbour.
    await page.locator('.ticket-list[role="listbox"]').focus();
    await page.keyboard.press('Enter');
    expect(await page.evaluate('window.location.hash')).toBe(`#/tickets/${second.id}`);
    expect(uncaughtErrors(page)).toEqual([]);
  });
});

describe('a note typed and not added yet', () => {
  it('is still in its ticket’s box after another ticket was opened, and only there', async () => {
    const [first, second] = made as [(typeof made)[number], (typeof made)[number]];
    const box = () => page.locator('form.composer textarea[name="composer-text"]');
    await goTo(page, `#/tickets/${first.id}`);
    await page.getByRole('heading', { name: first.title }).waitFor();
    await box().fill('Llamar al cliente a las 17:00 para confirmar la pieza');
    await goTo(page, `#/tickets/${second.id}`);
    await page.getByRole('heading', { name: second.title }).waitFor();
    // Another ticket's box is its own: the note cannot be added to the wrong ticket.
    expect(await box().inputValue()).toBe('');
    await goTo(page, `#/tickets/${first.id}`);
    await page.getByRole('heading', { name: first.title }).waitFor();
    await expect.poll(() => box().inputValue()).toBe('Llamar al cliente a las 17:00 para confirmar la pieza');
    // Added, it is gone from the box, here and on coming back.
    await page.locator('form.composer').getByRole('button', { name: 'Añadir nota' }).click();
    await page.locator('ol.timeline').getByText('Llamar al cliente a las 17:00 para confirmar la pieza').waitFor();
    expect(await box().inputValue()).toBe('');
    await goTo(page, `#/tickets/${second.id}`);
    await page.getByRole('heading', { name: second.title }).waitFor();
    await goTo(page, `#/tickets/${first.id}`);
    await page.getByRole('heading', { name: first.title }).waitFor();
    expect(await box().inputValue()).toBe('');
    expect(uncaughtErrors(page)).toEqual([]);
  });
});
