// The reads every write and every merged page makes (the SLA refresh, the closed-ticket rule) find their rows by their
// own keys even on a copy without ANALYZE statistics (a member that joined from a snapshot has none until its first
// close): without them the planner walked an index of a status or an event type through the whole table instead.
import { afterEach, describe, expect, it } from 'vitest';
import { CLOCK_EVENT_OWNERS_SQL, CLOCK_EVENTS_OF_TICKETS_SQL } from '../../electron/services/sla/store';
import { CLOSED_TICKETS_OPEN_WORK_ORDERS_SQL } from '../../electron/services/sync/conflicts';
import { startTestApp, type TestApp } from '../support/backend';

let app: TestApp;
afterEach(() => app?.close());

const planOf = (sql: string, ...params: unknown[]) =>
  (app.backend.database.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((row) => row.detail).join('\n');
const noStatistics = () => expect(app.backend.database.sqlite.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'sqlite_stat1'").get()).toBeUndefined();

describe('query plans without statistics', () => {
  it('SLA refresh: events by id, a ticket’s clock events through the partial index, never by event type', async () => {
    app = await startTestApp();
    const sqlite = app.backend.database.sqlite;
    for (let i = 0; i < 3; i++) {
      const ticket = await app.admin.call('tickets.create', { title: `Equipo ${i}` });
      await app.admin.call('tickets.addContact', { id: ticket.id, channel: 'phone', summary: 'Llamada' });
    }
    noStatistics();

    const owners = planOf(CLOCK_EVENT_OWNERS_SQL, '[]');
    expect(owners).toMatch(/SEARCH ticket_timeline USING (COVERING )?INDEX \S+ \(id=\?\)/);
    expect(owners).not.toContain('event_type');
    const events = planOf(CLOCK_EVENTS_OF_TICKETS_SQL, '[]');
    expect(events).toContain('SEARCH ticket_timeline USING INDEX ix_ticket_timeline_clock_events (ticket_id=?)');

    // And they read what they should: the owners of clock events only, each ticket's clock events in order.
    const timeline = sqlite.prepare('SELECT id, ticket_id, event_type FROM ticket_timeline ORDER BY created_at, id').all() as { id: string; ticket_id: string; event_type: string }[];
    const contacts = timeline.filter((event) => event.event_type === 'contact');
    const others = timeline.filter((event) => !['contact', 'status_change', 'ot_created', 'closed', 'reopened'].includes(event.event_type));
    const found = sqlite.prepare(CLOCK_EVENT_OWNERS_SQL).all(JSON.stringify([...contacts, ...others].map((event) => event.id))) as { id: string }[];
    expect(found.map((row) => row.id).sort()).toEqual([...new Set(contacts.map((event) => event.ticket_id))].sort());
    const first = contacts[0]?.ticket_id;
    const read = sqlite.prepare(CLOCK_EVENTS_OF_TICKETS_SQL).all(JSON.stringify([first])) as { ticket_id: string; event_type: string }[];
    expect(read.map((row) => row.event_type)).toContain('contact');
    expect(read.every((row) => row.ticket_id === first)).toBe(true);
  });
  it('closed-ticket rule: the touched tickets by id, never every closed ticket through the status index', async () => {
    app = await startTestApp();
    const ticket = await app.admin.call('tickets.create', { title: 'Caldera' });
    await app.admin.call('workOrders.requestVisit', { ticketId: ticket.id, otType: 'repair' });
    noStatistics();
    const plan = planOf(CLOSED_TICKETS_OPEN_WORK_ORDERS_SQL, '[]');
    expect(plan).toMatch(/SEARCH t USING (COVERING )?INDEX \S+ \(id=\?\)/);
    expect(plan).not.toContain('status');
    // What it reads: nothing while the ticket is open; its open OT once the ticket is closed (rows written around the
    // rules, as a merge of two copies can leave them).
    const sqlite = app.backend.database.sqlite;
    const read = () => (sqlite.prepare(CLOSED_TICKETS_OPEN_WORK_ORDERS_SQL).all(JSON.stringify([ticket.id])) as { ticket_id: string }[]).map((row) => row.ticket_id);
    expect(read()).toEqual([]);
    sqlite.prepare("UPDATE tickets SET status = 'closed', closed_at = ?, resolution = 'Cerrado en otra copia' WHERE id = ?").run(new Date().toISOString(), ticket.id);
    expect(read()).toEqual([ticket.id]);
  });
});
