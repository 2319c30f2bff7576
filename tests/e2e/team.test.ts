// Team sync through the UI: create the team, invite a laptop (a file), export a bundle with its progress bar, import the
// laptop's answer, see the sidebar sync line, and settle the conflicts it brought in the inbox, by keyboard and mouse.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../electron/ipc/backend';
import { ADMIN, Caller, goTo, saveScreenshot, seriousA11yViolations, signIn, startE2eApp, uncaughtErrors, type E2eApp } from './support';
import { markDemoDatabase } from '../../scripts/demo/guard';
import { settingsVersions } from '../support/versions';
import { exportThrough, importThrough } from './team-laptop';

let app: E2eApp;
let page: Page;
/** The technician's laptop: a second install in its own data folder, driven through its channels. */
let laptop: Backend;
let laptopAdmin: Caller;
let laptopDir: string;
const ids: Record<string, string> = {};

const dialog = () => page.locator('dialog[open]');
const footer = () => page.locator('.sync-footer');
const resultLine = () => page.locator('.team-result');

/** Screenshots without the toasts of earlier steps (each goes after a few seconds). */
async function screenshot(name: string): Promise<void> {
  await page.locator('.toast').first().waitFor({ state: 'detached' });
  await saveScreenshot(page, name);
}

beforeAll(async () => {
  app = await startE2eApp();
  await app.admin.call('settings.update', { versions: await settingsVersions(app.admin), companyName: 'Climatizaciones del Sur, S.L.' });
  await app.userWithRole('Supervisor', 'jruiz', 'Javier Ruiz');
  await app.userWithRole('Técnico', 'lmartin', 'Lucía Martín');
  const customer = await app.admin.call('customers.create', { name: 'Hotel Doña María', contactName: 'Recepción', phone: '954 22 10 32' });
  const leaking = await app.admin.call('tickets.create', { title: 'Split de la habitación 204 gotea', customerId: customer.id, priority: 'high' });
  const heatPump = await app.admin.call('tickets.create', { title: 'Revisión anual de la bomba de calor', customerId: customer.id });
  // A first visit, so asking for another one later leaves the ticket's status alone.
  const firstVisit = await app.admin.call('workOrders.requestVisit', { ticketId: heatPump.id, otType: 'diagnosis' });
  await app.admin.call('workOrders.cancel', { id: firstVisit.id, version: firstVisit.version, reason: 'El cliente prefiere esperar a la revisión anual' });
  const thermostat = await app.admin.call('tickets.create', { title: 'Termostato de la recepción no responde', customerId: customer.id });
  Object.assign(ids, { leaking: leaking.id, heatPump: heatPump.id, thermostat: thermostat.id });
  page = await app.openApp();
  await signIn(page);
}, 60_000);

afterAll(async () => {
  laptop?.close();
  if (laptopDir) rmSync(laptopDir, { recursive: true, force: true });
  await app?.close();
});

describe('team sync screens', () => {
  it('creates the team from Administración → Equipo and invites a laptop with a file', async () => {
    await goTo(page, '#/admin/team');
    await page.getByRole('form', { name: 'Unirse a un equipo' }).getByRole('button', { name: 'Elegir archivo…' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    const create = page.getByRole('form', { name: 'Crear equipo' });
    await create.getByLabel('Nombre del equipo').fill('Climatizaciones del Sur');
    await create.getByLabel('Nombre de este ordenador').fill('Oficina Sevilla');
    await create.getByRole('button', { name: 'Crear equipo' }).click();
    await page.getByRole('heading', { name: 'Climatizaciones del Sur' }).waitFor();
    // The form went with the button that had the focus: the team's name has it now, not the top of the page.
    await expect.poll(() => page.evaluate('document.activeElement && document.activeElement.textContent')).toBe('Climatizaciones del Sur');
    await page.getByRole('cell', { name: /Oficina Sevilla/ }).waitFor();
    expect(await footer().textContent()).toContain('Sin intercambios todavía');
    // Nobody else has joined: the office's history waits for the first member, it is not something gone wrong.
    await footer().getByText(/^\d+ cambios, esperando al primer miembro$/).waitFor();
    await page.locator('.team-overview').getByText('Aún no hay otro miembro en el equipo: los cambios sin enviar los recibirá el primero que se una.').waitFor();

    await page.getByRole('button', { name: 'Invitar a un miembro' }).click();
    await dialog().getByLabel('Para quién es').fill('Portátil de Javier');
    await dialog().getByLabel('Válida durante').selectOption({ label: '7 días' });
    const download = page.waitForEvent('download');
    await dialog().getByRole('button', { name: 'Crear invitación' }).click();
    const invitation = await download;
    expect(invitation.suggestedFilename()).toMatch(/\.eminvite$/);
    await dialog().getByText(/como si fuera una contraseña/).waitFor();
    await dialog().getByRole('button', { name: 'Entendido' }).click();
    // Back on the button that opened the invitation (its dialog was replaced by the result's, then removed).
    await expect.poll(() => page.evaluate('document.activeElement && document.activeElement.textContent')).toBe('Invitar a un miembro');

    laptopDir = mkdtempSync(path.join(tmpdir(), 'emerald-e2e-laptop-'));
    laptop = createBackend({ dataDir: laptopDir });
    laptopAdmin = new Caller(laptop);
    await laptopAdmin.call('auth.setup', ADMIN);
    await laptopAdmin.call('auth.login', { login: ADMIN.username, password: ADMIN.password });
    const joined = await laptopAdmin.call('team.join', { invite: readFileSync(await invitation.path(), 'utf8'), deviceName: 'Portátil de Javier' });
    expect(joined.status.device.slot).toBe(2);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('exports every change with a progress bar; the laptop imports the file', async () => {
    // As the screen starts: what any member may lack, which is every change this computer holds.
    expect(await page.getByLabel('Miembro que recibirá el archivo').locator('option:checked').textContent()).toBe('cualquier miembro');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Exportar', exact: true }).click();
    const bundle = await download;
    expect(bundle.suggestedFilename()).toMatch(/^emerald-cambios-[0-9a-f]{16}-\d+\.emsync$/);
    await page.locator('.team-job').getByText('Listo', { exact: true }).waitFor();
    const bar = page.locator('#team-export-progress');
    expect(await bar.getAttribute('value')).toBe(await bar.getAttribute('max'));
    expect(await resultLine().textContent()).toMatch(/^Exportados \d+ cambios a emerald-cambios-.*\.emsync\.$/);
    await footer().getByText(/^Último intercambio: /).waitFor();

    await importThrough(laptopAdmin, readFileSync(await bundle.path()));
    const onLaptop = await laptopAdmin.call('tickets.get', { id: ids.leaking! });
    expect(onLaptop.title).toBe('Split de la habitación 204 gotea');
  });

  it('imports the laptop’s changes: the result line counts the new conflicts, and so do the footer and the sidebar', async () => {
    // Offline on both sides: the same title edited twice, a ticket closed while the laptop asks for a visit, one customer
    // entered twice, and a ticket closed while the laptop (later) moves it to in progress.
    const leaking = await app.admin.call('tickets.get', { id: ids.leaking! });
    await app.admin.call('tickets.update', { id: leaking.id, version: leaking.version, title: 'Split de la habitación 204 gotea agua' });
    const heatPump = await app.admin.call('tickets.get', { id: ids.heatPump! });
    await app.admin.call('tickets.close', { id: heatPump.id, version: heatPump.version, resolution: 'Revisada por teléfono con el cliente' });
    await app.admin.call('customers.create', { name: 'Bar La Giralda', contactName: 'Rocío', phone: '955 61 40 12' });
    const thermostat = await app.admin.call('tickets.get', { id: ids.thermostat! });
    await app.admin.call('tickets.close', { id: thermostat.id, version: thermostat.version, resolution: 'Pilas cambiadas por el cliente' });

    const javier = new Caller(laptop);
    await javier.call('auth.login', { login: 'jruiz', password: 'jruiz-password-1' });
    const onLaptop = await javier.call('tickets.get', { id: ids.leaking! });
    await javier.call('tickets.update', { id: onLaptop.id, version: onLaptop.version, title: 'Split 204: gotea por la bandeja de condensados' });
    await javier.call('workOrders.requestVisit', { ticketId: ids.heatPump!, otType: 'maintenance' });
    await javier.call('customers.create', { name: 'Bar La Giralda', contactName: 'Manolo', address: 'C/ Mateos Gago 3, Sevilla' });
    await javier.call('tickets.changeStatus', { id: thermostat.id, version: thermostat.version, status: 'in_progress' });

    const me = await app.admin.call('team.status', {});
    const file = path.join(laptopDir, 'de-javier.emsync');
    writeFileSync(file, await exportThrough(laptopAdmin, { to: me.device.id }));
    await page.locator('input[type="file"][accept=".emsync"]').setInputFiles(file);
    await resultLine().getByText(/4 conflictos nuevos/).waitFor();
    expect(await resultLine().textContent()).toMatch(/^Aplicados \d+ cambios · .*4 conflictos nuevos\. Ver conflictos$/);
    await page.locator('tr', { hasText: 'Portátil de Javier' }).getByText('Activo').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot('team');

    // The same file again changes nothing; a file that is not a bundle is refused in plain words.
    await page.locator('input[type="file"][accept=".emsync"]').setInputFiles(file);
    await resultLine().getByText(/^Nada nuevo: los \d+ cambios ya estaban aquí\./).waitFor();
    await page.locator('input[type="file"][accept=".emsync"]').setInputFiles({ name: 'fotos-obra.emsync', mimeType: 'application/octet-stream', buffer: Buffer.from('no es un archivo de Emerald') });
    await page.getByRole('alert').getByText('Ese archivo no es un archivo de intercambio de Emerald (.emsync).').waitFor();
    await page.locator('input[type="file"][accept=".emsync"]').setInputFiles(file);
    await resultLine().getByText(/^Nada nuevo/).waitFor();

    await footer().getByRole('link', { name: '4 conflictos' }).waitFor();
    await page.locator('nav.sidebar').getByRole('link', { name: /Conflictos.*4 abiertos/ }).waitFor();
    await footer().getByRole('link', { name: '4 conflictos' }).click();
    await page.getByRole('heading', { name: 'Conflictos', level: 1 }).waitFor();
  });

  it('settles the concurrent title edit from the keyboard: arrows, Enter, Tab to the chosen version', async () => {
    const list = page.getByRole('listbox', { name: 'Conflictos abiertos' });
    await list.getByRole('option').nth(3).waitFor();
    await list.getByRole('option', { name: /Edición a la vez/ }).click();
    await page.getByRole('region', { name: /Versión 2: Javier Ruiz \(Portátil de Javier\)/ }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot('conflicts');

    await list.focus();
    await page.keyboard.press('Home');
    for (let i = 0; i < 4 && !(await list.locator('[aria-selected="true"]').textContent())?.includes('Edición a la vez'); i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    expect(await page.evaluate('document.activeElement.id')).toBe('conflict-detail-title');
    const target = 'Quedarse con la versión de Javier Ruiz (Portátil de Javier)';
    for (let i = 0; i < 12 && (await page.evaluate("document.activeElement.getAttribute('aria-label')")) !== target; i++) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByText('Conflicto resuelto').waitFor();
    await list.getByRole('option').nth(2).waitFor();
    expect(await list.getByRole('option').count()).toBe(3);
    // The keyboard stays in the inbox, on the next conflict.
    expect(await page.evaluate('document.activeElement.id')).toBe('conflict-detail-title');
    expect((await app.admin.call('tickets.get', { id: ids.leaking! })).title).toBe('Split 204: gotea por la bandeja de condensados');
  });

  it('keeps open the ticket whose close the merge undid, with the reason, which is required', async () => {
    const list = page.getByRole('listbox', { name: 'Conflictos abiertos' });
    await list.getByRole('option', { name: /Cierre deshecho al sincronizar/ }).click();
    await page.getByRole('region', { name: 'El cierre' }).getByText('Pilas cambiadas por el cliente').waitFor();
    await page.getByRole('region', { name: 'El cambio de estado posterior' }).getByText(/Javier Ruiz \(Portátil de Javier\)/).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot('conflict-close-undone');
    await page.getByRole('radio', { name: /Dejarlo abierto/ }).check();
    await page.getByRole('button', { name: 'Dejar abierto' }).click();
    await page.getByText('Este campo es obligatorio').waitFor();
    await page.getByLabel('Motivo para dejarlo abierto').fill('Las pilas no eran: falla la placa del termostato.');
    await page.getByRole('button', { name: 'Dejar abierto' }).click();
    await list.getByRole('option', { name: /Cierre deshecho al sincronizar/ }).waitFor({ state: 'detached' });
    const thermostat = await app.admin.call('tickets.get', { id: ids.thermostat! });
    expect([thermostat.status, thermostat.resolution, thermostat.closedAt]).toEqual(['in_progress', null, null]);
  });

  it('reopens the ticket closed under an open OT, and merges the customer entered twice', async () => {
    const list = page.getByRole('listbox', { name: 'Conflictos abiertos' });
    await list.getByRole('option', { name: /Ticket cerrado con OT abierta/ }).click();
    await page.getByRole('radio', { name: /Reabrir el ticket/ }).check();
    await page.getByLabel('Motivo de la reapertura').fill('El cliente confirma que la bomba hace ruido; hace falta la visita.');
    await page.getByRole('button', { name: 'Reabrir ticket' }).click();
    await list.getByRole('option', { name: /Ticket cerrado con OT abierta/ }).waitFor({ state: 'detached' });
    expect((await app.admin.call('tickets.get', { id: ids.heatPump! })).status).not.toBe('closed');

    await list.getByRole('option', { name: /Cliente duplicado/ }).click();
    await page.getByRole('button', { name: /Quedarse con el cliente \d, dado de alta por Javier Ruiz \(Portátil de Javier\), y fusionar/ }).click();
    await dialog().getByRole('button', { name: 'Fusionar' }).click();
    await page.getByText('No hay conflictos pendientes. Todo cuadra.').waitFor();
    const giralda = (await app.admin.call('customers.list', { q: 'Giralda' })).filter((c) => c.name === 'Bar La Giralda');
    expect(giralda).toHaveLength(1);
    // Javier's details are kept; the phone he had not taken comes from the office's copy.
    expect([giralda[0]?.contactName, giralda[0]?.address, giralda[0]?.phone]).toEqual(['Manolo', 'C/ Mateos Gago 3, Sevilla', '955 61 40 12']);

    await page.getByRole('tab', { name: 'Resueltos' }).click();
    const resolved = page.getByRole('listbox', { name: 'Conflictos resueltos' });
    await resolved.getByRole('option').nth(2).waitFor();
    await resolved.getByRole('option', { name: /Edición a la vez/ }).click();
    await page.getByText('Se quedó el valor «Split 204: gotea por la bandeja de condensados».').waitFor();
    // Which computer it was decided on, as each side of a conflict says.
    await page.locator('.conflict-resolution').getByText('Resuelto por Ana Administradora (Oficina Sevilla)').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await footer().getByRole('link', { name: /conflicto/ }).waitFor({ state: 'detached' });
    expect(uncaughtErrors(page)).toEqual([]);
  });

  it('a technician, who has no Administración, exchanges from the sync line in the sidebar', async () => {
    const technician = await app.openApp(await app.newContext());
    await signIn(technician, 'lmartin', 'lmartin-password-1');
    expect(await technician.locator('nav.sidebar').getByRole('link', { name: 'Administración' }).count()).toBe(0);
    await technician.locator('.sync-footer').getByRole('link', { name: /^Último intercambio: / }).click();
    await technician.getByRole('heading', { name: 'Equipo', level: 1 }).waitFor();
    expect(await technician.getByRole('button', { name: 'Invitar a un miembro' }).count()).toBe(0);
    const download = technician.waitForEvent('download');
    await technician.getByRole('button', { name: 'Exportar', exact: true }).click();
    expect((await download).suggestedFilename()).toMatch(/\.emsync$/);
    await technician.locator('.team-result').getByText(/^Exportados \d+ cambios/).waitFor();
    // An import that opens a conflict (one note's ticket renamed on both copies): a technician, who cannot open the
    // inbox, is not offered it.
    const onOffice = await app.admin.call('tickets.get', { id: ids.leaking! });
    await app.admin.call('tickets.update', { id: onOffice.id, version: onOffice.version, title: 'Split 204: gotea (según la oficina)' });
    const onLaptop = await laptopAdmin.call('tickets.get', { id: ids.leaking! });
    await laptopAdmin.call('tickets.update', { id: onLaptop.id, version: onLaptop.version, title: 'Split 204: gotea (según el portátil)' });
    const file = path.join(laptopDir, 'renombrado.emsync');
    writeFileSync(file, await exportThrough(laptopAdmin, { to: (await app.admin.call('team.status', {})).device.id }));
    await technician.locator('input[type="file"][accept=".emsync"]').setInputFiles(file);
    await technician.locator('.team-result').getByText(/1 conflicto nuevo\. Lo decide en Conflictos un supervisor o un administrador\.$/).waitFor();
    expect(await technician.locator('.team-result').getByRole('link', { name: 'Ver conflictos' }).count()).toBe(0);
    expect(await seriousA11yViolations(technician)).toEqual([]);
    expect(uncaughtErrors(technician)).toEqual([]);
  });

  it('another install joins through its own Equipo screen with the invitation file', async () => {
    const invitation = await app.admin.call('team.invite', { memberName: 'Portátil de Lucía' });
    const other = await startE2eApp();
    try {
      // A name of its own, which the team's replaces: the card shows both.
      await other.admin.call('settings.update', { versions: (await other.admin.call('settings.get', {})).versions, companyName: 'Portátil de pruebas' });
      const otherPage = await other.openApp();
      await signIn(otherPage);
      await goTo(otherPage, '#/admin/team');
      const join = otherPage.getByRole('form', { name: 'Unirse a un equipo' });
      await join.getByRole('button', { name: 'Unirse al equipo' }).click();
      await join.getByText('Elige primero el archivo de invitación (.eminvite).').waitFor();
      await join.locator('input[type="file"]').setInputFiles({ name: invitation.fileName, mimeType: 'application/json', buffer: Buffer.from(invitation.bytes) });
      await join.getByText(invitation.fileName).waitFor();
      // Read as soon as it is picked: whose team, which number, until when, and what joining changes here.
      await join.getByText(/^Invitación del ordenador «Oficina Sevilla» al equipo «Climatizaciones del Sur»: este ordenador será el número 03\. Vale hasta el /).waitFor();
      const changes = join.getByRole('list', { name: 'Lo que cambia al unirse' });
      await changes.getByText('Este ordenador no tiene tickets ni OT: ningún código cambia.').waitFor();
      await changes.getByText(/^1 cuenta de este ordenador ya está en el equipo \(mismo correo\)/).waitFor();
      // The name the admin gave this computer on the invitation.
      expect(await join.getByLabel('Nombre de este ordenador').inputValue()).toBe('Portátil de Lucía');
      // This install's accounts join the team with it: listed (its admin as the team's) and confirmed first, as when
      // pairing with a hub (a trial's demo copy brought its demo administrator into the team unasked).
      const accounts = join.getByRole('list', { name: 'Cuentas que se unirán al equipo' });
      await accounts.locator('.mono', { hasText: ADMIN.username }).waitFor();
      // Its admin has the team admin's e-mail: listed as becoming that account, not as a principal admin of its own.
      await accounts.getByText(/ya está en el equipo \(mismo correo\): será esa cuenta, que entra como «admin»/).waitFor();
      expect(await accounts.getByText('Administrador principal: lo será en todo el equipo').count()).toBe(0);
      await changes.getByText(/^El equipo ya tiene estos ajustes, y los suyos sustituyen a los de este ordenador/).waitFor();
      await changes.getByText('nombre de la empresa: «Portátil de pruebas» → «Climatizaciones del Sur, S.L.»', { exact: true }).waitFor();
      await saveScreenshot(otherPage, 'team-join-preview');
      await join.getByRole('button', { name: 'Unirse al equipo' }).click();
      await join.getByText('Confirma que estas cuentas se unen al equipo.').waitFor();
      expect((await other.admin.call('team.status', {})).team).toBeNull();
      await join.getByLabel('Entendido: estas cuentas se unen al equipo').check();
      await join.getByRole('button', { name: 'Unirse al equipo' }).click();
      await otherPage.getByText('Ya estás en «Climatizaciones del Sur». Este ordenador es el número 03.').waitFor();
      await otherPage.getByRole('heading', { name: 'Climatizaciones del Sur' }).waitFor();
      // It knows only itself until it imports a bundle: said so, not "no other member in the team yet".
      await otherPage.getByText(/^Este ordenador aún no ha recibido nada del equipo: importa un paquete/).waitFor();
      expect(await otherPage.getByText(/^Aún no hay otro miembro en el equipo/).count()).toBe(0);
      // Invitations are made where the team was created: here a line says so instead of the button.
      await otherPage.getByText(/^Las invitaciones se hacen en el ordenador que creó el equipo/).waitFor();
      expect(await otherPage.getByRole('button', { name: 'Invitar a un miembro' }).count()).toBe(0);
      // Joining made this install's admin the team's (same e-mail): a new session sees the device in the team.
      const admin = new Caller(other.backend);
      await admin.call('auth.login', { login: ADMIN.username, password: ADMIN.password });
      expect((await admin.call('team.status', {})).device).toMatchObject({ name: 'Portátil de Lucía', slot: 3 });
      expect(uncaughtErrors(otherPage)).toEqual([]);
    } finally {
      await other.close();
    }
  });

  it('a laptop that joined with tickets of its own: the list says which old code a search found, the ticket its OT’s', async () => {
    const laptop = await startE2eApp();
    try {
      const ticket = await laptop.admin.call('tickets.create', { title: 'Caldera sin presión' });
      const visit = await laptop.admin.call('workOrders.requestVisit', { ticketId: ticket.id, otType: 'repair' });
      const invitation = await app.admin.call('team.invite', { memberName: 'Portátil de Marta' });
      await laptop.admin.call('team.join', { invite: Buffer.from(invitation.bytes).toString('utf8') });
      const now = await laptop.admin.call('tickets.get', { id: ticket.id });
      expect(now.code).not.toBe(ticket.code);
      const laptopPage = await laptop.openApp();
      await signIn(laptopPage);
      await goTo(laptopPage, '#/tickets');
      await laptopPage.locator('.ticket-search input[type="search"]').fill(ticket.code);
      const row = laptopPage.locator(`[data-ticket-id="${ticket.id}"]`);
      await row.getByText(`antes ${ticket.code}`).waitFor();
      await laptopPage.locator('.ticket-search input[type="search"]').fill(visit.code);
      const viaVisit = row.getByText(`OT antes ${visit.code}`);
      await viaVisit.waitFor();
      expect(await viaVisit.getAttribute('title')).toBe(`su OT ${now.workOrders[0]?.code} era ${visit.code}`);
      await goTo(laptopPage, `#/tickets/${ticket.id}`);
      await laptopPage.locator(`.ticket-work-order[data-work-order-id="${visit.id}"]`).getByText(`antes ${visit.code}`).waitFor();
      // The timeline's events name the OT by the code it had then: each says its code now beside it.
      await laptopPage.locator('ol.timeline').getByText(`solicitó una visita (Reparación): ${now.workOrders[0]?.code} (antes ${visit.code})`).waitFor();
      expect(uncaughtErrors(laptopPage)).toEqual([]);
    } finally {
      await laptop.close();
    }
  });

  it('a demo folder offers to create a team and says why it cannot join one', async () => {
    const demo = await startE2eApp();
    try {
      markDemoDatabase(demo.backend.database.sqlite, new Date().toISOString());
      const demoPage = await demo.openApp();
      await signIn(demoPage);
      await goTo(demoPage, '#/admin/team');
      const join = demoPage.getByRole('region', { name: 'Unirse a un equipo' });
      await join.getByText(/^Esta carpeta tiene datos de demostración: puede crear un equipo para probar, pero no unirse a otro/).waitFor();
      await demoPage.getByRole('form', { name: 'Crear equipo' }).waitFor();
      expect(await demoPage.getByRole('button', { name: 'Unirse al equipo' }).count()).toBe(0);
      expect(await demoPage.getByRole('form', { name: /Emparejar/ }).count()).toBe(0);
      expect(uncaughtErrors(demoPage)).toEqual([]);
    } finally {
      await demo.close();
    }
  });

  it('shows a visit started offline on the laptop while the office cancelled it, and marks it seen', async () => {
    const lucia = (await app.admin.call('users.list', {})).find((user) => user.username === 'lmartin')!;
    const ticket = await app.admin.call('tickets.create', { title: 'Fancoil del salón hace ruido', priority: 'medium' });
    const requested = await app.admin.call('workOrders.requestVisit', { ticketId: ticket.id, otType: 'repair' });
    const visit = await app.admin.call('workOrders.schedule', { id: requested.id, version: requested.version, technicianId: lucia.id, scheduledDate: new Date(Date.now() + 3_600_000).toISOString(), confirmOverlap: true });
    const me = await app.admin.call('team.status', {});
    const onLaptop = await laptopAdmin.call('team.status', {});
    await importThrough(laptopAdmin, await exportThrough(app.admin, { to: onLaptop.device.id }));
    // Offline on both sides: Lucía starts the visit on the laptop and writes what she did; the office cancels it.
    const technician = new Caller(laptop);
    await technician.call('auth.login', { login: 'lmartin', password: 'lmartin-password-1' });
    const started = await technician.call('workOrders.start', { id: visit.id, version: visit.version });
    await technician.call('workOrders.setWorkDone', { id: visit.id, version: started.version, workDone: 'Rodamiento del ventilador cambiado' });
    await app.admin.call('workOrders.cancel', { id: visit.id, version: visit.version, reason: 'El cliente llamó: ya no hace ruido' });
    await importThrough(app.admin, await exportThrough(laptopAdmin, { to: me.device.id }));

    await goTo(page, '#/conflicts');
    await page.getByRole('tab', { name: /Abiertos/ }).click();
    const list = page.getByRole('listbox', { name: 'Conflictos abiertos' });
    await list.getByRole('option', { name: /OT empezada y cancelada a la vez/ }).click();
    const start = page.getByRole('region', { name: 'La visita empezada' });
    await start.getByText('Rodamiento del ventilador cambiado').waitFor();
    await start.getByText(/Lucía Martín \(Portátil de Javier\)/).waitFor();
    const cancel = page.getByRole('region', { name: 'La cancelación' });
    await cancel.getByText(/Ana Administradora \(Oficina Sevilla\)/).waitFor();
    // Why it was cancelled, and the ticket as it stands (its own status, not the OT's).
    await cancel.getByText('El cliente llamó: ya no hace ruido').waitFor();
    await cancel.getByText('Fancoil del salón hace ruido', { exact: false }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot('conflict-started-cancelled');
    await page.getByLabel('Nota (opcional)').fill('Se factura la visita');
    await page.getByRole('button', { name: 'Visto: dejarla cancelada' }).click();
    await list.getByRole('option', { name: /OT empezada y cancelada a la vez/ }).waitFor({ state: 'detached' });
    expect((await app.admin.call('workOrders.get', { id: visit.id })).status).toBe('cancelled');
    const resolved = (await app.admin.call('conflicts.list', { status: 'resolved' })).find((conflict) => conflict.kind === 'started_ot_cancelled');
    expect(resolved?.resolution).toMatchObject({ choice: { action: 'acknowledge' }, note: 'Se factura la visita' });
  });

  it('revokes the laptop after a confirmation that names it', async () => {
    await goTo(page, '#/admin/team');
    await page.getByRole('button', { name: 'Revocar a Portátil de Javier' }).click();
    await dialog().getByText(/^Portátil de Javier deja de formar parte del equipo/).waitFor();
    await dialog().getByRole('button', { name: 'Revocar' }).click();
    await dialog().waitFor({ state: 'detached' });
    await page.locator('tr', { hasText: 'Portátil de Javier' }).getByText('Revocado').waitFor();
    expect((await app.admin.call('team.status', {})).members.find((m) => m.name === 'Portátil de Javier')?.revokedAt).not.toBeNull();
    expect(uncaughtErrors(page)).toEqual([]);
  });
});
