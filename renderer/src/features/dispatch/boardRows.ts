// The board is read in parts: the rows a window shows first (FIRST_ROWS technicians), painted as soon as they arrive,
// then the rest LATER_ROWS at a time (each read stays a short call, so other calls are answered between them at a busy
// week). Pure: joins answers of workOrders.board into one board (no React, no API).
import type { DispatchBoardDto } from '../../../../electron/contract/dispatchBoard';
import type { LocalDate } from '../../../../electron/contract/zonedTime';
import type { BoardMode } from './boardLayout';

/** Technicians' rows asked for first: more than any window shows at once (a week row is one busy day tall; day rows are lower). */
export const FIRST_ROWS = 12;

/** Technicians' rows per read after the first (a busy week of 50 technicians: 12, then 20 and 18). */
export const LATER_ROWS = 20;

/** The window a board opens on. */
export const FIRST_MODE: BoardMode = 'week';

/** The first read of a window's days: its first FIRST_ROWS technicians (sent at start by app/startCalls.ts on a fresh open). */
export function firstRowsInput(days: readonly LocalDate[]) {
  return { from: days[0] as LocalDate, to: days[days.length - 1] as LocalDate, rows: { offset: 0, limit: FIRST_ROWS } };
}

/**
 * The board of `first` (rows from 0) followed by `rest` (the rows after it), or null when they cannot be joined: the
 * technicians changed between the two reads (someone added or deactivated), or `rest` does not start where `first` ends.
 */
export function joinBoardRows(first: DispatchBoardDto, rest: DispatchBoardDto): DispatchBoardDto | null {
  const sameWindow = first.from === rest.from && first.to === rest.to && first.timeZone === rest.timeZone;
  const sameTechnicians =
    first.technicians.length === rest.technicians.length && first.technicians.every((tech, i) => tech.id === rest.technicians[i]?.id);
  if (!sameWindow || !sameTechnicians || first.rows.offset !== 0 || rest.rows.offset !== first.rows.offset + first.rows.limit) return null;
  // Each answer names its customers by its own list: the second list follows the first, its indexes shifted.
  const shift = first.customers.length;
  return {
    ...rest,
    rows: { offset: 0, limit: rest.rows.offset + rest.rows.limit },
    workOrders: [...first.workOrders, ...rest.workOrders.map((wo) => (wo.customer === null ? wo : { ...wo, customer: wo.customer + shift }))],
    customers: [...first.customers, ...rest.customers],
    clashes: [...first.clashes, ...rest.clashes],
  };
}
