// Item 15 of issue 18, a shared laptop: Ana opens a ticket and signs out; Tomás signs in on the same window and sees
// nothing of hers — checked right after his sign-in while the backend holds every answer for his screens, so what is
// on screen then can only be what the window kept from her session.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../electron/ipc/backend';
import { goTo, signIn, startE2eApp, uncaughtErrors, type E2eApp } from './support';

let app: E2eApp;
let page: Page;
let ticket: { id: string; code: string };
let ana: { username: string; password: string };
let tomas: { username: string; password: string };

const ANA_SECRET_NOTE = 'Código del portón: 4471, llave bajo la maceta';
const TICKET_TITLE = 'Caldera de la residencia sin presión';

/** Holds every call except signing in, so the test can look at the screen before the new session's data arrives. */
class AnswerGate {
  private static readonly PASS = new Set(['auth.status', 'auth.login', 'auth.logout', 'auth.me', 'settings.get']);
  readonly held: string[] = [];
  private open: () => void = () => undefined;
  private opened: Promise<void> | null = null;

  constructor(backend: Backend) {
    const dispatch = backend.dispatch.bind(backend);
    backend.dispatch = async (call, channel, input) => {
      if (this.opened && typeof channel === 'string' && !AnswerGate.PASS.has(channel)) {
        this.held.push(channel);
        await this.opened;
      }
      return dispatch(call, channel, input);
    };
  }

  close(): void {
    this.opened = new Promise((resolve) => (this.open = resolve));
  }

  release(): void {
    this.open();
    this.opened = null;
  }
}

let gate: AnswerGate;

beforeAll(async () => {
  app = await startE2eApp();
  gate = new AnswerGate(app.backend);
  ana = await app.userWithRole('Agente', 'aruiz', 'Ana Ruiz');
  tomas = await app.userWithRole('Técnico', 'tgil', 'Tomás Gil');
  const customer = await app.admin.call('customers.create', { name: 'Residencia Los Olivos' });
  ticket = await app.admin.call('tickets.create', { title: TICKET_TITLE, description: 'Baja a 0,4 bar cada noche.', customerId: customer.id });
  page = await app.openApp();
}, 60_000);

afterAll(async () => {
  gate?.release();
  await app?.close();
});

describe('a shared laptop', () => {
  it('the next person signed in on the same window sees nothing of the previous one', async () => {
    // Ana: opens the ticket and writes a note only she has seen on screen.
    await signIn(page, ana.username, ana.password);
    await goTo(page, `#/tickets/${ticket.id}`);
    await page.locator('.ticket-detail', { hasText: TICKET_TITLE }).waitFor();
    const detail = page.locator('.ticket-detail');
    await detail.locator('textarea[name="composer-text"]').fill(ANA_SECRET_NOTE);
    await detail.getByRole('button', { name: 'Añadir nota' }).click();
    await detail.locator('.timeline-note', { hasText: ANA_SECRET_NOTE }).waitFor();
    await page.getByRole('button', { name: 'Cerrar sesión' }).click();
    await page.locator('.auth-card form').waitFor();

    // Tomás signs in; his screens' answers are held back.
    gate.close();
    await signIn(page, tomas.username, tomas.password);
    await page.locator('nav.sidebar').waitFor();
    await expect.poll(() => gate.held.length, { timeout: 10_000 }).toBeGreaterThan(0);
    const onScreen = (await page.locator('body').innerText()) ?? '';
    for (const hers of [TICKET_TITLE, ticket.code, ANA_SECRET_NOTE, 'Residencia Los Olivos', 'Ana Ruiz']) expect(onScreen).not.toContain(hers);
    expect(await page.evaluate('window.location.hash')).not.toContain(ticket.id);
    expect(await page.locator('[data-ticket-row]').count()).toBe(0);
    expect(await page.locator('.ticket-detail').count()).toBe(0);

    // Once his answers arrive he sees his own screen (a technician lands on Mi día), still not her open ticket; the
    // ticket list he may read is his own fresh one.
    gate.release();
    await page.locator('.myday-empty').waitFor();
    expect(await page.evaluate('window.location.hash')).toBe('#/my-day');
    await goTo(page, '#/tickets');
    await page.locator('[data-ticket-row]', { hasText: TICKET_TITLE }).waitFor();
    expect(await page.locator('.ticket-detail').count()).toBe(0);
    expect(await page.locator('body').innerText()).not.toContain(ANA_SECRET_NOTE);
    expect(uncaughtErrors(page)).toEqual([]);
  });
});
