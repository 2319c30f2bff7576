// Screenshots of the ticket screens with realistic Spanish data (docs/screenshots), checked with axe in both themes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketDetail } from '../../electron/contract';
import { goTo, saveScreenshot, seriousA11yViolations, signIn, startE2eApp, uncaughtErrors, type E2eApp } from './support';
import { seedRichTicket, seedTickets } from './ticket-seed';

let app: E2eApp;
let rich: TicketDetail;

beforeAll(async () => {
  app = await startE2eApp();
  // Seeded with past dates before any page signs in (see asAdminAt).
  const seeded = await seedTickets(app);
  rich = await seedRichTicket(app, seeded);
});

afterAll(async () => {
  await app?.close();
});

describe('ticket screenshots', () => {
  it('tickets-list: about 30 tickets, one open', async () => {
    const page = await app.openApp();
    await signIn(page);
    await page.locator('[data-ticket-row]').nth(10).waitFor();
    const first = await page.locator('[data-ticket-row]').first().getAttribute('data-ticket-id');
    await goTo(page, `#/tickets/${first}`);
    await page.locator('.ticket-detail .timeline-created').waitFor();
    await page.locator('.tickets-list-pane [role="tab"] .count').first().waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await saveScreenshot(page, 'tickets-list');
    expect(uncaughtErrors(page)).toEqual([]);
  });

  it('ticket-detail: a rich bitácora and its work orders', async () => {
    const page = await app.openApp();
    await signIn(page);
    await goTo(page, `#/tickets/${rich.id}`);
    await page.locator('.ticket-detail .ticket-work-orders').waitFor();
    await page.locator('.ticket-detail .timeline-ot_completed').waitFor();
    // Show the work orders and the bitácora rather than the header alone.
    await page.locator('#ticket-work-orders-title').evaluate((el) => (el as unknown as { scrollIntoView(): void }).scrollIntoView());
    expect(await seriousA11yViolations(page)).toEqual([]);
    await saveScreenshot(page, 'ticket-detail');
    expect(uncaughtErrors(page)).toEqual([]);
  });

  it('tickets-list-dark: the same screen in the dark theme', async () => {
    const context = await app.newContext({ colorScheme: 'dark' });
    const page = await app.openApp(context);
    await signIn(page);
    await goTo(page, `#/tickets/${rich.id}`);
    await page.locator('.ticket-detail .timeline-ot_completed').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await saveScreenshot(page, 'tickets-list-dark');
  });
});
