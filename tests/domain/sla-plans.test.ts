// The SLA refresh reads a merged page's or a write's tickets by their own keys even on a copy without ANALYZE
// statistics (a member that joined from a snapshot has none until its first close): without them the planner walked
// ix_ticket_timeline_event_type through every clock event of every ticket, once per merged page.
import { afterEach, describe, expect, it } from 'vitest';
import { CLOCK_EVENT_OWNERS_SQL, CLOCK_EVENTS_OF_TICKETS_SQL } from '../../electron/services/sla/store';
import { startTestApp, type TestApp } from '../support/backend';

let app: TestApp;
afterEach(() => app?.close());

describe('SLA refresh query plans without statistics', () => {
  it('finds events by id and a ticket’s clock events through the partial index, never by event type', async () => {
    app = await startTestApp();
    const sqlite = app.backend.database.sqlite;
    for (let i = 0; i < 3; i++) {
      const ticket = await app.admin.call('tickets.create', { title: `Equipo ${i}` });
      await app.admin.call('tickets.addContact', { id: ticket.id, channel: 'phone', summary: 'Llamada' });
    }
    expect(sqlite.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'sqlite_stat1'").get()).toBeUndefined();
    const plan = (sql: string) => (sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all('[]') as { detail: string }[]).map((row) => row.detail).join('\n');

    const owners = plan(CLOCK_EVENT_OWNERS_SQL);
    expect(owners).toMatch(/SEARCH ticket_timeline USING (COVERING )?INDEX \S+ \(id=\?\)/);
    expect(owners).not.toContain('event_type');
    const events = plan(CLOCK_EVENTS_OF_TICKETS_SQL);
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
});
