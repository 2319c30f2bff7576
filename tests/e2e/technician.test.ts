// A Técnico: no Administración, their own agenda, and no way to complete someone else's OT (UI hides it, the API refuses it).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkOrderDetail } from '../../electron/contract';
import { goTo, signIn, startE2eApp, uncaughtErrors, type E2eApp } from './support';
import { versionOf } from '../support/versions';

let app: E2eApp;
let page: Page;
let mine: WorkOrderDetail;
let theirs: WorkOrderDetail;
let lucia: { id: string; username: string; password: string };

/** Requests, schedules (for now, so it is in this week's agenda at any hour) and optionally starts a visit for `technicianId`. */
async function visit(ticketId: string, technicianId: string, start: boolean): Promise<WorkOrderDetail> {
  const requested = await app.admin.call('workOrders.requestVisit', { ticketId, otType: 'repair' });
  const scheduledDate = new Date().toISOString();
  const scheduled = await app.admin.call('workOrders.schedule', { id: requested.id, scheduledDate, technicianId, version: requested.version, confirmOverlap: true });
  return start ? app.admin.call('workOrders.start', { id: scheduled.id, version: scheduled.version }) : scheduled;
}

beforeAll(async () => {
  app = await startE2eApp();
  lucia = await app.userWithRole('Técnico', 'lmartin', 'Lucía Martín');
  const javier = await app.userWithRole('Técnico', 'jgarcia', 'Javier García');
  const customer = await app.admin.call('customers.create', { name: 'Farmacia Triana', address: 'C/ San Jacinto 19, Sevilla' });
  const ticket = await app.admin.call('tickets.create', { title: 'Termo eléctrico no calienta', description: 'El piloto enciende pero el agua sale fría.', customerId: customer.id });
  const other = await app.admin.call('tickets.create', { title: 'Enchufes sin corriente en la rebotica', customerId: customer.id });
  mine = await visit(ticket.id, lucia.id, false);
  theirs = await visit(other.id, javier.id, true);
  page = await app.openApp();
  await signIn(page, lucia.username, lucia.password);
}, 40_000);

afterAll(async () => {
  await app?.close();
});

describe('a technician', () => {
  it('is not told of Ctrl+N under the ticket list: a technician creates no tickets', async () => {
    await goTo(page, '#/tickets');
    await expect.poll(() => page.locator('.tickets-hint').textContent()).toBe('j/k o flechas para moverte, Intro para abrir, / para buscar');
  });

  it('sees no Administración in the sidebar and cannot open it by address', async () => {
    const sidebar = (await page.locator('nav.sidebar').textContent()) ?? '';
    expect(sidebar).toContain('Agenda');
    expect(sidebar).toContain('Órdenes de trabajo');
    expect(sidebar).not.toContain('Administración');
    await goTo(page, '#/admin/users');
    await page.getByText('No tienes permiso para hacer esto.').waitFor();
    expect(await page.getByRole('button', { name: 'Nuevo usuario' }).count()).toBe(0);
  });

  it('sees only their own visits in the agenda', async () => {
    await goTo(page, '#/agenda');
    // Booked for "now", it is already late by the time the agenda opens: listed among the overdue ones and in its day.
    await page.locator('.agenda-card', { hasText: mine.code }).first().waitFor();
    expect(await page.locator('.agenda-card', { hasText: theirs.code }).count()).toBe(0);
    // Technicians have no technician picker: it is always their own agenda.
    expect(await page.getByLabel('Técnico').count()).toBe(0);

    // Keyboard: D day view, → next day, H back to today, S week view.
    const range = page.locator('.agenda-range');
    await page.locator('main').focus();
    await page.keyboard.press('d');
    await page.getByRole('button', { name: 'Día', pressed: true }).waitFor();
    const today = await range.textContent();
    await page.keyboard.press('ArrowRight');
    await page.locator('.agenda-range', { hasNotText: today ?? '' }).waitFor();
    await page.keyboard.press('h');
    await page.locator('.agenda-range', { hasText: today ?? '' }).waitFor();
    await page.keyboard.press('s');
    await page.getByRole('button', { name: 'Semana', pressed: true }).waitFor();
  });

  it('can start their own OT and log parts, but not reschedule or cancel it', async () => {
    await goTo(page, `#/work-orders/${mine.id}`);
    await page.getByRole('heading', { name: mine.code }).waitFor();
    expect(await page.getByRole('button', { name: 'Programar' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Reprogramar' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Cancelar OT' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Empezar' }).click();
    await page.locator('.page-header .badge', { hasText: 'En curso' }).waitFor();
    await page.getByRole('button', { name: 'Completar', exact: true }).waitFor();
    await page.getByLabel('Sin catálogo (texto libre)').check();
    await page.getByLabel('Descripción de la pieza').fill('Termo eléctrico 80 l');
    await page.getByLabel('N.º de serie').fill('TRM-80L-55120');
    await page.getByRole('button', { name: 'Añadir', exact: true }).click();
    await page.getByRole('link', { name: 'TRM-80L-55120' }).waitFor();
  });

  it('sees a change made elsewhere without reloading', async () => {
    // The dispatcher adds a part from another window: the technician's screen follows the push.
    await app.admin.call('workOrders.addItem', { id: mine.id, version: await versionOf(app.admin, 'workOrder', mine.id), description: 'Válvula de 3 vías', serialNumber: 'VLV-3V-20931' });
    await page.getByRole('link', { name: 'VLV-3V-20931' }).waitFor();
  });

  it('gets a clear message and fresh data when the OT changed behind a screen that missed the push', async () => {
    // A second window whose live updates are cut: it keeps showing the old version.
    const context = await app.newContext();
    await context.route('**/api/events**', (route) => route.abort());
    const stale = await app.openApp(context);
    await signIn(stale, lucia.username, lucia.password);
    await goTo(stale, `#/work-orders/${mine.id}`);
    await stale.getByRole('button', { name: 'Completar', exact: true }).waitFor();
    const current = await app.admin.call('workOrders.get', { id: mine.id });
    await app.admin.call('workOrders.updateNotes', { id: mine.id, version: current.version, notes: 'Cambiado desde la oficina.' });

    await stale.getByRole('button', { name: 'Completar', exact: true }).click();
    await stale.locator('dialog[open]').getByLabel('Trabajo realizado').fill('Termo revisado.');
    await stale.locator('dialog[open]').getByRole('button', { name: 'Revisar y completar' }).click();
    await stale.locator('dialog[open]').getByRole('button', { name: 'Completar OT' }).click();
    await stale.getByText('Otra persona cambió esto mientras lo editabas. Se recargaron los datos').waitFor();
    // The OT behind the dialog is fresh again; what the technician typed in the dialog is kept for a second try.
    await stale.locator('.page-header .badge', { hasText: 'En curso' }).waitFor();
    expect(await stale.getByRole('textbox', { name: 'Notas internas' }).inputValue()).toBe('Cambiado desde la oficina.');
    expect(await stale.locator('dialog[open]').getByLabel('Trabajo realizado').inputValue()).toBe('Termo revisado.');
    expect((await app.admin.call('workOrders.get', { id: mine.id })).status).toBe('in_progress');
    await context.close();
  });

  it("has no Completar button on another technician's OT, and the API answers FORBIDDEN", async () => {
    await goTo(page, `#/work-orders/${theirs.id}`);
    await page.getByRole('heading', { name: theirs.code }).waitFor();
    await page.locator('.page-header .badge', { hasText: 'En curso' }).waitFor();
    expect(await page.getByRole('button', { name: 'Completar', exact: true }).count()).toBe(0);
    expect(await page.getByLabel('N.º de serie').count()).toBe(0);
    expect(await page.getByRole('textbox', { name: 'Notas internas' }).count()).toBe(0);

    // The renderer is untrusted: the same call made by hand from the page is refused by the main process.
    const answer = (await page.evaluate(`(async () => {
      const response = await fetch('api/workOrders.complete', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ id: ${JSON.stringify(theirs.id)}, version: ${theirs.version}, workDone: 'hecho' }),
      });
      return response.json();
    })()`)) as { ok: boolean; error?: { code: string; details?: { reason?: string } } };
    expect(answer.ok).toBe(false);
    expect(answer.error?.code).toBe('FORBIDDEN');
    expect(answer.error?.details?.reason).toBe('not_your_work_order');
    expect((await app.admin.call('workOrders.get', { id: theirs.id })).status).toBe('in_progress');
    expect(uncaughtErrors(page)).toEqual([]);
  });
});

describe('a dispatcher (Agente)', () => {
  it('plans and annotates a visit but has no Empezar, parts, signature pad or Completar: doing it is the technician’s', async () => {
    const agent = await app.userWithRole('Agente', 'rortiz', 'Rocío Ortiz');
    const office = await app.openApp();
    await signIn(office, agent.username, agent.password);
    await goTo(office, `#/work-orders/${mine.id}`);
    await office.getByRole('heading', { name: mine.code }).waitFor();
    await office.getByRole('button', { name: 'Cancelar OT' }).waitFor();
    expect(await office.getByRole('button', { name: 'Empezar', exact: true }).count()).toBe(0);
    expect(await office.getByLabel('N.º de serie').count()).toBe(0);
    expect(await office.getByRole('img', { name: /Recuadro para la firma/ }).count()).toBe(0);
    await office.getByRole('textbox', { name: 'Notas internas' }).fill('El cliente abre a las 9');
    await office.getByRole('button', { name: 'Guardar notas internas' }).click();
    // Saved once the OT on screen holds them (its toast; the button also greys out while the save is on its way, so
    // it alone raced): leaving earlier asks about unsaved changes and the next screen never opens.
    await office.getByText('Notas guardadas').waitFor();
    await expect.poll(() => office.getByRole('button', { name: 'Guardar notas internas' }).isDisabled()).toBe(true);
    expect((await app.admin.call('workOrders.get', { id: mine.id })).notes).toBe('El cliente abre a las 9');
    await goTo(office, `#/work-orders/${theirs.id}`);
    await office.locator('.page-header .badge', { hasText: 'En curso' }).waitFor();
    expect(await office.getByRole('button', { name: 'Completar', exact: true }).count()).toBe(0);
    // Closing its ticket: completing is greyed out, and the dialog says whose it is (not "ask whoever plans", which is them).
    await goTo(office, `#/tickets/${theirs.ticketId}`);
    await office.locator('.ticket-detail').getByRole('button', { name: 'Cerrar ticket' }).click();
    const decision = office.locator('dialog[open] fieldset.close-decision', { hasText: theirs.code });
    await decision.getByText('Completar esta OT es dar la visita por hecha: solo su técnico o un supervisor pueden hacerlo.', { exact: false }).waitFor();
    expect(await decision.getByRole('radio', { name: /Completar/ }).isDisabled()).toBe(true);
    await office.keyboard.press('Escape');
    // Their agenda picker offers the technicians and everyone, not a "Mi agenda" that would always be empty.
    await goTo(office, '#/agenda');
    const picker = office.locator('.agenda-header').getByLabel('Técnico');
    await expect.poll(() => picker.locator('option').allTextContents()).toContain('Todos los técnicos');
    expect(await picker.locator('option').allTextContents()).not.toContain('Mi agenda');
    expect(uncaughtErrors(office)).toEqual([]);
  });
});
