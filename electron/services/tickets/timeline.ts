// The append-only timeline: one writer (appendEvent) and the row-to-DTO mapping every reader shares.
import type Database from 'better-sqlite3';
import type { TimelineEventType } from '../../../shared/enums';
import type { AppDb } from '../../../db/open';
import { ticketTimeline } from '../../../db/schema';
import type { TimelineEventDto } from '../../contract';
import { telemetryMetaForReply } from '../../contract/telemetrySummary';
import { newId } from '../ids';
import { prepared } from '../sql';
import { insertRow } from '../tableRows';

export interface NewTimelineEvent {
  ticketId: string;
  authorId: string | null;
  eventType: TimelineEventType;
  content: string;
  metaData?: Record<string, unknown> | null;
  at: string;
}

export function appendEvent(tx: AppDb, event: NewTimelineEvent): string {
  const id = newId();
  insertRow(tx, ticketTimeline, {
    id,
    ticketId: event.ticketId,
    authorId: event.authorId,
    eventType: event.eventType,
    content: event.content,
    metaData: event.metaData ?? null,
    createdAt: event.at,
    updatedAt: event.at,
  });
  return id;
}

export interface TimelineRow {
  id: string;
  ticket_id: string;
  event_type: TimelineEventDto['eventType'];
  content: string;
  meta_data: string | null;
  created_at: string;
  author_id: string | null;
  author_full_name: string | null;
  author_username: string | null;
}

/** A telemetry event carries a summary of its readings, not the readings (issue 17: the reply stays small). */
function eventMeta(r: TimelineRow): Record<string, unknown> | null {
  const meta = r.meta_data === null ? null : (JSON.parse(r.meta_data) as Record<string, unknown>);
  return r.event_type === 'telemetry' ? telemetryMetaForReply(meta) : meta;
}

/** The columns and joins every timeline read selects (`e` the event, `u` its author), mapped by toTimelineEvent. */
export const TIMELINE_SELECT = `SELECT e.id, e.ticket_id, e.event_type, e.content, e.meta_data, e.created_at,
              u.id AS author_id, u.full_name AS author_full_name, u.username AS author_username
       FROM ticket_timeline e LEFT JOIN users u ON u.id = e.author_id`;

export function toTimelineEvent(r: TimelineRow): TimelineEventDto {
  return {
    id: r.id,
    ticketId: r.ticket_id,
    eventType: r.event_type,
    content: r.content,
    metaData: eventMeta(r),
    author: r.author_id ? { id: r.author_id, fullName: r.author_full_name ?? '', username: r.author_username ?? '' } : null,
    createdAt: r.created_at,
  };
}

/** The whole timeline, oldest first (the ticket PDF); screens read pages (timelinePage.ts). Ties (one transaction
 *  writes several events at the same instant) keep insert order via the UUIDv7 id. */
export function loadTimeline(sqlite: Database.Database, ticketId: string): TimelineEventDto[] {
  const rows = prepared(sqlite, `${TIMELINE_SELECT} WHERE e.ticket_id = ? ORDER BY e.created_at, e.id`).all(ticketId) as TimelineRow[];
  return rows.map(toTimelineEvent);
}
