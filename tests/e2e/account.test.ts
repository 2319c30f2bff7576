// The signed-in person's own settings from the sidebar: change their password (keyboard only) and pick a theme.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Caller, goTo, saveScreenshot, signIn, startE2eApp, uncaughtErrors, type E2eApp } from './support';

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
    await page.waitForFunction("document.activeElement?.getAttribute('autocomplete') === 'current-password'");
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
