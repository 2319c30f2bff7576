// customers.history: the customer page's tickets, OTs and serials — only this customer's, newest first, capped with totals.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WorkOrderDetail } from '../../electron/contract';
import { errorOf, startDomainApp, type DomainFixture } from './fixtures';

let f: DomainFixture;
beforeEach(async () => {
  f = await startDomainApp();
});
afterEach(() => f.app.close());

// Less than the session timeout, so the callers stay signed in.
const STEP = 5 * 60_000;

/** A ticket of `customerId` with one OT carrying `serials` (and a part without a serial), a step after the last call. */
async function ticketWithParts(customerId: string, title: string, serials: string[]) {
  f.app.clock.advance(STEP);
  const ticket = await f.admin.call('tickets.create', { title, customerId });
  let wo: WorkOrderDetail = await f.admin.call('workOrders.requestVisit', { ticketId: ticket.id, otType: 'install' });
  for (const serialNumber of serials) {
    f.app.clock.advance(1000);
    wo = await f.admin.call('workOrders.addItem', { id: wo.id, version: wo.version, productId: f.serialProductId, serialNumber });
  }
  wo = await f.admin.call('workOrders.addItem', { id: wo.id, version: wo.version, productId: f.bulkProductId, quantity: 2 });
  return { ticket, wo };
}

describe('customers.history', () => {
  it("lists the customer's tickets, OTs and installed serials, newest first, and nothing of other customers", async () => {
    const other = await f.admin.call('customers.create', { name: 'Farmacia Central' });
    const first = await ticketWithParts(f.customerId, 'Instalar el router de recepción', ['RTR-0001']);
    await ticketWithParts(other.id, 'Router de la rebotica', ['RTR-9999']);
    const second = await ticketWithParts(f.customerId, 'Segundo router en el gabinete', ['RTR-0002', 'RTR-0003']);
    f.app.clock.advance(STEP);
    const noVisit = await f.admin.call('tickets.create', { title: 'Factura duplicada', customerId: f.customerId, priority: 'low' });

    const history = await f.admin.call('customers.history', { id: f.customerId });
    expect(history.customer).toMatchObject({ id: f.customerId, name: 'Clínica Dental Sonrisa' });
    expect(history.tickets.total).toBe(3);
    expect(history.tickets.items.map((t) => t.id)).toEqual([noVisit.id, second.ticket.id, first.ticket.id]);
    expect(history.tickets.items[0]).toMatchObject({ code: noVisit.code, title: 'Factura duplicada', status: 'open', priority: 'low', createdAt: noVisit.createdAt });

    expect(history.workOrders?.total).toBe(2);
    expect(history.workOrders?.items.map((w) => w.id)).toEqual([second.wo.id, first.wo.id]);
    expect(history.workOrders?.items[0]).toMatchObject({ code: second.wo.code, ticketId: second.ticket.id, ticketCode: second.ticket.code, otType: 'install', status: 'pending_planning', technician: null });

    // Parts without a serial (the cable) are not serials; the other customer's router is not here.
    expect(history.serials?.total).toBe(3);
    expect(history.serials?.items.map((s) => s.serialNumber)).toEqual(['RTR-0003', 'RTR-0002', 'RTR-0001']);
    expect(history.serials?.items[0]).toMatchObject({
      direction: 'installed',
      product: { id: f.serialProductId, name: 'Router industrial', sku: 'RTR-100' },
      workOrder: { id: second.wo.id, code: second.wo.code, status: 'pending_planning' },
      ticket: { id: second.ticket.id, code: second.ticket.code },
    });
  });

  it('caps each section at its limit and still says how many there are', async () => {
    for (let i = 0; i < 3; i++) await ticketWithParts(f.customerId, `Router número ${i + 1}`, [`RTR-10${i}`, `RTR-20${i}`]);
    const history = await f.admin.call('customers.history', { id: f.customerId, limits: { tickets: 2, workOrders: 1, serials: 4 } });
    expect(history.tickets).toMatchObject({ total: 3 });
    expect(history.tickets.items.map((t) => t.title)).toEqual(['Router número 3', 'Router número 2']);
    expect(history.workOrders?.items).toHaveLength(1);
    expect(history.workOrders?.total).toBe(3);
    expect(history.serials?.items.map((s) => s.serialNumber)).toEqual(['RTR-202', 'RTR-102', 'RTR-201', 'RTR-101']);
    expect(history.serials?.total).toBe(6);
    expect((await errorOf(f.admin, 'customers.history', { id: f.customerId, limits: { tickets: 501 } })).code).toBe('VALIDATION');
  });

  it('answers a customer without history with empty sections, and an unknown one with NOT_FOUND', async () => {
    const fresh = await f.admin.call('customers.create', { name: 'Óptica Nueva' });
    const history = await f.admin.call('customers.history', { id: fresh.id });
    expect(history).toMatchObject({ tickets: { items: [], total: 0 }, workOrders: { items: [], total: 0 }, serials: { items: [], total: 0 } });
    expect(await errorOf(f.admin, 'customers.history', { id: randomUUID() })).toMatchObject({ code: 'NOT_FOUND' });
  });

  it("lets a technician read any customer's history, as tickets do; a role without workorders:read sees only the tickets", async () => {
    const { wo } = await ticketWithParts(f.customerId, 'Router para la sala 2', ['RTR-0500']);
    const techView = await f.tec2.caller.call('customers.history', { id: f.customerId });
    expect(techView.workOrders?.items.map((w) => w.id)).toEqual([wo.id]);
    expect(techView.serials?.items.map((s) => s.serialNumber)).toEqual(['RTR-0500']);

    const role = await f.admin.call('roles.create', { name: 'Solo tickets', permissions: ['tickets:read'] });
    expect(role.permissions).toEqual(['tickets:read']);
    const ticketsOnly = await f.app.userWithRole('Solo tickets', 'mostrador', 'Marta Mostrador');
    const narrow = await ticketsOnly.caller.call('customers.history', { id: f.customerId });
    expect(narrow.tickets.total).toBe(1);
    expect(narrow.workOrders).toBeNull();
    expect(narrow.serials).toBeNull();

    const none = await f.admin.call('roles.create', { name: 'Sin permisos', permissions: [] });
    expect(none.name).toBe('Sin permisos');
    const nobody = await f.app.userWithRole('Sin permisos', 'nadie');
    expect((await errorOf(nobody.caller, 'customers.history', { id: f.customerId })).code).toBe('FORBIDDEN');
  });
});
