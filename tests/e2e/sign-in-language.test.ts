// The newcomer's trial: a laptop whose system is in English showed the sign-in, first-run and join screens in English
// with no way to change it before signing in (the interface language is kept per computer, never copied by the team).
// The sign-in card now has the sidebar's language selector; the choice stays on this computer after signing in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settingsVersions } from '../support/versions';
import { saveScreenshot, signIn, startE2eApp, uncaughtErrors, type E2eApp } from './support';

let app: E2eApp;

beforeAll(async () => {
  app = await startE2eApp();
}, 60_000);

afterAll(async () => {
  await app?.close();
});

describe('the language before signing in', () => {
  it('is chosen on the sign-in card, applies at once and is kept after signing in', async () => {
    const context = await app.newContext({ locale: 'en-GB' });
    const page = await app.openApp(context);
    const card = page.locator('.auth-card');
    const language = card.locator('select[name="language"]');
    await language.selectOption('en');
    await card.getByLabel('Email or username').waitFor();
    await language.selectOption('es');
    await card.getByLabel('Correo o usuario').waitFor();
    await card.getByRole('button', { name: 'Entrar' }).waitFor();
    expect(await page.evaluate('document.documentElement.lang')).toBe('es');
    await saveScreenshot(page, 'sign-in-language');

    await signIn(page);
    expect(await page.locator('nav.sidebar').textContent()).toContain('Administración');
    expect(await page.locator('nav.sidebar select[name="language"]').inputValue()).toBe('es');
    expect(uncaughtErrors(page)).toEqual([]);
  });

  // The second trial: once a language was picked there was no way back to this computer's default but clearing the
  // browser's storage ("Según el sistema" was a pick of its own).
  it('goes back to this computer\'s default with "Predeterminado"', async () => {
    await app.admin.call('settings.update', { versions: await settingsVersions(app.admin), language: 'en' });
    const page = await app.openApp();
    await signIn(page);
    const sidebarLanguage = page.locator('nav.sidebar select[name="language"]');
    await sidebarLanguage.selectOption('es');
    await page.getByRole('link', { name: 'Administración' }).waitFor();
    await sidebarLanguage.selectOption('default');
    await page.getByRole('link', { name: 'Administration' }).waitFor();
    expect(await page.evaluate('document.documentElement.lang')).toBe('en');
    // Kept after a reload: no language of its own on this computer any more.
    await page.reload();
    await page.getByRole('link', { name: 'Administration' }).waitFor();
    expect(await page.locator('nav.sidebar select[name="language"]').inputValue()).toBe('default');
    expect(uncaughtErrors(page)).toEqual([]);
  });
});
