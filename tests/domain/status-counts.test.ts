// ticket_status_counts, the list tabs' local derived counts (services/tickets/statusCounts.ts): kept in step by
// triggers through every status move, what tickets.counts answers without filters, rebuilt by `reindex`, and its
// migration file is the one generated from its owner.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildStatusCounts, STATUS_COUNTS_MIGRATION_FILE, statusCountsDrift, statusCountsMigrationSql } from '../../electron/services/tickets/statusCounts';
import { startDomainApp, type DomainFixture } from './fixtures';

let f: DomainFixture;
beforeAll(async () => {
  f = await startDomainApp();
});
afterAll(() => f.app.close());

const sqlite = () => f.app.backend.database.sqlite;
/** The oracle: every ticket counted now, by status. */
const counted = () =>
  Object.fromEntries((sqlite().prepare('SELECT status, count(*) AS n FROM tickets GROUP BY status').all() as { status: string; n: number }[]).map((r) => [r.status, r.n]));
const answered = async () => Object.fromEntries(Object.entries((await f.admin.call('tickets.counts', {})).counts).filter(([, n]) => n > 0));

describe('ticket_status_counts', () => {
  it('follows tickets through creation, each status move, closing and reopening; tickets.counts answers them', async () => {
    const a = await f.admin.call('tickets.create', { title: 'Impresora atasca el papel', customerId: f.customerId });
    const b = await f.admin.call('tickets.create', { title: 'Sin red en recepción', customerId: f.customerId });
    expect(await answered()).toEqual({ open: 2 });
    const moved = await f.admin.call('tickets.changeStatus', { id: a.id, status: 'in_progress', version: a.version });
    const started = await f.admin.call('tickets.changeStatus', { id: b.id, status: 'in_progress', version: b.version });
    expect(await answered()).toEqual({ in_progress: 2 });
    const waiting = await f.admin.call('tickets.changeStatus', { id: b.id, status: 'waiting', version: started.version });
    expect(await answered()).toEqual({ in_progress: 1, waiting: 1 });
    // An update that leaves the status as it was moves no count.
    const renamed = await f.admin.call('tickets.update', { id: a.id, version: moved.version, title: 'Impresora atasca el papel A4' });
    expect(await answered()).toEqual({ in_progress: 1, waiting: 1 });
    const closed = await f.admin.call('tickets.close', { id: a.id, version: renamed.version, resolution: 'Rodillo cambiado' });
    expect(await answered()).toEqual({ closed: 1, waiting: 1 });
    await f.admin.call('tickets.reopen', { id: a.id, version: closed.version, reason: 'Vuelve a atascarse' });
    await f.admin.call('tickets.close', { id: b.id, version: waiting.version, resolution: 'Cable sustituido' });
    expect(await answered()).toEqual(counted());
    expect(statusCountsDrift(sqlite())).toBe(0);
    // With a filter the counts come from the tickets themselves, and agree.
    expect((await f.admin.call('tickets.counts', { customerId: f.customerId })).counts).toMatchObject(counted());
  });

  it('reindex recounts it; a damaged count is found and rebuilt', async () => {
    const before = counted();
    sqlite().prepare("UPDATE ticket_status_counts SET n = n + 5 WHERE status = 'open'").run();
    expect(statusCountsDrift(sqlite())).toBe(1);
    // Without filters tickets.counts reads the kept counts (the damage shows), not the tickets.
    expect((await answered()).open).toBe((before.open ?? 0) + 5);
    expect(rebuildStatusCounts(sqlite())).toBe(Object.values(before).reduce((sum, n) => sum + n, 0));
    expect(statusCountsDrift(sqlite())).toBe(0);
    expect(await answered()).toEqual(before);
  });

  it('its migration is the file generated from statusCounts.ts (npx tsx scripts/gen-board-migration.ts)', () => {
    expect(readFileSync(STATUS_COUNTS_MIGRATION_FILE, 'utf8')).toBe(statusCountsMigrationSql());
  });
});
