import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TICKET_STATUSES, type TicketStatus } from '../../electron/contract';
import { nextTicketStatuses } from '../../shared/tickets';
import { ADMIN } from '../support/backend';
import { errorOf, startDomainApp, type DomainFixture } from './fixtures';
import { settingsVersions } from '../support/versions';

let f: DomainFixture;
beforeEach(async () => {
  f = await startDomainApp();
});
afterEach(() => f.app.close());

const newTicket = (title = 'La impresora no imprime') =>
  f.admin.call('tickets.create', { title, description: 'Atasco de papel en la bandeja 2', customerId: f.customerId, categoryId: f.categoryId });

/** Brings a fresh ticket to `status` through allowed moves (closed via tickets.close). */
async function ticketIn(status: TicketStatus) {
  let t = await newTicket();
  const path: Record<TicketStatus, TicketStatus[]> = { open: [], in_progress: ['in_progress'], waiting: ['in_progress', 'waiting'], closed: [] };
  for (const step of path[status]) t = await f.admin.call('tickets.changeStatus', { id: t.id, status: step, version: t.version });
  if (status === 'closed') t = await f.admin.call('tickets.close', { id: t.id, resolution: 'Resuelto', version: t.version });
  return t;
}

describe('tickets.create', () => {
  it('numbers codes per prefix and year and writes a created event', async () => {
    const a = await newTicket();
    const b = await newTicket('Segundo ticket');
    expect(a.code).toBe('TK-2026-000001');
    expect(b.code).toBe('TK-2026-000002');
    expect(a).toMatchObject({ status: 'open', priority: 'medium', version: 1, customer: { id: f.customerId }, category: { id: f.categoryId } });
    expect(a.timeline.map((e) => e.eventType)).toEqual(['created']);
    expect(a.creator?.username).toBe('admin');
    await f.admin.call('settings.update', { versions: await settingsVersions(f.admin), ticketPrefix: 'ACME' });
    f.app.clock.set('2027-01-05T10:00:00.000Z');
    await f.admin.call('auth.login', { login: ADMIN.username, password: ADMIN.password });
    expect((await newTicket()).code).toBe('ACME-2027-000001');
  });

  it('refuses references to records that do not exist', async () => {
    const error = await errorOf(f.admin, 'tickets.create', { title: 'Sin cliente', customerId: '0190f5a4-0000-7000-8000-000000000000' });
    expect(error).toMatchObject({ code: 'VALIDATION', details: { reason: 'unknown_customer' } });
  });
});

describe('ticket state machine', () => {
  const allowed = new Set(['open>in_progress', 'in_progress>open', 'in_progress>waiting', 'waiting>in_progress']);
  const pairs = TICKET_STATUSES.flatMap((from) => TICKET_STATUSES.map((to) => [from, to] as const));

  it.each(pairs)('changeStatus %s → %s follows the machine', async (from, to) => {
    const t = await ticketIn(from);
    const env = await f.admin.envelope('tickets.changeStatus', { id: t.id, status: to, version: t.version });
    // The ticket screen offers nextTicketStatuses(from): exactly the moves the service accepts.
    expect(env.ok).toBe(nextTicketStatuses(from).includes(to));
    if (allowed.has(`${from}>${to}`)) {
      expect(env.ok).toBe(true);
      if (!env.ok) return;
      const detail = env.value as typeof t;
      expect(detail.status).toBe(to);
      expect(detail.version).toBe(t.version + 1);
      expect(detail.timeline.at(-1)).toMatchObject({ eventType: 'status_change', metaData: { from, to } });
    } else {
      expect(env.ok).toBe(false);
      if (env.ok) return;
      expect(env.error.code).toBe('INVALID_TRANSITION');
      const expectedReason = to === 'closed' ? 'use_close' : from === 'closed' ? 'use_reopen' : from === to ? 'same_status' : 'invalid_transition';
      expect(env.error.details?.reason).toBe(expectedReason);
    }
  });

  it('close needs an open ticket and stores the resolution; reopen needs a closed one', async () => {
    const closed = await ticketIn('closed');
    expect(closed).toMatchObject({ status: 'closed', resolution: 'Resuelto' });
    expect(closed.closedAt).not.toBeNull();
    expect(closed.timeline.at(-1)).toMatchObject({ eventType: 'closed', metaData: { resolution: 'Resuelto', from: 'open', to: 'closed' } });
    expect((await errorOf(f.admin, 'tickets.close', { id: closed.id, resolution: 'Otra vez', version: closed.version })).code).toBe('INVALID_TRANSITION');

    const reopened = await f.admin.call('tickets.reopen', { id: closed.id, reason: 'El cliente llama de nuevo', version: closed.version });
    expect(reopened).toMatchObject({ status: 'open', resolution: null, closedAt: null, version: closed.version + 1 });
    expect(reopened.timeline.at(-1)).toMatchObject({ eventType: 'reopened', metaData: { from: 'closed', to: 'open', reason: 'El cliente llama de nuevo' } });
    const again = await errorOf(f.admin, 'tickets.reopen', { id: reopened.id, reason: 'x', version: reopened.version });
    expect(again).toMatchObject({ code: 'INVALID_TRANSITION', details: { reason: 'not_closed' } });
  });

  it('a resolution and a reason are required', async () => {
    const t = await newTicket();
    expect((await errorOf(f.admin, 'tickets.close', { id: t.id, resolution: '   ', version: t.version })).code).toBe('VALIDATION');
  });
});

describe('versions', () => {
  it('every versioned change with a stale version is a CONFLICT and changes nothing', async () => {
    const t = await newTicket();
    const moved = await f.admin.call('tickets.changeStatus', { id: t.id, status: 'in_progress', version: t.version });
    const stale = { id: t.id, version: t.version };
    const attempts: [string, object][] = [
      ['tickets.update', { ...stale, title: 'Otro título' }],
      ['tickets.changeStatus', { ...stale, status: 'waiting' }],
      ['tickets.assign', { ...stale, assignedToId: f.tec1.id }],
      ['tickets.close', { ...stale, resolution: 'x' }],
    ];
    for (const [channel, input] of attempts) {
      expect(await errorOf(f.admin, channel, input)).toMatchObject({ code: 'CONFLICT', details: { reason: 'stale_version' } });
    }
    const after = await f.admin.call('tickets.get', { id: t.id });
    expect(after).toMatchObject({ status: 'in_progress', title: t.title, version: moved.version, assignedTo: null });
  });

  it('notes and contacts bump updated_at but not the version', async () => {
    const t = await newTicket();
    f.app.clock.advance(60_000);
    const noted = await f.admin.call('tickets.addNote', { id: t.id, content: 'Llamé al cliente' });
    f.app.clock.advance(60_000);
    const contacted = await f.admin.call('tickets.addContact', { id: t.id, channel: 'whatsapp', summary: 'Envía foto del error', contactName: 'Lucía' });
    expect(noted.ticket.version).toBe(t.version);
    expect(contacted.ticket.version).toBe(t.version);
    expect(noted.ticket.updatedAt > t.updatedAt).toBe(true);
    expect(contacted.ticket.updatedAt > noted.ticket.updatedAt).toBe(true);
    expect(contacted.event).toMatchObject({ eventType: 'contact', content: 'Envía foto del error', metaData: { channel: 'whatsapp', contactName: 'Lucía' } });
  });
});

describe('update and assign', () => {
  it('writes priority_change and assignment events with from/to', async () => {
    const t = await newTicket();
    const updated = await f.admin.call('tickets.update', { id: t.id, version: t.version, priority: 'critical', title: 'Impresora averiada' });
    expect(updated).toMatchObject({ priority: 'critical', title: 'Impresora averiada', version: t.version + 1 });
    const types = updated.timeline.map((e) => e.eventType);
    expect(types).toContain('priority_change');
    expect(updated.timeline.find((e) => e.eventType === 'priority_change')?.metaData).toEqual({ from: 'medium', to: 'critical' });
    const assigned = await f.admin.call('tickets.assign', { id: t.id, assignedToId: f.tec1.id, version: updated.version });
    expect(assigned.assignedTo?.id).toBe(f.tec1.id);
    expect(assigned.timeline.at(-1)).toMatchObject({ eventType: 'assignment', metaData: { from: null, to: f.tec1.id } });
  });

  it('records field edits as an edit note with from/to, and ignores a change to the same values', async () => {
    const t = await newTicket();
    const other = await f.admin.call('customers.create', { name: 'Talleres Pérez' });
    const edited = await f.admin.call('tickets.update', { id: t.id, version: t.version, customerId: other.id, description: 'Nueva descripción' });
    expect(edited).toMatchObject({ version: t.version + 1, customer: { id: other.id, name: 'Talleres Pérez' }, description: 'Nueva descripción' });
    expect(edited.timeline.at(-1)).toMatchObject({
      eventType: 'note',
      content: 'Ticket editado: descripción, cliente',
      metaData: { kind: 'edit', changes: { customerId: { from: f.customerId, to: other.id }, description: { changed: true } } },
    });
    expect((await f.admin.call('tickets.list', { q: 'talleres' })).items.map((x) => x.id)).toEqual([t.id]);
    const same = await f.admin.call('tickets.update', { id: t.id, version: edited.version, customerId: other.id });
    expect(same.version).toBe(edited.version);
    expect(same.timeline).toHaveLength(edited.timeline.length);
  });

  it('unknown ids are NOT_FOUND', async () => {
    const missing = '0190f5a4-0000-7000-8000-000000000000';
    for (const [channel, input] of [
      ['tickets.get', { id: missing }],
      ['tickets.addNote', { id: missing, content: 'x' }],
      ['tickets.changeStatus', { id: missing, status: 'in_progress', version: 1 }],
      ['workOrders.get', { id: missing }],
      ['workOrders.requestVisit', { ticketId: missing, otType: 'repair' }],
      ['workOrders.listByTicket', { ticketId: missing }],
      ['workOrders.removeItem', { id: missing, version: 1, itemId: missing }],
    ] as const) {
      expect(await errorOf(f.admin, channel, input), channel).toMatchObject({ code: 'NOT_FOUND', details: { reason: 'not_found' } });
    }
  });

  it('lets a technician add a note on a ticket with their OT but not change the ticket', async () => {
    const t = await newTicket();
    await f.admin.call('workOrders.requestVisit', { ticketId: t.id, otType: 'repair', technicianId: f.tec1.id, scheduledDate: '2026-03-03T09:00:00.000Z' });
    const noted = await f.tec1.caller.call('tickets.addNote', { id: t.id, content: 'Revisado en sitio' });
    expect(noted.event.author?.id).toBe(f.tec1.id);
    const fresh = await f.admin.call('tickets.get', { id: t.id });
    expect(await f.tec1.caller.failure('tickets.changeStatus', { id: t.id, status: 'in_progress', version: fresh.version })).toBe('FORBIDDEN');
  });

  it('emits a ticket event after each commit', async () => {
    const seen: unknown[] = [];
    const off = f.app.backend.events.on((e) => seen.push(e));
    const t = await newTicket();
    await f.admin.call('tickets.addNote', { id: t.id, content: 'nota' });
    off();
    expect(seen).toEqual([
      { entity: 'ticket', id: t.id, kind: 'created' },
      { entity: 'ticket', id: t.id, kind: 'updated' },
    ]);
  });

  it('the timeline is append-only in the database', async () => {
    const t = await newTicket();
    expect(() => f.app.backend.database.sqlite.prepare("UPDATE ticket_timeline SET content = 'x' WHERE ticket_id = ?").run(t.id)).toThrow(/append-only/);
  });
});
