// Issue 18, a newcomer's trial (brief F2): the ticket PDF follows the UI language; Escape in a form field never closes
// the ticket nor loses the typing; the date box keeps the time and says what is wrong under the part at fault.
import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText } from '../reports/support';
import { goTo, signIn, startE2eApp, uncaughtErrors, type E2eApp } from './support';

let app: E2eApp;
let page: Page;
let ticketId = '';

beforeAll(async () => {
  app = await startE2eApp();
  const customer = await app.admin.call('customers.create', { name: 'Hotel Mirador del Guadalquivir' });
  ticketId = (await app.admin.call('tickets.create', { title: 'La cámara frigorífica hace ruido', description: 'Vibra el compresor.', customerId: customer.id })).id;
  page = await app.openApp();
  await signIn(page);
}, 60_000);

afterAll(async () => {
  await app?.close();
});

async function bytesOf(download: Download): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const hash = () => page.evaluate('window.location.hash') as Promise<string>;
const detail = () => page.locator(`.ticket-detail[data-ticket-id="${ticketId}"]`);
const focusedName = () => page.evaluate('document.activeElement?.getAttribute("name") ?? document.activeElement?.tagName') as Promise<string | null>;
/** Day-first text of a day `daysAgo` before today (UTC noon: no zone puts it in the future). */
const dayText = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toLocaleDateString('en-GB', { timeZone: 'UTC' });

describe('exports follow the UI language', () => {
  it('an English UI gets an English ticket PDF (the settings language stays Spanish)', async () => {
    await goTo(page, `#/tickets/${ticketId}`);
    await detail().waitFor();
    await page.locator('select[name="language"]').selectOption('en');
    const exportButton = page.getByRole('button', { name: 'Export PDF' });
    const [download] = await Promise.all([page.waitForEvent('download'), exportButton.click()]);
    const text = pdfText(await bytesOf(download));
    expect(text).toContain('Ticket report');
    expect(text).not.toContain('Informe de ticket');

    await page.locator('select[name="language"]').selectOption('es');
    const [spanish] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exportar PDF' }).click()]);
    expect(pdfText(await bytesOf(spanish))).toContain('Informe de ticket');
  });
});

describe('Escape inside an inline form', () => {
  it('in the Valor field only leaves the field: the ticket stays open with the half-filled reading', async () => {
    await goTo(page, `#/tickets/${ticketId}`);
    await page.getByRole('button', { name: 'Apuntar lectura' }).click();
    const form = page.locator('form.telemetry-form');
    await form.locator('input[name="value"]').fill('231,5');
    await form.locator('input[name="value"]').press('Escape');
    expect(await hash()).toBe(`#/tickets/${ticketId}`);
    expect(await form.locator('input[name="value"]').inputValue()).toBe('231,5');
    expect(await focusedName()).not.toBe('value');

    // A second Escape, outside any field, would close the ticket: with unsaved typing it brings the form back instead.
    await page.keyboard.press('Escape');
    expect(await hash()).toBe(`#/tickets/${ticketId}`);
    expect(await form.locator('input[name="value"]').inputValue()).toBe('231,5');
    expect(await form.evaluate((el) => el.contains((el.ownerDocument as unknown as { activeElement: unknown }).activeElement as never))).toBe(true);

    // Once the form is cancelled, Escape closes the ticket as before.
    await form.getByRole('button', { name: 'Cancelar' }).click();
    await page.locator('body').focus();
    await page.keyboard.press('Escape');
    await detail().waitFor({ state: 'detached' });
    expect(await hash()).toBe('#/tickets');
  });

  it('a half-written note survives Escape too', async () => {
    await goTo(page, `#/tickets/${ticketId}`);
    const note = page.locator('textarea[name="composer-text"]');
    await note.fill('Llamar al cliente mañana');
    await note.press('Escape');
    await page.keyboard.press('Escape');
    expect(await hash()).toBe(`#/tickets/${ticketId}`);
    expect(await note.inputValue()).toBe('Llamar al cliente mañana');
    await note.fill('');
  });
});

describe('the date and time boxes', () => {
  it('typing the date keeps the pre-filled time, and the reading saves', async () => {
    await goTo(page, `#/tickets/${ticketId}`);
    const open = page.getByRole('button', { name: 'Apuntar lectura' });
    await open.click();
    const form = page.locator('form.telemetry-form');
    // The keyboard goes on in the form (a README-only trial found it left on the button), and comes back once saved.
    await expect.poll(() => form.locator('select[name="metric"]').evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    const date = form.locator('input[name="measuredAt"]');
    const time = form.locator('input.time-input');
    const prefilled = await time.inputValue();
    expect(prefilled).toMatch(/^\d{2}:\d{2}$/);
    await date.fill('');
    await date.pressSequentially(dayText(2));
    expect(await time.inputValue()).toBe(prefilled);
    await form.locator('input[name="value"]').fill('229');
    await form.locator('button[type="submit"]').click();
    await page.locator('.telemetry-chart[data-metric="voltage"]').waitFor();
    await expect.poll(() => open.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    const readings = await app.admin.call('telemetry.list', { ticketId });
    expect(JSON.stringify(readings)).toContain('229');
  });

  it('shorthand is shown as it was read once the box is left: 1000 is 10:00, 7-12-26 is 07/12/2026, 9 is 09:00', async () => {
    await page.getByRole('button', { name: 'Apuntar lectura' }).click();
    const form = page.locator('form.telemetry-form');
    const date = form.locator('input[name="measuredAt"]');
    const time = form.locator('input.time-input');
    await date.fill('7-12-26');
    await time.fill('1000');
    // Still as typed while the box has the focus: nothing rewrites under the cursor.
    expect(await time.inputValue()).toBe('1000');
    await time.press('Tab');
    expect(await time.inputValue()).toBe('10:00');
    expect(await date.inputValue()).toBe('07/12/2026');
    // A day and month alone take the page's year; an hour alone is on the hour.
    await date.fill('7/12');
    await time.fill('9');
    await time.press('Tab');
    expect(await time.inputValue()).toBe('09:00');
    expect(await date.inputValue()).toBe(`07/12/${await page.evaluate('new Date().getFullYear()')}`);
    // What no reading fits stays as typed, and its message shows as the box is left by the keyboard (not only on send).
    await time.fill('25:00');
    await time.press('Tab');
    expect(await time.inputValue()).toBe('25:00');
    await form.locator('.date-part-error-time', { hasText: 'Escribe la hora como hh:mm' }).waitFor();
    await date.fill('9');
    await date.press('Tab');
    await form.locator('.date-part-error-date').waitFor();
    await form.getByRole('button', { name: 'Cancelar' }).click();
    await form.waitFor({ state: 'detached' });

    // A fresh form left by the pointer going down on a button: the message waits for the press to end, and the click
    // (on a button the message would have pushed down) is not lost.
    await page.getByRole('button', { name: 'Apuntar lectura' }).click();
    await date.fill('31/11/2026');
    await form.getByRole('button', { name: 'Cancelar' }).click();
    await form.waitFor({ state: 'detached' });
  });

  it('says what is wrong under the part at fault, and nothing is saved meanwhile', async () => {
    await page.getByRole('button', { name: 'Apuntar lectura' }).click();
    const form = page.locator('form.telemetry-form');
    const date = form.locator('input[name="measuredAt"]');
    const time = form.locator('input.time-input');
    await form.locator('input[name="value"]').fill('1,5');
    await date.fill('31/11/2026');
    await form.locator('button[type="submit"]').click();
    await form.locator('.date-part-error-date', { hasText: 'Esa fecha no existe (dd/mm/aaaa).' }).waitFor();
    expect(await form.getByText('Valor no válido.').count()).toBe(0);
    expect(await form.getByText('Este campo es obligatorio.').count()).toBe(0);
    await expect.poll(focusedName).toBe('measuredAt');

    await date.fill(dayText(1));
    await form.locator('.date-part-error-date').waitFor({ state: 'detached' });
    await time.fill('');
    await form.locator('button[type="submit"]').click();
    await form.locator('.date-part-error-time', { hasText: 'Falta la hora (hh:mm).' }).waitFor();
    await time.fill('25:00');
    await form.locator('.date-part-error-time', { hasText: 'Escribe la hora como hh:mm' }).waitFor();
    expect(await form.getByText('Valor no válido.').count()).toBe(0);
    // The time box's message sits under the time box, not under the date.
    const timeBox = await time.boundingBox();
    const message = await form.locator('.date-part-error-time').boundingBox();
    expect(message!.y).toBeGreaterThan(timeBox!.y + timeBox!.height - 1);
    expect(Math.abs(message!.x + message!.width - (timeBox!.x + timeBox!.width))).toBeLessThan(2);

    await time.fill('09:15');
    await form.locator('button[type="submit"]').click();
    await form.waitFor({ state: 'detached' });
  });

  it('a reading refused when sent puts the focus on the field at fault, not on the button', async () => {
    await page.getByRole('button', { name: 'Apuntar lectura' }).click();
    const form = page.locator('form.telemetry-form');
    const send = form.locator('button[type="submit"]');
    // No value: the value box.
    await send.click();
    await form.locator('.field-error').first().waitFor();
    await expect.poll(focusedName).toBe('value');
    // A value and a day still to come: the date box, whose message says why.
    await form.locator('input[name="value"]').fill('230');
    await form.locator('input[name="measuredAt"]').fill(dayText(-2));
    await send.focus();
    await page.keyboard.press('Enter');
    await form.locator('.field-invalid input[name="measuredAt"]').waitFor();
    await expect.poll(focusedName).toBe('measuredAt');
    await form.getByRole('button', { name: 'Cancelar' }).click();
  });

  it('"Solicitar visita" with a date and no time is held back with the time message, not sent without a date', async () => {
    await page.getByRole('button', { name: 'Solicitar visita' }).click();
    const dialog = page.locator('dialog[open]');
    await dialog.locator('input[name="scheduledDate"]').fill(dayText(-3));
    // Leaving the date for the time box still to fill says nothing of the time yet.
    await dialog.locator('input[name="scheduledDate"]').press('Tab');
    expect(await dialog.locator('.date-part-error').count()).toBe(0);
    await dialog.locator('button[type="submit"]').click();
    await dialog.locator('.date-part-error-time', { hasText: 'Falta la hora (hh:mm).' }).waitFor();
    expect((await app.admin.call('tickets.get', { id: ticketId })).workOrders).toHaveLength(0);
    await dialog.locator('input.time-input').fill('10:00');
    await dialog.locator('button[type="submit"]').click();
    await dialog.waitFor({ state: 'detached' });
    expect(uncaughtErrors(page)).toEqual([]);
  });
});
