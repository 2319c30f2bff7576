// The main flow through the UI: setup → sign-in → ticket → note → visit → schedule → start → parts → complete → close → trace.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, goTo, saveScreenshot, signIn, startE2eApp, uncaughtErrors, type E2eApp } from './support';

let app: E2eApp;
let page: Page;
let technician: { id: string; username: string; password: string };
let ticketId = '';
let workOrderCode = '';

const dialog = () => page.locator('dialog[open]');
const SERIAL = 'SN-R32-0419-A';

/** "2026-11-30T10:30" for tomorrow in the browser's time zone (the context runs in Europe/Madrid). */
/** Tomorrow at hh:30 typed into the schedule dialog: the date day first (dd/mm/aaaa), the time on 24 hours. */
async function fillTomorrowAt(hours: number): Promise<void> {
  const date = (await page.evaluate(() => {
    const d = new Date();
    d.setDate(d.getDate() + 1);
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()}`;
  })) as string;
  await dialog().getByLabel('Fecha y hora').fill(date);
  await dialog().getByLabel('Hora', { exact: true }).fill(`${hours}:30`);
}

beforeAll(async () => {
  app = await startE2eApp({ setup: false });
  page = await app.openApp();
}, 30_000);

afterAll(async () => {
  await app?.close();
});

describe('main flow', () => {
  it('creates the first administrator on the setup screen, signs out and back in', async () => {
    await page.getByRole('heading', { level: 1 }).waitFor();
    const form = page.locator('.auth-card form');
    const inputs = form.locator('input');
    await inputs.nth(0).fill('Climatizaciones del Sur, S.L.');
    await inputs.nth(1).fill(ADMIN.fullName);
    await inputs.nth(2).fill(ADMIN.email);
    await inputs.nth(3).fill(ADMIN.username);
    await inputs.nth(4).fill(ADMIN.password);
    await inputs.nth(5).fill(ADMIN.password);
    await saveScreenshot(page, 'setup');
    await form.locator('button[type="submit"]').click();
    await page.waitForSelector('nav.sidebar');

    await page.getByRole('button', { name: 'Cerrar sesión' }).click();
    await page.locator('.auth-card input').first().waitFor();
    // A fresh load shows the login screen as people see it every morning (with the company name).
    await page.reload();
    await page.getByText('Climatizaciones del Sur, S.L.').waitFor();
    await page.locator('.auth-card input').first().fill(ADMIN.username);
    await saveScreenshot(page, 'login');
    await signIn(page);
    expect(await page.locator('nav.sidebar').textContent()).toContain('Administración');
  });

  it('adds a serialised product to the catalog in Administración', async () => {
    // The technician and the customer come through the API: the UI for them is exercised elsewhere.
    await app.admin.call('auth.login', { login: ADMIN.username, password: ADMIN.password });
    technician = await app.userWithRole('Técnico', 'lmartin', 'Lucía Martín');
    await app.admin.call('customers.create', { name: 'Panadería Hermanos Ruiz', phone: '954 21 33 10', address: 'C/ Feria 42, Sevilla' });

    await goTo(page, '#/admin/products');
    await page.getByRole('button', { name: 'Nuevo producto' }).click();
    await dialog().getByLabel('SKU').fill('VEX-R32-25');
    await dialog().getByLabel('Nombre', { exact: true }).fill('Válvula de expansión R32 2,5 kW');
    await dialog().getByLabel('Lleva número de serie').check();
    await dialog().getByRole('button', { name: 'Guardar' }).click();
    await page.getByRole('cell', { name: 'VEX-R32-25' }).waitFor();
    expect(await dialog().count()).toBe(0);
  });

  it('creates a ticket, writes a note and requests a visit', async () => {
    await goTo(page, '#/tickets');
    await page.getByRole('button', { name: 'Nuevo ticket' }).first().click();
    await dialog().getByLabel('Asunto').fill('La cámara frigorífica no baja de 9 °C');
    await dialog().getByLabel('Descripción').fill('El compresor arranca y para cada pocos minutos. Tienen género perecedero dentro.');
    await dialog().getByRole('combobox', { name: 'Cliente' }).fill('Hermanos Ruiz');
    await dialog().getByRole('option', { name: /^Panadería Hermanos Ruiz/ }).click();
    await dialog().getByRole('button', { name: 'Crear ticket' }).click();
    await dialog().waitFor({ state: 'detached' });
    await page.getByRole('heading', { name: 'La cámara frigorífica no baja de 9 °C' }).waitFor();
    ticketId = new URL(page.url()).hash.split('/')[2] ?? '';
    expect(ticketId).not.toBe('');

    await page.getByRole('textbox', { name: 'Nota', exact: true }).fill('Llamé al cliente: pasan el género a la cámara pequeña mientras tanto.');
    await page.getByRole('button', { name: 'Añadir nota' }).click();
    await page.getByText('pasan el género a la cámara pequeña').first().waitFor();

    await page.getByRole('toolbar').getByRole('button', { name: 'Solicitar visita' }).click();
    await dialog().getByLabel('Tipo de OT').selectOption('repair');
    await dialog().getByRole('button', { name: 'Solicitar visita' }).click();
    await dialog().waitFor({ state: 'detached' });
    const otLink = page.locator('a[href^="#/work-orders/"]').first();
    await otLink.waitFor();
    workOrderCode = (await otLink.textContent())?.trim() ?? '';
    expect(workOrderCode).toMatch(/^OT-\d{4}-\d+$/);
    await otLink.click();
    await page.getByRole('heading', { name: workOrderCode }).waitFor();
    expect(await page.locator('.page-header .badge').textContent()).toBe('Por planificar');
  });

  it('schedules the OT from the dispatch queue, then reschedules it from the OT', async () => {
    await goTo(page, '#/work-orders');
    await page.getByRole('tab', { name: 'Por planificar', selected: true }).waitFor();
    await page.getByRole('button', { name: `Programar ${workOrderCode}` }).click();
    await fillTomorrowAt(9);
    await dialog().getByLabel('Técnico').selectOption({ label: 'Lucía Martín' });
    await dialog().getByRole('button', { name: 'Programar' }).click();
    await dialog().waitFor({ state: 'detached' });
    // Scheduled, it leaves the queue.
    await page.getByText('No hay visitas pendientes de programar.').waitFor();

    await page.getByRole('tab', { name: 'Todas' }).click();
    await page.getByRole('link', { name: workOrderCode }).click();
    await page.locator('.page-header .badge', { hasText: 'Programada' }).waitFor();
    expect(await page.locator('.facts').textContent()).toContain('Lucía Martín');
    await page.getByRole('button', { name: 'Reprogramar' }).click();
    await fillTomorrowAt(11);
    await dialog().getByRole('button', { name: 'Programar' }).click();
    await dialog().waitFor({ state: 'detached' });
    await page.locator('.facts', { hasText: '11:30' }).waitFor();
  });

  it('starts the OT and logs parts with serial numbers', async () => {
    await page.getByRole('button', { name: 'Empezar' }).click();
    await page.locator('.page-header .badge', { hasText: 'En curso' }).waitFor();
    await page.locator('.ot-timer').waitFor();

    await page.getByLabel('Buscar en el catálogo').fill('VEX-R32');
    await page.locator('select', { has: page.locator('option', { hasText: 'Válvula de expansión R32' }) }).waitFor();
    await page.getByLabel('Producto').selectOption({ label: 'Válvula de expansión R32 2,5 kW (VEX-R32-25)' });
    await page.getByLabel('N.º de serie').fill(SERIAL);
    await page.getByRole('button', { name: 'Añadir', exact: true }).click();
    await page.getByRole('link', { name: SERIAL }).waitFor();

    // A part not in the catalogue: described in words, with its serial and quantity 1.
    await page.getByLabel('Sin catálogo (texto libre)').check();
    await page.getByLabel('Descripción de la pieza').fill('Filtro deshidratador 3/8');
    await page.getByLabel('N.º de serie').fill('FLT-88213');
    await page.getByRole('button', { name: 'Añadir', exact: true }).click();
    await page.getByRole('link', { name: 'FLT-88213' }).waitFor();
    expect(await page.locator('.items-table tbody tr').count()).toBe(2);
    expect(await page.locator('.items-table').textContent()).toContain('VEX-R32-25');
  });

  it('completes the OT with notes of the work done', async () => {
    await page.getByRole('button', { name: 'Completar', exact: true }).click();
    await dialog().getByLabel('Trabajo realizado').fill('Sustituida la válvula de expansión y cargado el circuito. La cámara baja a 3 °C en 40 minutos.');
    await dialog().getByRole('button', { name: 'Revisar y completar' }).click();
    await dialog().locator('.completion-summary', { hasText: 'Filtro deshidratador 3/8' }).waitFor();
    await dialog().getByRole('button', { name: 'Completar OT' }).click();
    await page.locator('.page-header .badge', { hasText: 'Completada' }).waitFor();
    // A completed OT is final: no more actions, no part editing.
    expect(await page.getByRole('button', { name: 'Empezar' }).count()).toBe(0);
    expect(await page.getByLabel('N.º de serie').count()).toBe(0);
    expect(await page.locator('.ot-work-done').textContent()).toContain('Sustituida la válvula');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Exportar PDF' }).click();
    const pdf = await download;
    expect(pdf.suggestedFilename()).toMatch(new RegExp(`${workOrderCode}.*\\.pdf$`));
  });

  it('closes the ticket with a resolution', async () => {
    await page.locator('.facts a[href^="#/tickets/"]').click();
    await page.getByRole('toolbar').getByRole('button', { name: 'Cerrar ticket' }).click();
    await dialog().getByLabel('Resolución').fill('Válvula de expansión sustituida; la cámara mantiene 3 °C. El cliente da el visto bueno.');
    await dialog().getByRole('button', { name: 'Cerrar ticket' }).click();
    await dialog().waitFor({ state: 'detached' });
    await page.getByText('Válvula de expansión sustituida; la cámara mantiene 3 °C').first().waitFor();
    const ticket = await app.admin.call('tickets.get', { id: ticketId });
    expect(ticket.status).toBe('closed');
    expect(ticket.workOrders[0]?.status).toBe('completed');
  });

  it('finds the OT from the serial number in Trazabilidad, whatever the case', async () => {
    await goTo(page, '#/trace');
    await page.getByLabel('Número de serie').fill(SERIAL.toLowerCase());
    await page.getByLabel('Número de serie').press('Enter');
    const row = page.locator('tbody tr', { hasText: workOrderCode });
    await row.waitFor();
    const text = (await row.textContent()) ?? '';
    expect(text).toContain(SERIAL);
    expect(text).toContain('Panadería Hermanos Ruiz');
    expect(text).toContain('Lucía Martín');
    expect(text).toContain('Válvula de expansión R32');
    await row.getByRole('link', { name: workOrderCode }).click();
    await page.getByRole('heading', { name: workOrderCode }).waitFor();
    expect(technician.id).toBeTruthy();
    expect(uncaughtErrors(page)).toEqual([]);
  });
});
