// Batch export: 50 OTs into a zip or a folder, progress, cancel without leftovers, and the job channels.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../electron/contract';
import type { ServiceContext } from '../../electron/services/context';
import { exportWorkOrderBatch, type BatchProgress } from '../../electron/services/reports';
import { startTestApp, type TestApp } from '../support/backend';
import { completedWorkOrder, isPdf, pdfText, unzipAll, zipEntries } from './support';

const COUNT = 50;
// By visit date: the batch's own default (completed_at) would take the OT outside March too, completed in the test's March.
const PERIOD = { from: '2026-03-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z', dateField: 'scheduled_date' as const };

let app: TestApp;
let codes: string[];
let outDir: string;
let ctx: ServiceContext;

beforeAll(async () => {
  app = await startTestApp();
  const customer = await app.admin.call('customers.create', { name: 'Hostal La Peñuela' });
  const tec = await app.userWithRole('Técnico', 'tec1', 'Tomás Peña');
  codes = [];
  for (let i = 0; i < COUNT; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    const wo = await completedWorkOrder(app, app.admin, {
      customerId: customer.id,
      technicianId: tec.id,
      scheduledDate: `2026-03-${day}T09:00:00.000Z`,
      serials: [`LOTE-${i}`],
      title: `Avería nº ${i}`,
    });
    codes.push(wo.code);
  }
  // One OT outside the period, which must not be exported.
  await completedWorkOrder(app, app.admin, { customerId: null, technicianId: tec.id, scheduledDate: '2026-05-02T09:00:00.000Z', serials: [] });
  const { database, events, clock } = app.backend;
  ctx = { db: database.db, sqlite: database.sqlite, actor: null, clock, events };
  outDir = mkdtempSync(path.join(tmpdir(), 'emerald-batch-test-'));
});
afterAll(() => {
  app.close();
  rmSync(outDir, { recursive: true, force: true });
});

describe('exportWorkOrderBatch', () => {
  it('writes one valid PDF per OT of the period into a zip, reporting progress', async () => {
    const out = path.join(outDir, 'march.zip');
    const progress: BatchProgress[] = [];
    const result = await exportWorkOrderBatch({ ctx, ...PERIOD, out, onProgress: (p) => progress.push(p) });
    expect(result.count).toBe(COUNT);
    const entries = zipEntries(out);
    expect(entries.sort()).toEqual(codes.map((c) => `${c}.pdf`).sort());
    const extracted = mkdtempSync(path.join(tmpdir(), 'emerald-batch-test-'));
    try {
      unzipAll(out, extracted);
      for (const code of codes) {
        const pdf = new Uint8Array(readFileSync(path.join(extracted, `${code}.pdf`)));
        expect(isPdf(pdf)).toBe(true);
        expect(pdfText(pdf)).toContain(code);
      }
    } finally {
      rmSync(extracted, { recursive: true, force: true });
    }
    expect(progress[0]).toEqual({ done: 0, total: COUNT });
    expect(progress.at(-1)).toEqual({ done: COUNT, total: COUNT });
    expect(progress.map((p) => p.done)).toEqual(Array.from({ length: COUNT + 1 }, (_, i) => i));
    expect(readdirSync(outDir)).toEqual(['march.zip']);
    rmSync(out);
  });

  it('stops on cancel and leaves no file, partial or final', async () => {
    const out = path.join(outDir, 'cancelled.zip');
    const controller = new AbortController();
    const progress: number[] = [];
    const run = exportWorkOrderBatch({
      ctx,
      ...PERIOD,
      out,
      signal: controller.signal,
      onProgress: ({ done }) => {
        progress.push(done);
        if (done === 10) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ code: 'CONFLICT', details: { reason: 'export_cancelled' } });
    expect(Math.max(...progress)).toBe(10);
    expect(readdirSync(outDir)).toEqual([]);
  });

  it('fills a folder instead when asked, and a cancelled folder export leaves it untouched', async () => {
    const folder = path.join(outDir, 'pdfs');
    const controller = new AbortController();
    writeFileSync(path.join(outDir, 'keep.txt'), 'x');
    const cancelled = exportWorkOrderBatch({
      ctx,
      ...PERIOD,
      out: folder,
      format: 'folder',
      signal: controller.signal,
      onProgress: ({ done }) => done === 5 && controller.abort(),
    });
    await expect(cancelled).rejects.toMatchObject({ details: { reason: 'export_cancelled' } });
    expect(readdirSync(folder)).toEqual([]);

    await exportWorkOrderBatch({ ctx, ...PERIOD, out: folder, format: 'folder', language: 'en' });
    const files = readdirSync(folder);
    expect(files.sort()).toEqual(codes.map((c) => `${c}.pdf`).sort());
    rmSync(folder, { recursive: true });
    rmSync(path.join(outDir, 'keep.txt'));
  });
});

describe('reports.batch* job channels', () => {
  const jobEvents: DomainEvent[] = [];
  const finished = (jobId: string) =>
    new Promise<void>((resolve) => {
      if (jobEvents.some((e) => e.id === jobId && e.kind === 'updated')) return resolve();
      const off = app.backend.events.on((e) => {
        if (e.entity === 'job' && e.id === jobId && e.kind === 'updated') {
          off();
          resolve();
        }
      });
    });

  beforeAll(() => {
    app.backend.events.on((e) => {
      if (e.entity === 'job') jobEvents.push(e);
    });
  });

  it('runs the export as a job with progress events and hands the zip over, again until the next export', async () => {
    const { jobId } = await app.admin.call('reports.batchStart', PERIOD);
    await finished(jobId);
    const progress = jobEvents.filter((e) => e.id === jobId && e.kind === 'progress').map((e) => e.progress);
    expect(progress.at(0)).toEqual({ done: 0, total: COUNT });
    expect(progress.at(-1)).toEqual({ done: COUNT, total: COUNT });
    expect(await app.admin.call('reports.batchStatus', { jobId })).toMatchObject({ status: 'done', done: COUNT, total: COUNT, error: null });

    const other = await app.userWithRole('Agente', 'agente1', 'Begoña');
    expect(await other.caller.failure('reports.batchResult', { jobId })).toBe('NOT_FOUND');

    const file = await app.admin.call('reports.batchResult', { jobId });
    expect(file.mimeType).toBe('application/zip');
    expect(file.fileName).toBe('work-orders_2026-03-01_2026-03-31.zip');
    const zip = path.join(outDir, file.fileName);
    writeFileSync(zip, file.bytes);
    expect(zipEntries(zip)).toHaveLength(COUNT);
    rmSync(zip);
    // "Descargar de nuevo" gets the same zip until the owner's next export replaces it.
    expect((await app.admin.call('reports.batchResult', { jobId })).bytes).toEqual(file.bytes);
    const next = await app.admin.call('reports.batchStart', { ...PERIOD, from: '2026-03-20T00:00:00.000Z' });
    expect(await app.admin.failure('reports.batchResult', { jobId })).toBe('NOT_FOUND');
    await finished(next.jobId);
    await app.admin.call('reports.batchResult', { jobId: next.jobId });
  });

  it('cancels a running job, which then has no result and leaves no temp folder', async () => {
    const before = new Set(readdirSync(tmpdir()).filter((n) => n.startsWith('emerald-batch-')));
    const { jobId } = await app.admin.call('reports.batchStart', { ...PERIOD, dateField: 'scheduled_date' });
    const cancel = await app.admin.call('reports.batchCancel', { jobId });
    expect(cancel.jobId).toBe(jobId);
    await finished(jobId);
    const status = await app.admin.call('reports.batchStatus', { jobId });
    expect(status.status).toBe('cancelled');
    expect(status.done).toBeLessThan(COUNT);
    const env = await app.admin.envelope('reports.batchResult', { jobId });
    expect(env).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { reason: 'export_cancelled' } } });
    const leftovers = readdirSync(tmpdir()).filter((n) => n.startsWith('emerald-batch-') && !before.has(n) && !n.startsWith('emerald-batch-test-'));
    expect(leftovers).toEqual([]);
  });

  it('refuses an empty period', async () => {
    expect(await app.admin.failure('reports.batchStart', { from: PERIOD.to, to: PERIOD.from })).toBe('VALIDATION');
  });
});
