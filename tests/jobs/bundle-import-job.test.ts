// Issue 17 item 1: a large team bundle is verified and applied by the job worker (its own connection, one
// transaction), with progress and cancel; the engine keeps answering and publishes the touched rows' events.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../electron/contract';
import type { SyncJobDto } from '../../electron/contract/sync';
import { importBundle } from '../../electron/services/sync/bundle-import';
import { WORKER_IMPORT_MIN_ITEMS } from '../../electron/services/sync/bundle-import-job';
import { startDomainApp } from '../domain/fixtures';
import { startTestApp, type Caller, type TestApp } from '../support/backend';
import { bulkCustomers, createTeamOn, deviceOf, inviteOn, joinOn, replicatedState } from '../sync/bundle-fixture';

const apps: TestApp[] = [];
let a: TestApp;
let b: TestApp;
let adminB: Caller;
afterAll(() => apps.splice(0).forEach((app) => app.close()));

async function settled(caller: Caller, jobId: string): Promise<SyncJobDto> {
  for (let i = 0; i < 12_000; i++) {
    const status = await caller.call('sync.jobStatus', { jobId });
    if (status.status !== 'running' && status.status !== 'queued') return status;
    await sleep(10);
  }
  throw new Error(`job ${jobId} did not settle`);
}

/** A bundle of A's changes B lacks, as base64. */
async function bundleForB(): Promise<string> {
  const { jobId } = await a.admin.call('sync.exportStart', { to: deviceOf(b.backend.database.sqlite) });
  expect(await settled(a.admin, jobId)).toMatchObject({ status: 'done' });
  return Buffer.from((await a.admin.call('sync.exportResult', { jobId })).bytes).toString('base64');
}

beforeAll(async () => {
  const f = await startDomainApp();
  a = f.app;
  apps.push(a);
  await f.admin.call('tickets.create', { title: 'Router caído', description: 'Sin conexión', customerId: f.customerId });
  await createTeamOn(a);
  const invite = await inviteOn(a);
  b = await startTestApp({ setup: false });
  apps.push(b);
  joinOn(b, invite);
  // B's first (small) bundle brings the team's users; then B has an admin to sign in as.
  const { jobId } = await a.admin.call('sync.exportStart', {});
  await settled(a.admin, jobId);
  const first = path.join(b.dir, 'first.emsync');
  writeFileSync(first, (await a.admin.call('sync.exportResult', { jobId })).bytes);
  await importBundle({ sqlite: b.backend.database.sqlite, clock: b.clock, events: b.backend.events }, { file: first });
  adminB = b.caller();
  adminB.token = b.backend.sessions.create((b.backend.database.sqlite.prepare("SELECT id FROM users WHERE username = 'admin'").get() as { id: string }).id);
  await b.backend.jobWorker.run('clearCaches', {}); // B's worker thread is up before the first import
}, 120_000);

describe('a large bundle import runs in the job worker', () => {
  it('applies it while calls answer, with progress, and the engine publishes the touched rows', async () => {
    bulkCustomers(a, WORKER_IMPORT_MIN_ITEMS + 500);
    const bundle = await bundleForB();
    const events: DomainEvent[] = [];
    const off = b.backend.events.on((event) => events.push(event));
    const { jobId } = await adminB.call('sync.importStart', { bundle });
    const done = settled(adminB, jobId);
    let jobSettled = false;
    void done.finally(() => (jobSettled = true));
    const list = await adminB.call('customers.list', {});
    expect(list).toBeTruthy();
    expect(jobSettled).toBe(false); // answered while the worker was verifying or applying
    const status = await done;
    off();
    expect(status).toMatchObject({ kind: 'import', status: 'done', summary: { kind: 'ops', applied: WORKER_IMPORT_MIN_ITEMS + 500, gaps: 0 } });
    expect(status.done).toBe(status.total);
    expect(events.some((event) => event.entity === 'job' && event.kind === 'progress' && event.progress?.label === 'sync')).toBe(true);
    // More rows than one event each: one 'everything of this kind' for the lists, and the inbox.
    expect(events).toContainEqual({ entity: 'customer', id: '*', kind: 'updated' });
    expect(events).toContainEqual({ entity: 'conflict', id: '*', kind: 'updated' });
    // Applied by the worker's connection, seen by the engine's: B holds every customer A has.
    const customers = (app: TestApp) => app.backend.database.sqlite.prepare('SELECT id, name FROM customers ORDER BY id').all();
    expect(customers(b)).toEqual(customers(a));
  }, 240_000);

  it('a cancel rolls the whole batch back; the job says cancelled only once the worker has', async () => {
    bulkCustomers(a, WORKER_IMPORT_MIN_ITEMS + 500, 'Otro');
    const bundle = await bundleForB();
    const before = replicatedState(b.backend.database.sqlite);
    const started = new Promise<void>((resolve) => {
      const off = b.backend.events.on((event) => {
        if (event.entity === 'job' && event.kind === 'progress') {
          off();
          resolve();
        }
      });
    });
    const { jobId } = await adminB.call('sync.importStart', { bundle });
    await started;
    // One import at a time into a file, the worker's included: another one here is refused while it runs.
    const second = importBundle({ sqlite: b.backend.database.sqlite, clock: b.clock, events: b.backend.events }, { file: path.join(b.dir, 'other.emsync') });
    await expect(second).rejects.toMatchObject({ code: 'CONFLICT', details: { reason: 'import_running' } });
    await adminB.call('sync.jobCancel', { jobId });
    expect(await settled(adminB, jobId)).toMatchObject({ status: 'cancelled' });
    expect(replicatedState(b.backend.database.sqlite)).toEqual(before);
    // Nothing holds the file: the engine writes at once, and the same bundle imports whole afterwards.
    await adminB.call('tickets.create', { title: 'Después de cancelar', description: 'Sigue escribiendo' });
    const again = await adminB.call('sync.importStart', { bundle });
    expect(await settled(adminB, again.jobId)).toMatchObject({ status: 'done', summary: { applied: WORKER_IMPORT_MIN_ITEMS + 500 } });
  }, 240_000);

  it('a refused bundle fails typed from the worker and changes nothing', async () => {
    bulkCustomers(a, WORKER_IMPORT_MIN_ITEMS + 100, 'Tercero');
    const bytes = Buffer.from(await bundleForB(), 'base64');
    bytes[bytes.length - 100] = bytes[bytes.length - 100]! ^ 0xff;
    const before = replicatedState(b.backend.database.sqlite);
    const { jobId } = await adminB.call('sync.importStart', { bundle: bytes.toString('base64') });
    expect(await settled(adminB, jobId)).toMatchObject({ status: 'failed', error: { code: 'VALIDATION', details: { reason: 'tampered' } } });
    expect(replicatedState(b.backend.database.sqlite)).toEqual(before);
  }, 240_000);
});
