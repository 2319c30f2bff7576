// Issue 17: a ticket with a long history opens on its latest events with "Ver anteriores" above them (keyboard and
// screen reader reachable); older events load in place; a note added here or in another window joins the timeline
// without losing the older events already shown.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TIMELINE_PAGE_SIZE } from '../../electron/contract/tickets';
import { goTo, saveScreenshot, seriousA11yViolations, signIn, startE2eApp, uncaughtErrors, type E2eApp } from './support';

let app: E2eApp;
let page: Page;
let ticketId = '';
/** More notes than one page: the created event and the first notes start out hidden. */
const NOTES = TIMELINE_PAGE_SIZE + 20;

beforeAll(async () => {
  app = await startE2eApp();
  const ticket = await app.admin.call('tickets.create', { title: 'Climatizador de la sala de servidores', description: 'Salta la alarma de temperatura cada noche.', priority: 'high' });
  ticketId = ticket.id;
  for (let i = 1; i <= NOTES; i++) await app.admin.call('tickets.addNote', { id: ticketId, content: `Revisión nocturna ${i}: temperatura estable, filtros limpios.` });
  page = await app.openApp();
  await signIn(page);
}, 120_000);

afterAll(async () => {
  await app?.close();
});

const events = () => page.locator('.ticket-detail .timeline-event');
const earlier = () => page.getByRole('button', { name: 'Ver los movimientos anteriores de la bitácora' });

describe('a ticket with a long bitácora', () => {
  it('opens on its latest events with "Ver anteriores" above them', async () => {
    await goTo(page, `#/tickets/${ticketId}`);
    await page.locator('.ticket-detail .timeline-note', { hasText: `Revisión nocturna ${NOTES}:` }).waitFor();
    await earlier().waitFor();
    expect(await earlier().textContent()).toBe('Ver anteriores');
    expect(await events().count()).toBe(TIMELINE_PAGE_SIZE);
    expect(await page.locator('.ticket-detail .timeline-created').count()).toBe(0);
    await page.locator('#ticket-timeline-title').evaluate((el) => (el as unknown as { scrollIntoView(): void }).scrollIntoView());
    expect(await seriousA11yViolations(page)).toEqual([]);
    await saveScreenshot(page, 'ticket-timeline-earlier');
  });

  it('Enter on "Ver anteriores" loads the older events in place, back to the creation; the keyboard stays in the timeline', async () => {
    await earlier().focus();
    await page.keyboard.press('Enter');
    await page.locator('.ticket-detail .timeline-created').waitFor();
    expect(await events().count()).toBe(NOTES + 1);
    expect(await earlier().count()).toBe(0);
    expect(await page.evaluate('document.activeElement?.className')).toBe('timeline');
    const contents = await page.locator('.ticket-detail .timeline-note .timeline-body').allTextContents();
    expect(contents[0]).toContain('Revisión nocturna 1:');
    expect(contents.at(-1)).toContain(`Revisión nocturna ${NOTES}:`);
  });

  it('a note added here joins at the end; the older events stay', async () => {
    const note = 'Cambiado el termostato: la alarma no ha vuelto a saltar.';
    await page.locator('textarea[name="composer-text"]').fill(note);
    await page.locator('.composer button[type="submit"]').click();
    await page.locator('.ticket-detail .timeline-note', { hasText: note }).waitFor();
    expect(await events().count()).toBe(NOTES + 2);
    expect(await events().last().textContent()).toContain(note);
    expect(await page.locator('.ticket-detail .timeline-created').count()).toBe(1);
  });

  it('a note from another window arrives live and the older events stay', async () => {
    const note = 'Nota desde el móvil del técnico: todo en orden.';
    await app.admin.call('tickets.addNote', { id: ticketId, content: note });
    await page.locator('.ticket-detail .timeline-note', { hasText: note }).waitFor();
    expect(await events().count()).toBe(NOTES + 3);
    expect(await page.locator('.ticket-detail .timeline-created').count()).toBe(1);
    expect(uncaughtErrors(page)).toEqual([]);
  });
});
