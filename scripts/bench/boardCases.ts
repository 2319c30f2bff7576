// The dispatch board (issue 16 part 1) in the benchmark: a week of every technician's OTs (the dataset has 50) in the
// busiest week, against the same rows read by hand. Budget: 16 ms p95 (the "50 technicians × 7 days").
import type { Call } from './measure';
import { addDays } from '../../electron/contract/zonedTime';
import type { ServiceContext } from '../../electron/services/context';
import { dispatchBoard } from '../../electron/services/workOrders';
import type { Fixtures, ReadCase } from './cases';


export function boardCases(call: Call, ctx: ServiceContext, f: Fixtures): ReadCase[] {
  const q = (sql: string) => ctx.sqlite.prepare(sql);
  const week = { from: f.weekFrom.slice(0, 10), to: addDays(f.weekFrom.slice(0, 10), 6) };
  const technicians = q(`SELECT u.id, u.full_name, u.username, u.is_superuser, r.permissions FROM users u LEFT JOIN roles r ON r.id = u.role_id
    WHERE u.is_active = 1 ORDER BY u.full_name, u.id`);
  // The same rows the service reads: one technician after another from the covering technician+date index, the
  // customer's rowid through the ticket's covering index, then each customer named once.
  const orders = q(`SELECT w.id, w.code, w.version, j.key, c.rowid,
    CASE WHEN t.customer_id IS NULL THEN (SELECT title FROM tickets WHERE id = w.ticket_id) END,
    w.ot_type, w.status, w.scheduled_date, CASE WHEN w.status = 'in_progress' THEN w.started_at END, w.estimated_minutes
    FROM json_each(?) j JOIN work_orders w ON w.technician_id = j.value
    JOIN tickets t INDEXED BY ix_tickets_id_customer_id_priority ON t.id = w.ticket_id LEFT JOIN customers c ON c.id = t.customer_id
    WHERE w.scheduled_date >= ? AND w.scheduled_date < ? AND +w.status IN ('scheduled', 'in_progress', 'completed')`).raw();
  const customers = q('SELECT rowid, id, name, town FROM customers WHERE rowid IN (SELECT value FROM json_each(?))').raw();
  const settings = q("SELECT value FROM settings WHERE key IN ('timeZone', 'workOrderDefaultMinutes')");
  const from = new Date(Date.parse(f.weekFrom) - 86_400_000).toISOString();
  return [
    {
      name: 'dispatch board: 50 technicians × 7 days',
      group: 'board',
      service: () => dispatchBoard(ctx, week),
      router: () => call('workOrders.board', week),
      raw: () => {
        const people = technicians.all() as { id: string; permissions: string | null }[];
        const ids = JSON.stringify(people.filter((p) => p.permissions?.includes('workorders:execute')).map((p) => p.id));
        const rows = orders.all(ids, from, f.weekTo) as unknown[][];
        return [settings.all(), rows, customers.all(JSON.stringify([...new Set(rows.map((r) => r[4]).filter((r) => r !== null))]))];
      },
    },
  ];
}
