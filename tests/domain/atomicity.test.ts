// A failure in the middle of a multi-row operation leaves nothing behind: no row, no sequence number, no event.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDomainApp, tableCounts, type DomainFixture } from './fixtures';
import { decideOpenWorkOrders } from '../support/closeDecisions';

let f: DomainFixture;
beforeEach(async () => {
  f = await startDomainApp();
});
afterEach(() => f.app.close());

/** A temporary trigger that aborts the insert of one timeline event type, as a crash mid-operation would. */
function failOnEvent(eventType: string): void {
  f.app.backend.database.sqlite.exec(
    `CREATE TEMP TRIGGER fail_on_event BEFORE INSERT ON main.ticket_timeline WHEN new.event_type = '${eventType}'
     BEGIN SELECT RAISE(ABORT, 'injected failure'); END;`,
  );
}

function sequences() {
  return f.app.backend.database.sqlite.prepare('SELECT scope, last_value FROM code_sequences ORDER BY scope').all();
}

describe('atomicity', () => {
  it('request visit: a failure on the ot_created event leaves no OT, no status change, no sequence bump', async () => {
    const ticket = await f.admin.call('tickets.create', { title: 'Caldera sin presión', customerId: f.customerId });
    const before = { counts: tableCounts(f.app), sequences: sequences() };
    const events: unknown[] = [];
    f.app.backend.events.on((e) => events.push(e));
    failOnEvent('ot_created');

    const env = await f.admin.envelope('workOrders.requestVisit', { ticketId: ticket.id, otType: 'repair' });
    expect(env.ok ? null : env.error.code).toBe('INTERNAL');
    expect(tableCounts(f.app)).toEqual(before.counts);
    expect(sequences()).toEqual(before.sequences);
    expect(events).toEqual([]);
    expect(await f.admin.call('tickets.get', { id: ticket.id })).toMatchObject({ status: 'open', version: ticket.version, updatedAt: ticket.updatedAt });
  });

  it('close: a failure on the closed event rolls back the OTs it had already completed', async () => {
    const ticket = await f.admin.call('tickets.create', { title: 'Aire acondicionado' });
    let wo = await f.admin.call('workOrders.requestVisit', { ticketId: ticket.id, otType: 'repair' });
    wo = await f.admin.call('workOrders.schedule', { id: wo.id, version: wo.version, scheduledDate: '2026-03-04T08:00:00.000Z', technicianId: f.tec1.id });
    wo = await f.admin.call('workOrders.start', { id: wo.id, version: wo.version });
    const current = await f.admin.call('tickets.get', { id: ticket.id });
    const before = tableCounts(f.app);
    failOnEvent('closed');

    const env = await f.admin.envelope('tickets.close', { id: ticket.id, resolution: 'Reparado', version: current.version, workOrders: decideOpenWorkOrders(current, { workDone: 'Reparado' }) });
    expect(env.ok ? null : env.error.code).toBe('INTERNAL');
    expect(tableCounts(f.app)).toEqual(before);
    const after = await f.admin.call('tickets.get', { id: ticket.id });
    expect(after).toMatchObject({ status: 'in_progress', resolution: null, version: current.version });
    expect(after.workOrders[0]).toMatchObject({ status: 'in_progress', completedAt: null, version: wo.version });
    expect(after.timeline.map((e) => e.eventType)).toEqual(current.timeline.map((e) => e.eventType));
  });

  it('create: a failure on the created event consumes no code', async () => {
    failOnEvent('created');
    const before = tableCounts(f.app);
    expect(await f.admin.failure('tickets.create', { title: 'No debería quedar' })).toBe('INTERNAL');
    expect(tableCounts(f.app)).toEqual(before);
    f.app.backend.database.sqlite.exec('DROP TRIGGER temp.fail_on_event');
    expect((await f.admin.call('tickets.create', { title: 'Ahora sí' })).code).toBe('TK-2026-000001');
  });
});
