// What the benchmark measures: each read through the service layer and as hand-written raw SQL,
// plus the single writes and one OT PDF through the service layer.
import type Database from 'better-sqlite3';
import type { InputOf } from '../../electron/contract';
import type { ChecklistDto } from '../../electron/contract/checklists';
import type { ChecklistItemKind } from '../../shared/enums';
import type { Call } from './measure';
import type { Backend } from '../../electron/ipc/backend';
import type { ServiceContext } from '../../electron/services/context';
import { getTicketDetail, listTickets } from '../../electron/services/tickets';
import { customerCases } from './customerCases';
import { boardCases } from './boardCases';
import { TIMELINE_PAGE_SIZE } from '../../electron/contract/tickets';
import { SUMMARY } from './rawSummary';
import { busyTicketWriteCases, searchCases } from './searchCases';
import { agenda, dispatchQueue, overdueWorkOrders, traceSerial } from '../../electron/services/workOrders';
import { SERIAL_TRACE_LIMIT } from '../../electron/contract/workOrders';
import { prefixUpperBound, sqliteLower } from '../../electron/services/text';

export interface ReadCase {
  name: string;
  group: 'list' | 'detail' | 'search' | 'trace' | 'agenda' | 'board' | 'customer' | 'overdue' | 'screen';
  /** The service function: our SQL building, query and DTO mapping. */
  service: (i: number) => unknown;
  /** Through the router, as a window calls it (session, permission, validation, service). */
  router: (i: number) => Promise<unknown>;
  /** The same rows by a prepared raw better-sqlite3 statement. */
  raw: (i: number) => unknown;
}

export interface WriteCase {
  name: string;
  /** Untimed preparation for `count` runs (e.g. starting the OTs that 'complete OT' will complete). */
  setup?: (count: number) => Promise<void>;
  run: (i: number) => Promise<unknown>;
}

export interface Fixtures {
  ticketIds: string[];
  technicianId: string;
  categoryId: string;
  customerId: string;
  serials: string[];
  deepCursorRow: { updated_at: string; id: string };
  weekFrom: string;
  weekTo: string;
  /** `everywhere`: a word in (nearly) every ticket's timeline, the worst case for sorting matches. */
  words: { common: string; rare: string; prefix: string; accented: string; everywhere: string };
}

const WORK_ORDER = `SELECT w.*, t.code AS ticket_code, t.title AS ticket_title, c.id AS customer_id, c.name AS customer_name,
  u.full_name AS technician_full_name, u.username AS technician_username
  FROM work_orders w JOIN tickets t ON t.id = w.ticket_id
  LEFT JOIN customers c ON c.id = t.customer_id LEFT JOIN users u ON u.id = w.technician_id`;

const pick = <T>(list: readonly T[], i: number): T => list[(i * 7919) % list.length] as T;

function encodeCursor(sort: string, key: unknown[]): string {
  return Buffer.from(JSON.stringify([sort, ...key]), 'utf8').toString('base64url');
}

export function readCases(call: Call, ctx: ServiceContext, f: Fixtures): ReadCase[] {
  const sqlite = ctx.sqlite;
  const q = (sql: string) => sqlite.prepare(sql);
  const page = (where: string, order = 't.updated_at DESC, t.id DESC') =>
    q(`SELECT ${SUMMARY} ${where} ORDER BY ${order} LIMIT 51`);
  const list = (name: string, input: InputOf<'tickets.list'>, raw: Database.Statement, params: unknown[] = []): ReadCase => ({
    name,
    group: 'list',
    service: () => listTickets(ctx, input),
    router: () => call('tickets.list', input),
    raw: () => raw.all(...params),
  });
  const search = (name: string, text: string, ftsQuery: string): ReadCase => {
    // Each FTS row names its ticket by rowid range (services/search/schema.ts): a ticket and its events.
    const raw = q(`SELECT ${SUMMARY} WHERE t.id IN (SELECT d.ticket_id FROM ticket_search_docs d
      WHERE d.doc_id IN (SELECT rowid / 16777216 FROM ticket_search WHERE ticket_search MATCH ?) ORDER BY d.updated_at DESC, d.ticket_id DESC LIMIT 51)
      ORDER BY t.updated_at DESC, t.id DESC`);
    return {
      name,
      group: 'search',
      service: () => listTickets(ctx, { q: text }),
      router: () => call('tickets.list', { q: text }),
      raw: () => raw.all(ftsQuery),
    };
  };
  // The detail by hand: the ticket with what its screen shows (creator, the customer's card, both SLA clocks) and the
  // newest page of its timeline, as tickets.get answers.
  const detailTicket = q(`SELECT t.*, cat.name AS category_name, c.name AS customer_name, c.contact_name, c.phone, c.email, c.address,
    c.town, c.notes AS customer_notes, c.version AS customer_version, c.created_at AS customer_created_at, c.updated_at AS customer_updated_at,
    a.full_name AS assignee_full_name, a.username AS assignee_username, cr.full_name AS creator_full_name, cr.username AS creator_username, sla.*
    FROM tickets t LEFT JOIN ticket_categories cat ON cat.id = t.category_id LEFT JOIN customers c ON c.id = t.customer_id
    LEFT JOIN users a ON a.id = t.assigned_to_id LEFT JOIN users cr ON cr.id = t.creator_id LEFT JOIN ticket_sla sla ON sla.ticket_id = t.id
    WHERE t.id = ?`);
  const detailTimeline = q(`SELECT e.*, u.full_name, u.username FROM ticket_timeline e LEFT JOIN users u ON u.id = e.author_id
    WHERE e.ticket_id = ? ORDER BY e.created_at DESC, e.id DESC LIMIT ${TIMELINE_PAGE_SIZE + 1}`);
  const detailOrders = q(`${WORK_ORDER} WHERE w.ticket_id = ? ORDER BY w.created_at`);
  const detailItems = q(`SELECT i.*, p.name, p.sku FROM work_order_items i LEFT JOIN products p ON p.id = i.product_id
    WHERE i.work_order_id IN (SELECT id FROM work_orders WHERE ticket_id = ?) ORDER BY i.consumed_at`);
  const agendaRaw = q(`${WORK_ORDER} WHERE w.status IN ('scheduled','in_progress','completed')
    AND w.scheduled_date >= ? AND w.scheduled_date < ? AND w.technician_id = ? ORDER BY w.scheduled_date, w.id LIMIT 2000`);
  // The queue as the service reads it: the first 51 of the kept order (work_order_queue), then their rows.
  const queue = q(`WITH picked AS (SELECT work_order_id AS id, priority_rank FROM work_order_queue
    ORDER BY priority_rank DESC, created_at, work_order_id LIMIT 51)
    ${WORK_ORDER} JOIN picked p ON p.id = w.id ORDER BY p.priority_rank DESC, w.created_at, w.id`);
  // Atrasadas by hand: the first 51 of each kind through its partial index, merged, then the two counts.
  const lateBranch = (status: string, column: string, before: string, tech: string) =>
    `SELECT * FROM (SELECT w.id, w.${column} AS since FROM work_orders w INDEXED BY ix_work_orders_overdue_${status === 'scheduled' ? 'scheduled' : 'running'}
      WHERE w.status = '${status}' AND w.${column} < ${before} ${tech} ORDER BY w.${column}, w.id LIMIT 51)`;
  const overdueRaw = (oneTechnician: boolean) => {
    const tech = oneTechnician ? 'AND technician_id = @technicianId' : '';
    const page = q(`WITH late AS (${lateBranch('scheduled', 'scheduled_date', '@now', tech)} UNION ALL ${lateBranch('in_progress', 'started_at', '@since', tech)}
      ORDER BY since, id LIMIT 51) ${WORK_ORDER} JOIN late ON late.id = w.id ORDER BY late.since, late.id`);
    const count = q(`SELECT (SELECT count(*) FROM work_orders INDEXED BY ix_work_orders_overdue_scheduled WHERE status = 'scheduled' AND scheduled_date < @now ${tech})
      + (SELECT count(*) FROM work_orders INDEXED BY ix_work_orders_overdue_running WHERE status = 'in_progress' AND started_at < @since ${tech}) AS n`);
    return (technicianId?: string) => {
      const now = Date.now();
      const params = { now: new Date(now).toISOString(), since: new Date(now - 86_400_000).toISOString(), ...(technicianId ? { technicianId } : {}) };
      return [page.all(params), count.get(params)];
    };
  };
  const overdueAll = overdueRaw(false);
  const overdueOne = overdueRaw(true);
  // What the trace answers: the serials starting with the one typed (the whole serial first), as a key range.
  const trace = q(`SELECT i.serial_number, i.id, i.quantity, i.consumed_at, i.unit, i.direction, i.description, p.id AS pid, p.name, p.sku,
    w.id AS wid, w.code, w.status, w.ot_type, t.id AS tid, t.code AS tcode, t.title, c.id AS cid, c.name AS cname, u.id AS uid, u.full_name, u.username
    FROM work_order_items i JOIN work_orders w ON w.id = i.work_order_id
    JOIN tickets t ON t.id = w.ticket_id LEFT JOIN products p ON p.id = i.product_id
    LEFT JOIN customers c ON c.id = t.customer_id LEFT JOIN users u ON u.id = w.technician_id
    WHERE lower(i.serial_number) >= @low AND lower(i.serial_number) < @high
    ORDER BY lower(i.serial_number) = @low DESC, i.consumed_at DESC, i.id DESC LIMIT ${SERIAL_TRACE_LIMIT}`);
  const traceRaw = (serial: string) => {
    const low = sqliteLower(serial);
    return trace.all({ low, high: prefixUpperBound(low) });
  };
  const deep = f.deepCursorRow;

  return [
    list('list: all, by updated', {}, page('')),
    list('list: open', { status: ['open'] }, page(`WHERE t.status = 'open'`)),
    list('list: in progress + waiting', { status: ['in_progress', 'waiting'] }, page(`WHERE +t.status IN ('in_progress','waiting')`)),
    list('list: critical', { priority: 'critical' }, page(`WHERE t.priority = 'critical'`)),
    list('list: assignee', { assignedToId: f.technicianId }, page('WHERE t.assigned_to_id = ?'), [f.technicianId]),
    list('list: unassigned', { assignedToId: 'unassigned' }, page('WHERE t.assigned_to_id IS NULL')),
    list('list: category', { categoryId: f.categoryId }, page('WHERE t.category_id = ?'), [f.categoryId]),
    list('list: customer', { customerId: f.customerId }, page('WHERE t.customer_id = ?'), [f.customerId]),
    list('list: by created', { sort: 'created_at' }, page('', 't.created_at DESC, t.id DESC')),
    list(
      'list: by priority',
      { sort: 'priority' },
      page('', `CASE t.priority WHEN 'critical' THEN 4 WHEN 'high' THEN 3 WHEN 'medium' THEN 2 ELSE 1 END DESC, t.updated_at DESC, t.id DESC`),
    ),
    // SLA (issue 16 part 5): the due sort walks ix_ticket_sla_sort_due; the breached filter its range. Together with the
    // cases above (whose summaries now join ticket_sla too), they show the SLA adds nothing measurable to the list.
    list(
      'list: by SLA due',
      { sort: 'due' },
      q(
        `SELECT ${SUMMARY.replace('FROM tickets t', 'FROM ticket_sla sla CROSS JOIN tickets t ON t.id = sla.ticket_id').replace(/\s*LEFT JOIN ticket_sla sla ON sla.ticket_id = t.id/, '')} ORDER BY sla.sort_due, sla.ticket_id LIMIT 51`,
      ),
    ),
    list(
      'list: SLA breached',
      { sla: 'breached' },
      page('WHERE EXISTS (SELECT 1 FROM ticket_sla s WHERE s.ticket_id = t.id AND s.sort_due <= ?)'),
      [new Date().toISOString()],
    ),
    list(
      'list: deep keyset page',
      { cursor: encodeCursor('updated_at', [deep.updated_at, deep.id]) },
      page('WHERE (t.updated_at, t.id) < (?, ?)'),
      [deep.updated_at, deep.id],
    ),
    {
      name: 'ticket detail',
      group: 'detail',
      service: (i) => getTicketDetail(sqlite, pick(f.ticketIds, i)),
      router: (i) => call('tickets.get', { id: pick(f.ticketIds, i) }),
      raw: (i) => {
        const id = pick(f.ticketIds, i);
        return [detailTicket.get(id), detailTimeline.all(id), detailOrders.all(id), detailItems.all(id)];
      },
    },
    search('search: common word', f.words.common, `"${f.words.common}"*`),
    search('search: rare word', f.words.rare, `"${f.words.rare}"*`),
    search('search: prefix', f.words.prefix, `"${f.words.prefix}"*`),
    search('search: accented', f.words.accented, `"${f.words.accented.toLowerCase()}"*`),
    search('search: word in every ticket', f.words.everywhere, `"${f.words.everywhere}"*`),
    {
      name: 'agenda: technician week',
      group: 'agenda',
      service: () => agenda(ctx, { technicianId: f.technicianId, from: f.weekFrom, to: f.weekTo }),
      router: () => call('workOrders.agenda', { technicianId: f.technicianId, from: f.weekFrom, to: f.weekTo }),
      raw: () => agendaRaw.all(f.weekFrom, f.weekTo, f.technicianId),
    },
    {
      name: 'dispatch queue',
      group: 'agenda',
      service: () => dispatchQueue(ctx, {}),
      router: () => call('workOrders.dispatchQueue', {}),
      raw: () => queue.all(),
    },
    {
      name: 'Atrasadas: dispatcher',
      group: 'overdue',
      service: () => overdueWorkOrders(ctx, {}),
      router: () => call('workOrders.overdue', {}),
      raw: () => overdueAll(),
    },
    {
      name: 'Atrasadas: one technician',
      group: 'overdue',
      service: () => overdueWorkOrders(ctx, { technicianId: f.technicianId }),
      router: () => call('workOrders.overdue', { technicianId: f.technicianId }),
      raw: () => overdueOne(f.technicianId),
    },
    {
      name: 'serial trace',
      group: 'trace',
      service: (i) => traceSerial(ctx, pick(f.serials, i)),
      router: (i) => call('workOrders.traceSerial', { serialNumber: pick(f.serials, i) }),
      raw: (i) => traceRaw(pick(f.serials, i)),
    },
    ...customerCases(call, ctx, f),
    ...boardCases(call, ctx, f),
    ...searchCases(call, ctx, f),
  ];
}

/** A value that answers a required item of this kind. */
const requiredAnswer = (kind: ChecklistItemKind): boolean | number | string => (kind === 'check' ? true : kind === 'number' ? 1 : 'Hecho');

/** The cheapest write case: the op log's floor (opLogFloor.ts) is set against its figure without the op log. */
export const CREATE_CUSTOMER_CASE = 'create customer';

export function writeCases(call: Call, f: Fixtures, backend: Backend): WriteCase[] {
  const created: string[] = [];
  const requested: { id: string; version: number }[] = [];
  const started: { id: string; version: number }[] = [];
  const closable: { id: string; version: number; workOrders: { id: string; version: number; status: string; technician: { id: string } | null }[] }[] = [];
  const customers: { id: string; version: number }[] = [];
  // The write cases' visits (about a thousand, one technician, one instant) go four months ahead: on tomorrow they
  // sat in the week the renderer's board measures later in the same run, one row holding a thousand blocks.
  const farAhead = () => new Date(backend.clock.now().getTime() + 120 * 86_400_000).toISOString();
  return [
    {
      name: 'create ticket',
      run: async (i) => {
        const t = (await call('tickets.create', { title: `Avería de prueba ${i}`, description: 'El equipo no enciende', customerId: f.customerId })) as {
          id: string;
        };
        created.push(t.id);
      },
    },
    { name: 'add note', run: (i) => call('tickets.addNote', { id: pick(created, i), content: `Nota de prueba ${i}` }) },
    {
      name: 'request visit',
      run: async (i) => {
        requested.push((await call('workOrders.requestVisit', { ticketId: pick(created, i), otType: 'repair' })) as { id: string; version: number });
      },
    },
    {
      name: 'complete OT',
      setup: async (count) => {
        for (const wo of requested.splice(0, count)) {
          const s = (await call('workOrders.schedule', { id: wo.id, version: wo.version, technicianId: f.technicianId, scheduledDate: farAhead(), confirmOverlap: true })) as {
            id: string;
            version: number;
          };
          let ot = (await call('workOrders.start', { id: s.id, version: s.version })) as { id: string; version: number };
          // The demo data's OT types have required checklist items: answered here, untimed, as a technician would first.
          const { counts, items } = (await call('workOrders.checklist', { id: ot.id })) as ChecklistDto;
          for (const item of items.filter((entry) => entry.required && counts.missingRequired.includes(entry.label))) {
            ot = (await call('workOrders.answerChecklist', { id: ot.id, version: ot.version, itemKey: item.key, value: requiredAnswer(item.kind) })) as typeof ot;
          }
          started.push(ot);
        }
      },
      run: async () => {
        const wo = started.shift();
        if (!wo) throw new Error('no started OT left to complete');
        await call('workOrders.complete', { id: wo.id, version: wo.version, workDone: 'Cambio de fuente de alimentación' });
      },
    },
    {
      name: 'close ticket',
      setup: async (count) => {
        for (const id of created.splice(0, count)) closable.push((await call('tickets.get', { id })) as (typeof closable)[number]);
      },
      run: async () => {
        const t = closable.shift();
        if (!t) throw new Error('no ticket left to close');
        // Each OT still open is decided, as the close dialog asks: completed when a technician holds it (the dialog
        // offers no completion of a visit nobody was assigned), else cancelled.
        const open = t.workOrders.filter((w) => w.status !== 'completed' && w.status !== 'cancelled');
        const workOrders = open.map((w) =>
          w.technician
            ? { id: w.id, version: w.version, action: 'complete' as const, workDone: 'Fuente sustituida' }
            : { id: w.id, version: w.version, action: 'cancel' as const, reason: 'No hace falta la visita' },
        );
        await call('tickets.close', { id: t.id, version: t.version, resolution: 'Resuelto: fuente sustituida', workOrders });
      },
    },
    // Customers: each new or renamed name is looked up among the others (the duplicate-customer rule), 5,000 here.
    {
      name: CREATE_CUSTOMER_CASE,
      run: async (i) => {
        customers.push((await call('customers.create', { name: `Cliente de prueba ${i}`, town: 'Sevilla', phone: '954 000 000' })) as { id: string; version: number });
      },
    },
    {
      name: 'rename customer',
      run: async (i) => {
        const customer = pick(customers, i);
        customer.version = ((await call('customers.update', { id: customer.id, version: customer.version, name: `Cliente renombrado ${i}` })) as { version: number }).version;
      },
    },
    ...busyTicketWriteCases(call, backend.database.sqlite),
  ];
}
