// The capture triggers (migration 0027): a migrated database holds exactly what sqlgen.ts makes from the entity list;
// an update captures only the columns it changed (a field group whole) and nothing when it changed no replicated
// column; the ops made from that carry the same fields and move the same clocks as before. The SLA clocks' queries
// read the partial index of clock-moving events.
import { afterEach, describe, expect, it } from 'vitest';
import { CLOCK_EVENTS } from '../../shared/sla';
import { REPLICATED_ENTITIES } from '../../electron/services/sync/entities';
import { captureTriggersSql } from '../../electron/services/sync/sqlgen';
import { recordCapturedOps } from '../../electron/services/sync/capture';
import { readClock } from '../../electron/services/sync/clocks';
import { removeTempDirs } from '../db/helpers';
import { startTestApp, type TestApp } from '../support/backend';
import { openEmptyCopy } from './support';

let app: TestApp | undefined;
afterEach(() => {
  app?.close();
  app = undefined;
  removeTempDirs();
});

const lastOp = (app: TestApp, entity: string, rowId: string) =>
  app.backend.database.sqlite.prepare('SELECT kind, fields, base FROM sync_ops WHERE entity = ? AND row_id = ? ORDER BY hlc DESC LIMIT 1').get(entity, rowId) as {
    kind: string;
    fields: string;
    base: string | null;
  };

describe('capture triggers', () => {
  it('a migrated database holds the triggers sqlgen makes from the entity list, every one of them', () => {
    const copy = openEmptyCopy();
    try {
      const stored = new Map(
        (copy.sqlite.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'tr_sync_%'").all() as { name: string; sql: string }[]).map(
          (row) => [row.name, `${row.sql};`],
        ),
      );
      const generated = REPLICATED_ENTITIES.flatMap(captureTriggersSql);
      expect(generated).toHaveLength(REPLICATED_ENTITIES.length * 3);
      for (const sql of generated) {
        const name = /CREATE TRIGGER `([^`]+)`/.exec(sql)?.[1] ?? '';
        expect(stored.get(name), name).toBe(sql);
      }
    } finally {
      copy.close();
    }
  });

  it('an update captures only what changed, a field group whole, and nothing when no replicated column changed', async () => {
    app = await startTestApp();
    const sqlite = app.backend.database.sqlite;
    const ticket = await app.admin.call('tickets.create', { title: 'Caldera', description: 'No arranca' });
    const visit = await app.admin.call('workOrders.requestVisit', { ticketId: ticket.id, otType: 'repair' });
    const captured = () => (sqlite.prepare('SELECT kind, new_values FROM sync_capture ORDER BY id').all() as { kind: string; new_values: string }[]).map((row) => ({ kind: row.kind, values: JSON.parse(row.new_values) as unknown }));
    sqlite.transaction(() => {
      // Same values and local-only columns: no capture row at all.
      sqlite.prepare('UPDATE tickets SET title = title, description = description, version = version + 1 WHERE id = ?').run(ticket.id);
      expect(captured()).toEqual([]);
      // One text column with quotes and a number: exactly those, as JSON values.
      sqlite.prepare(`UPDATE tickets SET title = 'Caldera "Roca" d''Or', status = status WHERE id = ?`).run(ticket.id);
      sqlite.prepare('UPDATE work_orders SET total_duration = 90, notes = NULL WHERE id = ?').run(visit.id);
      // A member of status / scheduled_date / technician_id changed: the group travels whole.
      sqlite.prepare("UPDATE work_orders SET scheduled_date = '2030-05-06T08:00:00.000Z' WHERE id = ?").run(visit.id);
      expect(captured()).toEqual([
        { kind: 'update', values: { title: 'Caldera "Roca" d\'Or' } },
        { kind: 'update', values: { total_duration: 90 } },
        { kind: 'update', values: { status: 'pending_planning', scheduled_date: '2030-05-06T08:00:00.000Z', technician_id: null } },
      ]);
      expect(recordCapturedOps(sqlite, null, app!.clock.now().getTime())).toBe(3);
    })();
    expect(JSON.parse(lastOp(app, 'tickets', ticket.id).fields)).toEqual({ title: 'Caldera "Roca" d\'Or' });
    const group = lastOp(app, 'work_orders', visit.id);
    expect(JSON.parse(group.fields)).toEqual({ status: 'pending_planning', scheduled_date: '2030-05-06T08:00:00.000Z', technician_id: null });
    // Each field of the group has the op's clock; the base holds the clocks they replaced (lww).
    const clock = readClock(sqlite, 'work_orders', visit.id);
    const { hlc } = sqlite.prepare("SELECT hlc FROM sync_ops WHERE entity = 'work_orders' AND row_id = ? ORDER BY hlc DESC LIMIT 1").get(visit.id) as { hlc: string };
    for (const field of ['status', 'scheduled_date', 'technician_id']) expect(clock?.fields[field]).toBe(hlc);
    expect(Object.keys(JSON.parse(group.base ?? '{}') as object).sort()).toEqual(['scheduled_date', 'status', 'technician_id']);
  });

  it("the SLA clocks' queries read the partial index of clock-moving events, whose list is CLOCK_EVENTS", async () => {
    app = await startTestApp();
    const sqlite = app.backend.database.sqlite;
    const { sql } = sqlite.prepare("SELECT sql FROM sqlite_master WHERE name = 'ix_ticket_timeline_clock_events'").get() as { sql: string };
    const list = CLOCK_EVENTS.map((type) => `'${type}'`).join(', ');
    expect(sql).toContain(`in (${list})`);
    // A few tickets with more notes than clock events, and statistics, as a used file has them.
    for (let i = 0; i < 3; i++) {
      const ticket = await app.admin.call('tickets.create', { title: `Avería ${i}` });
      await app.admin.call('tickets.addContact', { id: ticket.id, channel: 'phone', summary: 'Llamada' });
      for (let n = 0; n < 5; n++) await app.admin.call('tickets.addNote', { id: ticket.id, content: `Nota ${n}` });
    }
    sqlite.exec('ANALYZE');
    const plans = [
      `SELECT event_type FROM ticket_timeline WHERE ticket_id = ? AND event_type IN (${list}) ORDER BY created_at, id`,
      `SELECT ticket_id, event_type FROM ticket_timeline WHERE ticket_id IN (SELECT value FROM json_each(?)) AND event_type IN (${list}) ORDER BY ticket_id, created_at, id`,
    ].map((query) => (sqlite.prepare(`EXPLAIN QUERY PLAN ${query}`).all('x') as { detail: string }[]).map((row) => row.detail).join('; '));
    for (const plan of plans) expect(plan).toContain('USING INDEX ix_ticket_timeline_clock_events');
  });
});
