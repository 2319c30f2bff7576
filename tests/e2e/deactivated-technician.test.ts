// An office manager deactivates a technician who still has a visit booked (Administración → Usuarios → Desactivar):
// the dialog says so, the board keeps his row after the active ones, marked, with the visit on it; a visit dropped on
// that row is refused in words that say why; the visit moves to another technician with the keyboard ("Mover a…") and
// the row goes. Someone whose role loses the right to do visits keeps a marked row the same way. The Técnico filters
// of Todas, the Agenda and Reportes still offer him, marked, after the active people.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkOrderDetail } from '../../electron/contract';
import { addDays, instantOfWallInput, localDateOf, mondayOf, type LocalDate } from '../../electron/contract/zonedTime';
import { settingsVersions } from '../support/versions';
import { goTo, saveScreenshot, seriousA11yViolations, signIn, startE2eApp, uncaughtErrors, type E2eApp } from './support';

const ZONE = 'Europe/Madrid';
let app: E2eApp;
let page: Page;
let lucia: { id: string };
let jorge: { id: string };
let visit: WorkOrderDetail;
let done: WorkOrderDetail;
let waiting: WorkOrderDetail;
let nextMonday: LocalDate;
const dialog = () => page.locator('dialog[open]');
const at = (day: LocalDate, time: string) => instantOfWallInput(ZONE, `${day}T${time}`) as string;

beforeAll(async () => {
  app = await startE2eApp();
  await app.admin.call('settings.update', { versions: await settingsVersions(app.admin), timeZone: ZONE });
  lucia = await app.userWithRole('Técnico', 'lmartin', 'Lucía Martín');
  jorge = await app.userWithRole('Técnico', 'jruiz', 'Jorge Ruiz');
  const garage = await app.admin.call('customers.create', { name: 'Talleres Bética', town: 'Utrera' });
  nextMonday = mondayOf(addDays(localDateOf(ZONE, Date.now()), 7));
  // Booked for next Tuesday: in the future whatever day the test runs.
  const ticket = await app.admin.call('tickets.create', { title: 'Compresor no arranca', customerId: garage.id });
  const requested = await app.admin.call('workOrders.requestVisit', { ticketId: ticket.id, otType: 'repair' });
  visit = await app.admin.call('workOrders.schedule', { id: requested.id, version: requested.version, technicianId: jorge.id, scheduledDate: at(addDays(nextMonday, 1), '10:00') });
  // His history: a visit made two weeks ago.
  const old = await app.admin.call('tickets.create', { title: 'Revisión del aire', customerId: garage.id });
  const oldVisit = await app.admin.call('workOrders.requestVisit', { ticketId: old.id, otType: 'maintenance' });
  const oldPlanned = await app.admin.call('workOrders.schedule', { id: oldVisit.id, version: oldVisit.version, technicianId: jorge.id, scheduledDate: at(addDays(nextMonday, -14), '09:00'), recordsPastVisit: true });
  const started = await app.admin.call('workOrders.start', { id: oldPlanned.id, version: oldPlanned.version });
  done = await app.admin.call('workOrders.complete', { id: started.id, version: started.version, workDone: 'Filtros limpios' });
  const other = await app.admin.call('tickets.create', { title: 'Puerta del almacén', customerId: garage.id });
  waiting = await app.admin.call('workOrders.requestVisit', { ticketId: other.id, otType: 'diagnosis' });

  page = await app.openApp();
  await signIn(page);
}, 90_000);

/** The waiting visit dragged from the queue onto `cell`: refused by the service, left as it was, `why` in a toast. */
async function dropIsRefused(cell: RegExp, why: string): Promise<void> {
  await page.locator('.board-queue-item', { hasText: waiting.code }).dragTo(page.getByRole('gridcell', { name: cell }));
  const refused = page.locator('.toast', { hasText: why });
  await refused.waitFor();
  expect(await app.admin.call('workOrders.get', { id: waiting.id })).toMatchObject({ status: 'pending_planning', technician: null });
  await refused.click();
  await page.locator('.toast').waitFor({ state: 'detached' });
}

afterAll(async () => {
  await app?.close();
});

describe('a technician deactivated with a visit still booked', () => {
  it('his form and the deactivate dialog say how many visits he still has and that they stay on the board until moved', async () => {
    await goTo(page, '#/admin/users');
    // Unticking Activo in his form says the same, before anything is saved.
    await page.getByRole('button', { name: 'Editar a Jorge Ruiz' }).click();
    await dialog().getByLabel('Activo').uncheck();
    await expect.poll(() => dialog().getByRole('status').textContent()).toContain('Aún tiene 1 visita programada');
    await dialog().getByRole('button', { name: 'Cancelar' }).click();
    await dialog().waitFor({ state: 'detached' });

    await page.getByRole('button', { name: 'Desactivar a Jorge Ruiz' }).click();
    await dialog().getByText('Aún tiene 1 visita programada').waitFor();
    expect(await dialog().textContent()).toContain(
      'Aún tiene 1 visita programada: siguen a su nombre y a la vista en el Tablero, en una fila marcada como cuenta desactivada, hasta que las muevas a otro técnico.',
    );
    await saveScreenshot(page, 'deactivate-user-open-visits');
    await dialog().getByRole('button', { name: 'Desactivar usuario' }).click();
    await dialog().waitFor({ state: 'detached' });
    await page.locator('tr', { hasText: 'Jorge Ruiz' }).getByText('Inactivo').waitFor();
    // Its toast goes with a click, out of the board's screenshot.
    await page.locator('.toast', { hasText: 'Jorge Ruiz ya no puede iniciar sesión' }).click();
    await page.locator('.toast').waitFor({ state: 'detached' });

    // Someone with nothing left to do gets the dialog as before, once the count has come back.
    const counted = page.waitForResponse((response) => response.url().includes('/api/users.openWorkOrders'));
    await page.getByRole('button', { name: 'Desactivar a Lucía Martín' }).click();
    await dialog().getByText('Lucía Martín no podrá volver a iniciar sesión').waitFor();
    await counted;
    await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))');
    expect(await dialog().textContent()).not.toContain('Aún tiene');
    await dialog().getByRole('button', { name: 'Cancelar' }).click();
    await dialog().waitFor({ state: 'detached' });
  });

  it('the board keeps his row after the active ones, marked, with the visit; a visit dropped there is refused saying why', async () => {
    await page.getByRole('link', { name: 'Tablero' }).click();
    await page.getByRole('grid').waitFor();
    await page.getByRole('button', { name: 'Semana siguiente' }).click();
    const tuesday = page.getByRole('gridcell', { name: /^Jorge Ruiz \(cuenta desactivada\), martes/ });
    await tuesday.locator('.board-block', { hasText: visit.code }).waitFor();
    const rows = await page.getByRole('rowheader').allTextContents();
    expect(rows).toEqual(['Ana Administradora', 'Lucía Martín', 'Jorge RuizCuenta desactivadaReasigna sus visitas']);
    expect(await seriousA11yViolations(page, '.page')).toEqual([]);
    await saveScreenshot(page, 'dispatch-board-deactivated');

    // In the day view too (one lane), the row is as tall as its header with the note.
    await page.getByRole('button', { name: 'Día', exact: true }).click();
    await page.locator('.board-grid-day .board-row-deactivated').waitFor();
    const fits = `(() => {
      const row = document.querySelector('.board-row-deactivated');
      const note = row.querySelector('.board-rowhead-deactivated');
      return note.getBoundingClientRect().bottom <= row.getBoundingClientRect().bottom - 4;
    })()`;
    expect(await page.evaluate(fits)).toBe(true);
    await saveScreenshot(page, 'dispatch-board-deactivated-day');
    await page.getByRole('button', { name: 'Semana', exact: true }).click();
    await tuesday.locator('.board-block', { hasText: visit.code }).waitFor();

    // A queue item dragged onto his row: the service refuses it, and the board says why.
    await dropIsRefused(/^Jorge Ruiz \(cuenta desactivada\), jueves/, 'La cuenta de Jorge Ruiz está desactivada: ya no se le pueden programar visitas. Elige otro técnico.');
  });

  it('"Mover a…" by keyboard offers only active technicians, moves the visit to Lucía, and his row goes', async () => {
    await page.getByRole('button', { name: 'Semana', exact: true }).focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Control+End'); // the last row: his
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight'); // Tuesday
    expect(await page.evaluate('document.activeElement.getAttribute("aria-label")')).toMatch(/^Jorge Ruiz \(cuenta desactivada\), martes.*1 visita/);
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.getAttribute("data-work-order")')).toBe(visit.id);
    await page.keyboard.press('Enter');

    const move = page.getByRole('dialog', { name: `Mover ${visit.code} a…` });
    await move.waitFor();
    // He is not offered, so the dialog starts with nobody chosen rather than on him.
    const technician = move.getByLabel('Técnico');
    expect(await technician.inputValue()).toBe('');
    expect(await technician.locator('option').allTextContents()).toEqual(['Elige un técnico…', 'Ana Administradora', 'Lucía Martín']);
    await technician.focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await technician.locator('option:checked').textContent()).toBe('Lucía Martín');
    await move.getByRole('button', { name: 'Mover aquí' }).focus();
    await page.keyboard.press('Enter');
    await move.waitFor({ state: 'hidden' });

    await page.getByRole('gridcell', { name: /^Lucía Martín, martes/ }).locator('.board-block', { hasText: visit.code }).waitFor();
    await expect.poll(() => page.getByRole('rowheader').allTextContents()).toEqual(['Ana Administradora', 'Lucía Martín']);
    expect(await app.admin.call('workOrders.get', { id: visit.id })).toMatchObject({ technician: { id: lucia.id }, scheduledDate: at(addDays(nextMonday, 1), '10:00') });
    expect(await app.admin.call('users.openWorkOrders', { id: jorge.id })).toEqual({ scheduled: 0, inProgress: 0 });
  });

  it('someone whose role can no longer do visits keeps a marked row while holding one; a visit dropped there is refused saying why', async () => {
    const marta = await app.userWithRole('Técnico', 'mgil', 'Marta Gil');
    const ticket = await app.admin.call('tickets.create', { title: 'Cámara frigorífica' });
    const requested = await app.admin.call('workOrders.requestVisit', { ticketId: ticket.id, otType: 'repair' });
    await app.admin.call('workOrders.schedule', { id: requested.id, version: requested.version, technicianId: marta.id, scheduledDate: at(addDays(nextMonday, 2), '11:00') });
    const agent = (await app.admin.call('roles.list', {})).find((role) => role.name === 'Agente');
    const user = (await app.admin.call('users.list', { includeInactive: true })).find((u) => u.id === marta.id);
    await app.admin.call('users.update', { id: marta.id, version: user?.version ?? 1, roleId: agent?.id ?? null });

    await page.getByRole('link', { name: 'Órdenes de trabajo' }).click();
    await page.getByRole('link', { name: 'Tablero' }).click();
    await page.getByRole('button', { name: 'Hoy' }).click();
    await page.getByRole('button', { name: 'Semana siguiente' }).click();
    const wednesday = page.getByRole('gridcell', { name: /^Marta Gil \(sin permiso para visitas\), miércoles/ });
    await wednesday.locator('.board-block').waitFor();
    expect(await page.getByRole('rowheader').allTextContents()).toEqual(['Ana Administradora', 'Lucía Martín', 'Marta GilSin permiso para visitasReasigna sus visitas']);
    await dropIsRefused(/^Marta Gil \(sin permiso para visitas\), jueves/, 'El rol de Marta Gil ya no le permite hacer visitas: elige otro técnico o cambia su rol.');
    expect(uncaughtErrors(page)).toEqual([]);
  });

  it('the Técnico filters of Todas, the Agenda and Reportes offer him after the active people, marked; his history is found', async () => {
    await page.getByRole('link', { name: 'Órdenes de trabajo' }).click();
    await page.getByRole('tab', { name: 'Todas' }).click();
    const filter = page.getByRole('search').getByLabel('Técnico');
    await expect.poll(() => filter.locator('option').allTextContents()).toEqual([
      'Todos los técnicos',
      'Mis OT',
      'Sin asignar',
      'Ana Administradora',
      'Lucía Martín',
      'Jorge Ruiz (cuenta desactivada)',
    ]);
    await filter.selectOption({ label: 'Jorge Ruiz (cuenta desactivada)' });
    await page.locator('tbody tr', { hasText: done.code }).waitFor();
    expect(await page.locator('tbody tr', { hasText: visit.code }).count()).toBe(0);
    await saveScreenshot(page, 'workorders-deactivated-filter');

    await page.getByRole('link', { name: 'Agenda' }).click();
    const agendaFilter = page.locator('.agenda-header').getByLabel('Técnico');
    await expect.poll(() => agendaFilter.locator('option').allTextContents()).toEqual([
      'Todos los técnicos',
      'Mi agenda',
      'Ana Administradora',
      'Lucía Martín',
      'Jorge Ruiz (cuenta desactivada)',
    ]);

    // Reports cover his past OTs too: the OT export's Técnico filter offers him the same way.
    await page.getByRole('link', { name: 'Reportes' }).click();
    const otExport = page.locator('section, form, article', { has: page.getByRole('heading', { name: 'Órdenes de trabajo (CSV)' }) }).last();
    await expect.poll(() => otExport.getByLabel('Técnico').locator('option').allTextContents()).toEqual([
      'Cualquiera',
      'Ana Administradora',
      'Lucía Martín',
      'Jorge Ruiz (cuenta desactivada)',
    ]);
    expect(await otExport.getByLabel('Periodo').locator('option').allTextContents()).toContain('Este trimestre');
    expect(uncaughtErrors(page)).toEqual([]);
  });
});
