// Administración → Equipo → Invitaciones sin usar: an invitation made from the screen shows at once (for whom, slot, who
// made it, until when), an expired one is marked, and "Anular" calls one off after a question that says what happens to
// a computer that already used the file and to one a member already accepted; the row goes, the card with the last one,
// and the focus moves to the next row's Anular (with the last one, to the Miembros heading).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goTo, seriousA11yViolations, signIn, startE2eApp, uncaughtErrors, type E2eApp } from './support';

let app: E2eApp;
let page: Page;

const dialog = () => page.locator('dialog[open]');
const card = () => page.getByRole('region', { name: 'Invitaciones sin usar' });

beforeAll(async () => {
  app = await startE2eApp();
  await app.admin.call('team.create', { name: 'Climatizaciones del Sur', deviceName: 'Oficina Sevilla' });
  // Made two days ago, good for one: expired, and nobody used it.
  await app.asAdminAt(new Date(Date.now() - 2 * 86_400_000), (admin) => admin.call('team.invite', { validHours: 24 }));
  page = await app.openApp();
  await signIn(page);
}, 60_000);

afterAll(async () => {
  await app?.close();
});

describe('unused invitations on the Equipo screen', () => {
  it('lists an invitation made from the screen and the expired one, marked', async () => {
    await goTo(page, '#/admin/team');
    await card().waitFor();
    await page.getByRole('button', { name: 'Invitar a un miembro' }).click();
    await dialog().getByLabel('Para quién es').fill('Portátil de Tomás');
    const download = page.waitForEvent('download');
    await dialog().getByRole('button', { name: 'Crear invitación' }).click();
    await download;
    await dialog().getByRole('button', { name: 'Entendido' }).click();

    const tomas = card().getByRole('row', { name: /Portátil de Tomás/ });
    await tomas.waitFor();
    expect(await tomas.getByRole('cell').allTextContents()).toEqual([
      'Portátil de Tomás',
      '03',
      expect.stringMatching(/^Ana Administradora/),
      expect.stringMatching(/^Hasta el \d{1,2} \S+ \d{4}, \d{1,2}:\d{2}$/),
      'Anular',
    ]);
    const expired = card().getByRole('row', { name: /sin nombre/ });
    expect(await expired.getByRole('cell').nth(1).textContent()).toBe('02');
    await expired.getByText(/^Caducó el \d{1,2} \S+ \d{4}, \d{1,2}:\d{2}$/).waitFor();
    // Newest first; neither is a member.
    expect(await card().getByRole('row').count()).toBe(3);
    expect(await page.getByRole('region', { name: 'Miembros' }).getByRole('row').count()).toBe(2);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('cancels one after saying what happens to a computer that used it; the row goes, then the card', async () => {
    await card().getByRole('button', { name: 'Anular la invitación nº 03 (Portátil de Tomás)' }).click();
    await dialog().getByRole('heading', { name: 'Anular la invitación nº 03 (Portátil de Tomás)' }).waitFor();
    const question = (await dialog().textContent()) ?? '';
    expect(question).toContain('Quien tenga el archivo de esta invitación ya no podrá entrar en el equipo.');
    expect(question).toContain('Un ordenador que ya se haya unido con él será rechazado');
    expect(question).toContain('Si un miembro ya lo había aceptado antes de recibirla, sigue en el equipo: para sacarlo, revócalo en Miembros.');
    await dialog().getByRole('button', { name: 'Anular invitación' }).click();
    await page.locator('.toast').getByText('Invitación nº 03 (Portátil de Tomás) anulada').waitFor();
    await card().getByRole('row', { name: /Portátil de Tomás/ }).waitFor({ state: 'detached' });
    // The focus moves to the next row's Anular, not to the top of the page with the button that had it.
    await expect.poll(() => page.evaluate('document.activeElement && document.activeElement.getAttribute("aria-label")')).toBe('Anular la invitación nº 02 (sin nombre)');
    expect((await app.admin.call('team.status', {})).invitations.map((i) => i.memberName)).toEqual([null]);

    await card().getByRole('button', { name: 'Anular la invitación nº 02 (sin nombre)' }).click();
    await dialog().getByRole('button', { name: 'Anular invitación' }).click();
    await card().waitFor({ state: 'detached' });
    // With the last one, to the Miembros heading (where the question said to revoke one already accepted).
    await expect.poll(() => page.evaluate('document.activeElement && document.activeElement.id')).toBe('team-members-title');
    expect((await app.admin.call('team.status', {})).invitations).toEqual([]);
    expect(uncaughtErrors(page)).toEqual([]);
  });
});
