// The batch export's PDFs made by the job worker (issue 17 item 1): progress as before, a cancel mid-PDF ends the job
// typed, and calls keep being answered while it runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../electron/contract';
import { startTestApp, type TestApp } from '../support/backend';
import { completedWorkOrder } from '../reports/support';

const COUNT = 8;
const PERIOD = { from: '2026-03-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z', dateField: 'scheduled_date' as const };
let app: TestApp;
const jobEvents: DomainEvent[] = [];

function whenJob(jobId: string, test: (event: DomainEvent) => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (jobEvents.some((e) => e.id === jobId && test(e))) return resolve();
    const off = app.backend.events.on((e) => {
      if (e.entity === 'job' && e.id === jobId && test(e)) {
        off();
        resolve();
      }
    });
  });
}
const finished = (jobId: string) => whenJob(jobId, (e) => e.kind === 'updated');

beforeAll(async () => {
  app = await startTestApp();
  const tec = await app.userWithRole('Técnico', 'tec1', 'Tomás Peña');
  for (let i = 0; i < COUNT; i++) {
    await completedWorkOrder(app, app.admin, { customerId: null, technicianId: tec.id, scheduledDate: `2026-03-1${i}T09:00:00.000Z`, serials: [`LOTE-${i}`] });
  }
  app.backend.events.on((e) => {
    if (e.entity === 'job') jobEvents.push(e);
  });
}, 60_000);
afterAll(() => app.close());

describe('batch export in the job worker', () => {
  it('makes every PDF in the worker, with progress, while lists keep answering', async () => {
    expect(app.backend.jobWorker.started).toBe(false);
    const { jobId } = await app.admin.call('reports.batchStart', PERIOD);
    const list = await app.admin.call('tickets.list', {});
    expect(list.items.length).toBe(COUNT);
    await finished(jobId);
    expect(app.backend.jobWorker.started).toBe(true);
    const progress = jobEvents.filter((e) => e.id === jobId && e.kind === 'progress').map((e) => e.progress);
    expect(progress.at(-1)).toEqual({ done: COUNT, total: COUNT });
    const file = await app.admin.call('reports.batchResult', { jobId });
    expect(file.mimeType).toBe('application/zip');
  }, 60_000);

  it('a cancel while a PDF is in the worker ends the job cancelled, typed, and the worker keeps serving', async () => {
    const { jobId } = await app.admin.call('reports.batchStart', PERIOD);
    await whenJob(jobId, (e) => e.kind === 'progress' && (e.progress?.done ?? 0) >= 1);
    await app.admin.call('reports.batchCancel', { jobId });
    await finished(jobId);
    const status = await app.admin.call('reports.batchStatus', { jobId });
    expect(status.status).toBe('cancelled');
    expect(status.done).toBeLessThan(COUNT);
    const env = await app.admin.envelope('reports.batchResult', { jobId });
    expect(env).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { reason: 'export_cancelled' } } });
    const { jobId: again } = await app.admin.call('reports.batchStart', PERIOD);
    await finished(again);
    expect((await app.admin.call('reports.batchStatus', { jobId: again })).status).toBe('done');
  }, 60_000);
});
