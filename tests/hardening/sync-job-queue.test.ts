// Issue 18.10's neighbourhood: team bundle exports and imports are long jobs too. One runs per user; the user's
// others wait (status 'queued' with their place), run in order, and a queued one can be cancelled. Job states only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncJobDto } from '../../electron/contract/sync';
import { startDomainApp, type DomainFixture } from '../domain/fixtures';
import { bulkCustomers, createTeamOn } from '../sync/bundle-fixture';

let f: DomainFixture;

beforeAll(async () => {
  f = await startDomainApp();
  await createTeamOn(f.app);
  bulkCustomers(f.app, 300);
});
afterAll(() => f.app.close());

/** Resolves with the job's status once it has finished, from its `updated` events (no polling, no timing). */
function finished(jobId: string): Promise<SyncJobDto> {
  return new Promise((resolve) => {
    const check = async () => {
      const status = await f.admin.call('sync.jobStatus', { jobId });
      if (status.status !== 'running' && status.status !== 'queued') {
        off();
        resolve(status);
      }
    };
    const off = f.app.backend.events.on((event) => {
      if (event.entity === 'job' && event.id === jobId && event.kind === 'updated') void check();
    });
    void check();
  });
}

describe('team bundle jobs: one running per user', () => {
  it('queues a user’s further exports, runs them in order, and lets a queued one be cancelled', async () => {
    // One after another, so the queue's order is the order of `ids`.
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push((await f.admin.call('sync.exportStart', { snapshot: true })).jobId);
    const statuses = await Promise.all(ids.map((jobId) => f.admin.call('sync.jobStatus', { jobId })));
    expect(statuses.filter((s) => s.status === 'running').length).toBeLessThanOrEqual(1);
    const queued = statuses.filter((s) => s.status === 'queued');
    expect(queued.map((s) => s.queuePosition)).toEqual(queued.map((_, i) => i + 1));

    const last = ids[3]!;
    const lastStatus = statuses[3]!;
    if (lastStatus.status === 'queued') {
      expect(await f.admin.envelope('sync.exportResult', { jobId: last })).toMatchObject({ ok: false, error: { details: { reason: 'job_queued' } } });
      expect((await f.admin.call('sync.jobCancel', { jobId: last })).status).toBe('cancelled');
    }
    const order: string[] = [];
    const off = f.app.backend.events.on((event) => {
      if (event.entity === 'job' && ids.includes(event.id) && event.kind === 'updated') order.push(event.id);
    });
    const results = await Promise.all(ids.slice(0, 3).map(finished));
    off();
    expect(results.map((r) => r.status)).toEqual(['done', 'done', 'done']);
    // Each finished after the one started before it: the last 'updated' of each comes in start order.
    const lastSeen = ids.slice(0, 3).map((id) => order.lastIndexOf(id));
    const seen = lastSeen.filter((index) => index >= 0);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    for (const jobId of ids.slice(0, 3)) expect((await f.admin.call('sync.exportResult', { jobId })).fileName).toMatch(/\.emsync$/);
  });
});
