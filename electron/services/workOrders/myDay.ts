// Mi día: the signed-in technician's open visits of today and of earlier days (those first, never hidden), each with
// the customer's address, phone and contact and the ticket's description of the fault.
import { MY_DAY_OVERDUE_LIMIT, type MyDayDto, type MyDayVisit } from '../../contract/myDay';
import { addDays, localDateOf, startOfDayIso } from '../../contract/zonedTime';
import type { WorkOrderStatus, WorkOrderType } from '../../../shared/enums';
import { requireActor, type ServiceContext } from '../context';
import { limitSql, prepared } from '../sql';
import { companyTimeZone } from '../timeZone';

/**
 * Both branches walk the technician's (technician_id, scheduled_date, status, …) index: earlier days up to the start
 * of today (oldest first, at most MY_DAY_OVERDUE_LIMIT), and from today on, keeping today's visits and any visit already running
 * (started ahead of its date). Status is read from the index, so completed and cancelled OTs cost no table lookup.
 */
const BY_TECHNICIAN = 'ix_work_orders_technician_id_scheduled_date';
const OPEN = `status IN ('scheduled', 'in_progress')`;

export const MY_DAY_SQL = `
  WITH mine AS (
    SELECT * FROM (
      SELECT id, scheduled_date AS at, 1 AS overdue FROM work_orders INDEXED BY ${BY_TECHNICIAN}
      WHERE technician_id = @technicianId AND scheduled_date < @todayStart AND ${OPEN}
      ORDER BY scheduled_date, id ${limitSql(MY_DAY_OVERDUE_LIMIT)})
    UNION ALL
    SELECT id, scheduled_date AS at, 0 AS overdue FROM work_orders INDEXED BY ${BY_TECHNICIAN}
    WHERE technician_id = @technicianId AND scheduled_date >= @todayStart AND ${OPEN}
      AND (scheduled_date < @tomorrowStart OR status = 'in_progress'))
  SELECT w.id, w.code, w.version, w.status, w.ot_type, w.scheduled_date, w.started_at, w.estimated_minutes, mine.overdue,
         t.id AS ticket_id, t.code AS ticket_code, t.title AS ticket_title, t.description AS ticket_description,
         c.id AS customer_id, c.name AS customer_name, c.address, c.town, c.phone, c.contact_name, c.email
  FROM mine CROSS JOIN work_orders w ON w.id = mine.id
  JOIN tickets t ON t.id = w.ticket_id
  LEFT JOIN customers c ON c.id = t.customer_id
  ORDER BY mine.overdue DESC, mine.at, w.id`;

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
  overdue: 0 | 1;
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

function toVisit(r: MyDayRow): MyDayVisit {
  return {
    id: r.id,
    code: r.code,
    version: r.version,
    status: r.status,
    otType: r.ot_type,
    scheduledDate: r.scheduled_date,
    startedAt: r.started_at,
    estimatedMinutes: r.estimated_minutes,
    overdue: r.overdue === 1,
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
  const items = (prepared(ctx.sqlite, MY_DAY_SQL).all(params) as MyDayRow[]).map(toVisit);
  const listed = items.filter((v) => v.overdue).length;
  // Counted only when the list may be cut short: most days list every overdue visit.
  const overdueTotal =
    listed < MY_DAY_OVERDUE_LIMIT
      ? listed
      : (prepared(ctx.sqlite, MY_DAY_OVERDUE_COUNT_SQL).get({ technicianId: params.technicianId, todayStart: params.todayStart }) as { n: number }).n;
  return { day, timeZone, items, overdueTotal };
}
