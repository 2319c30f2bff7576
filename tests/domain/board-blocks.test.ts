// board_blocks, the dispatch board's local derived table (services/workOrders/boardBlocks.ts): kept in step by
// triggers through every change of an OT, its ticket's customer and that customer's name and town, equal to a fresh
// fill, rebuilt by `reindex`, and its migration file is the one generated from its owner.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOARD_BLOCKS_MIGRATION_FILE, boardBlocksDrift, boardBlocksMigrationSql, rebuildBoardBlocks } from '../../electron/services/workOrders/boardBlocks';
import { startDomainApp, type DomainFixture } from './fixtures';

let f: DomainFixture;
beforeAll(async () => {
  f = await startDomainApp();
});
afterAll(() => f.app.close());

const sqlite = () => f.app.backend.database.sqlite;
const blocks = () => sqlite().prepare('SELECT * FROM board_blocks ORDER BY technician_id, scheduled_date, id').all() as Record<string, unknown>[];
const blockOf = (id: string) => blocks().find((b) => b.id === id);

describe('board_blocks', () => {
  it('follows an OT from request to done, its moves, its ticket changing customer, and cancellation', async () => {
    const other = await f.admin.call('customers.create', { name: 'Ferretería Hermanos Ruiz' });
    const ticket = await f.admin.call('tickets.create', { title: 'Router sin conexión', customerId: f.customerId });
    const wo = await f.admin.call('workOrders.requestVisit', { ticketId: ticket.id, otType: 'repair' });
    // Waiting to be planned: not on the board.
    expect(blockOf(wo.id)).toBeUndefined();
    let current = await f.admin.call('workOrders.schedule', { id: wo.id, version: wo.version, technicianId: f.tec1.id, scheduledDate: '2026-03-04T09:00:00.000Z' });
    expect(blockOf(wo.id)).toMatchObject({ technician_id: f.tec1.id, scheduled_date: '2026-03-04T09:00:00.000Z', status: 'scheduled', customer_id: f.customerId, version: current.version });
    current = await f.admin.call('workOrders.schedule', { id: wo.id, version: current.version, technicianId: f.tec2.id, scheduledDate: '2026-03-05T10:00:00.000Z' });
    current = await f.admin.call('workOrders.setEstimate', { id: wo.id, version: current.version, estimatedMinutes: 45 });
    expect(blocks().filter((b) => b.id === wo.id)).toEqual([expect.objectContaining({ technician_id: f.tec2.id, scheduled_date: '2026-03-05T10:00:00.000Z', estimated_minutes: 45 })]);
    const detail = await f.admin.call('tickets.get', { id: ticket.id });
    await f.admin.call('tickets.update', { id: ticket.id, version: detail.version, customerId: other.id });
    expect(blockOf(wo.id)).toMatchObject({ customer_id: other.id, customer_name: 'Ferretería Hermanos Ruiz', customer_town: null });
    expect(boardBlocksDrift(sqlite())).toBe(0);

    // The customer renamed, then moved to another town: its blocks follow; another customer's blocks are left alone.
    const untouched = blocks().filter((b) => b.customer_id !== other.id);
    const renamed = await f.admin.call('customers.update', { id: other.id, version: other.version, name: 'Ferretería Ruiz e Hijos' });
    expect(blockOf(wo.id)).toMatchObject({ customer_name: 'Ferretería Ruiz e Hijos', customer_town: null });
    await f.admin.call('customers.update', { id: other.id, version: renamed.version, town: 'Alcalá de Henares' });
    expect(blockOf(wo.id)).toMatchObject({ customer_name: 'Ferretería Ruiz e Hijos', customer_town: 'Alcalá de Henares' });
    expect(blocks().filter((b) => b.customer_id !== other.id)).toEqual(untouched);
    expect(boardBlocksDrift(sqlite())).toBe(0);

    // Its customer deleted: the ticket (and the block) has none.
    const walkIn = await f.admin.call('tickets.create', { title: 'Portátil de mostrador', customerId: other.id });
    const requested = await f.admin.call('workOrders.requestVisit', { ticketId: walkIn.id, otType: 'diagnosis' });
    const visit = await f.admin.call('workOrders.schedule', { id: requested.id, version: requested.version, technicianId: f.tec1.id, scheduledDate: '2026-03-06T08:00:00.000Z' });
    expect(blockOf(visit.id)?.customer_id).toBe(other.id);
    const ticketNow = await f.admin.call('tickets.get', { id: ticket.id });
    await f.admin.call('tickets.update', { id: ticket.id, version: ticketNow.version, customerId: null });
    expect(blockOf(wo.id)).toMatchObject({ customer_id: null, customer_name: null, customer_town: null });
    expect(blockOf(visit.id)).toMatchObject({ customer_id: other.id, customer_name: 'Ferretería Ruiz e Hijos', customer_town: 'Alcalá de Henares' });

    current = await f.admin.call('workOrders.start', { id: wo.id, version: current.version });
    expect(blockOf(wo.id)).toMatchObject({ status: 'in_progress', started_at: f.app.clock.now().toISOString() });
    await f.admin.call('workOrders.complete', { id: wo.id, version: current.version, workDone: 'Cambiado el router' });
    expect(blockOf(wo.id)?.status).toBe('completed');
    const visitNow = await f.admin.call('workOrders.get', { id: visit.id });
    await f.admin.call('workOrders.cancel', { id: visit.id, version: visitNow.version, reason: 'El cliente ya no lo necesita' });
    expect(blockOf(visit.id)).toBeUndefined();
    expect(boardBlocksDrift(sqlite())).toBe(0);
  });

  it('reindex rebuilds it as the triggers kept it; a damaged table is found and rebuilt', () => {
    const before = blocks();
    expect(before.length).toBeGreaterThan(0);
    sqlite().prepare('DELETE FROM board_blocks WHERE id = ?').run(before[0]?.id);
    expect(boardBlocksDrift(sqlite())).toBe(1);
    expect(rebuildBoardBlocks(sqlite())).toBe(before.length);
    expect(blocks()).toEqual(before);
    expect(boardBlocksDrift(sqlite())).toBe(0);
  });

  it('its migration is the file generated from boardBlocks.ts (npx tsx scripts/gen-board-migration.ts)', () => {
    expect(readFileSync(BOARD_BLOCKS_MIGRATION_FILE, 'utf8')).toBe(boardBlocksMigrationSql());
  });
});
