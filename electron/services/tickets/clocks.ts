// A ticket's two SLA clocks: as stored, or (no row yet) from its clock-moving events only (status moves, contacts, OTs,
// closes), not its whole timeline: notes never move a clock, and a ticket with 2,000 notes has a handful of these.
import type Database from 'better-sqlite3';
import type { TicketPriority, TicketStatus, TimelineEventType } from '../../../shared/enums';
import { computeTicketSla, type TicketSla } from '../../../shared/sla';
import { CLOCK_EVENTS, readSlaTargets, storedClocksOf } from '../sla';
import { prepared } from '../sql';

const EVENT_LIST = CLOCK_EVENTS.map((type) => `'${type}'`).join(', ');

interface ClockEventRow {
  event_type: TimelineEventType;
  author_id: string | null;
  created_at: string;
  meta_to: string | null;
}

/** The ticket's row as the clocks need it. */
export interface ClockTicket {
  id: string;
  created_at: string;
  status: TicketStatus;
  priority: TicketPriority;
}

/**
 * Both clocks: as stored (ticket_sla, recomputed as every write that moves them commits), or computed from the events
 * inside a write (its reply is made before the op log refreshes the row) and for a ticket with no row yet.
 */
export function ticketSlaClocks(sqlite: Database.Database, ticket: ClockTicket): TicketSla {
  return (sqlite.inTransaction ? null : storedClocksOf(sqlite, ticket.id)) ?? computedSlaClocks(sqlite, ticket);
}

/** Both clocks, as computeTicketSla gives them from the whole timeline (the events left out only pass time). */
function computedSlaClocks(sqlite: Database.Database, ticket: ClockTicket): TicketSla {
  const events = prepared(
    sqlite,
    `SELECT event_type, author_id, created_at, json_extract(meta_data, '$.to') AS meta_to FROM ticket_timeline
     WHERE ticket_id = ? AND event_type IN (${EVENT_LIST}) ORDER BY created_at, id`,
  ).all(ticket.id) as ClockEventRow[];
  return computeTicketSla(
    { createdAt: ticket.created_at, status: ticket.status, priority: ticket.priority },
    events.map((e) => ({ eventType: e.event_type, authorId: e.author_id, createdAt: e.created_at, metaData: e.meta_to === null ? null : { to: e.meta_to } })),
    readSlaTargets(sqlite),
  );
}
