// Closing a ticket with open OTs (#16 part 4): the dialog lists each open OT and the close waits until every one is
// decided; one is completed with the work done, the other cancelled with a reason; the ticket's OT list and timeline
// then say so, and each OT's screen shows its work done or its reason.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketDetail, WorkOrderDetail } from '../../electron/contract';
import { goTo, saveScreenshot, seriousA11yViolations, signIn, startE2eApp, uncaughtErrors, type E2eApp } from './support';

const DAY = 24 * 3_600_000;

let app: E2eApp;
let page: Page;
let ticket: TicketDetail;
let repair: WorkOrderDetail;
let diagnosis: WorkOrderDetail;

beforeAll(async () => {
  app = await startE2eApp();
  const lucia = await app.userWithRole('Técnico', 'lmartin', 'Lucía Martín');
  const customer = await app.admin.call('customers.create', { name: 'Farmacia Triana', address: 'C/ San Jacinto 19' });
  const created = await app.admin.call('tickets.create', { title: 'Termo eléctrico no calienta', customerId: customer.id });
  const requested = await app.admin.call('workOrders.requestVisit', { ticketId: created.id, otType: 'repair' });
  repair = await app.admin.call('workOrders.schedule', { id: requested.id, version: requested.version, technicianId: lucia.id, scheduledDate: new Date(Date.now() + DAY).toISOString() });
  diagnosis = await app.admin.call('workOrders.requestVisit', { ticketId: created.id, otType: 'diagnosis' });
  ticket = await app.admin.call('tickets.get', { id: created.id });
  page = await app.openApp();
  await signIn(page);
}, 60_000);

afterAll(async () => {
  await app?.close();
});

describe('closing a ticket with two open OTs', () => {
  it('asks for a decision on each, keeps the close disabled until both are decided, then completes one and cancels the other', async () => {
    await goTo(page, `#/tickets/${ticket.id}`);
    const detail = page.locator('.ticket-detail');
    await detail.getByRole('button', { name: 'Cerrar ticket' }).click();
    const dialog = page.locator('dialog[open]');
    const submit = dialog.locator('button[type="submit"]');
    const repairBox = dialog.locator('fieldset.close-decision', { hasText: repair.code });
    const diagnosisBox = dialog.locator('fieldset.close-decision', { hasText: diagnosis.code });
    await repairBox.waitFor();
    expect(await repairBox.locator('legend').textContent()).toBe(`${repair.code} · Reparación · Programada · Lucía Martín`);
    expect(await diagnosisBox.locator('legend').textContent()).toBe(`${diagnosis.code} · Diagnóstico · Por planificar · Sin técnico`);
    // Nothing is chosen for the person.
    expect(await dialog.locator('input[type="radio"]:checked').count()).toBe(0);
    expect(await submit.isDisabled()).toBe(true);
    // The resolution too: the second trial left it empty, read "Falta…" naming only OTs, and met the error on submit.
    await dialog.getByRole('status').getByText(`Falta la resolución · Falta elegir completar o cancelar: ${repair.code}, ${diagnosis.code}`).waitFor();

    await dialog.locator('textarea[name="resolution"]').fill('Sustituida la resistencia del termo; agua caliente de nuevo.');
    // Keyboard: Tab into the first OT's choices, arrows move between Completar and Cancelar.
    await repairBox.getByLabel('Completar').focus();
    await page.keyboard.press('Space');
    await repairBox.getByLabel('Trabajo realizado').waitFor();
    await repairBox.getByText('no se llegó a iniciar').waitFor();
    // A duration typed for it asks its reason without speaking of a measured time it never had.
    await repairBox.getByLabel('Duración (minutos)').fill('40');
    await repairBox.getByText('No hay tiempo medido (la OT no se inició): explica de dónde sale esta duración.').waitFor();
    await repairBox.getByLabel('Duración (minutos)').fill('');
    // Chosen but without the work done: still not decided, and the status says what is missing for which.
    expect(await submit.isDisabled()).toBe(true);
    await dialog
      .getByRole('status')
      .getByText(`Falta elegir completar o cancelar: ${diagnosis.code} · Falta el trabajo realizado: ${repair.code}`)
      .waitFor();
    await repairBox.getByLabel('Trabajo realizado').fill('Cambiada la resistencia de 1500 W y el termostato; probado 30 min.');
    // Nobody was ever assigned the diagnosis: completing it would say a visit was made, so only cancelling is offered.
    expect(await diagnosisBox.getByLabel('Completar').isDisabled()).toBe(true);
    await diagnosisBox.getByText('Esta OT no tiene técnico: nadie hizo la visita que completarla daría por hecha.', { exact: false }).waitFor();
    await diagnosisBox.getByLabel('Cancelar la OT').focus();
    await page.keyboard.press('Space');
    expect(await diagnosisBox.getByLabel('Cancelar la OT').isChecked()).toBe(true);
    expect(await submit.isDisabled()).toBe(true);
    await dialog.getByRole('status').getByText(`Falta el motivo de la cancelación: ${diagnosis.code}`).waitFor();
    await diagnosisBox.getByLabel('Motivo de la cancelación').fill('El diagnóstico se hizo en la misma visita de reparación.');
    await dialog.getByRole('status').getByText('Todas las órdenes tienen decisión.').waitFor();
    expect(await submit.isDisabled()).toBe(false);
    expect(await seriousA11yViolations(page, 'dialog[open]')).toEqual([]);
    await saveScreenshot(page, 'ticket-close-decisions');

    await submit.click();
    await dialog.waitFor({ state: 'detached' });
    await detail.locator('.ticket-detail-topline .badge-status-closed').waitFor();

    // The ticket's OT list: one Completada with its work done, one Cancelada with the reason.
    const repairRow = detail.locator('.ticket-work-order', { hasText: repair.code });
    const diagnosisRow = detail.locator('.ticket-work-order', { hasText: diagnosis.code });
    await repairRow.locator('.badge-ot-completed').waitFor();
    await diagnosisRow.locator('.badge-ot-cancelled').waitFor();
    // Its date says which one it is: the real one once completed.
    expect(await repairRow.locator('.ticket-work-order-when').textContent()).toMatch(/^Realizada: \d{1,2} [a-z]+\.? \d{4}, \d{1,2}:\d{2}$/);
    expect(await repairRow.locator('.ticket-work-order-outcome').textContent()).toBe('Trabajo realizado: Cambiada la resistencia de 1500 W y el termostato; probado 30 min.');
    expect(await diagnosisRow.locator('.ticket-work-order-outcome').textContent()).toBe('Motivo de la cancelación: El diagnóstico se hizo en la misma visita de reparación.');

    // The timeline says each was settled at the close, the never-started one without a start.
    const completedEvent = detail.locator('.timeline-ot_completed', { hasText: repair.code });
    expect(await completedEvent.locator('.timeline-headline').textContent()).toContain(`completó la ${repair.code} al cerrar el ticket, sin inicio registrado`);
    expect(await completedEvent.locator('.timeline-body').textContent()).toBe('Cambiada la resistencia de 1500 W y el termostato; probado 30 min.');
    const cancelledEvent = detail.locator('.timeline-ot_updated', { hasText: `canceló la ${diagnosis.code} al cerrar el ticket` });
    expect(await cancelledEvent.locator('.timeline-body').textContent()).toBe('El diagnóstico se hizo en la misma visita de reparación.');
    await detail.locator('.timeline-closed', { hasText: 'Sustituida la resistencia' }).waitFor();
    await detail.locator('.ticket-work-orders').scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'ticket-closed-with-decisions');

    // The OT screen of the completed one shows the work done and no invented duration.
    await repairRow.getByRole('link', { name: repair.code }).click();
    await page.getByRole('heading', { name: repair.code }).waitFor();
    await page.locator('.ot-work-done', { hasText: 'Cambiada la resistencia de 1500 W' }).waitFor();
    // The cancelled one's screen says why it was cancelled.
    await goTo(page, `#/work-orders/${diagnosis.id}`);
    await page.getByRole('heading', { name: diagnosis.code }).waitFor();
    expect(await page.locator('.ot-cancel-reason').textContent()).toBe('Motivo de la cancelación: El diagnóstico se hizo en la misma visita de reparación.');
    expect(uncaughtErrors(page)).toEqual([]);
  });
});
