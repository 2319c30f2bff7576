// Mi día (issue 15 part 1) in the benchmark: the busiest technician's own day, through a session of theirs (the call
// answers for whoever is signed in), against the same rows read by hand. Budget: the agenda's (a technician's read).
import type { Call } from './measure';
import type { ServiceContext } from '../../electron/services/context';
import { loadActor } from '../../electron/services/users/actor';
import { myDay } from '../../electron/services/workOrders';
import { myDayParams } from '../../electron/services/workOrders/myDay';
import { MY_DAY_OVERDUE_LIMIT } from '../../electron/contract/myDay';
import { limitSql } from '../../electron/services/sql';
import type { Fixtures, ReadCase } from './cases';


export function myDayCases(callAsTechnician: Call, ctx: ServiceContext, f: Fixtures): ReadCase[] {
  const technician: ServiceContext = { ...ctx, actor: loadActor(ctx.sqlite, f.technicianId) };
  const visits = (where: string, limit: string) =>
    ctx.sqlite.prepare(`SELECT w.id, w.code, w.version, w.status, w.ot_type, w.scheduled_date, w.started_at, w.estimated_minutes,
      t.id, t.code, t.title, t.description, c.id, c.name, c.address, c.town, c.phone, c.contact_name, c.email
      FROM work_orders w JOIN tickets t ON t.id = w.ticket_id LEFT JOIN customers c ON c.id = t.customer_id
      WHERE w.technician_id = @technicianId AND w.status IN ('scheduled', 'in_progress') AND ${where}
      ORDER BY w.scheduled_date, w.id ${limit}`);
  const earlier = visits('w.scheduled_date < @todayStart', limitSql(MY_DAY_OVERDUE_LIMIT));
  const today = visits("w.scheduled_date >= @todayStart AND (w.scheduled_date < @tomorrowStart OR w.status = 'in_progress')", '');
  return [
    {
      name: 'Mi día: busiest technician',
      group: 'agenda',
      service: () => myDay(technician),
      router: () => callAsTechnician('workOrders.myDay', {}),
      raw: () => {
        const { params } = myDayParams(technician);
        const { tomorrowStart: _tomorrow, ...earlierParams } = params;
        return [earlier.all(earlierParams), today.all({ technicianId: params.technicianId, todayStart: params.todayStart, tomorrowStart: params.tomorrowStart })];
      },
    },
  ];
}
