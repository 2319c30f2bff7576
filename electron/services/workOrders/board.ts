// The dispatch board read: who can be planned (active users who may carry out OTs, then deactivated ones still holding
// open visits), their OTs in some company-calendar days, and which of those visits overlap. One query for every
// technician at once, on the derived table board_blocks (one key range per technician), whose blocks carry their
// customers' names and towns.
import type Database from 'better-sqlite3';
import type { z } from 'zod';
import type { WorkOrderStatus, WorkOrderType } from '../../../shared/enums';
import type { BoardClash, BoardCustomer, BoardTechnician, BoardWorkOrder, boardInput, DispatchBoardDto } from '../../contract/dispatchBoard';
import { daysToRange } from '../../contract/zonedTime';
import type { ServiceContext } from '../context';
import { prepared } from '../sql';
import { companyTimeZone } from '../timeZone';
import { normalizePermissions } from '../../contract/access';
import { BOOKED_STATUSES, canBeTechnician, effectiveMinutes } from '../../contract/scheduling';
import { workOrderDefaultMinutesInput, type WorkOrderDefaultMinutes } from '../../contract/estimatedMinutes';
import { DEFAULT_SETTINGS } from '../settings';

type BoardInput = z.output<typeof boardInput>;

const MINUTE_MS = 60_000;
/** A visit lasts at most a day (ESTIMATED_MINUTES_MAX): one that started the day before can still reach into the range. */
const LOOKBACK_MS = 24 * 60 * MINUTE_MS;

/** One board row as the statement answers it (raw: an array, no object per row — thousands in a busy week). */
type BoardRow = [
  id: string,
  code: string,
  version: number,
  /** The technician's place in the @technicians list (json_each's key): a number, not another id string per row. */
  technicianIndex: number,
  customerId: string | null,
  ticketTitle: string | null,
  otType: WorkOrderType,
  status: WorkOrderStatus,
  scheduledDate: string,
  /** Only for a visit under way (the scheduling rule's view of its time); null otherwise. */
  startedAt: string | null,
  estimatedMinutes: number | null,
  customerName: string | null,
  customerTown: string | null,
];

// Planned, running and done visits, as on the agenda, one technician after another (json_each drives the loop, so
// each technician is one range of board_blocks' key, in date order). board_blocks (boardBlocks.ts, local derived
// data kept by triggers) holds each block with its ticket's customer, that customer's name and town included: no OT,
// ticket or customer row is read here (a busy week is ~2,500 scattered OTs naming ~1,300 customers). Each row answers
// only what its block shows (the technician as its list index, not another id string). The ticket's title is read
// only for an OT without a customer, where the block shows it instead; the OT page shows the rest.
const BOARD_COLUMNS = `b.id, b.code, b.version, j.key, b.customer_id,
         CASE WHEN b.customer_id IS NULL THEN (SELECT title FROM tickets WHERE id = b.ticket_id) END,
         b.ot_type, b.status, b.scheduled_date, CASE WHEN b.status = 'in_progress' THEN b.started_at END, b.estimated_minutes,
         b.customer_name, b.customer_town`;
const BOARD_FROM = `
  FROM json_each(@technicians) j
  JOIN board_blocks b ON b.technician_id = j.value
  WHERE b.scheduled_date >= @from AND b.scheduled_date < @to`;
// The rows as one JSON array of arrays, built by SQLite: handing ~2,700 rows × 13 values to JavaScript one value at
// a time cost twice what SQLite's JSON text and one JSON.parse cost.
const BOARD_SQL = `SELECT json_group_array(json_array(${BOARD_COLUMNS}))${BOARD_FROM}`;

/** The SQL and parameters of one board read, exported so a test can read its query plan. */
export function boardQuery(technicianIds: readonly string[], range: { from: string; to: string }) {
  const lookbackFrom = new Date(Date.parse(range.from) - LOOKBACK_MS).toISOString();
  return { sql: BOARD_SQL, params: { technicians: JSON.stringify(technicianIds), from: lookbackFrom, to: range.to } };
}

/** A block being built, with its instants as numbers (parsed once, for the order and the clashes). */
interface Placed {
  wo: BoardWorkOrder;
  startMs: number;
  /** The scheduling rule's view of its time: from when it started if under way; null for a done visit (holds none). */
  booking: { startMs: number; endMs: number } | null;
}

export function dispatchBoard(ctx: ServiceContext, input: BoardInput): DispatchBoardDto {
  const zone = companyTimeZone(ctx.sqlite);
  const range = daysToRange(zone, input.from, input.to);
  const technicians: BoardTechnician[] = eligibleTechnicians(ctx.sqlite);
  const defaults = defaultMinutes(ctx.sqlite);
  // The rows asked for (every row by default): the statement's technician index counts from the slice's start.
  const rowOffset = Math.min(input.rows?.offset ?? 0, technicians.length);
  const rowLimit = input.rows?.limit ?? Math.max(technicians.length, 1);
  const { sql, params } = boardQuery(
    technicians.slice(rowOffset, rowOffset + rowLimit).map((u) => u.id),
    range,
  );
  const rangeStart = Date.parse(range.from);
  const rows = JSON.parse(prepared(ctx.sqlite, sql).pluck(true).get(params) as string) as BoardRow[];
  // Each customer listed once, in the order the blocks first name it; the blocks point into this list.
  const customers: BoardCustomer[] = [];
  const customerIndex = new Map<string, number>();
  for (const row of rows) {
    const customerId = row[4];
    const name = row[11];
    if (customerId !== null && name !== null && !customerIndex.has(customerId)) customerIndex.set(customerId, customers.push({ id: customerId, name, town: row[12] }) - 1);
  }

  const perTechnician: Placed[][] = technicians.map(() => []);
  for (const row of rows) {
    const [id, code, version, sliceIndex, customerId, ticketTitle, otType, status, start, startedAt, ownMinutes] = row;
    const technicianIndex = rowOffset + sliceIndex;
    const estimatedMinutes = effectiveMinutes(ownMinutes, otType, defaults);
    const startMs = Date.parse(start);
    const endMs = startMs + estimatedMinutes * MINUTE_MS;
    // The look-back only finds visits still under way when the range starts.
    if (endMs <= rangeStart) continue;
    const technician = technicians[technicianIndex] as BoardTechnician;
    const wo: BoardWorkOrder = {
      id,
      code,
      version,
      technicianId: technician.id,
      customer: customerId === null ? null : (customerIndex.get(customerId) ?? null),
      ticketTitle,
      otType,
      status,
      start,
      estimatedMinutes,
      defaultDuration: ownMinutes === null,
    };
    // A visit under way holds the technician's time from when it started; a done one holds none.
    const bookedFrom = status === 'in_progress' && startedAt ? Date.parse(startedAt) : startMs;
    const booking = BOOKED_STATUSES.includes(status) ? { startMs: bookedFrom, endMs: bookedFrom + estimatedMinutes * MINUTE_MS } : null;
    (perTechnician[technicianIndex] as Placed[]).push({ wo, startMs, booking });
  }

  const workOrders: BoardWorkOrder[] = [];
  const clashes: BoardClash[] = [];
  perTechnician.forEach((own, index) => {
    // The index hands them over in date order already: this sort only settles equal starts (by id).
    own.sort(byStartThenId);
    for (const placed of own) workOrders.push(placed.wo);
    clashes.push(...technicianClashes((technicians[index] as BoardTechnician).id, own));
  });
  return { from: input.from, to: input.to, timeZone: zone, range, technicians, rows: { offset: rowOffset, limit: rowLimit }, workOrders, customers, clashes };
}

const byStartThenId = (a: { startMs: number; wo: { id: string } }, b: { startMs: number; wo: { id: string } }) =>
  a.startMs - b.startMs || (a.wo.id < b.wo.id ? -1 : a.wo.id > b.wo.id ? 1 : 0);

/**
 * Every overlapping pair of one technician's booked visits, by the scheduling rules' overlap (half-open: back-to-back
 * visits do not clash; done visits hold no time). In start order, a visit is checked only against the later ones that
 * start before it ends; each pair once, the earlier first.
 */
function technicianClashes(technicianId: string, own: readonly Placed[]): BoardClash[] {
  const booked = own
    .filter((p): p is Placed & { booking: NonNullable<Placed['booking']> } => p.booking !== null)
    .sort((a, b) => a.booking.startMs - b.booking.startMs || (a.wo.id < b.wo.id ? -1 : a.wo.id > b.wo.id ? 1 : 0));
  const clashes: BoardClash[] = [];
  booked.forEach((first, index) => {
    for (let later = index + 1; later < booked.length; later++) {
      const second = booked[later] as (typeof booked)[number];
      if (second.booking.startMs >= first.booking.endMs) break;
      if (first.booking.startMs < second.booking.endMs) clashes.push({ technicianId, first: first.wo.id, second: second.wo.id });
    }
  });
  return clashes;
}

/** The users who may be rows (the role rule is applied after), exported so a test can read its query plan. */
export const BOARD_TECHNICIANS_SQL = `SELECT u.id, u.full_name, u.username, u.is_active, u.is_superuser, r.permissions,
    EXISTS (SELECT 1 FROM work_orders w WHERE w.technician_id = u.id AND w.status IN ('scheduled', 'in_progress')) AS holds_open
  FROM users u LEFT JOIN roles r ON r.id = u.role_id
  WHERE u.is_active = 1 OR holds_open
  ORDER BY u.is_active DESC, u.full_name, u.id`;

/**
 * The board's rows: active users who may carry out OTs (canBeTechnician, the rule workOrders.schedule applies), by
 * name; then, by name, those who still hold a scheduled or in-progress OT (any date) though they may not carry out
 * OTs any more: active users whose role lost the permission, then deactivated users (whatever their role). A dispatcher
 * sees those visits and moves them (ix_work_orders_open_technician: one seek per user). Each role's permissions are
 * read once per call, not once per user.
 */
function eligibleTechnicians(sqlite: Database.Database): BoardTechnician[] {
  const rows = prepared(sqlite, BOARD_TECHNICIANS_SQL).all() as {
    id: string;
    full_name: string;
    username: string;
    is_active: number;
    is_superuser: number;
    permissions: string | null;
    holds_open: number;
  }[];
  const roleAllows = new Map<string | null, boolean>();
  const roleMay = (permissions: string | null) => {
    let may = roleAllows.get(permissions);
    if (may === undefined) {
      may = canBeTechnician({ isSuperuser: false, permissions: normalizePermissions(permissions === null ? [] : JSON.parse(permissions)) });
      roleAllows.set(permissions, may);
    }
    return may;
  };
  const able: BoardTechnician[] = [];
  const holding: BoardTechnician[] = [];
  for (const r of rows) {
    const may = r.is_active === 1 && (canBeTechnician({ isSuperuser: r.is_superuser === 1, permissions: [] }) || roleMay(r.permissions));
    if (!may && r.holds_open === 0) continue;
    (may ? able : holding).push({ id: r.id, fullName: r.full_name, username: r.username, deactivated: r.is_active === 0, withoutPermission: r.is_active === 1 && !may });
  }
  // The query lists the active users first: the active ones without the permission come before the deactivated ones.
  return [...able, ...holding];
}

/** The setting workOrderDefaultMinutes alone (readSettings would read and check every setting, the logo included). */
function defaultMinutes(sqlite: Database.Database): WorkOrderDefaultMinutes {
  const row = prepared(sqlite, "SELECT value FROM settings WHERE key = 'workOrderDefaultMinutes'").get() as { value: string } | undefined;
  const parsed = row ? workOrderDefaultMinutesInput.safeParse(JSON.parse(row.value)) : null;
  return parsed?.success ? parsed.data : DEFAULT_SETTINGS.workOrderDefaultMinutes;
}
