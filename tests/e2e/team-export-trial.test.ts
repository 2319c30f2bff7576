// Sync trial finding 1, Administración → Equipo → Exportar cambios on the office: a laptop synced over the LAN (here:
// its own file imported, so the office knows it holds everything) was preselected, and the defaults gave "Exportados 0
// cambios" with a file anyway, for the laptop that goes by USB. Now "cualquier miembro" is the default (the file cannot
// miss anything); an export that would carry nothing says so instead of downloading, with the file one click away (an
// acknowledgement); a file for a member says whom it is for, in the screen's language.
import { readFileSync } from 'node:fs';
import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goTo, saveScreenshot, seriousA11yViolations, signIn, startE2eApp, uncaughtErrors, type E2eApp } from './support';
import { exportThrough, importThrough, joinedLaptop, meetOffice, type TeamLaptop } from './team-laptop';

let app: E2eApp;
let page: Page;
let ana: TeamLaptop | undefined;
let tomas: TeamLaptop | undefined;
let newTicketId = '';
const downloads: Download[] = [];

const exchange = () => page.getByRole('region', { name: 'Intercambio por archivo' });
const resultLine = () => page.locator('.team-result');
const memberPicker = () => exchange().getByLabel('Miembro que recibirá el archivo');

beforeAll(async () => {
  app = await startE2eApp();
  await app.admin.call('tickets.create', { title: 'Revisión anual de la caldera' });
  await app.admin.call('team.create', { name: 'Servicios Norte', deviceName: 'Oficina' });
  // Ana's laptop goes by USB: it met the office once, when it joined.
  ana = await joinedLaptop(app, 'Portátil de Ana');
  meetOffice(app, ana);
  // A change Ana's laptop has not seen yet.
  newTicketId = (await app.admin.call('tickets.create', { title: 'URGENTE - Caldera sin presión (planta 2)' })).id;
  // Tomás's laptop holds everything the office has, and the office knows it: Tomás's own file came back to it.
  tomas = await joinedLaptop(app, 'Portátil de Tomás');
  const office = await app.admin.call('team.status', {});
  await importThrough(app.admin, await exportThrough(tomas.admin, { to: office.device.id }));
  page = await app.openApp();
  page.on('download', (download) => downloads.push(download));
  await signIn(page);
}, 90_000);

afterAll(async () => {
  ana?.close();
  tomas?.close();
  await app?.close();
});

describe('exporting changes on the office', () => {
  it('starts from "cualquier miembro": with the defaults, the file carries what the USB laptop lacks', async () => {
    await goTo(page, '#/admin/team');
    await memberPicker().waitFor();
    expect(await exchange().getByRole('radio', { name: /Lo que le falta a/ }).isChecked()).toBe(true);
    expect(await memberPicker().inputValue()).toBe('');
    expect(await memberPicker().locator('option:checked').textContent()).toBe('cualquier miembro');

    const download = page.waitForEvent('download');
    await exchange().getByRole('button', { name: 'Exportar', exact: true }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^emerald-cambios-[0-9a-f]{16}-\d{14}\.emsync$/);
    await resultLine().getByText(/^Exportados \d+ cambios a emerald-cambios-/).waitFor();
    expect(Number(/Exportados (\d+)/.exec((await resultLine().textContent()) ?? '')?.[1])).toBeGreaterThan(0);
    await importThrough(ana!.admin, readFileSync(await file.path()));
    expect((await ana!.admin.call('tickets.get', { id: newTicketId })).title).toBe('URGENTE - Caldera sin presión (planta 2)');
  });

  it('for a member that already has everything, says so instead of downloading an empty file; asked, it hands the file over', async () => {
    const before = downloads.length;
    await memberPicker().selectOption({ label: 'Portátil de Tomás' });
    await exchange().getByRole('button', { name: 'Exportar', exact: true }).click();
    await resultLine().getByText(/^Portátil de Tomás ya tiene todos los cambios de este ordenador: no hay nada que llevarle, así que no se ha descargado ningún archivo\./).waitFor();
    await resultLine().getByText(/^Un archivo sin cambios solo serviría de acuse/).waitFor();
    expect(downloads.length).toBe(before);
    expect(await seriousA11yViolations(page, '.team-exchange')).toEqual([]);
    await page.locator('.toast').first().waitFor({ state: 'detached' });
    await resultLine().scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'team-export-nothing-for-member');

    const download = page.waitForEvent('download');
    await resultLine().getByRole('button', { name: 'Descargar igualmente el archivo sin cambios' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^emerald-cambios-para-portatil-de-tomas-\d{14}\.emsync$/);
    await resultLine().getByText(/^Exportados 0 cambios a emerald-cambios-para-portatil-de-tomas-\d{14}\.emsync\.$/).waitFor();
  });

  it('names the file for the member chosen, in the language of the screen', async () => {
    await memberPicker().selectOption({ label: 'Portátil de Ana' });
    const download = page.waitForEvent('download');
    await exchange().getByRole('button', { name: 'Exportar', exact: true }).click();
    expect((await download).suggestedFilename()).toMatch(/^emerald-cambios-para-portatil-de-ana-\d{14}\.emsync$/);
    await resultLine().getByText(/^Exportados \d+ cambios? a emerald-cambios-para-portatil-de-ana-/).waitFor();

    const english = await app.openApp(await app.newContext({ locale: 'en-GB' }));
    await signIn(english);
    await goTo(english, '#/admin/team');
    const exportForm = english.getByRole('region', { name: 'Exchange by file' });
    await exportForm.getByLabel('Member who will receive the file').selectOption({ label: 'Portátil de Ana' });
    const englishDownload = english.waitForEvent('download');
    await exportForm.getByRole('button', { name: 'Export', exact: true }).click();
    expect((await englishDownload).suggestedFilename()).toMatch(/^emerald-changes-for-portatil-de-ana-\d{14}\.emsync$/);
    await exportForm.getByRole('button', { name: 'Export', exact: true }).waitFor();
    await exportForm.getByLabel('Member who will receive the file').selectOption({ label: 'Portátil de Tomás' });
    await exportForm.getByRole('button', { name: 'Export', exact: true }).click();
    await english.locator('.team-result').getByText(/^Portátil de Tomás already has every change on this computer/).waitFor();
    expect(uncaughtErrors(page)).toEqual([]);
    expect(uncaughtErrors(english)).toEqual([]);
  });
});
