// `npm run cli -- report ...`: codes in, files out, exit 1 for an unknown code, 2 for bad usage.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { WorkOrderDetail } from '../../electron/contract';
import { runCli } from '../../scripts/cli';
import { startTestApp, type TestApp } from '../support/backend';
import { completedWorkOrder, isPdf, pdfText, zipEntries } from './support';

let app: TestApp;
let workOrder: WorkOrderDetail;
let outDir: string;
let stderr: string[];

beforeAll(async () => {
  app = await startTestApp();
  const customer = await app.admin.call('customers.create', { name: 'Bodegas Castaño' });
  const tec = await app.userWithRole('Técnico', 'tec1', 'Tomás Peña');
  workOrder = await completedWorkOrder(app, app.admin, {
    customerId: customer.id,
    technicianId: tec.id,
    scheduledDate: '2026-03-02T10:00:00.000Z',
    serials: ['CLI-SN-1', 'CLI-SN-2'],
  });
  app.backend.close(); // The CLI opens the file on its own, as it would on a real machine.
  outDir = mkdtempSync(path.join(tmpdir(), 'emerald-cli-report-'));
});
afterAll(() => {
  rmSync(app.dir, { recursive: true, force: true });
  rmSync(outDir, { recursive: true, force: true });
});

async function cli(...argv: string[]): Promise<number> {
  stderr = [];
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr.push(String(chunk));
    return true;
  });
  return runCli(argv);
}
afterEach(() => vi.restoreAllMocks());

describe('report ot / ticket', () => {
  it('writes the OT report found by its code, in Spanish by default and English on request', async () => {
    const out = path.join(outDir, 'ot.pdf');
    expect(await cli('report', 'ot', workOrder.code, '--data-dir', app.dir, '--out', out)).toBe(0);
    const bytes = new Uint8Array(readFileSync(out));
    expect(isPdf(bytes)).toBe(true);
    const text = pdfText(bytes);
    for (const expected of [workOrder.code, 'Bodegas Castaño', 'CLI-SN-1', 'CLI-SN-2', 'Firma del cliente']) expect(text).toContain(expected);

    const english = path.join(outDir, 'ot-en.pdf');
    expect(await cli('report', 'ot', workOrder.code.toLowerCase(), '--data-dir', app.dir, '--out', english, '--lang', 'en')).toBe(0);
    expect(pdfText(new Uint8Array(readFileSync(english)))).toContain('Customer signature');
  });

  it('writes the ticket report by ticket code', async () => {
    const out = path.join(outDir, 'ticket.pdf');
    expect(await cli('report', 'ticket', workOrder.ticketCode, '--data-dir', app.dir, '--out', out)).toBe(0);
    const text = pdfText(new Uint8Array(readFileSync(out)));
    expect(text).toContain(workOrder.ticketCode);
    expect(text).toContain(workOrder.code);
  });

  it('fails with a clear message and exit 1 for an unknown code', async () => {
    const out = path.join(outDir, 'missing.pdf');
    expect(await cli('report', 'ot', 'OT-2026-999999', '--data-dir', app.dir, '--out', out)).toBe(1);
    expect(stderr.join('')).toBe('error: work order not found (OT-2026-999999)\n');
    expect(existsSync(out)).toBe(false);
  });

  it('exits 2 on bad usage', async () => {
    expect(await cli('report', 'ot', workOrder.code, '--data-dir', app.dir)).toBe(2);
    expect(stderr.join('')).toContain('--out is required');
    expect(await cli('report', 'ot', '--data-dir', app.dir, '--out', 'x.pdf')).toBe(2);
    expect(await cli('report', 'invoice', '--data-dir', app.dir)).toBe(2);
    expect(await cli('report', 'ot', workOrder.code, '--data-dir', app.dir, '--out', 'x.pdf', '--lang', 'fr')).toBe(2);
    expect(await cli('report', 'tickets-csv', '--data-dir', app.dir, '--out', 'x.csv', '--from', 'ayer')).toBe(2);
  });
});

describe('report tickets-csv / batch', () => {
  it('exports the tickets created in a period, the --to day included', async () => {
    const inside = path.join(outDir, 'inside.csv');
    expect(await cli('report', 'tickets-csv', '--data-dir', app.dir, '--out', inside, '--from', '2026-03-02', '--to', '2026-03-02')).toBe(0);
    const text = readFileSync(inside, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain(workOrder.ticketCode);
    const outside = path.join(outDir, 'outside.csv');
    expect(await cli('report', 'tickets-csv', '--data-dir', app.dir, '--out', outside, '--from', '2026-03-03')).toBe(0);
    expect(readFileSync(outside, 'utf8')).not.toContain(workOrder.ticketCode);
  });

  it('exports a period of OT reports into a zip', async () => {
    const out = path.join(outDir, 'march.zip');
    expect(await cli('report', 'batch', '--data-dir', app.dir, '--from', '2026-03-01', '--to', '2026-03-31', '--out', out)).toBe(0);
    expect(zipEntries(out)).toEqual([`${workOrder.code}.pdf`]);
  });
});
