// The open ticket's timeline as the screen holds it: the latest page from tickets.get, the older pages asked for with
// "Ver anteriores", and the events added since, merged without gaps or duplicates, oldest first as the server orders them.
import type { TicketDetail, TimelineAddition, TimelineEventDto, TimelinePage } from '../../../../electron/contract';

/** The server's order: created_at, then id (UUIDv7, so one transaction's events keep their insert order). */
export function compareEvents(a: Pick<TimelineEventDto, 'createdAt' | 'id'>, b: Pick<TimelineEventDto, 'createdAt' | 'id'>): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Both lists' events once each, in order (an event carried by both keeps the newer copy, `later`'s). */
function union(earlier: readonly TimelineEventDto[], later: readonly TimelineEventDto[]): TimelineEventDto[] {
  const byId = new Map<string, TimelineEventDto>();
  for (const event of earlier) byId.set(event.id, event);
  for (const event of later) byId.set(event.id, event);
  return [...byId.values()].sort(compareEvents);
}

/**
 * A freshly read ticket (tickets.get, or a change that answers the whole ticket) over what the screen holds: the older
 * pages already shown stay when the fresh latest page reaches back into them; otherwise (another ticket, or more new
 * events than a page since) the fresh ticket alone, so the screen never shows a hole in the history.
 */
export function withFreshDetail(current: TicketDetail | null, fresh: TicketDetail): TicketDetail {
  if (!current || current.id !== fresh.id || fresh.timelineOlderCursor === null) return fresh;
  const oldestFresh = fresh.timeline[0];
  const newestShown = current.timeline.at(-1);
  if (!oldestFresh || !newestShown || compareEvents(newestShown, oldestFresh) < 0) return fresh;
  const older = current.timeline.filter((event) => compareEvents(event, oldestFresh) < 0);
  if (older.length === 0) return fresh;
  return { ...fresh, timeline: union(older, fresh.timeline), timelineOlderCursor: current.timelineOlderCursor };
}

/** A note or contact just added: its event joins the timeline and the header (updatedAt, SLA) takes the reply's. */
export function withAddition(current: TicketDetail, addition: TimelineAddition): TicketDetail {
  if (current.id !== addition.ticket.id) return current;
  return { ...current, ...addition.ticket, timeline: union(current.timeline, [addition.event]) };
}

/** An older page ("Ver anteriores") before what is shown; `before` is the cursor it was asked with, so a page that
 *  no longer fits (the timeline was replaced meanwhile) is dropped rather than leaving a hole. */
export function withOlderPage(current: TicketDetail, before: string, page: TimelinePage): TicketDetail {
  if (current.timelineOlderCursor !== before) return current;
  return { ...current, timeline: union(page.items, current.timeline), timelineOlderCursor: page.olderCursor };
}
