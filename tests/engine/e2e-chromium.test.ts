// Browser mode end to end over the engine worker, as `npm run serve` runs it: Chromium signs in, lists tickets, sees a
// ticket written by another session appear live (its event crossed the thread), and adds a note through the UI.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startEngineWorker, type EngineWorkerHost } from '../../electron/ipc/engine/worker-host';
import { newLaunchToken } from '../../electron/ipc/http/guards';
import { startBrowserServer, type BrowserServer } from '../../electron/ipc/http/server';
import { BrowserTab } from '../browser-mode/http-client';
import { distDir, goTo, launchBrowser, signIn, VIEWPORT } from '../e2e/support';
import { ADMIN } from '../support/backend';

let dataDir: string;
let engine: EngineWorkerHost;
let server: BrowserServer;
let browser: Browser;
let admin: BrowserTab;
const token = newLaunchToken();

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'emerald-engine-e2e-'));
  engine = await startEngineWorker({ dataDir });
  server = await startBrowserServer({ backend: engine, port: 0, token, staticDir: distDir });
  browser = await launchBrowser();
  admin = new BrowserTab(server.port, token);
  await admin.post('auth.setup', ADMIN);
  await admin.post('auth.login', { login: ADMIN.username, password: ADMIN.password });
  await admin.post('tickets.create', { title: 'La máquina de hielo no enfría' });
}, 60_000);

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await server?.close();
  await engine?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

it('signs in, lists tickets, shows another session’s new ticket live and adds a note, all through the worker', async () => {
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'es-ES', timezoneId: 'Europe/Madrid' });
  context.setDefaultTimeout(20_000);
  const page: Page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(server.url);
  await signIn(page);
  await goTo(page, '#/tickets');
  await page.locator('.ticket-row', { hasText: 'La máquina de hielo no enfría' }).waitFor();

  await admin.post('tickets.create', { title: 'Persiana del restaurante atascada' });
  await page.locator('.ticket-row', { hasText: 'Persiana del restaurante atascada' }).click();
  const note = 'Llamo al cliente: la persiana se queda a media altura.';
  await page.locator('textarea[name="composer-text"]').fill(note);
  await page.getByRole('button', { name: 'Añadir nota' }).click();
  await page.locator('.ticket-detail .timeline-note', { hasText: note }).waitFor();
  await page.screenshot({ path: path.join(tmpdir(), 'emerald-engine-worker-ticket.png') });
  expect(pageErrors).toEqual([]);
  await context.close();
}, 90_000);
