// Issue 17 item 1, the rest of the long jobs in the job worker: a restore's checks, a big telemetry file's parsing and
// the search index rebuild. Each: an interactive call answers while the job runs, progress arrives, a cancel leaves
// nothing half-done, errors cross typed. One backend (one worker thread) for the whole file.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError, type DomainEvent } from '../../electron/contract';
import { restoreDatabase } from '../../db/reliability';
import { createBackend } from '../../electron/ipc/backend';
import { checkBackupInJobWorker, latestRestorableBackup, type JobProgress } from '../../electron/services/jobs';
import { WORKER_IMPORT_MIN_CHARS } from '../../electron/services/telemetry/import';
import { tempDir } from '../db/helpers';
import { startTestApp, type TestApp } from '../support/backend';

let app: TestApp;
let ticketId: string;
const TICKETS = 240;

/** Runs `job` and `interactive` together; true when the interactive call answered while the job was still running. */
async function answersWhileRunning(job: Promise<unknown>, interactive: () => Promise<unknown>): Promise<boolean> {
  let jobSettled = false;
  const watched = job.then(
    () => (jobSettled = true),
    () => (jobSettled = true),
  );
  await interactive();
  const answeredFirst = !jobSettled;
  await watched;
  return answeredFirst;
}

const ticketSearchRows = () => (app.backend.database.sqlite.prepare('SELECT count(*) AS n FROM ticket_search').get() as { n: number }).n;

beforeAll(async () => {
  app = await startTestApp();
  for (let i = 0; i < TICKETS; i++) {
    const ticket = await app.admin.call('tickets.create', { title: `Compresor ${i} sin arranque`, description: `Cámara ${i}: alarma de alta presión` });
    ticketId = ticket.id;
  }
  await app.backend.jobWorker.run('clearCaches', {}); // the thread is up before the first measured job
}, 120_000);
afterAll(() => app.close());

describe('telemetry import: a big file is imported by the job worker', () => {
  const HEADER = 'metric,value,unit,source,measured_at';
  const at = () => new Date(app.clock.now().getTime() - 30 * 60_000).toISOString();
  const bigCsv = (rows: number, extra: string[] = []) =>
    [HEADER, ...Array.from({ length: rows }, (_, i) => `voltage,${220 + (i % 20)},V,Fluke,${at()}`), ...extra].join('\n');

  it('answers other calls meanwhile, writes one event on the one write path and tells open windows', async () => {
    const csv = bigCsv(30_000, ['voltage,abc,V,Fluke,2026-01-01T00:00:00Z']);
    expect(csv.length).toBeGreaterThan(WORKER_IMPORT_MIN_CHARS);
    const events: DomainEvent[] = [];
    const off = app.backend.events.on((event) => events.push(event));
    let report: Awaited<ReturnType<typeof app.admin.call<'telemetry.import'>>> | undefined;
    const importing = app.admin.call('telemetry.import', { ticketId, format: 'csv', content: csv, mode: 'valid_rows', fileName: 'lecturas.csv' }).then((r) => (report = r));
    expect(await answersWhileRunning(importing, () => app.admin.call('tickets.get', { id: ticketId }))).toBe(true);
    off();
    expect(report).toMatchObject({ imported: 30_000, rejectedCount: 1, rejected: [{ line: 30_002, reason: 'value_not_a_number' }] });
    // Written by the worker's connection through the one write path (the event row and its op, the admin as
    // author), seen by the engine's; the engine published the worker's event after the commit.
    const sqlite = app.backend.database.sqlite;
    const row = sqlite.prepare("SELECT id, author_id FROM ticket_timeline WHERE ticket_id = ? AND event_type = 'telemetry'").get(ticketId) as { id: string; author_id: string };
    expect(row.id).toBe(report?.eventId);
    const adminId = (sqlite.prepare("SELECT id FROM users WHERE username = 'admin'").get() as { id: string }).id;
    expect(row.author_id).toBe(adminId);
    expect(sqlite.prepare("SELECT count(*) AS n, max(author_id) AS author FROM sync_ops WHERE entity = 'ticket_timeline' AND row_id = ?").get(row.id)).toEqual({ n: 1, author: adminId });
    expect(events).toContainEqual({ entity: 'ticket', id: ticketId, kind: 'updated' });
    expect((await app.admin.call('telemetry.list', { ticketId, limit: 5 })).length).toBe(5);
  }, 120_000);

  it('writes nothing in all_or_nothing mode, and a bad file is refused typed from the worker', async () => {
    const count = () => (app.backend.database.sqlite.prepare("SELECT count(*) AS n FROM ticket_timeline WHERE event_type = 'telemetry'").get() as { n: number }).n;
    const before = count();
    const all = await app.admin.call('telemetry.import', { ticketId, format: 'csv', content: bigCsv(5000, ['voltage,1,V,x,ayer']), mode: 'all_or_nothing' });
    expect(all).toMatchObject({ imported: 0, rejectedCount: 1 });
    const bad = await app.admin.envelope('telemetry.import', { ticketId, format: 'csv', content: `metrica,valor\n${'x,1\n'.repeat(20_000)}`, mode: 'valid_rows' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { reason: 'csv_header_invalid' } } });
    expect(count()).toBe(before);
  }, 60_000);

  it("the worker's refusals arrive typed", async () => {
    const unknown = await app.admin.envelope('telemetry.import', { ticketId: '01900000-0000-7000-8000-000000000000', format: 'csv', content: bigCsv(5000), mode: 'valid_rows' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('search index rebuild in the job worker', () => {
  it('rebuilds with progress while calls answer; search finds the same afterwards', async () => {
    const rowsBefore = ticketSearchRows();
    const progress: JobProgress[] = [];
    const rebuilding = app.backend.jobWorker.run('reindex', { step: 5 }, { onProgress: (p) => progress.push(p), settleWithWorker: true });
    expect(await answersWhileRunning(rebuilding, () => app.admin.call('tickets.list', { q: 'compresor' }))).toBe(true);
    expect(await rebuilding).toEqual({ tickets: TICKETS, rows: rowsBefore });
    expect(progress[0]).toEqual({ done: 0, total: TICKETS });
    expect(progress.at(-1)).toEqual({ done: TICKETS, total: TICKETS });
    expect(progress.map((p) => p.done)).toEqual([...progress.map((p) => p.done)].sort((a, b) => a - b));
    // The engine's connection sees the new index (and its triggers: a new ticket is found).
    const created = await app.admin.call('tickets.create', { title: 'Evaporador escarchado', description: 'Hielo en las aletas' });
    expect((await app.admin.call('tickets.list', { q: 'escarchado' })).items.map((t) => t.id)).toEqual([created.id]);
    expect((await app.admin.call('tickets.list', { q: 'compresor' })).items.length).toBeGreaterThan(0);
  }, 120_000);

  it('a cancel rolls the whole rebuild back: the old index stays and the file is free for writes', async () => {
    const rowsBefore = ticketSearchRows();
    const controller = new AbortController();
    const progress: JobProgress[] = [];
    const rebuilding = app.backend.jobWorker.run('reindex', { step: 1 }, { signal: controller.signal, settleWithWorker: true, onProgress: (p) => progress.push(p) });
    // Cancelled from this thread right away: the worker meets the cancel at its first turn between chunks, whatever the
    // machine's load (a cancel sent from the progress callback came once after a fast rebuild had already committed).
    controller.abort();
    const error = (await rebuilding.catch((e: unknown) => e)) as AppError;
    expect(error).toBeInstanceOf(AppError);
    expect(error.details?.reason).toBe('job_cancelled');
    // It had started (dropped the index, filled a first chunk): that is what the rollback undid.
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)?.done).toBeLessThan(progress.at(-1)?.total ?? 0);
    // Settled with the worker: its transaction is gone, so the engine writes at once and the old index answers.
    expect(ticketSearchRows()).toBe(rowsBefore);
    const created = await app.admin.call('tickets.create', { title: 'Condensador sucio', description: 'Limpieza pendiente' });
    expect((await app.admin.call('tickets.list', { q: 'condensador' })).items.map((t) => t.id)).toEqual([created.id]);
  }, 60_000);
});

describe('a read-only backend', () => {
  it("its worker refuses the writing jobs, typed", async () => {
    const readOnly = createBackend({ dataDir: app.dir, readonly: true });
    try {
      const refused = await readOnly.jobWorker.run('reindex', {}).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(AppError);
      expect(refused).toMatchObject({ code: 'CONFLICT', details: { reason: 'read_only' } });
    } finally {
      readOnly.close();
    }
  }, 60_000);
});

describe('restore check in the job worker', () => {
  it('checks candidates with progress while calls answer, skipping a damaged one, and the swap takes its result', async () => {
    const backup = await app.admin.call('backup.create', {});
    // A newer, damaged copy beside it: latestRestorableBackup must skip it for the good one.
    const damaged = path.join(path.dirname(backup.path), `${path.basename(backup.path, '.db')}-zz-damaged.db`);
    const bytes = readFileSync(backup.path);
    // Whole pages from the second one on: b-tree headers gone, whatever the page size.
    bytes.fill(0xa5, 4096, bytes.length - 4096);
    writeFileSync(damaged, bytes);

    const progress: JobProgress[] = [];
    const checking = app.backend.jobWorker.run('restoreCheck', { files: [damaged, backup.path] }, { onProgress: (p) => progress.push(p) });
    expect(await answersWhileRunning(checking, () => app.admin.call('tickets.counts', {}))).toBe(true);
    const result = await checking;
    expect(result.backup?.path).toBe(backup.path);
    expect(result.refused).toEqual([expect.objectContaining({ path: damaged, reason: expect.stringMatching(/corrupt|not_emerald|unreadable/) })]);
    expect(progress[0]).toEqual({ done: 0, total: 2 });
    expect(progress.at(-1)).toEqual({ done: 2, total: 2 });

    const latest = await latestRestorableBackup(app.backend.jobWorker, app.dir);
    expect(latest?.path).toBe(backup.path);
    // The swap stays with the caller: restore into another folder with the checked result (no second check).
    const target = path.join(tempDir(), 'emerald.db');
    const restored = restoreDatabase({ file: target, from: backup.path, checked: latest! });
    const tickets = (restored.database.sqlite.prepare('SELECT count(*) AS n FROM tickets').get() as { n: number }).n;
    restored.database.close();
    expect(tickets).toBeGreaterThanOrEqual(TICKETS);
  }, 60_000);

  it('refusals and a cancel arrive typed', async () => {
    const dir = tempDir();
    const missing = await checkBackupInJobWorker(app.backend.jobWorker, path.join(dir, 'nope.db')).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(AppError);
    expect(missing).toMatchObject({ code: 'VALIDATION', details: { reason: 'missing' } });
    const notDb = path.join(dir, 'notes.db');
    writeFileSync(notDb, 'not a database at all');
    expect(await checkBackupInJobWorker(app.backend.jobWorker, notDb).catch((e: unknown) => e)).toMatchObject({ details: { reason: 'not_emerald' } });
    const copy = path.join(dir, 'copy.db');
    copyFileSync(app.backend.database.path, copy);
    const controller = new AbortController();
    const checking = app.backend.jobWorker.run('restoreCheck', { files: [copy] }, { signal: controller.signal });
    controller.abort();
    expect(((await checking.catch((e: unknown) => e)) as AppError).details?.reason).toBe('job_cancelled');
  }, 60_000);
});
