// A ticket's timeline by pages, newest page first: the ticket screen shows the latest events and asks for older ones
// ("Ver anteriores"), so a ticket with years of notes answers in tens of KB. Keyset on (created_at, id), the order of
// ix_ticket_timeline_ticket_id_created_at: an event added meanwhile never shifts an older page.
import type Database from 'better-sqlite3';
import { TIMELINE_PAGE_SIZE } from '../../contract/tickets';
import { notFound, type TimelineEventDto, type TimelinePage } from '../../contract';
import { decodeCursor, encodeCursor } from '../search';
import { limitSql, prepared } from '../sql';
import { TIMELINE_SELECT, toTimelineEvent, type TimelineRow } from './timeline';

const CURSOR_KIND = 'timeline';

/** The cursor that asks for the events older than this one. */
export const olderCursorOf = (event: Pick<TimelineEventDto, 'createdAt' | 'id'>): string => encodeCursor(CURSOR_KIND, [event.createdAt, event.id]);

/** The `limit` events just before `before` (the latest without it), oldest first; a tampered cursor is a VALIDATION error. */
export function loadTimelinePage(sqlite: Database.Database, ticketId: string, before?: string, limit: number = TIMELINE_PAGE_SIZE): TimelinePage {
  const key = before ? decodeCursor(before, CURSOR_KIND, 2) : null;
  // One row more than asked says whether anything older is left.
  const limitClause = limitSql(limit + 1);
  const rows = (
    key
      ? prepared(sqlite, `${TIMELINE_SELECT} WHERE e.ticket_id = ? AND (e.created_at, e.id) < (?, ?) ORDER BY e.created_at DESC, e.id DESC ${limitClause}`).all(
          ticketId,
          key[0],
          key[1],
        )
      : prepared(sqlite, `${TIMELINE_SELECT} WHERE e.ticket_id = ? ORDER BY e.created_at DESC, e.id DESC ${limitClause}`).all(ticketId)
  ) as TimelineRow[];
  const items = rows.slice(0, limit).reverse().map(toTimelineEvent);
  const first = items[0];
  return { items, olderCursor: rows.length > limit && first ? olderCursorOf(first) : null };
}

/** tickets.timeline: a page of an existing ticket's timeline (an unknown ticket is NOT_FOUND, as tickets.get). */
export function ticketTimelinePage(sqlite: Database.Database, ticketId: string, before?: string, limit?: number): TimelinePage {
  if (!prepared(sqlite, 'SELECT 1 FROM tickets WHERE id = ?').get(ticketId)) throw notFound('ticket', ticketId);
  return loadTimelinePage(sqlite, ticketId, before, limit);
}
