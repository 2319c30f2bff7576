// The signed-in person's own settings from the sidebar: change their password (keyboard only) and pick a theme.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Caller, goTo, saveScreenshot, seriousA11yViolations, signIn, startE2eApp, uncaughtErrors, type E2eApp } from './support';

let app: E2eApp;
let page: Page;
let agent: { id: string; username: string; password: string };
const dialog = () => page.locator('dialog[open]');

beforeAll(async () => {
  app = await startE2eApp();
  agent = await app.userWithRole('Agente', 'lucia', 'Lucía Ortega');
  page = await app.openApp();
  await signIn(page, agent.username, agent.password);
}, 30_000);

afterAll(async () => {
  await app?.close();
});

describe('change my password', () => {
  it('is reached from the sidebar with the keyboard and explains each refusal in Spanish', async () => {
    const opener = page.getByRole('button', { name: 'Cambiar mi contraseña' });
    await opener.focus();
    await page.keyboard.press('Enter');
    await dialog().getByLabel('Contraseña actual').waitFor();
    await expect.poll(() => page.evaluate("document.activeElement?.getAttribute('autocomplete')")).toBe('current-password');
    // The first field has the focus: type there straight away.
    await page.keyboard.type('no-es-la-mia-123');
    await dialog().getByLabel('Nueva contraseña', { exact: true }).fill('corta');
    await dialog().getByLabel('Repite la nueva contraseña').fill('corta');
    await page.keyboard.press('Enter');
    await dialog().getByText('Debe tener al menos 10 caracteres.').waitFor();

    await dialog().getByLabel('Nueva contraseña', { exact: true }).fill('naranjos-del-patio-7');
    await dialog().getByLabel('Repite la nueva contraseña').fill('naranjos-del-patio-8');
    await page.keyboard.press('Enter');
    await dialog().getByText('Las contraseñas no coinciden.').waitFor();

    await dialog().getByLabel('Repite la nueva contraseña').fill('naranjos-del-patio-7');
    await page.keyboard.press('Enter');
    await dialog().getByText(/La contraseña actual no es correcta/).waitFor();
    await saveScreenshot(page, 'account-change-password');
    expect(await seriousA11yViolations(page, 'dialog[open]')).toEqual([]);
    // The wrong guess counted toward the lockout.
    const row = app.backend.database.sqlite.prepare('select failed_logins as n from users where id = ?').get(agent.id) as { n: number };
    expect(row.n).toBe(1);

    await dialog().getByLabel('Contraseña actual').fill(agent.password);
    await page.keyboard.press('Enter');
    await dialog().waitFor({ state: 'detached' });
    await page.getByText('Contraseña cambiada. Las demás sesiones con tu cuenta se cerraron.').waitFor();
    // Still signed in here (a fresh session), and the new password is the one that works.
    await goTo(page, '#/tickets');
    await page.getByRole('heading', { name: 'Tickets' }).waitFor();
    await new Caller(app.backend).call('auth.login', { login: agent.username, password: 'naranjos-del-patio-7' });
    await expect(new Caller(app.backend).call('auth.login', { login: agent.username, password: agent.password })).rejects.toMatchObject({ shape: { code: 'UNAUTHENTICATED' } });
    expect(uncaughtErrors(page)).toEqual([]);
  });
});

describe('theme', () => {
  const theme = () => page.evaluate('document.documentElement.dataset.theme') as Promise<string>;
  const background = () => page.evaluate('getComputedStyle(document.body).backgroundColor') as Promise<string>;

  it('switches light/dark from the sidebar at once, without a reload, and keeps the choice on this machine', async () => {
    await goTo(page, '#/tickets');
    await page.evaluate('window.__sameDocument = true');
    expect(await theme()).toBe('light');
    const select = page.getByRole('combobox', { name: 'Tema' });
    await select.focus();
    await select.selectOption({ label: 'Tema oscuro' });
    expect(await theme()).toBe('dark');
    expect(await background()).toBe('rgb(17, 19, 21)');
    expect(await page.evaluate('window.__sameDocument')).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);

    // 'Tema del sistema' follows the OS, live.
    await select.selectOption({ label: 'Tema del sistema' });
    expect(await theme()).toBe('light');
    await page.emulateMedia({ colorScheme: 'dark' });
    // Polled with page.evaluate: waitForFunction compiles its string in the page, which the app's CSP (no eval) refuses.
    await expect.poll(theme).toBe('dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await expect.poll(theme).toBe('light');

    await select.selectOption({ label: 'Tema oscuro' });
    await page.reload();
    await page.locator('nav.sidebar').waitFor();
    expect(await theme()).toBe('dark');
    expect(await page.getByRole('combobox', { name: 'Tema' }).inputValue()).toBe('dark');
    await page.getByRole('combobox', { name: 'Tema' }).selectOption('light');
    expect(await background()).toBe('rgb(247, 248, 249)');
    expect(uncaughtErrors(page)).toEqual([]);
  });
});

describe('in English', () => {
  it('says the same in the English UI', async () => {
    await page.evaluate("localStorage.setItem('emerald.language.user', 'en')");
    await page.reload();
    await page.getByRole('button', { name: 'Change my password' }).click();
    await dialog().getByLabel('Current password').fill('not-my-password-1');
    await dialog().getByLabel('New password', { exact: true }).fill('lemon-trees-in-the-yard-3');
    await dialog().getByLabel('Repeat the new password').fill('lemon-trees-in-the-yard-3');
    await page.keyboard.press('Enter');
    await dialog().getByText(/^The current password is not right\./).waitFor();
    await page.keyboard.press('Escape');
    await dialog().waitFor({ state: 'detached' });
    await page.getByRole('combobox', { name: 'Theme' }).waitFor();
    await page.evaluate("localStorage.removeItem('emerald.language.user')");
  });
});
