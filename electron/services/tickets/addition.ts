// What adding to the timeline answers: the event written and the ticket's header after it (a few hundred bytes),
// instead of the whole ticket, whose history a note must not pay for.
import type Database from 'better-sqlite3';
import { notFound, type TimelineAddition } from '../../contract';
import { prepared } from '../sql';
import { ticketSlaClocks } from './clocks';
import { slaSummaryFrom, TICKET_SUMMARY_COLUMNS, TICKET_SUMMARY_JOINS, toTicketSummary, type TicketSummaryRow } from './rows';
import { TIMELINE_SELECT, toTimelineEvent, type TimelineRow } from './timeline';

export function timelineAddition(sqlite: Database.Database, ticketId: string, eventId: string, nowMs: number): TimelineAddition {
  const row = prepared(sqlite, `SELECT ${TICKET_SUMMARY_COLUMNS} FROM tickets t ${TICKET_SUMMARY_JOINS} WHERE t.id = ?`).get(ticketId) as TicketSummaryRow | undefined;
  const event = prepared(sqlite, `${TIMELINE_SELECT} WHERE e.id = ?`).get(eventId) as TimelineRow | undefined;
  if (!row) throw notFound('ticket', ticketId);
  if (!event) throw notFound('timeline event', eventId);
  const slaClocks = ticketSlaClocks(sqlite, row);
  return { ticket: { ...toTicketSummary(row, nowMs), sla: slaSummaryFrom(slaClocks, nowMs), slaClocks }, event: toTimelineEvent(event) };
}
