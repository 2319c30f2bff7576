// PDF rendering from fabricated DTOs, read back with pdftotext: content, accents, languages, page breaks.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FONT_FILES, resolveFontDir } from '../../electron/services/reports/fonts';
import { labelsFor, resolveLanguage } from '../../electron/services/reports/labels';
import { renderTicketPdf } from '../../electron/services/reports/pdf/ticketReport';
import { renderWorkOrderPdf, type RenderOptions } from '../../electron/services/reports/pdf/workOrderReport';
import { customerFixture, settingsFixture, ticketFixture, workOrderFixture } from './fixtures';
import { isPdf, pdfPageCount, pdfText } from './support';

const es: RenderOptions = { language: 'es', generatedAt: '2026-03-02T11:00:00.000Z', timeZone: 'Europe/Madrid' };
const en: RenderOptions = { ...es, language: 'en' };
const SERIAL = /SN-\d{4}-ÑX/g;

describe('OT report', () => {
  it('carries the OT, the customer, every serial and the accented Spanish labels', async () => {
    const workOrder = workOrderFixture({}, 5);
    const bytes = await renderWorkOrderPdf({ workOrder, customer: customerFixture, settings: settingsFixture }, es);
    expect(isPdf(bytes)).toBe(true);
    const text = pdfText(bytes);
    for (const expected of [
      workOrder.code,
      workOrder.ticketCode,
      workOrder.ticketTitle,
      customerFixture.name,
      customerFixture.address as string,
      settingsFixture.companyName,
      'Íñigo Muñoz',
      'Técnico',
      'Descripción',
      'Reparación',
      'Completada',
      '2 h 15 min',
      '2 mar 2026, 9:10',
      'Firma del técnico',
      'Firma del cliente',
      'Página 1 de 1',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).toContain('ñ');
    for (const item of workOrder.items) expect(text).toContain(item.serialNumber);
    expect(text).not.toContain('Work order report');
  });

  it('speaks English when asked, with English dates and durations', async () => {
    const bytes = await renderWorkOrderPdf({ workOrder: workOrderFixture(), customer: customerFixture, settings: settingsFixture }, en);
    const text = pdfText(bytes);
    for (const expected of ['Work order report', 'Technician', 'Serial number', 'Quantity', 'Technician signature', 'Customer signature', 'Repair', '2h 15m', '2 Mar 2026', 'Page 1 of 1']) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('Firma del técnico');
  });

  it('prints the customer’s town after the address (a trial typed it and found it on no report)', async () => {
    const customer = { ...customerFixture, address: 'Calle Larga 4', town: 'Benalmádena' };
    const text = pdfText(await renderWorkOrderPdf({ workOrder: workOrderFixture(), customer, settings: settingsFixture }, en));
    expect(text).toContain('Calle Larga 4, Benalmádena');
    const townOnly = pdfText(await renderWorkOrderPdf({ workOrder: workOrderFixture(), customer: { ...customer, address: null }, settings: settingsFixture }, en));
    expect(townOnly).toContain('Benalmádena');
    // An address that already names its town (as the demo's do) does not print it twice.
    const named = pdfText(await renderWorkOrderPdf({ workOrder: workOrderFixture(), customer: { ...customer, address: 'Calle Real 76, 48041 Bilbao', town: 'Bilbao' }, settings: settingsFixture }, en));
    expect(named).toContain('Calle Real 76, 48041 Bilbao');
    expect(named).not.toContain('Bilbao, Bilbao');
  });

  it('spreads 200 parts over several pages, repeating the table header and cutting nothing', async () => {
    const workOrder = workOrderFixture({}, 200);
    const bytes = await renderWorkOrderPdf({ workOrder, customer: customerFixture, settings: settingsFixture }, es);
    const pages = pdfPageCount(bytes);
    expect(pages).toBeGreaterThanOrEqual(3);
    const seen: string[] = [];
    for (let page = 1; page <= pages; page++) {
      const text = pdfText(bytes, { page, layout: true });
      const serials = text.match(SERIAL) ?? [];
      if (serials.length > 0) {
        expect(text, `page ${page} repeats the header`).toMatch(/Producto\s+SKU\s+N\.º de serie\s+Cantidad/);
      }
      seen.push(...serials);
      expect(text).toContain(`Página ${page} de ${pages}`);
    }
    expect(seen).toHaveLength(200);
    expect(new Set(seen)).toEqual(new Set(workOrder.items.map((i) => i.serialNumber)));
    expect(pdfText(bytes, { page: pages })).toContain('Firma del cliente');
  });

  it('embeds a valid logo and ignores a broken one instead of failing', async () => {
    const data = { workOrder: workOrderFixture(), customer: customerFixture };
    const withLogo = Buffer.from(await renderWorkOrderPdf({ ...data, settings: settingsFixture }, es));
    expect(withLogo.includes('/Subtype /Image')).toBe(true);
    const broken = { ...settingsFixture, companyLogo: 'data:image/png;base64,bm90IGEgcG5n' };
    const withoutLogo = await renderWorkOrderPdf({ ...data, settings: broken }, es);
    expect(Buffer.from(withoutLogo).includes('/Subtype /Image')).toBe(false);
    expect(pdfText(withoutLogo)).toContain(settingsFixture.companyName);
  });

  it('says so when nothing is known yet instead of printing blanks', async () => {
    const pending = workOrderFixture({ status: 'pending_planning', technician: null, startedAt: null, completedAt: null, totalDuration: null, notes: null, workDone: null }, 0);
    const text = pdfText(await renderWorkOrderPdf({ workOrder: pending, customer: null, settings: settingsFixture }, es));
    expect(text).toContain('Por planificar');
    expect(text).toContain('Sin notas del trabajo realizado.');
    expect(text).toContain('No se registraron materiales.');
    expect(text).toContain(customerFixture.name); // from the OT's customer ref when the detail is missing
  });
});

describe('ticket report', () => {
  it('lists the ticket, a readable timeline and every OT with its parts', async () => {
    const second = workOrderFixture({ id: '01900000-0000-7000-8000-0000000000a2', code: 'OT-2026-000043', status: 'cancelled' }, 2);
    const ticket = ticketFixture({ workOrders: [workOrderFixture({}, 3), { ...second, items: second.items.map((i, n) => ({ ...i, serialNumber: `SEGUNDA-${n}` })) }] });
    const text = pdfText(await renderTicketPdf({ ticket, settings: settingsFixture }, es));
    for (const expected of [
      'Informe de ticket',
      ticket.code,
      ticket.title,
      'Alta',
      'Calefacción',
      'Descripción',
      'Resolución',
      'Bitácora',
      'Cambio de estado',
      'Abierto → En curso',
      'Contacto con el cliente (Teléfono · María José)',
      'El cliente pide que se llame antes de ir (señal débil en el sótano).',
      'OT-2026-000042 · Reparación · Completada',
      'OT-2026-000043 · Reparación · Cancelada',
      'SN-0003-ÑX',
      'SEGUNDA-1',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('renders in English too', async () => {
    const text = pdfText(await renderTicketPdf({ ticket: ticketFixture(), settings: settingsFixture }, en));
    for (const expected of ['Ticket report', 'Timeline', 'Status change', 'Open → In progress', 'Work orders', 'Resolution']) {
      expect(text).toContain(expected);
    }
  });
});

describe('language and fonts', () => {
  it('uses the explicit language, else the settings language, with system meaning Spanish', () => {
    expect(resolveLanguage('en', 'es')).toBe('en');
    expect(resolveLanguage(undefined, 'en')).toBe('en');
    expect(resolveLanguage(undefined, 'es')).toBe('es');
    expect(resolveLanguage(undefined, 'system')).toBe('es');
  });

  it('has every label in both languages', () => {
    const flatten = (value: unknown): string[] =>
      typeof value === 'string' ? [value] : typeof value === 'function' ? [String((value as (a: number, b: number) => string)(1, 2))] : Object.values(value as object).flatMap(flatten);
    const [esLabels, enLabels] = [flatten(labelsFor('es')), flatten(labelsFor('en'))];
    expect(esLabels.length).toBe(enLabels.length);
    expect(esLabels.filter((l) => l.trim() === '')).toEqual([]);
    expect(enLabels.filter((l) => l.trim() === '')).toEqual([]);
  });

  it('finds the bundled DejaVu fonts, ignoring a wrong EMERALD_FONT_DIR', () => {
    const previous = process.env.EMERALD_FONT_DIR;
    process.env.EMERALD_FONT_DIR = path.join(process.cwd(), 'no-such-folder');
    try {
      const dir = resolveFontDir();
      expect(existsSync(path.join(dir, FONT_FILES.regular))).toBe(true);
      expect(existsSync(path.join(dir, FONT_FILES.bold))).toBe(true);
      expect(existsSync(path.join(dir, 'LICENSE.txt'))).toBe(true);
    } finally {
      if (previous === undefined) delete process.env.EMERALD_FONT_DIR;
      else process.env.EMERALD_FONT_DIR = previous;
    }
  });
});
