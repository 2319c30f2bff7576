// The board's reply made ready to draw, once per reply: each OT with its end, its customer's words and its company
// day, grouped by technician and day. A busy week holds ~2,500 OTs and 350 cells: grouping per cell by scanning
// every OT (and asking Intl for each OT's day in every cell) took seconds; this is one pass. Pure: no React, no API.
import type { BoardWorkOrder, DispatchBoardDto } from '../../../../electron/contract/dispatchBoard';
import { dayOfQuarterHour, type LocalDate } from '../../../../electron/contract/zonedTime';
import { clashesById } from './boardLayout';

/** One block as the board draws it. */
export interface BoardItem extends BoardWorkOrder {
  /** start + estimated minutes. */
  end: string;
  /** What the block names: the customer, or the ticket's title for an OT without one (then `withoutCustomer`). */
  who: string;
  withoutCustomer: boolean;
  town: string | null;
  /** The company-calendar day it starts on (its week cell). */
  day: LocalDate;
}

export interface BoardIndex {
  items: BoardItem[];
  byId: Map<string, BoardItem>;
  /** Each technician's blocks in start order (the reply's order). */
  byTechnician: Map<string, BoardItem[]>;
  /** For each OT in a clash, the codes of the visits it overlaps. */
  clashes: Map<string, string[]>;
}

const MINUTE_MS = 60_000;

export function indexBoard(board: DispatchBoardDto, zone: string): BoardIndex {
  const items: BoardItem[] = [];
  const byId = new Map<string, BoardItem>();
  const byTechnician = new Map<string, BoardItem[]>();
  for (const wo of board.workOrders) {
    const startMs = Date.parse(wo.start);
    const customer = wo.customer === null ? null : board.customers[wo.customer];
    const item: BoardItem = {
      ...wo,
      end: new Date(startMs + wo.estimatedMinutes * MINUTE_MS).toISOString(),
      who: customer?.name ?? wo.ticketTitle ?? '',
      withoutCustomer: !customer,
      town: customer?.town ?? null,
      day: dayOfQuarterHour(zone, startMs),
    };
    items.push(item);
    byId.set(item.id, item);
    const own = byTechnician.get(item.technicianId);
    if (own) own.push(item);
    else byTechnician.set(item.technicianId, [item]);
  }
  return { items, byId, byTechnician, clashes: clashesById(board.clashes, items) };
}

/** One technician's blocks of one week day, in time order. */
export function cellItems(index: BoardIndex, technicianId: string, day: LocalDate): BoardItem[] {
  return (index.byTechnician.get(technicianId) ?? []).filter((item) => item.day === day);
}

/** The most blocks any one day of the technician's week holds (how tall the week row is). */
export function busiestDay(index: BoardIndex, technicianId: string): number {
  const counts = new Map<LocalDate, number>();
  let most = 0;
  for (const item of index.byTechnician.get(technicianId) ?? []) {
    const count = (counts.get(item.day) ?? 0) + 1;
    counts.set(item.day, count);
    most = Math.max(most, count);
  }
  return most;
}
