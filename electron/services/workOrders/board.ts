// The dispatch board read: who can be planned (active users who may carry out OTs), their OTs in some company-calendar
// days, and which of those visits overlap. One OT query for every technician at once, on the covering index
// ix_work_orders_technician_id_scheduled_date (one range per technician).
import type Database from 'better-sqlite3';
import type { z } from 'zod';
import type { TicketPriority, WorkOrderStatus, WorkOrderType } from '../../../shared/enums';
import type { BoardClash, BoardTechnician, BoardWorkOrder, boardInput, DispatchBoardDto } from '../../contract/dispatchBoard';
import { daysToRange } from '../../contract/zonedTime';
import type { ServiceContext } from '../context';
import { prepared } from '../sql';
import { companyTimeZone } from '../timeZone';
import { normalizePermissions } from '../../contract/access';
import { BOOKED_STATUSES, canBeTechnician, effectiveMinutes, overlappingBookings, type Booking } from '../../contract/scheduling';
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
  technicianId: string,
  ticketId: string,
  priority: TicketPriority,
  customerId: string | null,
  customerName: string | null,
  customerTown: string | null,
  ticketTitle: string | null,
  otType: WorkOrderType,
  status: WorkOrderStatus,
  scheduledDate: string,
  startedAt: string | null,
  estimatedMinutes: number | null,
];

// Planned, running and done visits, as on the agenda; the status term stays off the index's search (+w.status) so
// SQLite walks the technician+date index for each technician's range. The OT columns come from the covering technician+date index, the
// ticket's customer and priority from ix_tickets_id_customer_id_priority: no OT or ticket row is read (a ticket row
// holds its description; a busy week is ~2,500 scattered rows). The ticket's title is read only for an OT without a
// customer, where the block shows it instead; the OT page shows the rest.
const BOARD_SQL = `
  SELECT w.id, w.code, w.version, w.technician_id, w.ticket_id, t.priority, t.customer_id, c.name, c.town,
         CASE WHEN t.customer_id IS NULL THEN (SELECT title FROM tickets WHERE id = w.ticket_id) END,
         w.ot_type, w.status, w.scheduled_date, w.started_at, w.estimated_minutes
  FROM work_orders w
  JOIN tickets t INDEXED BY ix_tickets_id_customer_id_priority ON t.id = w.ticket_id
  LEFT JOIN customers c ON c.id = t.customer_id
  WHERE w.technician_id IN (SELECT value FROM json_each(@technicians))
    AND w.scheduled_date >= @from AND w.scheduled_date < @to
    AND +w.status IN ('scheduled', 'in_progress', 'completed')
  ORDER BY w.scheduled_date, w.id`;

/** The SQL and parameters of one board read, exported so a test can read its query plan. */
export function boardQuery(technicianIds: readonly string[], range: { from: string; to: string }) {
  const lookbackFrom = new Date(Date.parse(range.from) - LOOKBACK_MS).toISOString();
  return { sql: BOARD_SQL, params: { technicians: JSON.stringify(technicianIds), from: lookbackFrom, to: range.to } };
}

export function dispatchBoard(ctx: ServiceContext, input: BoardInput): DispatchBoardDto {
  const zone = companyTimeZone(ctx.sqlite);
  const range = daysToRange(zone, input.from, input.to);
  const technicians: BoardTechnician[] = eligibleTechnicians(ctx.sqlite);
  const defaults = defaultMinutes(ctx.sqlite);
  const { sql, params } = boardQuery(
    technicians.map((u) => u.id),
    range,
  );
  const rangeStart = Date.parse(range.from);
  const workOrders: BoardWorkOrder[] = [];
  const bookings: (Booking & { technicianId: string })[] = [];
  for (const row of prepared(ctx.sqlite, sql).raw(true).all(params) as BoardRow[]) {
    const [id, code, version, technicianId, ticketId, priority, customerId, customerName, customerTown, ticketTitle, otType, status, start, startedAt, ownMinutes] = row;
    const estimatedMinutes = effectiveMinutes(ownMinutes, otType, defaults);
    const startMs = Date.parse(start);
    const endMs = startMs + estimatedMinutes * MINUTE_MS;
    // The look-back only finds visits still under way when the range starts.
    if (endMs <= rangeStart) continue;
    workOrders.push({
      id,
      code,
      version,
      technicianId,
      ticketId,
      ticketTitle,
      priority,
      customer: customerId ? { id: customerId, name: customerName ?? '' } : null,
      customerTown,
      otType,
      status,
      start,
      end: new Date(endMs).toISOString(),
      estimatedMinutes,
      defaultDuration: ownMinutes === null,
    });
    // The scheduling rule's view of the technician's time: a visit under way holds it from when it started.
    if (BOOKED_STATUSES.includes(status)) {
      const from = status === 'in_progress' ? (startedAt ?? start) : start;
      bookings.push({ id, code, start: from, minutes: estimatedMinutes, technicianId });
    }
  }
  return { from: input.from, to: input.to, timeZone: zone, range, technicians, workOrders, clashes: boardClashes(bookings) };
}

/**
 * Every overlapping pair of one technician's booked visits, by the scheduling rules' own overlap check (done visits
 * hold no time). In start order, a visit is checked only against the later ones that start before it ends.
 */
function boardClashes(bookings: readonly (Booking & { technicianId: string })[]): BoardClash[] {
  const byTechnician = new Map<string, (Booking & { technicianId: string; startMs: number })[]>();
  for (const booking of bookings) {
    const own = byTechnician.get(booking.technicianId) ?? [];
    own.push({ ...booking, startMs: Date.parse(booking.start) });
    byTechnician.set(booking.technicianId, own);
  }
  const clashes: BoardClash[] = [];
  for (const [technicianId, own] of byTechnician) {
    own.sort((a, b) => a.startMs - b.startMs || a.id.localeCompare(b.id));
    own.forEach((booking, index) => {
      const endMs = booking.startMs + booking.minutes * MINUTE_MS;
      let last = index + 1;
      while (last < own.length && (own[last] as { startMs: number }).startMs < endMs) last++;
      for (const later of overlappingBookings(booking, own.slice(index + 1, last))) clashes.push({ technicianId, first: booking.id, second: later.id });
    });
  }
  return clashes;
}

/**
 * The board's rows: active users who may carry out OTs (canBeTechnician, the rule workOrders.schedule applies), by
 * name. Each role's permissions are read once per call, not once per user.
 */
function eligibleTechnicians(sqlite: Database.Database): BoardTechnician[] {
  const rows = prepared(
    sqlite,
    `SELECT u.id, u.full_name, u.username, u.is_superuser, r.permissions FROM users u LEFT JOIN roles r ON r.id = u.role_id
     WHERE u.is_active = 1 ORDER BY u.full_name, u.id`,
  ).all() as { id: string; full_name: string; username: string; is_superuser: number; permissions: string | null }[];
  const roleAllows = new Map<string | null, boolean>();
  const roleMay = (permissions: string | null) => {
    let may = roleAllows.get(permissions);
    if (may === undefined) {
      may = canBeTechnician({ isSuperuser: false, permissions: normalizePermissions(permissions === null ? [] : JSON.parse(permissions)) });
      roleAllows.set(permissions, may);
    }
    return may;
  };
  return rows
    .filter((r) => canBeTechnician({ isSuperuser: r.is_superuser === 1, permissions: [] }) || roleMay(r.permissions))
    .map((r) => ({ id: r.id, fullName: r.full_name, username: r.username }));
}

/** The setting workOrderDefaultMinutes alone (readSettings would read and check every setting, the logo included). */
function defaultMinutes(sqlite: Database.Database): WorkOrderDefaultMinutes {
  const row = prepared(sqlite, "SELECT value FROM settings WHERE key = 'workOrderDefaultMinutes'").get() as { value: string } | undefined;
  const parsed = row ? workOrderDefaultMinutesInput.safeParse(JSON.parse(row.value)) : null;
  return parsed?.success ? parsed.data : DEFAULT_SETTINGS.workOrderDefaultMinutes;
}
