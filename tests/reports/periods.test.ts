// Report periods: the named presets on the company calendar, and one period rule for the app and the CLI.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { presetOf, presetPeriod } from '../../electron/contract/periods';
import { startTestApp, type TestApp } from '../support/backend';
import { runCli } from '../../scripts/cli';
import { completedWorkOrder, zipEntries } from './support';

describe('presetPeriod', () => {
  const at = (iso: string) => Date.parse(iso);

  it('names whole months and quarters, crossing years', () => {
    const now = at('2026-02-14T10:00:00Z');
    // This month and this quarter are whole too: the visits planned for later in them belong to them.
    expect(presetPeriod('this_month', 'Europe/Madrid', now)).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(presetPeriod('last_month', 'Europe/Madrid', now)).toEqual({ from: '2026-01-01', to: '2026-01-31' });
    expect(presetPeriod('last_quarter', 'Europe/Madrid', now)).toEqual({ from: '2025-10-01', to: '2025-12-31' });
    expect(presetPeriod('this_quarter', 'Europe/Madrid', now)).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(presetPeriod('this_quarter', 'UTC', at('2026-12-04T12:00:00Z'))).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(presetPeriod('this_month', 'UTC', at('2026-12-31T23:59:00Z'))).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(presetPeriod('last_month', 'UTC', at('2026-01-05T00:00:00Z'))).toEqual({ from: '2025-12-01', to: '2025-12-31' });
    expect(presetPeriod('last_month', 'UTC', at('2024-03-31T12:00:00Z'))).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(presetPeriod('last_quarter', 'UTC', at('2026-06-30T12:00:00Z'))).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(presetPeriod('last_quarter', 'UTC', at('2026-07-01T12:00:00Z'))).toEqual({ from: '2026-04-01', to: '2026-06-30' });
  });

  it("counts from the company's day, not UTC's", () => {
    // 23:30 UTC on 31 March is already 1 April in Madrid: "last month" there is March.
    const now = at('2026-03-31T23:30:00Z');
    expect(presetPeriod('last_month', 'Europe/Madrid', now)).toEqual({ from: '2026-03-01', to: '2026-03-31' });
    expect(presetPeriod('last_month', 'UTC', now)).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(presetPeriod('this_month', 'America/Mexico_City', now)).toEqual({ from: '2026-03-01', to: '2026-03-31' });
  });

  it('recognises the days a preset names, and nothing else', () => {
    const now = at('2026-05-20T12:00:00Z');
    expect(presetOf({ from: '2026-04-01', to: '2026-04-30' }, 'UTC', now)).toBe('last_month');
    expect(presetOf({ from: '2026-01-01', to: '2026-03-31' }, 'UTC', now)).toBe('last_quarter');
    expect(presetOf({ from: '2026-04-01', to: '2026-06-30' }, 'UTC', now)).toBe('this_quarter');
    expect(presetOf({ from: '2026-05-01', to: '2026-05-31' }, 'UTC', now)).toBe('this_month');
    expect(presetOf({ from: '2026-04-01', to: '2026-05-20' }, 'UTC', now)).toBeNull();
    expect(presetOf({ from: '2026-04-01', to: '2026-04-29' }, 'UTC', now)).toBeNull();
  });
});

describe('one period rule for the app and the CLI', () => {
  let app: TestApp;
  let outDir: string;
  let finishedInMarch: string;

  beforeAll(async () => {
    app = await startTestApp();
    const tec = await app.userWithRole('Técnico', 'tec1', 'Tomás Peña');
    // Visited in February, finished on the test clock's day (2 March): which date counts decides which period has it.
    const wo = await completedWorkOrder(app, app.admin, { customerId: null, technicianId: tec.id, scheduledDate: '2026-02-20T09:00:00.000Z', serials: [] });
    const late = await app.admin.call('tickets.create', { title: 'Se termina en marzo' });
    // Visited in March, not finished: in March by visit date, in no period by completion date.
    const open = await app.admin.call('workOrders.requestVisit', { ticketId: late.id, otType: 'repair' });
    await app.admin.call('workOrders.schedule', { id: open.id, scheduledDate: '2026-03-05T09:00:00.000Z', technicianId: tec.id, version: open.version });
    finishedInMarch = wo.code;
    outDir = mkdtempSync(path.join(tmpdir(), 'emerald-periods-'));
  });
  afterAll(() => {
    app.close();
    rmSync(outDir, { recursive: true, force: true });
  });
  afterEach(() => vi.restoreAllMocks());

  async function cli(...argv: string[]): Promise<number> {
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    return runCli(argv);
  }

  it('gives the same OTs for March in the app (its default date) and on the command line (its default)', async () => {
    const { jobId } = await app.admin.call('reports.batchStart', { from: '2026-03-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' });
    // The first job starts the job worker thread (seconds from source under load): wait for it, not poll's default second.
    await expect.poll(async () => (await app.admin.call('reports.batchStatus', { jobId })).status, { timeout: 30_000 }).toBe('done');
    const zip = await app.admin.call('reports.batchResult', { jobId });
    const appZip = path.join(outDir, 'app.zip');
    writeFileSync(appZip, zip.bytes);
    const appEntries = zipEntries(appZip);
    expect(appEntries).toEqual([`${finishedInMarch}.pdf`]);

    app.backend.close();
    const cliZip = path.join(outDir, 'cli.zip');
    expect(await cli('report', 'batch', '--data-dir', app.dir, '--from', '2026-03-01', '--to', '2026-03-31', '--out', cliZip)).toBe(0);
    expect(zipEntries(cliZip)).toEqual(appEntries);
  });

  it('takes a named period on the command line, and refuses mixing it with dates or an unknown name', async () => {
    const out = path.join(outDir, 'last-quarter.csv');
    expect(await cli('report', 'work-orders-csv', '--data-dir', app.dir, '--out', out, '--period', 'last-quarter', '--csv-format', 'standard')).toBe(0);
    expect(readFileSync(out, 'utf8').split('\r\n')[0]).toContain('Código,Ticket');
    expect(await cli('report', 'work-orders-csv', '--data-dir', app.dir, '--out', out, '--period', 'last-month', '--from', '2026-03-01')).toBe(2);
    expect(await cli('report', 'work-orders-csv', '--data-dir', app.dir, '--out', out, '--period', 'next-week')).toBe(2);
    expect(await cli('report', 'work-orders-csv', '--data-dir', app.dir, '--out', out, '--csv-format', 'xlsx')).toBe(2);
  });
});
