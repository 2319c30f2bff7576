// Shared setup for the domain tests: a fresh app with a customer, a category, products and two technicians.
import { expect } from 'vitest';
import type { Caller, TestApp } from '../support/backend';
import { startTestApp } from '../support/backend';

export interface DomainFixture {
  app: TestApp;
  admin: Caller;
  customerId: string;
  categoryId: string;
  serialProductId: string;
  bulkProductId: string;
  tec1: { caller: Caller; id: string };
  tec2: { caller: Caller; id: string };
}

export async function startDomainApp(): Promise<DomainFixture> {
  const app = await startTestApp();
  const admin = app.admin;
  const customer = await admin.call('customers.create', { name: 'Clínica Dental Sonrisa' });
  const category = await admin.call('categories.create', { name: 'Impresoras' });
  const serialProduct = await admin.call('products.create', { sku: 'RTR-100', name: 'Router industrial', tracksSerial: true });
  const bulkProduct = await admin.call('products.create', { sku: 'CBL-5M', name: 'Cable de red 5 m' });
  const tec1 = await app.userWithRole('Técnico', 'tec1', 'Tomás Técnico');
  const tec2 = await app.userWithRole('Técnico', 'tec2', 'Teresa Técnica');
  return {
    app,
    admin,
    customerId: customer.id,
    categoryId: category.id,
    serialProductId: serialProduct.id,
    bulkProductId: bulkProduct.id,
    tec1,
    tec2,
  };
}

/** The error envelope of a call that must fail. */
export async function errorOf(caller: Caller, channel: string, input: unknown) {
  const env = await caller.envelope(channel, input);
  expect(env.ok, `${channel} should have failed`).toBe(false);
  if (env.ok) throw new Error('unreachable');
  return env.error;
}

/** Row counts of every domain table, to prove a failed operation left nothing behind. */
export function tableCounts(app: TestApp): Record<string, number> {
  const sqlite = app.backend.database.sqlite;
  const tables = ['tickets', 'ticket_timeline', 'work_orders', 'work_order_items', 'code_sequences', 'ticket_search_docs'];
  return Object.fromEntries(tables.map((t) => [t, (sqlite.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n]));
}

/** Every OT of the dispatch queue, read `limit` at a time through its cursor, in the order the pages give them. */
export async function allQueuePages(caller: Caller, limit = 2): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await caller.call('workOrders.dispatchQueue', { limit, ...(cursor ? { cursor } : {}) });
    seen.push(...page.items.map((w) => w.id));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return seen;
}
