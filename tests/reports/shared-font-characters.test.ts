// The report fonts are parsed once per process and shared by every report. DejaVu draws Latin Z and Greek Zeta with one
// glyph, and the shared glyph kept the characters of its first lookup: after one report with a Ζ, every later report of
// the process copied its Z as a Zeta (found when the unit tests stopped getting a fresh process per file; the printed
// page looked right, the text a reader copies or searches did not). Each report's text must read back as it was written,
// whichever came first.
import { describe, expect, it } from 'vitest';
import { renderWorkOrderPdf, type RenderOptions } from '../../electron/services/reports/pdf/workOrderReport';
import { customerFixture, settingsFixture, workOrderFixture } from './fixtures';
import { pdfText } from './support';

const es: RenderOptions = { language: 'es', generatedAt: '2026-03-02T11:00:00.000Z', timeZone: 'Europe/Madrid' };
const printed = async (workDone: string) => pdfText(await renderWorkOrderPdf({ workOrder: workOrderFixture({ workDone }), customer: customerFixture, settings: settingsFixture }, es));

describe('reports made one after another in one process', () => {
  it('read back their own characters where two scripts share a glyph (Z and Ζ)', async () => {
    const greek = 'Caldera Ζήτα 3000, ΖΩΗ';
    const latin = 'Modelo XZ-200, serie ZETA';
    expect(await printed(greek)).toContain(greek);
    expect(await printed(latin)).toContain(latin);
    expect(await printed(greek)).toContain(greek);
  });
});
