// The close of the OT report (fixes after a newcomer's trial): the customer's statement and both signatures come last,
// customer first as on screen, each saying whether it still covers the report, and never split across pages; every
// quantity carries its unit word. Rendered from fabricated DTOs, read back with pdftotext.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FieldCapture, ReportSignature } from '../../electron/services/reports/pdf/fieldCapture';
import { fieldLabelsFor } from '../../electron/services/reports/pdf/fieldLabels';
import { renderTicketPdf } from '../../electron/services/reports/pdf/ticketReport';
import { renderWorkOrderPdf, type RenderOptions } from '../../electron/services/reports/pdf/workOrderReport';
import { customerFixture, settingsFixture, ticketFixture, workOrderFixture } from './fixtures';
import { pdfText } from './support';

const es: RenderOptions = { language: 'es', generatedAt: '2026-03-02T11:00:00.000Z', timeZone: 'Europe/Madrid' };
const en: RenderOptions = { ...es, language: 'en' };
const STATEMENT_NO_PHOTOS = 'Con su firma, el cliente da su conformidad al trabajo realizado y a los materiales de este informe.';

function signature(role: ReportSignature['role'], signerName: string, stale: boolean): ReportSignature {
  return { id: `sig-${role}`, role, signerName, signerIdNumber: role === 'customer' ? '12345678Z' : null, signedAt: '2026-03-02T10:20:00.000Z', image: null, stale };
}

function capture(stale = false): FieldCapture {
  return {
    faultDescription: 'La caldera pierde presión cada noche.',
    checklist: [],
    photos: [],
    signatures: [signature('technician', 'Íñigo Muñoz', stale), signature('customer', 'María José Ibáñez', stale)],
  };
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ');

/** Each page's text, whitespace collapsed (pdftotext ends every page with a form feed). */
function pagesOf(bytes: Uint8Array): string[] {
  return pdfText(bytes, { layout: true }).split('\f').slice(0, -1).map(oneLine);
}

describe('the signatures that close the OT report', () => {
  it('keeps the title, statement and both signature blocks on one page wherever the parts end', async () => {
    const statementPages = new Set<number>();
    // Each added line of work done moves the close of the report ~14 pt down, across the end of page 1.
    for (let lines = 0; lines <= 15; lines++) {
      const workDone = Array.from({ length: lines + 1 }, (_, i) => `Paso ${i + 1} del trabajo realizado.`).join('\n');
      const bytes = await renderWorkOrderPdf(
        { workOrder: workOrderFixture({ workDone }, 4), customer: customerFixture, settings: settingsFixture, capture: capture() },
        es,
      );
      const pages = pagesOf(bytes);
      const page = pages.findIndex((text) => text.includes('da su conformidad'));
      expect(page, `${lines} lines`).toBeGreaterThanOrEqual(0);
      statementPages.add(page);
      const text = pages[page] as string;
      expect(text, `${lines} lines`).toContain(STATEMENT_NO_PHOTOS);
      expect(text.indexOf('Firmas'), `${lines} lines: the title with its statement`).toBeLessThan(text.indexOf(STATEMENT_NO_PHOTOS));
      for (const part of ['Firma del cliente', 'Firma del técnico', 'María José Ibáñez', 'DNI 12345678Z', 'Íñigo Muñoz']) expect(text, `${lines} lines`).toContain(part);
      expect(text.split('Firma válida para este informe'), `${lines} lines`).toHaveLength(3);
      expect(page, `${lines} lines: nothing after the signatures`).toBe(pages.length - 1);
    }
    expect(statementPages, 'the scan crossed a page break').toEqual(new Set([0, 1]));
  });

  it('puts the customer first as on screen, says what is signed, and leaves lines to sign by hand when nobody signed on screen', async () => {
    const bytes = await renderWorkOrderPdf({ workOrder: workOrderFixture({}, 2), customer: customerFixture, settings: settingsFixture }, es);
    const layout = pdfText(bytes, { layout: true });
    expect(oneLine(layout)).toContain(STATEMENT_NO_PHOTOS);
    expect(layout).toMatch(/Firma del cliente\s+Firma del técnico/);
    expect(layout).toMatch(/Nombre y DNI\s+Íñigo Muñoz/);
    expect(layout).not.toContain('Firma válida');
  });

  it('says under each signature made before a change that it no longer covers the report', async () => {
    const data = { workOrder: workOrderFixture({}, 2), customer: customerFixture, settings: settingsFixture, capture: capture(true) };
    const text = pdfText(await renderWorkOrderPdf(data, es));
    expect(text.split('Firma anterior a cambios del informe')).toHaveLength(3);
    expect(text).not.toContain('Firma válida para este informe');
    expect(text.match(/Firmado el 2 mar 2026, 11:20/g)).toHaveLength(2);
    const english = pdfText(await renderWorkOrderPdf({ ...data, capture: capture() }, en));
    expect(english).toContain('By signing, the customer accepts the work done and the parts in this report.');
    expect(english.split('Signature valid for this report')).toHaveLength(3);
    expect(pdfText(await renderWorkOrderPdf({ ...data, capture: capture() }, en), { layout: true })).toMatch(/Customer signature\s+Technician signature/);
  });
});

describe('quantities in the parts lists', () => {
  // itemFixture(n) counts 1 + n % 4 units: 2, 3, 4, 1 for items 1..4.
  it('print the unit word after every number, in the report language, in the OT and the ticket report', async () => {
    const data = { workOrder: workOrderFixture({}, 4), customer: customerFixture, settings: settingsFixture };
    const spanish = pdfText(await renderWorkOrderPdf(data, es), { layout: true });
    for (const quantity of ['2 ud.', '3 ud.', '4 ud.', '1 ud.']) expect(spanish).toMatch(new RegExp(`SN-\\d{4}-ÑX\\s+${quantity.replace('.', '\\.')}\\n`));
    const english = pdfText(await renderWorkOrderPdf(data, en), { layout: true });
    for (const quantity of ['2 units', '3 units', '4 units', '1 unit']) expect(english).toMatch(new RegExp(`SN-\\d{4}-ÑX\\s+${quantity}\\n`));
    const ticket = pdfText(await renderTicketPdf({ ticket: ticketFixture(), settings: settingsFixture }, es), { layout: true });
    expect(ticket).toMatch(/SN-\d{4}-ÑX\s+\d ud\.\n/);
    expect(ticket).not.toMatch(/SN-\d{4}-ÑX\s+\d\n/);
  });
});

describe('README', () => {
  it('quotes what the report says above and under the signatures', () => {
    const readme = readFileSync(path.resolve('README.md'), 'utf8').replace(/\s+/g, ' ');
    const words = fieldLabelsFor('es');
    expect(readme).toContain(`*${words.customerStatement(true).replace(/\.$/, '')}*`);
    expect(readme).toContain(`*${words.validSignature}*`);
    expect(readme).toContain(`*${words.staleSignature}*`);
  });
});
