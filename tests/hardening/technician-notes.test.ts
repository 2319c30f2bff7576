// Issue 18.1: a Técnico acts on a ticket only where one of their OTs is — notes included, not only readings.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, startDomainApp, type DomainFixture } from '../domain/fixtures';

let f: DomainFixture;
let ownTicketId: string;
let otherTicketId: string;
let closedTicketId: string;

beforeAll(async () => {
  f = await startDomainApp();
  const own = await f.admin.call('tickets.create', { title: 'Impresora atascada en recepción' });
  const wo = await f.admin.call('workOrders.requestVisit', { ticketId: own.id, otType: 'repair' });
  await f.admin.call('workOrders.schedule', { id: wo.id, scheduledDate: '2026-03-03T09:00:00.000Z', technicianId: f.tec1.id, version: wo.version });
  ownTicketId = own.id;
  otherTicketId = (await f.admin.call('tickets.create', { title: 'Router de otra sede sin señal' })).id;
  const closed = await f.admin.call('tickets.create', { title: 'Ticket ya cerrado sin OT' });
  closedTicketId = (await f.admin.call('tickets.close', { id: closed.id, resolution: 'Resuelto por teléfono', version: closed.version })).id;
});
afterAll(() => f.app.close());

const noteCount = (ticketId: string) =>
  (f.app.backend.database.sqlite
    .prepare(`SELECT count(*) AS n FROM ticket_timeline WHERE ticket_id = ? AND event_type = 'note'`)
    .get(ticketId) as { n: number }).n;

describe('tickets.addNote by a Técnico', () => {
  it('adds a note on a ticket with one of their OTs', async () => {
    const added = await f.tec1.caller.call('tickets.addNote', { id: ownTicketId, content: 'Llego a las 9' });
    expect(added.ticket.id).toBe(ownTicketId);
    expect(noteCount(ownTicketId)).toBe(1);
  });

  it('refuses a ticket whose OT belongs to another technician', async () => {
    expect(await errorOf(f.tec2.caller, 'tickets.addNote', { id: ownTicketId, content: 'No es mía' })).toMatchObject({
      code: 'FORBIDDEN',
      details: { reason: 'not_your_ticket' },
    });
    expect(noteCount(ownTicketId)).toBe(1);
  });

  it('refuses tickets with no OT of theirs, open or closed, and writes nothing', async () => {
    for (const id of [otherTicketId, closedTicketId]) {
      expect(await errorOf(f.tec1.caller, 'tickets.addNote', { id, content: 'Nota ajena' })).toMatchObject({
        code: 'FORBIDDEN',
        details: { reason: 'not_your_ticket' },
      });
      expect(noteCount(id)).toBe(0);
    }
  });

  it('still lets anyone with tickets:write note any ticket', async () => {
    await f.admin.call('tickets.addNote', { id: closedTicketId, content: 'Nota del administrador' });
    expect(noteCount(closedTicketId)).toBe(1);
  });
});
