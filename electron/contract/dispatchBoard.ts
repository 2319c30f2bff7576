// The dispatch board (issue 16 part 1): technicians as rows, company-calendar days as columns, each OT a block from
// its scheduled start lasting its estimated minutes, and the clashes (overlapping visits of one technician).
import { z } from 'zod';
import type { WorkOrderStatus, WorkOrderType } from '../../shared/enums';
import { channel } from './define';
import { BOARD_MAX_DAYS, BOARD_ROWS_MAX } from './dispatchBoardLimits';
import { addDays, isLocalDate, type LocalDate } from './zonedTime';

export { BOARD_MAX_DAYS, BOARD_ROWS_MAX };

/** A company-calendar day 'YYYY-MM-DD' inside the wire's bounds [2000, 2100). */
const boardDay = z
  .string()
  .refine((value) => isLocalDate(value) && value >= '2000-01-01' && value < '2100-01-01', {
    message: 'a day YYYY-MM-DD between 2000 and 2099',
    params: { reason: 'invalid_day' },
  });

/**
 * Some of the rows: technicians [offset, offset + limit) of the board's list get their OTs and clashes (the list itself
 * always comes whole). The window asks for the rows in sight first and paints them, then for the rest.
 */
const boardRows = z.strictObject({
  offset: z.number().int().min(0).max(BOARD_ROWS_MAX),
  limit: z.number().int().min(1).max(BOARD_ROWS_MAX),
});

export const boardInput = z.strictObject({ from: boardDay, to: boardDay, rows: boardRows.optional() }).superRefine((v, ctx) => {
  // Only two real days can be compared (a bad day has its own issue already).
  if (!isLocalDate(v.from) || !isLocalDate(v.to)) return;
  if (v.from > v.to) ctx.addIssue({ code: 'custom', message: 'the range ends before it starts', path: ['to'], params: { reason: 'range_reversed' } });
  else if (v.to >= addDays(v.from, BOARD_MAX_DAYS)) {
    ctx.addIssue({ code: 'custom', message: `at most ${BOARD_MAX_DAYS} days`, path: ['to'], params: { reason: 'range_too_long' } });
  }
});

/**
 * A row of the board: an active user who may carry out OTs or, after them, someone who may not any more but still holds
 * a scheduled or in-progress OT (any date): an active user whose role lost the permission, then a deactivated user. So
 * those visits stay in sight until they are moved to someone else.
 */
export interface BoardTechnician {
  id: string;
  fullName: string;
  username: string;
  /** Deactivated: shown only for the visits they still hold; nothing can be booked onto them (not_a_technician). */
  deactivated: boolean;
  /** Active, but their role no longer lets them carry out OTs: likewise shown only for the visits they still hold. */
  withoutPermission: boolean;
}

/**
 * One OT on the board, compact: only what its block shows and what planning it needs (a busy week holds ~2,500, so
 * every field counts twice, in the query and in the reply). The OT page shows the rest (ticket, priority, notes).
 */
export interface BoardWorkOrder {
  id: string;
  code: string;
  version: number;
  technicianId: string;
  /** Its customer as an index into DispatchBoardDto.customers (each customer travels once); null without one. */
  customer: number | null;
  /**
   * The ticket's title, only for an OT without a customer (the block shows it in the customer's place); null otherwise.
   * The board reads no ticket row for the others.
   */
  ticketTitle: string | null;
  otType: WorkOrderType;
  status: WorkOrderStatus;
  /** The block runs from `start` for `estimatedMinutes` (its end is start + length; the renderer works it out). */
  start: string;
  /** The length the block has: the OT's own estimate, or its type's default. */
  estimatedMinutes: number;
  /** Whether `estimatedMinutes` is the type's default (the OT has none of its own). */
  defaultDuration: boolean;
}

/** A customer some block of the board names. */
export interface BoardCustomer {
  id: string;
  name: string;
  town: string | null;
}

/** Two visits of one technician whose planned times overlap (ids in start order). */
export interface BoardClash {
  technicianId: string;
  first: string;
  second: string;
}

export interface DispatchBoardDto {
  /** The days asked for, both included, and the instants they span in the company zone. */
  from: LocalDate;
  to: LocalDate;
  timeZone: string;
  range: { from: string; to: string };
  technicians: BoardTechnician[];
  /** The rows whose OTs this answer carries (`rows` of the input; every row without it). */
  rows: { offset: number; limit: number };
  /** Planned, running and done OTs of those rows' technicians whose time falls in the range: by technician (in `technicians`' order), then by start. */
  workOrders: BoardWorkOrder[];
  /** The customers of those OTs, once each (BoardWorkOrder.customer points here). */
  customers: BoardCustomer[];
  clashes: BoardClash[];
}

export const dispatchBoardChannels = {
  /** The board of some days: read like the agenda (everyone's OTs); planning on it goes through workOrders.schedule. */
  'workOrders.board': channel<DispatchBoardDto>()({ input: boardInput, access: 'workorders:read' }),
};
