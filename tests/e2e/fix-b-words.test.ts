// The newcomer's trial, on screen: a superuser is "Administrador principal" in the sidebar and in Usuarios, the photo
// panel's hint says "ticket", and the bitácora names each photo or file added to an OT or to the ticket.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { minimalPdf, noiseJpeg } from '../attachments/images';
import { goTo, saveScreenshot, signIn, startE2eApp, uncaughtErrors, type E2eApp } from './support';

let app: E2eApp;
let page: Page;
let ticketId = '';
let workOrderCode = '';

beforeAll(async () => {
  app = await startE2eApp();
  const customer = await app.admin.call('customers.create', { name: 'Bodega Los Arcos', address: 'Avda. del Vino 4, Jerez' });
  const ticket = await app.admin.call('tickets.create', { title: 'Cámara frigorífica no enfría', customerId: customer.id });
  ticketId = ticket.id;
  const wo = await app.admin.call('workOrders.requestVisit', { ticketId, otType: 'repair' });
  workOrderCode = wo.code;
  await app.admin.call('attachments.add', { workOrderId: wo.id, fileName: 'IMG_0001.jpg', bytes: await noiseJpeg(320, 240) });
  await app.admin.call('attachments.add', { ticketId, fileName: 'presupuesto.pdf', bytes: minimalPdf() });
  page = await app.openApp();
  await signIn(page);
}, 60_000);

afterAll(async () => {
  await app?.close();
});

describe('words from the newcomer trial', () => {
  it('a superuser is "Administrador principal" in the sidebar and in Administración → Usuarios', async () => {
    await goTo(page, '#/admin/users');
    await expect.poll(() => page.locator('.sidebar-user').textContent()).toContain('Administrador principal');
    const cell = page.locator('tbody tr').first().getByRole('cell', { name: 'Administrador principal' });
    await cell.waitFor();
    expect(await cell.getAttribute('title')).toMatch(/^Administrador principal: Tiene todos los permisos/);
    expect(await page.locator('body').textContent()).not.toContain('Superusuario');
    await saveScreenshot(page, 'fix-b-users-superuser');
  });

  it('the bitácora names the photo added to the OT and the file added to the ticket; the hint says ticket', async () => {
    await goTo(page, `#/tickets/${ticketId}`);
    await page.getByText(`añadió la foto «IMG_0001.jpg» a la ${workOrderCode}`).waitFor();
    await page.getByText('añadió el archivo «presupuesto.pdf» al ticket').waitFor();
    await page.getByText('30 por OT o ticket').first().waitFor();
    // Both lines show a paperclip, not the note's speech bubble or the OT's wrench.
    const icons = page.locator('li.timeline-event', { hasText: /añadió (la foto|el archivo)/ }).locator('.timeline-icon svg');
    await expect.poll(() => icons.evaluateAll((svgs) => svgs.map((svg) => svg.getAttribute('class') ?? ''))).toEqual([expect.stringContaining('paperclip'), expect.stringContaining('paperclip')]);
    await page.getByText('añadió el archivo «presupuesto.pdf» al ticket').scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'fix-b-bitacora-files');
    expect(uncaughtErrors(page)).toEqual([]);
  });
});
