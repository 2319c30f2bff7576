// work_order_queue, the dispatch queue's kept order (services/workOrders/queueTable.ts): in step through requests,
// planning, a ticket's new priority, cancelling and deleting; what workOrders.dispatchQueue pages through (compared with
// an order worked out here from the OTs and tickets themselves); rebuilt by `reindex`; its migration is the generated file.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildWorkOrderQueue, WORK_ORDER_QUEUE_MIGRATION_FILE, workOrderQueueDrift, workOrderQueueMigrationSql } from '../../electron/services/workOrders/queueTable';
import { allQueuePages, startDomainApp, type DomainFixture } from './fixtures';

let f: DomainFixture;
beforeAll(async () => {
  f = await startDomainApp();
});
afterAll(() => f.app.close());

const sqlite = () => f.app.backend.database.sqlite;
const RANK: Record<string, number> = { critical: 4, high: 3, medium: 2, low: 1 };

/** The oracle: every OT waiting for planning, its ticket's priority first, then the oldest (then id). */
function expectedOrder(): string[] {
  const rows = sqlite()
    .prepare("SELECT w.id, w.created_at, t.priority FROM work_orders w JOIN tickets t ON t.id = w.ticket_id WHERE w.status = 'pending_planning'")
    .all() as { id: string; created_at: string; priority: string }[];
  return rows
    .sort((a, b) => (RANK[b.priority] ?? 0) - (RANK[a.priority] ?? 0) || (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : a.id < b.id ? -1 : 1))
    .map((row) => row.id);
}

async function request(title: string, priority: 'low' | 'medium' | 'high' | 'critical') {
  const ticket = await f.admin.call('tickets.create', { title, customerId: f.customerId, priority });
  const wo = await f.admin.call('workOrders.requestVisit', { ticketId: ticket.id, otType: 'repair' });
  return { ticket, wo };
}

describe('work_order_queue', () => {
  it('follows requests, planning, a new priority and cancelling; the queue pages through it in order', async () => {
    const low = await request('Etiquetas de la impresora', 'low');
    const medium = await request('Cambio de tóner', 'medium');
    const critical = await request('Servidor caído', 'critical');
    const high = await request('Sin wifi en planta 2', 'high');
    expect(await allQueuePages(f.admin)).toEqual([critical.wo.id, high.wo.id, medium.wo.id, low.wo.id]);

    // Planned: it leaves the queue.
    const when = new Date(Date.now() + 3 * 86_400_000).toISOString();
    await f.admin.call('workOrders.schedule', { id: high.wo.id, scheduledDate: when, technicianId: f.tec1.id, version: high.wo.version });
    // The ticket becomes critical: its waiting OT, the oldest request, moves to the head of the queue.
    const lowNow = await f.admin.call('tickets.get', { id: low.ticket.id });
    await f.admin.call('tickets.update', { id: low.ticket.id, version: lowNow.version, priority: 'critical' });
    expect(await allQueuePages(f.admin)).toEqual([low.wo.id, critical.wo.id, medium.wo.id]);

    // Cancelled: out of the queue.
    await f.admin.call('workOrders.cancel', { id: medium.wo.id, version: medium.wo.version, reason: 'Lo resolvió el cliente' });
    expect(await allQueuePages(f.admin)).toEqual(expectedOrder());
    expect(await allQueuePages(f.admin)).toEqual([low.wo.id, critical.wo.id]);
    expect(workOrderQueueDrift(sqlite())).toBe(0);
  });

  it('reindex rebuilds it; damage is found', async () => {
    await request('Fotocopiadora atasca', 'medium');
    const waiting = expectedOrder();
    sqlite().prepare('DELETE FROM work_order_queue WHERE work_order_id = ?').run(waiting[0]);
    sqlite().prepare('UPDATE work_order_queue SET priority_rank = 1 WHERE work_order_id = ?').run(waiting[1]);
    expect(workOrderQueueDrift(sqlite())).toBe(3);
    expect(rebuildWorkOrderQueue(sqlite())).toBe(waiting.length);
    expect(workOrderQueueDrift(sqlite())).toBe(0);
    expect(await allQueuePages(f.admin)).toEqual(waiting);
  });

  it('its migration is the file generated from queueTable.ts (npx tsx scripts/gen-board-migration.ts)', () => {
    expect(readFileSync(WORK_ORDER_QUEUE_MIGRATION_FILE, 'utf8')).toBe(workOrderQueueMigrationSql());
  });
});
