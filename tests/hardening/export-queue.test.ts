// Issue 18.10: one running batch export per user; the user's others wait in a queue (not refused), show their place
// in the job status, and start in order as the running one ends (done, failed or cancelled). Another user's export
// is never held up by them. Asserts on job states only, never on timing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, ServiceContext } from '../../electron/services/context';
import { batchJobStatus, cancelBatchJob, startBatchJob, waitForJob } from '../../electron/services/reports';
import { startTestApp, type Caller, type TestApp } from '../support/backend';
import { completedWorkOrder } from '../reports/support';

const PERIOD = { from: '2026-03-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' };

let app: TestApp;
let tecnico: Caller;
let tecnicoId: string;
let ctxA: ServiceContext;
let ctxB: ServiceContext;

function actor(id: string, username: string): Actor {
  return { id, username, fullName: username, isSuperuser: false, permissions: new Set(['reports:export']) };
}

beforeAll(async () => {
  app = await startTestApp();
  const tec = await app.userWithRole('Técnico', 'tec1', 'Tomás Peña');
  tecnicoId = tec.id;
  for (let i = 0; i < 6; i++) {
    await completedWorkOrder(app, app.admin, { customerId: null, technicianId: tec.id, scheduledDate: `2026-03-0${i + 1}T09:00:00.000Z`, serials: [`Q-${i}`] });
  }
  // Signed in after the seeding, which moves the clock past the idle timeout.
  tecnico = app.caller();
  await tecnico.call('auth.login', { login: 'tec1', password: 'tec1-password-1' });
  const { database, events, clock, jobs } = app.backend;
  const base = { db: database.db, sqlite: database.sqlite, clock, events, jobs };
  ctxA = { ...base, actor: actor('user-a', 'ana') };
  ctxB = { ...base, actor: actor('user-b', 'bea') };
});
afterAll(() => app.close());

/** The statuses of `ids` for `ctx`'s user, taken synchronously each time one of them announces a change. */
function recordStates(ctx: ServiceContext, ids: () => string[]): { snapshots: string[][]; stop: () => void } {
  const snapshots: string[][] = [];
  const stop = app.backend.events.on((event) => {
    if (event.entity === 'job' && event.kind === 'updated' && ids().includes(event.id)) {
      snapshots.push(ids().map((id) => batchJobStatus(ctx, id).status));
    }
  });
  return { snapshots, stop };
}

describe('batch exports: one running per user, the rest queued', () => {
  it('runs a user’s three exports one after another, in order, while another user’s runs at once', async () => {
    let ids: string[] = [];
    const recorder = recordStates(ctxA, () => ids);
    const a1 = startBatchJob(ctxA, PERIOD).jobId;
    const a2 = startBatchJob(ctxA, PERIOD).jobId;
    const a3 = startBatchJob(ctxA, PERIOD).jobId;
    ids = [a1, a2, a3];
    const b1 = startBatchJob(ctxB, PERIOD).jobId;

    expect(ids.map((id) => batchJobStatus(ctxA, id))).toMatchObject([
      { status: 'running', queuePosition: null },
      { status: 'queued', queuePosition: 1 },
      { status: 'queued', queuePosition: 2 },
    ]);
    expect(batchJobStatus(ctxB, b1)).toMatchObject({ status: 'running', queuePosition: null });

    const finals = await Promise.all([...ids.map((id) => waitForJob(ctxA, id)), waitForJob(ctxB, b1)]);
    recorder.stop();
    expect(finals.map((s) => s.status)).toEqual(['done', 'done', 'done', 'done']);
    // Never two of A's running at once, and each starts only after the one before it is done.
    for (const states of recorder.snapshots) expect(states.filter((s) => s === 'running').length).toBeLessThanOrEqual(1);
    expect(recorder.snapshots).toContainEqual(['done', 'running', 'queued']);
    expect(recorder.snapshots).toContainEqual(['done', 'done', 'running']);
    expect(recorder.snapshots.at(-1)).toEqual(['done', 'done', 'done']);
  });

  it('starts the next one when the running one is cancelled, and a cancelled queued one moves the rest up', async () => {
    const a1 = startBatchJob(ctxA, PERIOD).jobId;
    const a2 = startBatchJob(ctxA, PERIOD).jobId;
    const a3 = startBatchJob(ctxA, PERIOD).jobId;
    expect((await cancelBatchJob(ctxA, a2)).status).toBe('cancelled');
    expect(batchJobStatus(ctxA, a3)).toMatchObject({ status: 'queued', queuePosition: 1 });
    await cancelBatchJob(ctxA, a1);
    expect((await waitForJob(ctxA, a1)).status).toBe('cancelled');
    expect(batchJobStatus(ctxA, a3).status).toBe('running');
    expect((await waitForJob(ctxA, a3)).status).toBe('done');
    expect((await waitForJob(ctxA, a2)).status).toBe('cancelled');
  });

  it('shows the queue through the channels the export card polls, and a queued job has no result yet', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await tecnico.call('reports.batchStart', PERIOD)).jobId);
    const statuses = await Promise.all(ids.map((jobId) => tecnico.call('reports.batchStatus', { jobId })));
    // Whatever has finished already, at most one runs and the unfinished rest wait in start order.
    expect(statuses.filter((s) => s.status === 'running').length).toBeLessThanOrEqual(1);
    const queued = statuses.filter((s) => s.status === 'queued');
    expect(queued.map((s) => s.queuePosition)).toEqual(queued.map((_, i) => i + 1));
    const firstQueued = queued[0];
    if (firstQueued) {
      const env = await tecnico.envelope('reports.batchResult', { jobId: firstQueued.jobId });
      expect(env).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { reason: 'job_queued' } } });
    }
    const technicianCtx = { ...ctxA, actor: actor(tecnicoId, 'tec1') };
    for (const jobId of ids) expect((await waitForJob(technicianCtx, jobId)).status).toBe('done');
    for (const jobId of ids) expect((await tecnico.call('reports.batchResult', { jobId })).fileName).toMatch(/\.zip$/);
  });
});
