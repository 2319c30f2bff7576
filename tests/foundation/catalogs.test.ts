// Categories, customers and products through the router: CRUD, search, uniqueness, delete only when unused.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../electron/services/ids';
import { startTestApp, type Caller, type TestApp } from '../support/backend';
import { expectError } from './helpers';
import { versionOf } from '../support/versions';

let app: TestApp;
beforeEach(async () => {
  app = await startTestApp();
});
afterEach(() => app.close());

/** A ticket using a category/customer: through tickets.create once it exists, else a raw insert (the channel may still be NOT_IMPLEMENTED). */
async function ticketUsing(caller: Caller, refs: { categoryId?: string; customerId?: string }): Promise<string> {
  const envelope = await caller.envelope('tickets.create', { title: 'Impresora atascada', description: '', ...refs });
  if (envelope.ok) return (envelope.value as { id: string }).id;
  expect(envelope.error.code).toBe('NOT_IMPLEMENTED');
  const me = await caller.call('auth.me', {});
  const id = newId();
  app.backend.database.sqlite
    .prepare('INSERT INTO tickets (id, code, title, creator_id, category_id, customer_id) VALUES (?, ?, ?, ?, ?, ?)')
    .run(id, `TK-T-${id.slice(-6)}`, 'Impresora atascada', me.user.id, refs.categoryId ?? null, refs.customerId ?? null);
  return id;
}

function workOrderItemUsing(ticketId: string, productId: string): void {
  const workOrderId = newId();
  const { sqlite } = app.backend.database;
  sqlite.prepare("INSERT INTO work_orders (id, code, ticket_id, ot_type) VALUES (?, ?, ?, 'repair')").run(workOrderId, `OT-T-${workOrderId.slice(-6)}`, ticketId);
  sqlite.prepare("INSERT INTO work_order_items (id, work_order_id, product_id, serial_number) VALUES (?, ?, ?, 'SN-9')").run(newId(), workOrderId, productId);
}

describe('categories', () => {
  it('create, update, list sorted by name, unique names (any case), delete when unused', async () => {
    const redes = await app.admin.call('categories.create', { name: 'Redes', description: 'switches y routers' });
    await app.admin.call('categories.create', { name: 'impresoras' });
    expect((await app.admin.call('categories.list', {})).map((c) => c.name)).toEqual(['impresoras', 'Redes']);
    const dup = await expectError(app.admin, 'categories.create', { name: '  REDES ' }, 'CONFLICT', 'duplicate');
    expect(dup.details?.field).toBe('name');
    const renamed = await app.admin.call('categories.update', { id: redes.id, version: await versionOf(app.admin, 'category', redes.id), name: 'Redes y WiFi', description: null });
    expect(renamed).toMatchObject({ name: 'Redes y WiFi', description: null });
    await app.admin.call('categories.update', { id: redes.id, version: await versionOf(app.admin, 'category', redes.id), name: 'redes y wifi' }); // re-casing itself is fine
    await expectError(app.admin, 'categories.update', { id: redes.id, version: await versionOf(app.admin, 'category', redes.id), name: 'Impresoras' }, 'CONFLICT', 'duplicate');
    await app.admin.call('categories.delete', { id: redes.id });
    expect((await app.admin.call('categories.list', {})).map((c) => c.name)).toEqual(['impresoras']);
    await expectError(app.admin, 'categories.delete', { id: redes.id }, 'NOT_FOUND');
    await expectError(app.admin, 'categories.update', { id: newId(), version: 1, name: 'x' }, 'NOT_FOUND');
  });

  it('a category used by a ticket cannot be deleted', async () => {
    const category = await app.admin.call('categories.create', { name: 'Hardware' });
    await ticketUsing(app.admin, { categoryId: category.id });
    await expectError(app.admin, 'categories.delete', { id: category.id }, 'CONFLICT', 'in_use');
    expect((await app.admin.call('categories.list', {})).map((c) => c.id)).toContain(category.id);
  });

  it('needs catalog:write to write, only a session to read', async () => {
    const tech = await app.userWithRole('Técnico', 'tec1');
    await expectError(tech.caller, 'categories.create', { name: 'x' }, 'FORBIDDEN');
    await tech.caller.call('categories.list', {});
  });
});

describe('customers', () => {
  it('create, get, update and list; email optional and normalised', async () => {
    const created = await app.admin.call('customers.create', { name: 'Ñandú Servicios SA', email: 'Compras@Nandu.COM', phone: '+34 600 000 000' });
    expect(created).toMatchObject({ name: 'Ñandú Servicios SA', email: 'compras@nandu.com', contactName: null });
    expect(await app.admin.call('customers.get', { id: created.id })).toEqual(created);
    const noEmail = await app.admin.call('customers.create', { name: 'Bodega López', email: '' });
    expect(noEmail.email).toBeNull();
    await expectError(app.admin, 'customers.create', { name: 'x', email: 'not-an-email' }, 'VALIDATION');
    const updated = await app.admin.call('customers.update', { id: created.id, version: await versionOf(app.admin, 'customer', created.id), contactName: 'Lucía', address: 'Calle Mayor 1' });
    expect(updated).toMatchObject({ name: 'Ñandú Servicios SA', contactName: 'Lucía', address: 'Calle Mayor 1' });
    await expectError(app.admin, 'customers.get', { id: newId() }, 'NOT_FOUND');
  });

  it('search ignores case and accents in names, and also matches contact, email and phone', async () => {
    const nandu = await app.admin.call('customers.create', { name: 'Ñandú Servicios SA', contactName: 'José Pérez' });
    const lopez = await app.admin.call('customers.create', { name: 'Bodega LÓPEZ', phone: '600123123' });
    const search = async (q: string) => (await app.admin.call('customers.list', { q })).map((c) => c.id);
    for (const q of ['Ñandú', 'ñandú', 'ÑANDÚ', 'nandu', 'NANDU', 'servicios']) expect(await search(q), q).toEqual([nandu.id]);
    for (const q of ['lopez', 'López', 'lÓpez']) expect(await search(q), q).toEqual([lopez.id]);
    expect(await search('jose perez')).toEqual([nandu.id]);
    expect(await search('600123')).toEqual([lopez.id]);
    expect(await search('_')).toEqual([]); // LIKE wildcards are literal
    expect(await search('zzz')).toEqual([]);
    expect((await app.admin.call('customers.list', { limit: 1 })).length).toBe(1);
  });

  it('an agent (tickets:write) may create customers but not delete them', async () => {
    const agent = await app.userWithRole('Agente', 'agente1');
    const customer = await agent.caller.call('customers.create', { name: 'Cliente nuevo' });
    await expectError(agent.caller, 'customers.delete', { id: customer.id }, 'FORBIDDEN');
  });

  it('a customer used by a ticket cannot be deleted; an unused one can', async () => {
    const used = await app.admin.call('customers.create', { name: 'Con ticket' });
    const unused = await app.admin.call('customers.create', { name: 'Sin ticket' });
    await ticketUsing(app.admin, { customerId: used.id });
    await expectError(app.admin, 'customers.delete', { id: used.id }, 'CONFLICT', 'in_use');
    await app.admin.call('customers.delete', { id: unused.id });
    expect((await app.admin.call('customers.list', {})).map((c) => c.name)).toEqual(['Con ticket']);
  });
});

describe('products', () => {
  it('create, update, list and search by name or SKU; SKUs unique in any case', async () => {
    const toner = await app.admin.call('products.create', { sku: 'TN-2420', name: 'Tóner negro', tracksSerial: false });
    const router = await app.admin.call('products.create', { sku: 'RT-AX55', name: 'Router WiFi 6', tracksSerial: true });
    expect(router.tracksSerial).toBe(true);
    const dup = await expectError(app.admin, 'products.create', { sku: 'tn-2420', name: 'otro' }, 'CONFLICT', 'duplicate');
    expect(dup.details?.field).toBe('sku');
    await expectError(app.admin, 'products.update', { id: router.id, version: await versionOf(app.admin, 'product', router.id), sku: 'TN-2420' }, 'CONFLICT', 'duplicate');
    const search = async (q: string) => (await app.admin.call('products.list', { q })).map((p) => p.id);
    expect(await search('toner')).toEqual([toner.id]);
    expect(await search('ax55')).toEqual([router.id]);
    const updated = await app.admin.call('products.update', { id: toner.id, version: await versionOf(app.admin, 'product', toner.id), name: 'Tóner negro XL', description: 'alta capacidad' });
    expect(updated).toMatchObject({ sku: 'TN-2420', name: 'Tóner negro XL', description: 'alta capacidad' });
  });

  it('a product used by a work order item cannot be deleted; an unused one can', async () => {
    const used = await app.admin.call('products.create', { sku: 'USED-1', name: 'Usado' });
    const unused = await app.admin.call('products.create', { sku: 'FREE-1', name: 'Libre' });
    workOrderItemUsing(await ticketUsing(app.admin, {}), used.id);
    await expectError(app.admin, 'products.delete', { id: used.id }, 'CONFLICT', 'in_use');
    await app.admin.call('products.delete', { id: unused.id });
    expect((await app.admin.call('products.list', {})).map((p) => p.sku)).toEqual(['USED-1']);
  });
});
