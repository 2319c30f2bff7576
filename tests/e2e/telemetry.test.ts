// Telemetry end to end: readings plotted per metric on the ticket screen, a socket reading appears live, import report.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTelemetrySocket, type TelemetrySocket } from '../../electron/ipc/telemetry-socket';
import { ToolClient } from '../telemetry/socket-client';
import { goTo, saveScreenshot, seriousA11yViolations, signIn, startE2eApp, uncaughtErrors, type E2eApp } from './support';

let app: E2eApp;
let page: Page;
let socket: TelemetrySocket;
let ticketId: string;
const TOKEN = 'e2e-telemetry-token-0123456789abcdefghijkl';
const MINUTE = 60_000;

/** Six hours of a struggling server-room air conditioner, a reading every 15 minutes. */
async function seedReadings(): Promise<void> {
  const now = Date.now();
  const points = 24;
  for (let i = 0; i < points; i += 1) {
    const measuredAt = new Date(now - (points - i) * 15 * MINUTE).toISOString();
    const warming = i / points;
    await app.admin.call('telemetry.record', {
      ticketId,
      readings: [
        { metric: 'temperature', value: Math.round((23.5 + 5.5 * warming + Math.sin(i / 2) * 0.6) * 10) / 10, unit: '°C', source: 'Sonda Testo 110', measuredAt },
        { metric: 'pressure', value: Math.round((18.2 - 2.4 * warming + Math.cos(i / 3) * 0.3) * 100) / 100, unit: 'bar', source: 'Manómetro digital', measuredAt },
        { metric: 'voltage', value: Math.round((229 + Math.sin(i) * 2.5) * 10) / 10, unit: 'V', source: 'Fluke 87V', measuredAt },
      ],
    });
  }
}

beforeAll(async () => {
  app = await startE2eApp();
  const customer = await app.admin.call('customers.create', { name: 'Hotel Mirador del Guadalquivir', phone: '954 90 45 00', address: 'Paseo de Colón 11, Sevilla' });
  const ticket = await app.admin.call('tickets.create', {
    title: 'La máquina de aire de la sala de servidores pita',
    description: 'Alarma de alta presión intermitente. Sala a 29 °C. Dejamos la sonda conectada para seguir la temperatura.',
    priority: 'critical',
    customerId: customer.id,
  });
  ticketId = ticket.id;
  await seedReadings();
  socket = await startTelemetrySocket({ backend: app.backend, port: 0, token: TOKEN, host: '127.0.0.1' });
  page = await app.openApp();
  await signIn(page);
}, 60_000);

afterAll(async () => {
  await socket?.close();
  await app?.close();
});

const chart = (metric: string) => page.locator(`.telemetry-chart[data-metric="${metric}"]`);

describe('telemetry on the ticket screen', () => {
  it('plots one chart per metric', async () => {
    await goTo(page, `#/tickets/${ticketId}`);
    await chart('temperature').waitFor();
    expect(await page.locator('.telemetry-chart').evaluateAll((els) => els.map((el) => el.getAttribute('data-metric')))).toEqual(['pressure', 'temperature', 'voltage']);
    expect(await chart('temperature').getAttribute('data-count')).toBe('24');
    expect(await chart('temperature').locator('canvas').count()).toBe(1);
  });

  it('shows a reading sent over the socket without a reload', async () => {
    await page.evaluate('window.__notReloaded = true');
    const tool = await ToolClient.connect(`ws://127.0.0.1:${socket.port}/?token=${TOKEN}`);
    tool.send({ ticketId, readings: [{ metric: 'temperature', value: 30.4, unit: '°C', source: 'Sonda Testo 110', measuredAt: new Date().toISOString() }] });
    expect((await tool.waitForAcks(1))[0]?.ok).toBe(true);
    await page.locator('.telemetry-chart[data-metric="temperature"][data-count="25"]').waitFor();
    expect(await chart('temperature').locator('.telemetry-chart-last').textContent()).toContain('30,4');
    expect(await page.evaluate('window.__notReloaded === true')).toBe(true);
    await tool.close();
  });

  it('passes axe and looks right (screenshot)', async () => {
    await page.locator('.telemetry-panel').scrollIntoViewIfNeeded();
    expect(await seriousA11yViolations(page, '.telemetry-panel')).toEqual([]);
    await saveScreenshot(page, 'telemetry');
  });

  it('records a reading by hand through the form', async () => {
    await page.getByRole('button', { name: 'Apuntar lectura' }).click();
    const form = page.locator('form.telemetry-form');
    // Metrics are picked by their Spanish name; the unit follows (issue 18).
    await form.locator('select[name="metric"]').selectOption({ label: 'Humedad' });
    expect(await form.locator('input[name="unit"]').inputValue()).toBe('%');
    await form.locator('input[name="value"]').fill('38,5');
    await form.locator('input[name="source"]').fill('Higrómetro');
    await form.locator('button[type="submit"]').click();
    await chart('humidity').waitFor();
    expect(await chart('humidity').locator('.telemetry-chart-last').textContent()).toContain('38,5');
    // Thousands grouped as Spanish writes them: "1.500" W is fifteen hundred, not one and a half.
    await page.getByRole('button', { name: 'Apuntar lectura' }).click();
    await form.locator('select[name="metric"]').selectOption({ label: 'Potencia' });
    await form.locator('input[name="value"]').fill('1.500');
    await form.locator('button[type="submit"]').click();
    await expect.poll(async () => chart('power').locator('.telemetry-chart-last').textContent()).toContain('1500 W');
  });

  it('draws two readings taken at the same instant as a dot (the chart drew nothing)', async () => {
    const measuredAt = new Date(Math.floor(Date.now() / MINUTE) * MINUTE - 10 * MINUTE).toISOString();
    const reading = { metric: 'caudal', value: 2.5, unit: 'l/min', source: 'Caudalímetro', measuredAt };
    await app.admin.call('telemetry.record', { ticketId, readings: [reading, { ...reading, source: 'Caudalímetro 2' }] });
    await expect.poll(() => chart('caudal').locator('canvas').count()).toBe(1);
    // Pixels in the series' colour (the accent, #047857): the grid and axes are drawn in others.
    const accentPixels = `(() => {
      const canvas = document.querySelector('.telemetry-chart[data-metric="caudal"] canvas');
      const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      let count = 0;
      for (let i = 0; i < data.length; i += 4) if (Math.abs(data[i] - 4) < 24 && Math.abs(data[i + 1] - 120) < 24 && Math.abs(data[i + 2] - 87) < 24 && data[i + 3] > 200) count++;
      return count;
    })()`;
    await expect.poll(() => page.evaluate<number>(accentPixels)).toBeGreaterThan(4);
  });

  it('imports a mixed CSV and shows the validation report', async () => {
    await page.getByRole('button', { name: 'Importar', exact: true }).click();
    const dialog = page.locator('dialog.modal[open]');
    const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * MINUTE).toISOString();
    const csv = ['metric;value;unit;source;measured_at', `voltage;230,1;V;Fluke 87V;${at(5)}`, `voltage;231;mV;Fluke 87V;${at(4)}`, `current;abc;A;Pinza;${at(3)}`, `current;4,2;A;Pinza;${at(2)}`].join('\n');
    await dialog.locator('input[type="file"]').setInputFiles({ name: 'lecturas-sala.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await dialog.getByRole('button', { name: 'Importar', exact: true }).click();
    const report = dialog.locator('.telemetry-report');
    await report.waitFor();
    expect(await report.locator('.telemetry-report-summary').textContent()).toBe('2 lecturas importadas · 2 filas rechazadas');
    expect(await report.locator('tbody tr').allTextContents()).toEqual(['3UnidadEsa unidad no vale para esta magnitud', '4—El valor no es un número']);
    expect(await seriousA11yViolations(page, 'dialog.modal[open]')).toEqual([]);
    await saveScreenshot(page, 'telemetry-import');
    await dialog.getByRole('button', { name: 'Cerrar', exact: true }).last().click();
    await chart('current').waitFor();
    expect(uncaughtErrors(page)).toEqual([]);
  });

  it('reads well in the dark theme too (screenshot)', async () => {
    const dark = await app.openApp(await app.newContext({ colorScheme: 'dark' }));
    await signIn(dark);
    await goTo(dark, `#/tickets/${ticketId}`);
    await dark.locator('.telemetry-chart[data-metric="temperature"] canvas').waitFor();
    await dark.locator('.telemetry-panel').scrollIntoViewIfNeeded();
    expect(await seriousA11yViolations(dark, '.telemetry-panel')).toEqual([]);
    await saveScreenshot(dark, 'telemetry-dark');
    expect(uncaughtErrors(dark)).toEqual([]);
  });
});

describe('a ticket with 10,000 readings (issue 17)', () => {
  let busyTicketId: string;

  beforeAll(async () => {
    const ticket = await app.admin.call('tickets.create', {
      title: 'Cuadro general del polígono: registrador conectado una semana',
      description: 'El registrador de red guarda tensión, corriente y temperatura del cuadro cada 3 minutos.',
      priority: 'high',
    });
    busyTicketId = ticket.id;
    // Ten imports of 1,000 readings: a week of a network logger, with a sag and a surge the chart must not lose.
    const end = Date.now() - 10 * MINUTE;
    for (let batch = 0; batch < 10; batch += 1) {
      const readings = Array.from({ length: 1000 }, (_, j) => {
        const i = batch * 1000 + j;
        const metric = (['voltage', 'current', 'temperature'] as const)[i % 3] ?? 'voltage';
        const base = { voltage: 230 + Math.sin(i / 300) * 3, current: 12 + Math.sin(i / 500) * 4, temperature: 31 + Math.sin(i / 480) * 5 }[metric];
        const event = metric === 'voltage' && i === 4200 ? -38 : metric === 'voltage' && i === 7500 ? 21 : 0;
        return { metric, value: Math.round((base + event) * 10) / 10, unit: { voltage: 'V', current: 'A', temperature: '°C' }[metric], source: 'Registrador Circutor', measuredAt: new Date(end - (10_000 - i) * 60_000).toISOString() };
      });
      await app.admin.call('telemetry.record', { ticketId: busyTicketId, readings });
    }
  }, 120_000);

  it('charts every metric from a few hundred points, keeps the extremes, and pages through every reading (screenshot)', async () => {
    const detail = await app.admin.call('tickets.get', { id: busyTicketId });
    expect(Buffer.byteLength(JSON.stringify(detail))).toBeLessThan(200 * 1024);
    await goTo(page, `#/tickets/${busyTicketId}`);
    await chart('voltage').locator('canvas').waitFor();
    expect(await chart('voltage').getAttribute('data-count')).toBe('3334');
    expect(Number(await chart('voltage').getAttribute('data-points'))).toBeLessThanOrEqual(500);
    // The sag (192 V) and the surge (251 V) are the range the chart states.
    expect(await chart('voltage').locator('.telemetry-chart-range').textContent()).toMatch(/mín 19\d(,\d)? · máx 25\d(,\d)? V/);
    await page.getByRole('button', { name: 'Ver lecturas' }).click();
    const table = page.locator('.telemetry-readings');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(100);
    await table.getByRole('button', { name: 'Cargar más' }).click();
    await expect.poll(() => table.locator('tbody tr').count()).toBe(200);
    expect(await table.locator('.telemetry-readings-header .muted').textContent()).toBe('200 de 10.000 lecturas');
    await table.locator('select').selectOption({ label: 'Voltaje' });
    await expect.poll(() => table.locator('.telemetry-readings-header .muted').textContent()).toBe('100 de 3334 lecturas');
    await page.locator('.telemetry-panel').scrollIntoViewIfNeeded();
    expect(await seriousA11yViolations(page, '.telemetry-panel')).toEqual([]);
    await saveScreenshot(page, 'telemetry-10000-readings');
    // The charts and the period picker, from the top of the panel.
    await page.locator('.telemetry-header').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await saveScreenshot(page, 'telemetry-10000-charts');
    expect(uncaughtErrors(page)).toEqual([]);
  });
});
