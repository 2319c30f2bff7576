// Sync trial finding 1, Administración → Equipo → Exportar cambios on the office: a laptop synced over the LAN (here:
// its own file imported, so the office knows it holds everything) was preselected, and the defaults gave "Exportados 0
// cambios" with a file anyway, for the laptop that goes by USB. Now "cualquier miembro" is the default (the file cannot
// miss anything); an export that would carry nothing says so instead of downloading, with the file one click away (an
// acknowledgement); a file for a member says whom it is for, in the screen's language.
// Finding 4: at 1280×800 an import's result sat at the bottom edge ("No se pudo completar", its reason below the window).
// Each outcome now comes into view and lands in a live region that was on the page before it (status; alert for a
// refusal), for exports and imports, done and refused, with the finished job's heading ("Importación: No se pudo
// completar"), so what is read out says which job it was. One choice carries everything (no "Todo" beside "cualquier
// miembro": the same file), and an export held back as empty moves no last export until its file is asked for.
import { readFileSync } from 'node:fs';
import type { Download, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goTo, saveScreenshot, seriousA11yViolations, signIn, startE2eApp, uncaughtErrors, VIEWPORT, type E2eApp } from './support';
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
const saidDone = () => exchange().getByRole('status');
const saidRefused = () => exchange().getByRole('alert');

/** The hint under "Lo que le falta a", as the radio and the member picker are described by it. */
async function exportHint(): Promise<string | null> {
  const id = await memberPicker().getAttribute('aria-describedby');
  expect(await exchange().getByRole('radio', { name: /Lo que le falta a/ }).getAttribute('aria-describedby')).toBe(id);
  return exchange().locator(`[id="${id}"]`).textContent();
}

/** Wholly inside the window (the page does not scroll sideways), give or take a fraction of a pixel. */
async function inView(target: Locator): Promise<boolean> {
  const box = await target.boundingBox();
  return box !== null && box.y >= 0 && box.y + box.height <= VIEWPORT.height + 1;
}

/** Equipo opened afresh (from the top), with every card in place: the hub card arrives after the rest. */
async function openTeamPage(): Promise<void> {
  await goTo(page, '#/tickets');
  await goTo(page, '#/admin/team');
  await page.getByTestId('hub-status').waitFor();
  await memberPicker().waitFor();
}

/** The page scrolled as far as a person who just clicked `name` in the exchange card: the button at the window's bottom edge. */
async function scrolledTo(name: string): Promise<void> {
  // Page-side code as a string: this file is type-checked for Node, without the DOM library.
  await page.evaluate(
    `[...document.querySelectorAll('.team-exchange button')].find((b) => b.textContent.trim() === ${JSON.stringify(name)}).scrollIntoView({ block: 'end' })`,
  );
  expect(await inView(exchange().getByRole('button', { name, exact: true }))).toBe(true);
}

/** Imports `bundle` as a person does: the page scrolled to "Importar archivo…", then the file picked. */
async function importOnPage(bundle: Buffer): Promise<void> {
  await scrolledTo('Importar archivo…');
  await exchange().locator('input[type="file"]').setInputFiles({ name: 'cambios.emsync', mimeType: 'application/octet-stream', buffer: bundle });
}

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
    // One choice for everything this computer holds: "Todo" made the same file as "cualquier miembro". The hint says
    // what that file is, for the choice and the picker alike.
    expect(await exchange().getByRole('radio').count()).toBe(2);
    expect(await exchange().getByRole('radio', { name: /Instantánea para un miembro nuevo/ }).count()).toBe(1);
    expect(await exportHint()).toBe(
      'Lleva todos los cambios que tiene este ordenador, de todos los miembros: sirve para cualquiera (cada uno se salta lo que ya tenga), aunque pesa más.',
    );
    // The live regions where outcomes are said are on the page before the first one.
    expect([await saidDone().count(), await saidRefused().count()]).toEqual([1, 1]);
    expect([await saidDone().textContent(), await saidRefused().textContent()]).toEqual(['', '']);

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
    const lastExportAt = (await app.admin.call('team.status', {})).lastExportAt;
    expect(lastExportAt).not.toBeNull();
    await memberPicker().selectOption({ label: 'Portátil de Tomás' });
    expect(await exportHint()).toBe(
      'Lleva solo lo que, por lo que sabe este ordenador, le falta a Portátil de Tomás: un archivo más pequeño, que a otro miembro puede no bastarle.',
    );
    await exchange().getByRole('button', { name: 'Exportar', exact: true }).click();
    await resultLine().getByText(/^Portátil de Tomás ya tiene todos los cambios de este ordenador: no hay nada que llevarle, así que no se ha descargado ningún archivo\./).waitFor();
    await resultLine().getByText(/^Un archivo sin cambios solo serviría de acuse/).waitFor();
    expect(downloads.length).toBe(before);
    // Nothing left this computer: the last export stays where it was.
    expect((await app.admin.call('team.status', {})).lastExportAt).toBe(lastExportAt);
    // Read out and brought into view, as every outcome.
    // …with the job it is about: the finished job's heading is read out first, in the same region.
    expect(await saidDone().textContent()).toMatch(/^Exportación: Listo\s*Portátil de Tomás ya tiene todos los cambios/);
    expect(await exchange().locator('.team-job').count()).toBe(1);
    await expect.poll(() => inView(resultLine())).toBe(true);
    expect(await seriousA11yViolations(page, '.team-exchange')).toEqual([]);
    await page.locator('.toast').first().waitFor({ state: 'detached' });
    await saveScreenshot(page, 'team-export-nothing-for-member');

    const download = page.waitForEvent('download');
    await resultLine().getByRole('button', { name: 'Descargar igualmente el archivo sin cambios' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^emerald-cambios-para-portatil-de-tomas-\d{14}\.emsync$/);
    await resultLine().getByText(/^Exportados 0 cambios a emerald-cambios-para-portatil-de-tomas-\d{14}\.emsync\.$/).waitFor();
    // Handed over when asked for: that file counts as sent.
    expect((await app.admin.call('team.status', {})).lastExportAt! > lastExportAt!).toBe(true);
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
    expect(await exportForm.getByRole('status').textContent()).toMatch(/^Export: Done\s*Portátil de Tomás already has/);
    expect(uncaughtErrors(page)).toEqual([]);
    expect(uncaughtErrors(english)).toEqual([]);
  });
});

describe('the outcome of an exchange on a long page', () => {
  it('an export started at the foot of the window: its result comes into view and is read out', async () => {
    await openTeamPage();
    await memberPicker().selectOption({ label: 'Portátil de Ana' });
    await scrolledTo('Exportar');
    const download = page.waitForEvent('download');
    await exchange().getByRole('button', { name: 'Exportar', exact: true }).click();
    await download;
    await saidDone().getByText(/^Exportados \d+ cambios? a emerald-cambios-para-portatil-de-ana-/).waitFor();
    expect(await saidDone().textContent()).toMatch(/^Exportación: Listo\s*Exportados/);
    await expect.poll(() => inView(resultLine())).toBe(true);
  });

  it('an import’s result comes into view and is read out', async () => {
    await openTeamPage();
    await tomas!.admin.call('tickets.create', { title: 'Termostato de la recepción no responde' });
    const office = await app.admin.call('team.status', {});
    await importOnPage(await exportThrough(tomas!.admin, { to: office.device.id }));
    await saidDone().getByText(/^Aplicados \d+ cambios?/).waitFor();
    expect(await saidDone().textContent()).toMatch(/^Importación: Listo\s*Aplicados/);
    await expect.poll(() => inView(resultLine())).toBe(true);
    expect(await saidRefused().textContent()).toBe('');
  });

  it('a refused import: "No se pudo completar" and its reason come into view, read out as an alert', async () => {
    const fromAna = await exportThrough(ana!.admin, { to: (await app.admin.call('team.status', {})).device.id });
    const anaId = (await ana!.admin.call('team.status', {})).device.id;
    await app.admin.call('team.revoke', { deviceId: anaId });
    await openTeamPage();
    await page.locator('tr', { hasText: 'Portátil de Ana' }).getByText('Revocado').waitFor();
    await importOnPage(fromAna);
    await saidRefused().getByText('El archivo viene de un miembro revocado: sus cambios se rechazan.').waitFor();
    await expect.poll(() => inView(exchange().locator('.team-outcome'))).toBe(true);
    expect(await inView(exchange().locator('.team-job').getByText('No se pudo completar'))).toBe(true);
    expect(await saidDone().textContent()).toBe('');
    // Read out as the import it is: the heading in the alert, before the reason.
    expect(await saidRefused().textContent()).toMatch(/^Importación: No se pudo completar\s*El archivo viene de un miembro revocado/);
    expect(await seriousA11yViolations(page, '.team-exchange')).toEqual([]);
    await page.locator('.toast').first().waitFor({ state: 'detached' });
    await saveScreenshot(page, 'team-import-refused-in-view');
    expect(uncaughtErrors(page)).toEqual([]);
  });
});
