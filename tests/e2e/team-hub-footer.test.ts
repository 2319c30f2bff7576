// Sync trial finding 2: the sidebar's sync line follows the hub switch at once. The office ticks "Hacer de hub del
// equipo" and saves: the card says "Hub activo" and the sidebar "Hub del equipo activo", without a reload (it kept
// "Sin intercambios todavía" and the unsent count until one); switched off, the line goes back. Nobody else has joined
// this team, so the count reads "N cambios, esperando al primer miembro". A browser-mode process (`scripts/serve.ts`, as
// net-sync.test.ts starts them), since only a running app has a hub to switch.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN } from '../support/backend';
import { startServe, type ServeProcess } from './serve-process';
import { goTo, launchBrowser, saveScreenshot, signIn, VIEWPORT } from './support';

let browser: Browser;
let office: ServeProcess | undefined;
let page: Page;
const dataDir = mkdtempSync(path.join(tmpdir(), 'emerald-hub-footer-'));

const footer = () => page.locator('.sync-footer');

beforeAll(async () => {
  browser = await launchBrowser();
  office = await startServe({ dataDir });
  await office.call('auth.setup', { ...ADMIN, companyName: 'Servicios Norte' });
  await office.call('auth.login', { login: ADMIN.username, password: ADMIN.password });
  await office.call('team.create', { name: 'Servicios Norte', deviceName: 'Oficina' });
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'es-ES', timezoneId: 'Europe/Madrid', colorScheme: 'light' });
  context.setDefaultTimeout(20_000);
  page = await context.newPage();
  await page.goto(office.url);
  await page.waitForSelector('.auth-screen, .app');
  await signIn(page);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await office?.stop('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the sidebar follows the hub switch', () => {
  it('says "Hub del equipo activo" once the hub is saved on, and the unsent changes again once it is off, without reload', async () => {
    await goTo(page, '#/admin/team');
    const hub = page.getByRole('form', { name: 'Este ordenador como hub' });
    await hub.getByTestId('hub-status').getByText('Apagado: este ordenador no hace de hub.').waitFor();
    await footer().getByText(/^\d+ cambios?, esperando al primer miembro$/).waitFor();
    expect(await footer().textContent()).not.toContain('Hub del equipo activo');
    expect(await page.evaluate('window.__notReloaded = true')).toBe(true);

    await hub.getByRole('switch', { name: 'Hacer de hub del equipo' }).check();
    // Port 0: any free port on loopback, so concurrent runs never collide.
    await hub.getByLabel('Dirección y puerto').fill('127.0.0.1:0');
    // While the switch is on its way (held here until seen), the status says the hub is starting, not "Apagado".
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/team.hubSet', async (route) => {
      await held;
      await route.continue();
    });
    await hub.getByRole('button', { name: 'Guardar' }).click();
    await hub.getByTestId('hub-status').getByText('Encendiendo el hub…').waitFor();
    release();
    await hub.getByTestId('hub-status').getByText(/^Hub activo · /).waitFor();
    await page.unroute('**/api/team.hubSet');
    await footer().getByRole('status').getByText('Hub del equipo activo').waitFor();
    expect(await footer().textContent()).not.toMatch(/esperando al primer miembro/);
    await page.locator('.toast').first().waitFor({ state: 'detached' });
    await saveScreenshot(page, 'team-hub-footer-on');

    await hub.getByRole('switch', { name: 'Hacer de hub del equipo' }).uncheck();
    await hub.getByRole('button', { name: 'Guardar' }).click();
    await hub.getByTestId('hub-status').getByText('Apagado: este ordenador no hace de hub.').waitFor();
    await footer().getByText(/^\d+ cambios?, esperando al primer miembro$/).waitFor();
    expect(await footer().textContent()).not.toContain('Hub del equipo activo');
    expect(await page.evaluate('window.__notReloaded === true')).toBe(true);
  }, 90_000);
});
