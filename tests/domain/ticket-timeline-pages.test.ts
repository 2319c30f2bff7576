// Issue 17: a note answers its event and the ticket's header, not the whole ticket; tickets.get shows the latest page of
// the timeline and tickets.timeline pages the older events, in order, without gaps or duplicates, whatever is added meanwhile.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TIMELINE_PAGE_SIZE } from '../../electron/contract/tickets';
import type { TicketDetail, TimelineEventDto } from '../../electron/contract';
import { computeTicketSla, slaElapsedMs, type SlaClock } from '../../shared/sla';
import { readSlaTargets } from '../../electron/services/sla';
import { ticketWithWholeTimeline } from '../../electron/services/tickets';
import { errorOf, startDomainApp, type DomainFixture } from './fixtures';

let f: DomainFixture;
let busy: TicketDetail;
/** Notes written at once on the busy ticket: more than two pages, several sharing an instant (ties across a page edge). */
const NOTES = Math.floor(TIMELINE_PAGE_SIZE * 2.3);

beforeAll(async () => {
  f = await startDomainApp();
  busy = await f.admin.call('tickets.create', { title: 'Caldera con muchas visitas', customerId: f.customerId, categoryId: f.categoryId });
  busy = await f.admin.call('tickets.changeStatus', { id: busy.id, status: 'in_progress', version: busy.version });
  for (let i = 0; i < NOTES; i++) {
    // Three notes per instant: the order between them is the id's.
    if (i % 3 === 0) f.app.clock.advance(60_000);
    await f.admin.call('tickets.addNote', { id: busy.id, content: `Seguimiento ${i}` });
  }
  f.app.clock.advance(60_000);
  await f.admin.call('tickets.addContact', { id: busy.id, channel: 'phone', summary: 'El cliente confirma que sigue fallando' });
}, 60_000);
afterAll(() => f.app.close());

const whole = (id: string) => ticketWithWholeTimeline(f.app.backend.database.sqlite, id, f.app.clock.now().getTime());
const ids = (events: readonly TimelineEventDto[]) => events.map((event) => event.id);

/** Every event of the ticket through tickets.get and then tickets.timeline pages of `limit`, oldest first. */
async function walk(id: string, limit?: number): Promise<{ events: TimelineEventDto[]; pages: number }> {
  const detail = await f.admin.call('tickets.get', { id });
  let events = detail.timeline;
  let before = detail.timelineOlderCursor;
  let pages = 0;
  while (before !== null && pages < 100) {
    const page = await f.admin.call('tickets.timeline', { id, before, ...(limit ? { limit } : {}) });
    events = [...page.items, ...events];
    before = page.olderCursor;
    pages++;
  }
  return { events, pages };
}

describe('tickets.addNote and tickets.addContact answer what changed', () => {
  it('a note answers its event and the header (version kept, updatedAt moved, SLA), in a few hundred bytes', async () => {
    const before = await f.admin.call('tickets.get', { id: busy.id });
    f.app.clock.advance(60_000);
    const added = await f.admin.call('tickets.addNote', { id: busy.id, content: 'Pieza pedida al proveedor' });
    expect(Object.keys(added).sort()).toEqual(['event', 'ticket']);
    expect(added.event).toMatchObject({ ticketId: busy.id, eventType: 'note', content: 'Pieza pedida al proveedor', author: { username: 'admin' }, createdAt: f.app.clock.now().toISOString() });
    expect(added.ticket).toMatchObject({ id: busy.id, code: busy.code, status: 'in_progress', version: before.version, updatedAt: f.app.clock.now().toISOString() });
    expect(added.ticket).not.toHaveProperty('timeline');
    expect(added.ticket.slaClocks).toEqual(before.slaClocks);
    expect(Buffer.byteLength(JSON.stringify(added))).toBeLessThan(2_000);
    // The same event and header as a fresh read shows.
    const after = await f.admin.call('tickets.get', { id: busy.id });
    expect(after.timeline.at(-1)).toEqual(added.event);
    const { timeline: _timeline, timelineOlderCursor: _cursor, description: _d, creator: _c, customerDetail: _cd, resolution: _r, closedAt: _ca, workOrders: _w, formerCodes: _f, ...header } = after;
    expect(added.ticket).toEqual(header);
  });

  it("a contact's header carries the clocks it moved (the first response), as tickets.get computes them", async () => {
    const ticket = await f.admin.call('tickets.create', { title: 'Router sin conexión', priority: 'high' });
    f.app.clock.advance(30 * 60_000);
    const added = await f.admin.call('tickets.addContact', { id: ticket.id, channel: 'whatsapp', summary: 'Le pido una foto del router', contactName: 'Lucía' });
    expect(added.event).toMatchObject({ eventType: 'contact', metaData: { channel: 'whatsapp', contactName: 'Lucía' } });
    expect(added.ticket.slaClocks.response).toMatchObject({ outcome: 'met', doneAt: f.app.clock.now().toISOString() });
    expect(added.ticket.sla).toMatchObject({ kind: 'resolution' });
    expect(added.ticket.slaClocks).toEqual((await f.admin.call('tickets.get', { id: ticket.id })).slaClocks);
  });
});

describe('tickets.get and tickets.timeline page the history', () => {
  it('tickets.get answers the latest page, oldest first, with a cursor for the rest; its clocks are those of the whole timeline', async () => {
    const detail = await f.admin.call('tickets.get', { id: busy.id });
    const all = whole(busy.id).timeline;
    expect(all.length).toBeGreaterThan(2 * TIMELINE_PAGE_SIZE);
    expect(ids(detail.timeline)).toEqual(ids(all.slice(-TIMELINE_PAGE_SIZE)));
    expect(detail.timelineOlderCursor).not.toBeNull();
    const events = all.map((e) => ({ eventType: e.eventType, authorId: e.author?.id ?? null, createdAt: e.createdAt, metaData: e.metaData }));
    const fromAll = computeTicketSla(detail, events, readSlaTargets(f.app.backend.database.sqlite));
    // Read from the clock events only, a running clock counts from the last of them rather than the last note: the
    // same time used and the same due.
    const now = f.app.clock.now().getTime();
    const seen = ({ elapsedMs: _e, since: _s, ...clock }: SlaClock) => clock;
    for (const kind of ['response', 'resolution'] as const) {
      expect(seen(detail.slaClocks[kind])).toEqual(seen(fromAll[kind]));
      expect(slaElapsedMs(detail.slaClocks[kind], now)).toBe(slaElapsedMs(fromAll[kind], now));
    }
    expect(detail.slaClocks.resolution.since).not.toBeNull();
  });

  it('older pages, walked to the first event, give the whole timeline once each, in order', async () => {
    const all = ids(whole(busy.id).timeline);
    const byDefault = await walk(busy.id);
    expect(ids(byDefault.events)).toEqual(all);
    expect(byDefault.pages).toBe(Math.ceil(all.length / TIMELINE_PAGE_SIZE) - 1);
    // An uneven page size puts page edges between notes of the same instant.
    const uneven = await walk(busy.id, 37);
    expect(ids(uneven.events)).toEqual(all);
    expect(new Set(ids(uneven.events)).size).toBe(all.length);
  });

  it('a cursor keeps its page while notes are added meanwhile', async () => {
    const detail = await f.admin.call('tickets.get', { id: busy.id });
    const cursor = detail.timelineOlderCursor as string;
    const page = await f.admin.call('tickets.timeline', { id: busy.id, before: cursor, limit: 50 });
    // Notes added at the same instant as the newest event and later.
    await f.admin.call('tickets.addNote', { id: busy.id, content: 'Nota mientras tanto' });
    f.app.clock.advance(60_000);
    await f.admin.call('tickets.addNote', { id: busy.id, content: 'Otra nota mientras tanto' });
    expect(await f.admin.call('tickets.timeline', { id: busy.id, before: cursor, limit: 50 })).toEqual(page);
    const next = await f.admin.call('tickets.timeline', { id: busy.id, before: page.olderCursor as string, limit: 50 });
    expect(next.items.at(-1)!.createdAt <= page.items[0]!.createdAt).toBe(true);
    expect(ids(next.items).filter((id) => ids(page.items).includes(id))).toEqual([]);
  });

  it('a short ticket answers everything in tickets.get, with no cursor; without `before` the channel answers the latest page', async () => {
    const ticket = await f.admin.call('tickets.create', { title: 'Impresora atascada' });
    await f.admin.call('tickets.addNote', { id: ticket.id, content: 'Atasco en la bandeja 2' });
    const detail = await f.admin.call('tickets.get', { id: ticket.id });
    expect(detail.timeline.map((e) => e.eventType)).toEqual(['created', 'note']);
    expect(detail.timelineOlderCursor).toBeNull();
    expect(await f.admin.call('tickets.timeline', { id: ticket.id })).toEqual({ items: detail.timeline, olderCursor: null });
    expect(await f.admin.call('tickets.timeline', { id: busy.id, limit: 2 })).toMatchObject({ items: whole(busy.id).timeline.slice(-2), olderCursor: expect.any(String) });
  });

  it('refuses a cursor it did not give (VALIDATION) and an unknown ticket (NOT_FOUND); a technician reads pages as tickets.get', async () => {
    const list = await f.admin.call('tickets.list', { limit: 1 });
    for (const before of ['not-a-cursor', list.nextCursor ?? Buffer.from('["updated_at","x","y"]').toString('base64url')]) {
      expect(await errorOf(f.admin, 'tickets.timeline', { id: busy.id, before })).toMatchObject({ code: 'VALIDATION' });
    }
    expect((await errorOf(f.admin, 'tickets.timeline', { id: '01900000-0000-7000-8000-000000000999' })).code).toBe('NOT_FOUND');
    expect((await errorOf(f.admin, 'tickets.timeline', { id: busy.id, limit: 201 })).code).toBe('VALIDATION');
    await f.tec1.caller.call('auth.login', { login: 'tec1', password: 'tec1-password-1' });
    expect((await f.tec1.caller.call('tickets.timeline', { id: busy.id, limit: 3 })).items).toHaveLength(3);
  });

  it('the ticket PDF still reads the whole history', () => {
    expect(whole(busy.id).timeline.filter((e) => e.content === 'Seguimiento 0')).toHaveLength(1);
    expect(whole(busy.id).timelineOlderCursor).toBeNull();
  });
});
