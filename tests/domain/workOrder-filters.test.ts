// The "Todas" OT list honours every filter of workOrderFilterShape (technician, period, type, status, text: OT code,
// customer, ticket title, serial), alone and together; the dispatch queue puts urgent work first, then the oldest.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TicketPriority, WorkOrderDetail } from '../../electron/contract';
import { allQueuePages, startDomainApp, type DomainFixture } from './fixtures';

let f: DomainFixture;
beforeEach(async () => {
  f = await startDomainApp();
});
afterEach(() => f.app.close());

async function visit(title: string, otType: 'repair' | 'install', customerId: string | null = f.customerId, priority: TicketPriority = 'medium') {
  const ticket = await f.admin.call('tickets.create', { title, customerId, priority });
  const wo = await f.admin.call('workOrders.requestVisit', { ticketId: ticket.id, otType });
  f.app.clock.advance(60_000);
  return wo;
}

const schedule = (wo: WorkOrderDetail, technicianId: string, at: string) =>
  f.admin.call('workOrders.schedule', { id: wo.id, scheduledDate: at, technicianId, version: wo.version });

describe('workOrders.list filters', () => {
  it('narrows by technician, period, type, status and text, and all of them together', async () => {
    const other = await f.admin.call('customers.create', { name: 'Ferretería Gómez' });
    const a = await schedule(await visit('Impresora atascada', 'repair'), f.tec1.id, '2026-03-05T08:00:00.000Z');
    const b = await schedule(await visit('Router sin conexión', 'install', other.id), f.tec2.id, '2026-03-12T08:00:00.000Z');
    const c = await schedule(await visit('Cámara sin imagen', 'repair', other.id), f.tec1.id, '2026-03-20T08:00:00.000Z');
    const pending = await visit('Sin planificar', 'install', null);
    // A part with a serial on c: the serial finds its OT.
    const started = await f.admin.call('workOrders.start', { id: c.id, version: c.version });
    await f.admin.call('workOrders.addItem', { id: started.id, version: started.version, productId: f.serialProductId, serialNumber: 'SN-RTR-77310' });

    const ids = async (input: Parameters<typeof f.admin.call<'workOrders.list'>>[1]) =>
      (await f.admin.call('workOrders.list', input)).items.map((w) => w.id).sort();
    const sorted = (...list: { id: string }[]) => list.map((w) => w.id).sort();

    expect(await ids({ technicianId: f.tec1.id })).toEqual(sorted(a, c));
    expect(await ids({ technicianId: 'unassigned' })).toEqual(sorted(pending));
    expect(await f.tec2.caller.call('workOrders.list', { technicianId: 'me' }).then((p) => p.items.map((w) => w.id))).toEqual([b.id]);
    expect(await ids({ from: '2026-03-10T00:00:00.000Z', to: '2026-03-20T00:00:00.000Z' })).toEqual(sorted(b));
    expect(await ids({ from: '2026-03-10T00:00:00+01:00' })).toEqual(sorted(b, c));
    expect(await ids({ to: '2026-03-06T00:00:00.000Z' })).toEqual(sorted(a));
    expect(await ids({ otType: 'install' })).toEqual(sorted(b, pending));
    expect(await ids({ status: ['scheduled'] })).toEqual(sorted(a, b));
    expect(await ids({ status: ['in_progress', 'pending_planning'] })).toEqual(sorted(c, pending));

    // Text: the OT code (any case, a prefix), the customer, the ticket title, a serial (a prefix, any case).
    expect(await ids({ q: b.code })).toEqual(sorted(b));
    expect(await ids({ q: b.code.toLowerCase() })).toEqual(sorted(b));
    expect(await ids({ q: 'Ferretería' })).toEqual(sorted(b, c));
    expect(await ids({ q: 'ferreteria gomez' })).toEqual(sorted(b, c));
    expect(await ids({ q: 'impresora' })).toEqual(sorted(a));
    expect(await ids({ q: 'sn-rtr-773' })).toEqual(sorted(c));
    expect(await ids({ q: 'SN-RTR-77310' })).toEqual(sorted(c));
    expect(await ids({ q: 'nada parecido' })).toEqual([]);
    expect(await ids({ q: '   ' })).toHaveLength(4);

    // Together they all apply.
    expect(await ids({ technicianId: f.tec1.id, q: 'Ferretería' })).toEqual(sorted(c));
    expect(await ids({ technicianId: f.tec1.id, otType: 'repair', status: ['scheduled'], from: '2026-03-01T00:00:00.000Z', to: '2026-03-10T00:00:00.000Z', q: 'impresora' })).toEqual(sorted(a));
    expect(await ids({ technicianId: f.tec2.id, q: 'impresora' })).toEqual([]);
    // The period on another date field.
    expect(await ids({ dateField: 'created_at', from: '2026-03-02T09:00:00.000Z', to: '2026-03-02T09:01:00.000Z' })).toEqual(sorted(a));
  });

  it('pages a text search without repeating or losing an OT', async () => {
    const made: string[] = [];
    for (let i = 0; i < 5; i++) made.push((await visit(`Impresora planta ${i}`, 'repair')).id);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await f.admin.call('workOrders.list', { q: 'impresora', limit: 2, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((w) => w.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(made.reverse());
  });
});

// The newcomer's trial: a week's "Todas" list and a month's CSV came newest-created first, not in the period's order.
describe('workOrders.list order', () => {
  it("goes through a period in the order of the period's date, page after page, the CSV too; without a period newest first", async () => {
    const days = ['2026-03-12T08:00:00.000Z', '2026-03-05T10:00:00.000Z', '2026-03-20T08:00:00.000Z', '2026-03-05T10:00:00.000Z', '2026-03-09T07:30:00.000Z'];
    const made: WorkOrderDetail[] = [];
    const technicians = [f.tec1.id, f.tec1.id, f.tec2.id, f.tec2.id, f.tec1.id];
    for (const [i, at] of days.entries()) made.push(await schedule(await visit(`Visita ${i}`, 'repair'), technicians[i] ?? f.tec1.id, at));
    // Same instant: the id decides, as the cursor does.
    const byDate = [...made].sort((a, b) => (a.scheduledDate ?? '').localeCompare(b.scheduledDate ?? '') || a.id.localeCompare(b.id)).map((w) => w.code);
    const period = { from: '2026-03-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' };

    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = await f.admin.call('workOrders.list', { ...period, limit: 2, ...(cursor ? { cursor } : {}) });
      pages.push(page.items.map((w) => w.code));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(pages.flat()).toEqual(byDate);
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);

    const csv = await f.admin.call('reports.workOrdersCsv', period);
    const codes = Buffer.from(csv.bytes).toString('utf8').split(/\r?\n/).slice(1).filter(Boolean).map((line) => line.split(/[;,]/)[0]?.replace(/^\uFEFF|"/g, ''));
    expect(codes).toEqual(byDate);

    // On the creation date, oldest created first; without a period, newest created first.
    const created = await f.admin.call('workOrders.list', { dateField: 'created_at', from: '2000-01-01T00:00:00.000Z' });
    expect(created.items.map((w) => w.code)).toEqual(made.map((w) => w.code));
    const all = await f.admin.call('workOrders.list', {});
    expect(all.items.map((w) => w.code)).toEqual(made.map((w) => w.code).reverse());

    // A cursor of one order is refused by the other, with the reason to start again.
    const first = await f.admin.call('workOrders.list', { limit: 2 });
    await expect(f.admin.call('workOrders.list', { ...period, limit: 2, cursor: first.nextCursor ?? '' })).rejects.toMatchObject({ shape: { code: 'VALIDATION', details: { reason: 'invalid_cursor' } } });
  });
});

describe('workOrders.dispatchQueue', () => {
  it('puts the most urgent first and, within a priority, the oldest; shows priority, customer and town', async () => {
    const town = await f.admin.call('customers.create', { name: 'Bar El Puerto', town: 'Cádiz' });
    const oldLow = await visit('Revisión anual', 'repair', f.customerId, 'low');
    const oldMedium = await visit('Cambio de tóner', 'repair', f.customerId, 'medium');
    const critical = await visit('Servidor caído', 'repair', town.id, 'critical');
    const high = await visit('Sin wifi', 'install', town.id, 'high');
    const newerCritical = await visit('Centralita muda', 'repair', null, 'critical');
    const newerLow = await visit('Etiquetas', 'repair', f.customerId, 'low');
    const expected = [critical, newerCritical, high, oldMedium, oldLow, newerLow].map((w) => w.id);

    const first = await f.admin.call('workOrders.dispatchQueue', {});
    expect(first.items.map((w) => w.id)).toEqual(expected);
    expect(first.items[0]).toMatchObject({ priority: 'critical', customer: { name: 'Bar El Puerto' }, customerTown: 'Cádiz' });
    expect(first.items[1]).toMatchObject({ priority: 'critical', customer: null, customerTown: null });
    expect(first.items[3]).toMatchObject({ priority: 'medium', customerTown: null });

    const seen = await allQueuePages(f.admin);
    expect(seen).toEqual(expected);
  });
});
