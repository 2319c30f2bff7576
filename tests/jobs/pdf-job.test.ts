// PDFs in the job worker (issue 17 items 1 and 4): the channel's thread only checks and forwards, the worker's own
// connection reads and renders; an interactive call is answered while a big report is still being made.
import type { Worker } from 'node:worker_threads';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError, type WorkOrderDetail } from '../../electron/contract';
import type { ServiceContext } from '../../electron/services/context';
import { workOrderPdf } from '../../electron/services/reports';
import { startTestApp, type TestApp } from '../support/backend';
import { pdfText } from '../reports/support';

let app: TestApp;
let workOrder: WorkOrderDetail;
const UNKNOWN = '01900000-0000-7000-8000-000000000000';

/** A camera-like photo: noise compresses badly, so the worker has real decoding to do. */
async function noisyPhoto(seed: number): Promise<Uint8Array> {
  const image = sharp({ create: { width: 1600, height: 1200, channels: 3, background: { r: 60 + seed * 20, g: 110, b: 90 }, noise: { type: 'gaussian', mean: 110, sigma: 40 } } });
  return new Uint8Array(await image.jpeg({ quality: 88 }).toBuffer());
}

/** The backend's own connection as a service context with no job worker: the in-process generator. */
function inProcessContext(): ServiceContext {
  const { database, clock, events } = app.backend;
  return { db: database.db, sqlite: database.sqlite, actor: null, clock, events, dataDir: app.dir };
}

beforeAll(async () => {
  app = await startTestApp();
  const tecnico = await app.userWithRole('Técnico', 'tec1', 'Tomás Peña');
  const ticket = await app.admin.call('tickets.create', { title: 'Cámara frigorífica sin frío', description: 'No baja de 12 °C' });
  let wo = await app.admin.call('workOrders.requestVisit', { ticketId: ticket.id, otType: 'repair' });
  wo = await app.admin.call('workOrders.schedule', { id: wo.id, scheduledDate: '2026-03-02T10:00:00.000Z', technicianId: tecnico.id, version: wo.version, recordsPastVisit: true, confirmOverlap: true });
  wo = await app.admin.call('workOrders.start', { id: wo.id, version: wo.version });
  for (let i = 0; i < 60; i++) {
    wo = await app.admin.call('workOrders.addItem', { id: wo.id, version: wo.version, description: `Pieza ${i + 1}`, serialNumber: `SN-JOB-${String(i).padStart(4, '0')}` });
  }
  for (let i = 0; i < 4; i++) {
    await app.admin.call('attachments.add', { workOrderId: wo.id, fileName: `foto-${i + 1}.jpg`, bytes: await noisyPhoto(i) });
  }
  app.clock.advance(25 * 60_000);
  const current = await app.admin.call('workOrders.get', { id: wo.id });
  workOrder = await app.admin.call('workOrders.complete', { id: wo.id, version: current.version, workDone: 'Cambio de compresor' });
}, 120_000);
afterAll(() => app.close());

describe('PDFs in the job worker', () => {
  it('a running PDF job does not delay an interactive call', async () => {
    expect(app.backend.jobWorker.started).toBe(false); // nothing so far needed the thread
    await app.backend.jobWorker.run('clearCaches', {}); // the thread is up; the photos are cold
    let pdfSettled = false;
    const pdf = app.admin.call('reports.workOrderPdf', { id: workOrder.id }).finally(() => {
      pdfSettled = true;
    });
    const list = await app.admin.call('tickets.list', {});
    expect(list.items.some((ticket) => ticket.id === workOrder.ticketId)).toBe(true);
    expect(pdfSettled).toBe(false); // answered while the report is still being made
    const counts = await app.admin.call('tickets.counts', {});
    expect(counts).toBeTruthy();
    expect(pdfSettled).toBe(false);
    const file = await pdf;
    expect(pdfText(file.bytes)).toContain('foto-4.jpg');
  }, 60_000);

  it('makes the same bytes as the in-process generator', async () => {
    const fromWorker = await app.admin.call('reports.workOrderPdf', { id: workOrder.id, language: 'en' });
    const inProcess = await workOrderPdf(inProcessContext(), workOrder.id, 'en');
    expect(fromWorker.fileName).toBe(inProcess.fileName);
    expect(Buffer.from(fromWorker.bytes).equals(Buffer.from(inProcess.bytes))).toBe(true);
    const ticket = await app.admin.call('reports.ticketPdf', { id: workOrder.ticketId });
    expect(pdfText(ticket.bytes)).toContain(workOrder.ticketCode);
  }, 60_000);

  it('sends errors across the thread typed', async () => {
    expect(await app.admin.failure('reports.workOrderPdf', { id: UNKNOWN })).toBe('NOT_FOUND');
    expect(await app.admin.failure('reports.ticketPdf', { id: UNKNOWN })).toBe('NOT_FOUND');
    // The worker's own NOT_FOUND (a row gone between the check and the job) arrives as an AppError.
    const missing = await app.backend.jobWorker.run('workOrderPdf', { id: UNKNOWN, generatedAt: app.clock.now().toISOString() }).catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(AppError);
    expect((missing as AppError).code).toBe('NOT_FOUND');
    expect((missing as AppError).details?.reason).toBe('not_found');
    // A cancelled job rejects at once, typed.
    const controller = new AbortController();
    const cancelled = app.backend.jobWorker
      .run('workOrderPdf', { id: workOrder.id, generatedAt: app.clock.now().toISOString() }, { signal: controller.signal })
      .catch((error: unknown) => error);
    controller.abort();
    expect(((await cancelled) as AppError).details?.reason).toBe('job_cancelled');
    // The worker keeps serving after both.
    expect((await app.admin.call('reports.workOrderPdf', { id: workOrder.id })).fileName).toBe(`${workOrder.code}.pdf`);
  }, 60_000);

  it('a worker that dies fails its running jobs typed, and the next job starts a new one', async () => {
    const running = app.backend.jobWorker.run('workOrderPdf', { id: workOrder.id, generatedAt: app.clock.now().toISOString() }).catch((error: unknown) => error);
    await (app.backend.jobWorker as unknown as { worker: Worker }).worker.terminate();
    const failure = (await running) as AppError;
    expect(failure).toBeInstanceOf(AppError);
    expect(failure.details?.reason).toBe('job_worker_failed');
    expect((await app.admin.call('reports.workOrderPdf', { id: workOrder.id })).fileName).toBe(`${workOrder.code}.pdf`);
  }, 60_000);
});
