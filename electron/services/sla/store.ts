// The local table ticket_sla: each ticket's SLA clocks (shared/sla.ts) computed from its row and timeline and kept
// beside it, so the list sorts and filters by due through an index. Derived data: never replicated, refreshed in the
// transaction of whatever touched the ticket (a local write or a merge), rebuilt where missing at startup.
import type Database from 'better-sqlite3';
import type { TicketPriority, TicketStatus, TimelineEventType } from '../../../shared/enums';
import { CLOCK_EVENTS, DEFAULT_SLA_TARGETS, computeTicketSla, currentSlaClock, type SlaClock, type SlaTargets, type TicketSla } from '../../../shared/sla';
import { slaTargetsInput } from '../../contract/slaTargets';
import { prepared } from '../sql';

export { CLOCK_EVENTS };
/** Written exactly as ix_ticket_timeline_clock_events' WHERE (db/schema.ts), so the planner may read that partial index. */
const EVENT_LIST = CLOCK_EVENTS.map((type) => `'${type}'`).join(', ');
// Both reads below name their index: on a copy without ANALYZE statistics (a member that joined from a snapshot, until
// its first close) the planner walked ix_ticket_timeline_event_type through every clock event of every ticket instead,
// 8 ms a merged page at 3,000 tickets and growing with the timeline.
/** The clock events of the tickets in a JSON array, through the partial index that holds exactly those events. */
export const CLOCK_EVENTS_OF_TICKETS_SQL = `SELECT ticket_id, event_type, author_id, created_at, json_extract(meta_data, '$.to') AS meta_to
  FROM ticket_timeline INDEXED BY ix_ticket_timeline_clock_events
  WHERE ticket_id IN (SELECT value FROM json_each(?)) AND event_type IN (${EVENT_LIST}) ORDER BY ticket_id, created_at, id`;
/** The tickets of those events in a JSON array that move a clock: each event found by its id (`+` keeps event_type off any index). */
export const CLOCK_EVENT_OWNERS_SQL = `SELECT DISTINCT ticket_id AS id FROM ticket_timeline
  WHERE id IN (SELECT value FROM json_each(?)) AND +event_type IN (${EVENT_LIST})`;
/** Tickets computed per round trip: bounded statements, one index probe per ticket. */
const CHUNK = 500;
/** sort_due of a ticket with no running clock: after every ISO instant, so "by due" puts it last. */
export const NO_DUE = '~';

/** The last stored targets text and what it parsed to: every clock-moving write reads them, and they rarely change. */
let lastTargets: { text: string; targets: SlaTargets } | null = null;

/** The company's SLA targets as stored (settings key slaTargets), or the defaults when unset or unreadable. */
export function readSlaTargets(sqlite: Database.Database): SlaTargets {
  const row = prepared(sqlite, "SELECT value FROM settings WHERE key = 'slaTargets'").get() as { value: string } | undefined;
  if (!row) return DEFAULT_SLA_TARGETS;
  if (lastTargets?.text === row.value) return lastTargets.targets;
  let targets: SlaTargets;
  try {
    const parsed = slaTargetsInput.safeParse(JSON.parse(row.value));
    targets = parsed.success ? parsed.data : DEFAULT_SLA_TARGETS;
  } catch {
    targets = DEFAULT_SLA_TARGETS;
  }
  lastTargets = { text: row.value, targets };
  return targets;
}

interface TicketRow {
  id: string;
  created_at: string;
  status: TicketStatus;
  priority: TicketPriority;
}
interface EventRow {
  ticket_id: string;
  event_type: TimelineEventType;
  author_id: string | null;
  created_at: string;
  meta_to: string | null;
}

const clockColumns = (prefix: string) =>
  ['target', 'elapsed_ms', 'since', 'due_at', 'risk_at', 'done_at', 'outcome'].map((name) => `${prefix}_${name}`);
const COLUMNS = [
  'ticket_id',
  'sort_due',
  'status',
  ...['kind', 'target', 'elapsed_ms', 'since', 'risk_at', 'outcome'].map((name) => `next_${name}`),
  ...clockColumns('response'),
  ...clockColumns('resolution'),
];
const clockValues = (clock: SlaClock) => [clock.targetMinutes, clock.elapsedMs, clock.since, clock.dueAt, clock.riskAt, clock.doneAt, clock.outcome];

/** Columns some index of ticket_sla holds: an UPDATE that names one rewrites that index's entry even when its value is the same. */
const INDEXED = new Set(['sort_due', 'status', 'next_risk_at']);
const VALUE_COLUMNS = COLUMNS.slice(1);
const PLAIN_COLUMNS = VALUE_COLUMNS.filter((name) => !INDEXED.has(name));

interface Computed {
  sla: TicketSla;
  status: TicketStatus;
}

interface Chunk {
  /** The tickets found, with their stored ticket_sla row (null when none). */
  stored: Map<string, Record<string, unknown> | null>;
  /** Their recomputed clocks (absent when a ticket's cannot be computed). */
  computed: Map<string, Computed>;
}

function computeChunk(sqlite: Database.Database, ids: readonly string[], targets: SlaTargets): Chunk {
  const json = JSON.stringify(ids);
  // The stored row comes along (one probe of its primary key), so the write can skip what did not change.
  const tickets = prepared(
    sqlite,
    `SELECT t.id, t.created_at, t.status, t.priority, ${COLUMNS.map((name) => `s.${name} AS "s.${name}"`).join(', ')}
     FROM tickets t LEFT JOIN ticket_sla s ON s.ticket_id = t.id WHERE t.id IN (SELECT value FROM json_each(?))`,
  ).all(json) as (TicketRow & Record<string, unknown>)[];
  const events = prepared(sqlite, CLOCK_EVENTS_OF_TICKETS_SQL).all(json) as EventRow[];
  const byTicket = new Map<string, EventRow[]>();
  for (const event of events) {
    const list = byTicket.get(event.ticket_id);
    if (list) list.push(event);
    else byTicket.set(event.ticket_id, [event]);
  }
  const out = new Map<string, Computed>();
  const stored = new Map<string, Record<string, unknown> | null>();
  for (const ticket of tickets) {
    stored.set(ticket.id, ticket['s.ticket_id'] === null ? null : Object.fromEntries(COLUMNS.map((name) => [name, ticket[`s.${name}`]])));
    const timeline = (byTicket.get(ticket.id) ?? []).map((e) => ({
      eventType: e.event_type,
      authorId: e.author_id,
      createdAt: e.created_at,
      metaData: e.meta_to === null ? null : { to: e.meta_to },
    }));
    // Derived data never fails the write or the merge that touched the ticket: a ticket whose clock cannot be
    // computed (rows another copy sent with anything in them) just has no SLA row, and shows no due.
    try {
      out.set(ticket.id, { sla: computeTicketSla({ createdAt: ticket.created_at, status: ticket.status, priority: ticket.priority }, timeline, targets), status: ticket.status });
    } catch {
      continue;
    }
  }
  return { stored, computed: out };
}

function rowValues(row: Computed): unknown[] {
  const sla = row.sla;
  const current = currentSlaClock(sla);
  const now = current.clock;
  // A clock that ended (met or missed) is due no more: it sorts last and is never 'overdue' in the list.
  const due = now.outcome ? NO_DUE : (now.dueAt ?? NO_DUE);
  return [due, row.status, current.kind, now.targetMinutes, now.elapsedMs, now.since, now.riskAt, now.outcome, ...clockValues(sla.response), ...clockValues(sla.resolution)].map(
    (value) => value ?? null,
  );
}

/**
 * The UPDATE of a row whose values changed: every column no index holds (they share the row's page), and of the indexed
 * ones only those that changed, so an index whose key stayed is not written (at most 2^3 statement shapes).
 */
function updateStatement(sqlite: Database.Database, changedIndexed: readonly string[]): Database.Statement {
  const set = [...PLAIN_COLUMNS, ...changedIndexed].map((name) => `${name} = @${name}`).join(', ');
  return prepared(sqlite, `UPDATE ticket_sla SET ${set} WHERE ticket_id = @ticket_id`);
}

/**
 * Writes the computed rows, touching only what changed: a row equal to the stored one is not written at all (most
 * refreshes: a reopen-free merge, targets that move nothing), a changed row is updated in place (no delete and insert of
 * every index entry, as INSERT OR REPLACE did), a new one inserted, one that can no longer be computed removed.
 */
function writeChunk(sqlite: Database.Database, ids: readonly string[], { stored, computed }: Chunk): void {
  const insert = prepared(sqlite, `INSERT INTO ticket_sla (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`);
  const remove = prepared(sqlite, 'DELETE FROM ticket_sla WHERE ticket_id = ?');
  for (const id of ids) {
    const row = computed.get(id);
    const before = stored.get(id);
    if (!row) {
      // No clock: a ticket whose clock cannot be computed keeps no row; a ticket not found leaves none behind.
      if (before !== null) remove.run(id);
      continue;
    }
    const values = rowValues(row);
    if (!before) {
      insert.run(id, ...values);
      continue;
    }
    const changed = VALUE_COLUMNS.filter((name, index) => before[name] !== values[index]);
    if (changed.length === 0) continue;
    const changedIndexed = [...INDEXED].filter((name) => changed.includes(name));
    const params: Record<string, unknown> = { ticket_id: id };
    for (const name of [...PLAIN_COLUMNS, ...changedIndexed]) params[name] = values[VALUE_COLUMNS.indexOf(name)];
    updateStatement(sqlite, changedIndexed).run(params);
  }
}

/** Recomputes the SLA rows of these tickets (a ticket that no longer exists loses its row). Call inside a transaction. */
export function refreshTicketSla(sqlite: Database.Database, ticketIds: readonly string[]): void {
  if (ticketIds.length === 0) return;
  const targets = readSlaTargets(sqlite);
  const unique = [...new Set(ticketIds)];
  for (let start = 0; start < unique.length; start += CHUNK) {
    const ids = unique.slice(start, start + CHUNK);
    writeChunk(sqlite, ids, computeChunk(sqlite, ids, targets));
  }
}

/** Every ticket's SLA row again (the targets changed). */
export function refreshAllTicketSla(sqlite: Database.Database): void {
  const ids = (prepared(sqlite, 'SELECT id FROM tickets').all() as { id: string }[]).map((row) => row.id);
  refreshTicketSla(sqlite, ids);
}

/** Fills the rows of tickets that have none (a new table, a snapshot, rows loaded around the write path); returns how many. */
export function fillMissingTicketSla(sqlite: Database.Database): number {
  // Every row belongs to a ticket (the foreign key cascades), so equal counts mean none is missing: two index counts
  // at startup instead of a probe per ticket.
  const counts = prepared(sqlite, 'SELECT (SELECT count(*) FROM tickets) AS tickets, (SELECT count(*) FROM ticket_sla) AS rows').get() as { tickets: number; rows: number };
  if (counts.tickets === counts.rows) return 0;
  const ids = (
    prepared(sqlite, 'SELECT t.id FROM tickets t WHERE NOT EXISTS (SELECT 1 FROM ticket_sla s WHERE s.ticket_id = t.id)').all() as { id: string }[]
  ).map((row) => row.id);
  if (ids.length > 0) sqlite.transaction(() => refreshTicketSla(sqlite, ids))();
  return ids.length;
}

interface Touched {
  entity: string;
  rowId: string;
}

/** The ticket columns a clock reads (shared/sla.ts computeTicketSla): a write that changes none of them moves no clock. */
const CLOCK_TICKET_FIELDS = ['status', 'priority', 'created_at'];

/**
 * Whether a local op can move an SLA clock: a ticket's status, priority or creation, a timeline event of a kind that
 * moves one, or the targets. Most writes (a note, an assignment, a reading) touch the ticket row only for updated_at.
 */
export function opMovesSlaClock(op: { entity: string; rowId: string; kind: string; fields: Record<string, unknown> }): boolean {
  if (op.entity === 'tickets') return op.kind !== 'update' || CLOCK_TICKET_FIELDS.some((field) => field in op.fields);
  if (op.entity === 'ticket_timeline') return op.kind !== 'insert' || CLOCK_EVENTS.includes(op.fields.event_type as TimelineEventType);
  return op.entity === 'settings' && op.rowId === 'slaTargets';
}

/**
 * What a local op that moves a clock asks to refresh: a new timeline event names its ticket in its own fields, so the
 * write does not look the event up again to find it (one query fewer on every status move, contact or OT request).
 */
export function slaTouchOf(op: { entity: string; rowId: string; kind: string; fields: Record<string, unknown> }): Touched {
  const ticketId = op.fields.ticket_id;
  if (op.entity === 'ticket_timeline' && op.kind === 'insert' && typeof ticketId === 'string') return { entity: 'tickets', rowId: ticketId };
  return { entity: op.entity, rowId: op.rowId };
}

/** After a write or a merge: the tickets whose row or timeline changed, or all of them when the targets changed. */
export function refreshSlaForTouched(sqlite: Database.Database, touched: readonly Touched[]): void {
  if (touched.length === 0) return;
  if (touched.some((row) => row.entity === 'settings' && row.rowId === 'slaTargets')) return refreshAllTicketSla(sqlite);
  const tickets = touched.filter((row) => row.entity === 'tickets').map((row) => row.rowId);
  const events = touched.filter((row) => row.entity === 'ticket_timeline').map((row) => row.rowId);
  if (events.length > 0) {
    // Only events that move a clock matter: a note or a reading (most writes) leaves the SLA as it was.
    const owners = prepared(sqlite, CLOCK_EVENT_OWNERS_SQL).all(JSON.stringify(events)) as { id: string }[];
    for (const owner of owners) tickets.push(owner.id);
  }
  refreshTicketSla(sqlite, tickets);
}
