// workOrders.board by rows: the window asks for the technicians in sight first, then the rest (boardStore.ts). Each
// answer carries the whole list of technicians and the OTs, customers and clashes of its rows only; the two answers
// joined (boardRows.ts) are the board read in one go.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DispatchBoardDto } from '../../electron/contract/dispatchBoard';
import { joinBoardRows } from '../../renderer/src/features/dispatch/boardRows';
import { errorOf, startDomainApp, type DomainFixture } from './fixtures';

let f: DomainFixture;
const week = { from: '2026-03-02', to: '2026-03-08' };
const board = (input: object = {}): Promise<DispatchBoardDto> => f.admin.call('workOrders.board', { ...week, ...input });

beforeAll(async () => {
  f = await startDomainApp();
  // Two customers, two overlapping visits for each technician (a clash per row), a walk-in without a customer.
  const other = await f.admin.call('customers.create', { name: 'Ferretería Hermanos Ruiz' });
  const technicians = (await board()).technicians;
  for (const [i, tech] of technicians.entries()) {
    for (const [hour, customerId] of [[8, f.customerId], [9, i % 2 ? other.id : f.customerId]] as const) {
      const ticket = await f.admin.call('tickets.create', { title: `Avería ${tech.username} ${hour}`, customerId });
      const wo = await f.admin.call('workOrders.requestVisit', { ticketId: ticket.id, otType: 'repair' });
      await f.admin.call('workOrders.schedule', { id: wo.id, version: wo.version, technicianId: tech.id, scheduledDate: `2026-03-0${3 + i}T0${hour}:00:00.000Z`, confirmOverlap: true });
    }
  }
  const walkIn = await f.admin.call('tickets.create', { title: 'Portátil de mostrador' });
  const visit = await f.admin.call('workOrders.requestVisit', { ticketId: walkIn.id, otType: 'diagnosis' });
  const last = technicians[technicians.length - 1];
  await f.admin.call('workOrders.schedule', { id: visit.id, version: visit.version, technicianId: last?.id ?? '', scheduledDate: '2026-03-06T15:00:00.000Z' });
});
afterAll(() => f.app.close());

describe('workOrders.board by rows', () => {
  it('answers every technician but only the OTs, customers and clashes of the rows asked for', async () => {
    const whole = await board();
    expect(whole.technicians.length).toBeGreaterThanOrEqual(3);
    expect(whole.rows).toEqual({ offset: 0, limit: whole.technicians.length });
    const first = await board({ rows: { offset: 0, limit: 1 } });
    expect(first.technicians).toEqual(whole.technicians);
    expect(first.rows).toEqual({ offset: 0, limit: 1 });
    const firstId = whole.technicians[0]?.id;
    expect(first.workOrders.map((wo) => wo.id)).toEqual(whole.workOrders.filter((wo) => wo.technicianId === firstId).map((wo) => wo.id));
    expect(first.clashes).toEqual(whole.clashes.filter((c) => c.technicianId === firstId));
    expect(first.customers).toEqual([{ id: f.customerId, name: 'Clínica Dental Sonrisa', town: null }]);
    // Rows past the end: no OTs, the technicians still listed.
    const none = await board({ rows: { offset: 400, limit: 10 } });
    expect(none.workOrders).toEqual([]);
    expect(none.technicians).toEqual(whole.technicians);
  });

  it('the first rows joined with the rest are the board read in one go', async () => {
    const whole = await board();
    for (const split of [1, 2, whole.technicians.length - 1]) {
      const first = await board({ rows: { offset: 0, limit: split } });
      const rest = await board({ rows: { offset: split, limit: 500 } });
      const joined = joinBoardRows(first, rest);
      expect(joined).not.toBeNull();
      // The same blocks naming the same customers (each answer lists its own customers: compare what blocks show).
      const shown = (b: DispatchBoardDto) => b.workOrders.map((wo) => ({ ...wo, customer: wo.customer === null ? null : b.customers[wo.customer] }));
      expect(shown(joined as DispatchBoardDto)).toEqual(shown(whole));
      expect(joined?.clashes).toEqual(whole.clashes);
      expect(joined?.rows).toEqual({ offset: 0, limit: split + 500 });
    }
  });

  it('two answers that cannot be joined (the technicians changed, rows not adjacent) are not', async () => {
    const first = await board({ rows: { offset: 0, limit: 1 } });
    const gap = await board({ rows: { offset: 2, limit: 500 } });
    expect(joinBoardRows(first, gap)).toBeNull();
    const added = await f.app.userWithRole('Técnico', 'tec9', 'Aarón Técnico');
    const rest = await board({ rows: { offset: 1, limit: 500 } });
    expect(rest.technicians.map((u) => u.id)).toContain(added.id);
    expect(joinBoardRows(first, rest)).toBeNull();
  });

  it('refuses rows that are not a slice: a negative offset, no rows, too many', async () => {
    for (const rows of [{ offset: -1, limit: 5 }, { offset: 0, limit: 0 }, { offset: 0, limit: 501 }, { offset: 1.5, limit: 2 }, { limit: 5 }]) {
      expect((await errorOf(f.admin, 'workOrders.board', { ...week, rows })).code).toBe('VALIDATION');
    }
  });
});
