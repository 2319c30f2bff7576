// Property test: any combination of list filters answers only matching tickets, and the counts agree with the list.
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { TICKET_PRIORITIES, TICKET_STATUSES, type TicketSummary } from '../../electron/contract';
import { startDomainApp, type DomainFixture } from './fixtures';

let f: DomainFixture;
let otherCustomerId: string;
let adminId: string;
const createdAt: string[] = [];

beforeAll(async () => {
  f = await startDomainApp();
  adminId = (await f.admin.call('auth.me', {})).user.id;
  otherCustomerId = (await f.admin.call('customers.create', { name: 'Hotel Miramar' })).id;
  const words = ['caldera', 'router', 'impresora'];
  for (let i = 0; i < 24; i++) {
    const t = await f.admin.call('tickets.create', {
      title: `Avería de ${words[i % 3]} número ${i}`,
      priority: TICKET_PRIORITIES[i % 4],
      customerId: i % 2 === 0 ? f.customerId : otherCustomerId,
      ...(i % 3 === 0 ? {} : { categoryId: f.categoryId }),
      ...(i % 4 === 0 ? { assignedToId: f.tec1.id } : i % 4 === 1 ? { assignedToId: f.tec2.id } : {}),
    });
    if (i % 5 === 1) await f.admin.call('tickets.changeStatus', { id: t.id, status: 'in_progress', version: t.version });
    if (i % 7 === 3) await f.admin.call('tickets.close', { id: t.id, resolution: 'Hecho', version: (await f.admin.call('tickets.get', { id: t.id })).version });
    createdAt.push(t.createdAt);
    f.app.clock.advance(60_000);
  }
});
afterAll(() => f.app.close());

const filterArb = fc.record(
  {
    status: fc.subarray([...TICKET_STATUSES]),
    priority: fc.oneof(fc.constantFrom(...TICKET_PRIORITIES), fc.subarray([...TICKET_PRIORITIES])),
    assignedToId: fc.constantFrom('me', 'unassigned', 'tec1', 'tec2'),
    customer: fc.constantFrom('main', 'other'),
    withCategory: fc.constant(true),
    createdFromIndex: fc.integer({ min: 0, max: 23 }),
    q: fc.constantFrom('caldera', 'rout', 'número', 'miramar', 'sonrisa impresora', '"*'),
  },
  { requiredKeys: [] },
);

it('every filter combination lists only matching tickets, pages cleanly and agrees with the counts', async () => {
  await fc.assert(
    fc.asyncProperty(filterArb, fc.constantFrom('updated_at', 'created_at', 'priority') as fc.Arbitrary<'updated_at' | 'created_at' | 'priority'>, async (g, sort) => {
      const filter = {
        ...(g.status ? { status: g.status } : {}),
        ...(g.priority ? { priority: g.priority } : {}),
        ...(g.assignedToId ? { assignedToId: g.assignedToId === 'tec1' ? f.tec1.id : g.assignedToId === 'tec2' ? f.tec2.id : g.assignedToId } : {}),
        ...(g.customer ? { customerId: g.customer === 'main' ? f.customerId : otherCustomerId } : {}),
        ...(g.withCategory ? { categoryId: f.categoryId } : {}),
        ...(g.createdFromIndex !== undefined ? { createdFrom: createdAt[g.createdFromIndex] } : {}),
        ...(g.q ? { q: g.q } : {}),
      };
      const seen: TicketSummary[] = [];
      let cursor: string | undefined;
      do {
        const page = await f.admin.call('tickets.list', { ...filter, sort, limit: 5, ...(cursor ? { cursor } : {}) });
        seen.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(new Set(seen.map((t) => t.id)).size).toBe(seen.length);
      // Pages come in the promised order, searches included (they sort on a copy of updated_at).
      if (sort === 'updated_at' || sort === 'created_at') {
        const key = (t: (typeof seen)[number]) => `${sort === 'updated_at' ? t.updatedAt : t.createdAt} ${t.id}`;
        expect(seen.map(key)).toEqual(seen.map(key).sort().reverse());
      }
      for (const t of seen) {
        if (filter.status && filter.status.length > 0) expect(filter.status).toContain(t.status);
        // An empty list means no filter, as for status.
        if (filter.priority && [filter.priority].flat().length > 0) expect([filter.priority].flat()).toContain(t.priority);
        if (filter.customerId) expect(t.customer?.id).toBe(filter.customerId);
        if (filter.categoryId) expect(t.category?.id).toBe(filter.categoryId);
        if (filter.createdFrom) expect(t.createdAt >= filter.createdFrom).toBe(true);
        if (filter.assignedToId === 'unassigned') expect(t.assignedTo).toBeNull();
        else if (filter.assignedToId === 'me') expect(t.assignedTo?.username).toBe('admin');
        else if (filter.assignedToId) expect(t.assignedTo?.id).toBe(filter.assignedToId);
      }
      if (!filter.q) {
        // An independent oracle: the same filter applied in plain code to every ticket.
        const all = (await f.admin.call('tickets.list', { limit: 200 })).items;
        const statuses = filter.status ?? [];
        const priorities = [filter.priority ?? []].flat();
        const expected = all.filter(
          (t) =>
            (statuses.length === 0 || statuses.includes(t.status)) &&
            (priorities.length === 0 || priorities.includes(t.priority)) &&
            (!filter.customerId || t.customer?.id === filter.customerId) &&
            (!filter.categoryId || t.category?.id === filter.categoryId) &&
            (!filter.createdFrom || t.createdAt >= filter.createdFrom) &&
            (filter.assignedToId === undefined ||
              (filter.assignedToId === 'unassigned' ? t.assignedTo === null : t.assignedTo?.id === (filter.assignedToId === 'me' ? adminId : filter.assignedToId))),
        );
        expect(seen.map((t) => t.id).sort()).toEqual(expected.map((t) => t.id).sort());
      }
      const counts = await f.admin.call('tickets.counts', filter);
      // Without a search the counts are exact, never capped.
      if (!filter.q) expect(counts.capped).toEqual([]);
      for (const status of TICKET_STATUSES) expect(counts.counts[status]).toBe(seen.filter((t) => t.status === status).length);
    }),
    { numRuns: 60 },
  );
  const everything = await f.admin.call('tickets.counts', {});
  expect(Object.values(everything.counts).reduce((a, b) => a + b, 0)).toBe(24);
});
