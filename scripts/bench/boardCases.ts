// The dispatch board (issue 16 part 1) in the benchmark: a week of every technician's OTs (the dataset has 50) in the
// busiest week, against the same rows read by hand. Budget: 16 ms p95 (the "50 technicians × 7 days").
import type { Call } from './measure';
import { addDays } from '../../electron/contract/zonedTime';
import { FIRST_ROWS, LATER_ROWS } from '../../renderer/src/features/dispatch/boardRows';
import type { ServiceContext } from '../../electron/services/context';
import { dispatchBoard } from '../../electron/services/workOrders';
import type { Fixtures, ReadCase } from './cases';


export function boardCases(call: Call, ctx: ServiceContext, f: Fixtures): ReadCase[] {
  const q = (sql: string) => ctx.sqlite.prepare(sql);
  const week = { from: f.weekFrom.slice(0, 10), to: addDays(f.weekFrom.slice(0, 10), 6) };
  const technicians = q(`SELECT u.id, u.full_name, u.username, u.is_superuser, r.permissions FROM users u LEFT JOIN roles r ON r.id = u.role_id
    WHERE u.is_active = 1 ORDER BY u.full_name, u.id`);
  // The same rows the service reads: one technician after another from the derived board_blocks (each block with its
  // ticket's customer, that customer's name and town), as one JSON array built by SQLite (board.ts says why); each
  // customer is then listed once.
  const orders = q(`SELECT json_group_array(json_array(b.id, b.code, b.version, j.key, b.customer_id,
    CASE WHEN b.customer_id IS NULL THEN (SELECT title FROM tickets WHERE id = b.ticket_id) END,
    b.ot_type, b.status, b.scheduled_date, CASE WHEN b.status = 'in_progress' THEN b.started_at END, b.estimated_minutes,
    b.customer_name, b.customer_town))
    FROM json_each(?) j JOIN board_blocks b ON b.technician_id = j.value
    WHERE b.scheduled_date >= ? AND b.scheduled_date < ?`).pluck();
  const settings = q("SELECT value FROM settings WHERE key IN ('timeZone', 'workOrderDefaultMinutes')");
  const from = new Date(Date.parse(f.weekFrom) - 86_400_000).toISOString();
  const firstRows = { offset: 0, limit: FIRST_ROWS };
  const technicianCount = (technicians.all() as { permissions: string | null }[]).filter((p) => p.permissions?.includes('workorders:execute')).length;
  const laterPages = Math.max(1, Math.ceil((technicianCount - FIRST_ROWS) / LATER_ROWS));
  const laterRows = (i: number) => ({ offset: FIRST_ROWS + (i % laterPages) * LATER_ROWS, limit: LATER_ROWS });
  /** Technicians [start, end) of the board's list, their blocks of the week and the customers those name. */
  const rawRows = (start: number, end: number) => {
    const people = technicians.all() as { id: string; permissions: string | null }[];
    const ids = JSON.stringify(people.filter((p) => p.permissions?.includes('workorders:execute')).map((p) => p.id).slice(start, end));
    const rows = JSON.parse(orders.get(ids, from, f.weekTo) as string) as unknown[][];
    const customers = new Map<unknown, unknown[]>();
    for (const row of rows) if (row[4] !== null && !customers.has(row[4])) customers.set(row[4], [row[4], row[11], row[12]]);
    return [settings.all(), rows, [...customers.values()]];
  };
  return [
    {
      name: 'dispatch board: 50 technicians × 7 days',
      group: 'board',
      service: () => dispatchBoard(ctx, week),
      router: () => call('workOrders.board', week),
      raw: () => rawRows(0, Infinity),
    },
    // How the window reads it (boardStore.ts): the first FIRST_ROWS technicians, painted at once, then the rest in parts.
    {
      name: `dispatch board: first ${FIRST_ROWS} rows × 7 days`,
      group: 'board',
      service: () => dispatchBoard(ctx, { ...week, rows: firstRows }),
      router: () => call('workOrders.board', { ...week, rows: firstRows }),
      raw: () => rawRows(0, FIRST_ROWS),
    },
    {
      // Each later read of LATER_ROWS technicians, in turn (12, then 20 and 18 at 50 technicians).
      name: `dispatch board: each later ${LATER_ROWS} rows × 7 days`,
      group: 'board',
      service: (i) => dispatchBoard(ctx, { ...week, rows: laterRows(i) }),
      router: (i) => call('workOrders.board', { ...week, rows: laterRows(i) }),
      raw: (i) => rawRows(laterRows(i).offset, laterRows(i).offset + LATER_ROWS),
    },
  ];
}
