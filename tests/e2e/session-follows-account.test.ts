// A person's role changed while they are signed in (an administrator on another computer, or a team file bringing the
// team's account): the sidebar and what it offers follow without a reload. Before, the window kept the role it signed
// in with until the next sign-in (a newcomer's trial: "Administrador principal" shown after the team made her Técnico).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInLive, startE2eApp, uncaughtErrors, type E2eApp } from './support';

let app: E2eApp;
let page: Page;
let lucia: { id: string; username: string; password: string };

beforeAll(async () => {
  app = await startE2eApp();
  lucia = await app.userWithRole('Técnico', 'lmartin', 'Lucía Martín');
  page = await app.openApp();
  // The role changes elsewhere right after: the window must be listening by then.
  await signInLive(page, lucia.username, lucia.password);
}, 90_000);

afterAll(async () => {
  await app?.close();
});

describe('the signed-in person follows their account', () => {
  it('a technician made agent elsewhere loses "Mi día" and reads the new role, without a reload', async () => {
    const nav = page.locator('nav.sidebar');
    await nav.getByRole('link', { name: 'Mi día' }).waitFor();
    const agent = (await app.admin.call('roles.list', {})).find((role) => role.name === 'Agente');
    const user = (await app.admin.call('users.list', {})).find((u) => u.id === lucia.id);
    await app.admin.call('users.update', { id: lucia.id, version: user!.version, roleId: agent!.id });

    await nav.getByRole('link', { name: 'Mi día' }).waitFor({ state: 'detached' });
    await expect.poll(() => page.locator('.sidebar-user').textContent()).toContain('Agente');
    expect(await nav.getByRole('link', { name: 'Tickets' }).count()).toBe(1);
    // Said, not only done: a screen that now refuses them (a team file made an admin Técnico) is no mystery.
    await page.locator('.toast', { hasText: 'Tu cuenta ha cambiado: ahora eres Agente.' }).waitFor();
    expect(uncaughtErrors(page)).toEqual([]);
  });
});
