// backup.create in the job worker (issue 17 item 1): the copy and its integrity check run on the worker's connection,
// progress reaches the bus as before, and the copy restores like any backup.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../electron/contract';
import { listBackups, validateBackupFile } from '../../db/reliability';
import { startTestApp, type TestApp } from '../support/backend';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
  for (let i = 0; i < 20; i++) await app.admin.call('tickets.create', { title: `Avería ${i}`, description: 'x'.repeat(500) });
}, 60_000);
afterAll(() => app.close());

describe('backup.create in the job worker', () => {
  it('writes a checked backup from the worker with progress, while calls keep answering', async () => {
    const events: DomainEvent[] = [];
    const off = app.backend.events.on((event) => events.push(event));
    let settled = false;
    const backup = app.admin.call('backup.create', {}).finally(() => (settled = true));
    const list = await app.admin.call('tickets.list', {});
    expect(list.items.length).toBe(20);
    expect(settled).toBe(false);
    const info = await backup;
    off();
    expect(app.backend.jobWorker.started).toBe(true);
    expect(listBackups(app.dir).map((b) => b.path)).toEqual([info.path]);
    expect(() => validateBackupFile(info.path)).not.toThrow();
    const progress = events.filter((e) => e.entity === 'job' && e.progress?.label === 'backup').map((e) => e.progress);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)?.done).toBe(progress.at(-1)?.total);
  }, 60_000);
});
