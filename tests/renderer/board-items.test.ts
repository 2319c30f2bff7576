import { describe, expect, it } from 'vitest';
import type { BoardWorkOrder, DispatchBoardDto } from '../../electron/contract/dispatchBoard';
import { indexBoard } from '../../renderer/src/features/dispatch/boardItems';

const workOrder = (id: string, customer: number | null, ticketTitle: string | null): BoardWorkOrder => ({
  id, code: `OT-${id}`, version: 1, technicianId: 't1', customer, ticketTitle, otType: 'repair', status: 'scheduled',
  start: '2026-12-07T09:00:00.000Z', estimatedMinutes: 90, defaultDuration: true,
});

describe('the board items', () => {
  it('name the customer, or the ticket for an OT without one, and say which', () => {
    const board = {
      from: '2026-12-07', to: '2026-12-13', timeZone: 'Europe/Madrid', range: { from: '', to: '' }, technicians: [], rows: { offset: 0, limit: 1 }, clashes: [],
      customers: [{ id: 'c1', name: 'Farmacia Triana', town: 'Sevilla' }],
      workOrders: [workOrder('1', 0, null), workOrder('2', null, 'Grifo de la barra gotea')],
    } as unknown as DispatchBoardDto;
    const items = indexBoard(board, 'Europe/Madrid').items.map(({ who, withoutCustomer, town, end }) => ({ who, withoutCustomer, town, end }));
    expect(items).toEqual([
      { who: 'Farmacia Triana', withoutCustomer: false, town: 'Sevilla', end: '2026-12-07T10:30:00.000Z' },
      { who: 'Grifo de la barra gotea', withoutCustomer: true, town: null, end: '2026-12-07T10:30:00.000Z' },
    ]);
  });
});
