// Sync trial finding 3: a title conflict resolved by writing a new combined text. The Resueltos tab says "Se escribió
// un texto nuevo." and shows that text as the field's; "Después se volvió a cambiar; ahora dice: …" appears only once
// someone edits the title after the decision (it appeared at once: the new text is none of the two versions).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goTo, saveScreenshot, seriousA11yViolations, signIn, startE2eApp, uncaughtErrors, type Caller, type E2eApp } from './support';
import { joinedLaptop, meetOffice, type TeamLaptop } from './team-laptop';

let app: E2eApp;
let page: Page;
let laptop: TeamLaptop | undefined;
let ticketId = '';

const COMBINED = 'URGENTE - Caldera Clínica Norte: válvula de seguridad (planta 2)';

async function retitle(caller: Caller, title: string): Promise<void> {
  const ticket = await caller.call('tickets.get', { id: ticketId });
  await caller.call('tickets.update', { id: ticketId, version: ticket.version, title });
}

beforeAll(async () => {
  app = await startE2eApp();
  ticketId = (await app.admin.call('tickets.create', { title: 'Caldera sin presión (planta 2)' })).id;
  await app.admin.call('team.create', { name: 'Servicios Norte', deviceName: 'Oficina' });
  laptop = await joinedLaptop(app, 'Portátil de Ana');
  // Offline on both, from the same title: the office and the laptop each retitle the ticket; then they meet.
  await retitle(app.admin, 'URGENTE - Caldera sin presión (planta 2)');
  await retitle(laptop.admin, 'Caldera Clínica Norte: válvula de seguridad');
  meetOffice(app, laptop);
  page = await app.openApp();
  await signIn(page);
}, 60_000);

afterAll(async () => {
  laptop?.close();
  await app?.close();
});

describe('a conflict resolved with a text of one’s own', () => {
  it('the Resueltos tab shows the decision without "Después se volvió a cambiar"', async () => {
    await goTo(page, '#/conflicts');
    const open = page.getByRole('listbox', { name: 'Conflictos abiertos' });
    await open.getByRole('option', { name: /Edición a la vez/ }).click();
    await page.getByLabel('O escribe el texto definitivo (título)').fill(COMBINED);
    await page.getByLabel('Nota (opcional)').fill('Juntamos las dos versiones.');
    await page.getByRole('button', { name: 'Guardar este texto' }).click();
    await page.getByText('No hay conflictos pendientes. Todo cuadra.').waitFor();
    expect((await app.admin.call('tickets.get', { id: ticketId })).title).toBe(COMBINED);

    await page.getByRole('tab', { name: 'Resueltos' }).click();
    await page.getByRole('listbox', { name: 'Conflictos resueltos' }).getByRole('option', { name: /Edición a la vez/ }).click();
    const detail = page.locator('.conflict-detail');
    await detail.getByRole('note').getByText(`Se escribió un texto nuevo: «${COMBINED}».`).waitFor();
    await detail.getByRole('note').getByText('Nota: Juntamos las dos versiones.').waitFor();
    expect(await detail.getByText('Después se volvió a cambiar; ahora dice:').count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.locator('.toast').first().waitFor({ state: 'detached' });
    await saveScreenshot(page, 'conflict-resolved-own-text');
  });

  it('says it changed afterwards, with the text it holds now, once the title is edited after the decision', async () => {
    await retitle(app.admin, 'URGENTE - Caldera Clínica Norte: válvula cambiada');
    const detail = page.locator('.conflict-detail');
    // The inbox follows ticket events: the open page updates without reload.
    await detail.getByText('Después se volvió a cambiar; ahora dice:').waitFor();
    expect(await detail.locator('.conflict-now .conflict-value').textContent()).toBe('URGENTE - Caldera Clínica Norte: válvula cambiada');
    await detail.getByRole('note').getByText(`Se escribió un texto nuevo: «${COMBINED}».`).waitFor();
    await saveScreenshot(page, 'conflict-resolved-changed-since');
    expect(uncaughtErrors(page)).toEqual([]);
  });
});
