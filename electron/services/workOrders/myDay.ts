// Mi día: the signed-in technician's open visits of today and of earlier days (those first, never hidden), each with
// the customer's address, phone and contact and the ticket's description of the fault.
import { MY_DAY_OVERDUE_LIMIT, type MyDayDto, type MyDayVisit } from '../../contract/myDay';
import { addDays, localDateOf, startOfDayIso } from '../../contract/zonedTime';
import type { WorkOrderStatus, WorkOrderType } from '../../../shared/enums';
import { requireActor, type ServiceContext } from '../context';
import { limitSql, prepared } from '../sql';
import { companyTimeZone } from '../timeZone';

/**
 * Two reads of the technician's open visits (ix_work_orders_open_technician holds only scheduled and in-progress OTs:
 * a busy technician's years of done visits are never walked): earlier days up to the start of today (oldest first, at
 * most MY_DAY_OVERDUE_LIMIT), and from today on, keeping today's visits and any visit already running (started ahead
 * of its date). The (technician_id, scheduled_date, status, …) index the count reads walked all 3,700 OTs of the
 * bench's busiest technician to find its 57 open ones; one statement with a UNION of both lists looked each OT up again.
 */
const OPEN_OF_TECHNICIAN = 'ix_work_orders_open_technician';
const BY_TECHNICIAN = 'ix_work_orders_technician_id_scheduled_date';
const OPEN = `status IN ('scheduled', 'in_progress')`;

const visitsSql = (when: string, limit: string) => `
  SELECT w.id, w.code, w.version, w.status, w.ot_type, w.scheduled_date, w.started_at, w.estimated_minutes,
         t.id AS ticket_id, t.code AS ticket_code, t.title AS ticket_title, t.description AS ticket_description,
         c.id AS customer_id, c.name AS customer_name, c.address, c.town, c.phone, c.contact_name, c.email
  FROM work_orders w INDEXED BY ${OPEN_OF_TECHNICIAN}
  JOIN tickets t ON t.id = w.ticket_id
  LEFT JOIN customers c ON c.id = t.customer_id
  WHERE w.technician_id = @technicianId AND w.${OPEN} AND ${when}
  ORDER BY w.scheduled_date, w.id ${limit}`;

/** The open visits of earlier days, oldest first, at most MY_DAY_OVERDUE_LIMIT. Parameters: technicianId, todayStart. */
export const MY_DAY_EARLIER_SQL = visitsSql('w.scheduled_date < @todayStart', limitSql(MY_DAY_OVERDUE_LIMIT));
/** Today's open visits and any running one dated later. Parameters: technicianId, todayStart, tomorrowStart. */
export const MY_DAY_TODAY_SQL = visitsSql("w.scheduled_date >= @todayStart AND (w.scheduled_date < @tomorrowStart OR w.status = 'in_progress')", '');

/** The technician's visits completed today: the day's few completions, found by their date. */
const DONE_TODAY_SQL = `
  SELECT count(*) AS n FROM work_orders INDEXED BY ix_work_orders_completed_at
  WHERE completed_at >= @todayStart AND completed_at < @tomorrowStart AND technician_id = @technicianId AND status = 'completed'`;

export const MY_DAY_OVERDUE_COUNT_SQL = `
  SELECT count(*) AS n FROM work_orders INDEXED BY ${BY_TECHNICIAN}
  WHERE technician_id = @technicianId AND scheduled_date < @todayStart AND ${OPEN}`;

interface MyDayRow {
  id: string;
  code: string;
  version: number;
  status: WorkOrderStatus;
  ot_type: WorkOrderType;
  scheduled_date: string | null;
  started_at: string | null;
  estimated_minutes: number | null;
  ticket_id: string;
  ticket_code: string;
  ticket_title: string;
  ticket_description: string;
  customer_id: string | null;
  customer_name: string | null;
  address: string | null;
  town: string | null;
  phone: string | null;
  contact_name: string | null;
  email: string | null;
}

function toVisit(r: MyDayRow, overdue: boolean): MyDayVisit {
  return {
    id: r.id,
    code: r.code,
    version: r.version,
    status: r.status,
    otType: r.ot_type,
    scheduledDate: r.scheduled_date,
    startedAt: r.started_at,
    estimatedMinutes: r.estimated_minutes,
    overdue,
    ticket: { id: r.ticket_id, code: r.ticket_code, title: r.ticket_title, description: r.ticket_description },
    customer: r.customer_id
      ? {
          id: r.customer_id,
          name: r.customer_name ?? '',
          address: r.address,
          town: r.town,
          phone: r.phone,
          contactName: r.contact_name,
          email: r.email,
        }
      : null,
  };
}

/** The parameters of the caller's day: where today starts and ends on the company calendar. */
export function myDayParams(ctx: ServiceContext) {
  const timeZone = companyTimeZone(ctx.sqlite);
  const day = localDateOf(timeZone, ctx.clock.now());
  const params = {
    technicianId: requireActor(ctx).id,
    todayStart: startOfDayIso(timeZone, day),
    tomorrowStart: startOfDayIso(timeZone, addDays(day, 1)),
  };
  return { timeZone, day, params };
}

export function myDay(ctx: ServiceContext): MyDayDto {
  const { timeZone, day, params } = myDayParams(ctx);
  const { technicianId, todayStart } = params;
  const earlier = (prepared(ctx.sqlite, MY_DAY_EARLIER_SQL).all({ technicianId, todayStart }) as MyDayRow[]).map((row) => toVisit(row, true));
  const today = (prepared(ctx.sqlite, MY_DAY_TODAY_SQL).all(params) as MyDayRow[]).map((row) => toVisit(row, false));
  const items = [...earlier, ...today];
  const listed = earlier.length;
  // Counted only when the list may be cut short: most days list every overdue visit.
  const overdueTotal =
    listed < MY_DAY_OVERDUE_LIMIT
      ? listed
      : (prepared(ctx.sqlite, MY_DAY_OVERDUE_COUNT_SQL).get({ technicianId, todayStart }) as { n: number }).n;
  // Only asked with nothing left to do: the empty day then says the visits were done, not that there were none.
  const doneToday = items.length === 0 ? (prepared(ctx.sqlite, DONE_TODAY_SQL).get(params) as { n: number }).n : 0;
  return { day, timeZone, items, overdueTotal, doneToday };
}
