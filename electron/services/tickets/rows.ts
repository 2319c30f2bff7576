// Reading tickets as DTOs: the summary SELECT (lists) and the full detail (ticket screen).
import type Database from 'better-sqlite3';
import type { TicketPriority, TicketStatus } from '../../../shared/enums';
import { notFound, type TicketDetail, type TicketSummary, type UserRef } from '../../contract';
import { currentSlaClock, type TicketSla } from '../../../shared/sla';
import { slaClockColumns, slaClocksOfRow, slaSummary, slaSummaryColumns, slaSummaryOf, type SlaSummaryRow } from '../sla';
import { workOrdersOfTicket } from '../workOrders';
import { ticketSlaClocks } from './clocks';
import { formerCodesOf } from './codes';
import { loadTimeline } from './timeline';
import { loadTimelinePage } from './timelinePage';
import { prepared } from '../sql';

export const TICKET_SUMMARY_COLUMNS = `
  t.id, t.code, t.title, t.status, t.priority, t.created_at, t.updated_at, t.version,
  cat.id AS category_id, cat.name AS category_name,
  c.id AS customer_id, c.name AS customer_name,
  a.id AS assignee_id, a.full_name AS assignee_full_name, a.username AS assignee_username,
  ${slaSummaryColumns('sla')}`;

export const TICKET_SUMMARY_JOINS = `
  LEFT JOIN ticket_categories cat ON cat.id = t.category_id
  LEFT JOIN customers c ON c.id = t.customer_id
  LEFT JOIN users a ON a.id = t.assigned_to_id
  LEFT JOIN ticket_sla sla ON sla.ticket_id = t.id`;

export interface TicketSummaryRow extends SlaSummaryRow {
  id: string;
  code: string;
  title: string;
  status: TicketStatus;
  priority: TicketPriority;
  created_at: string;
  updated_at: string;
  version: number;
  category_id: string | null;
  category_name: string | null;
  customer_id: string | null;
  customer_name: string | null;
  assignee_id: string | null;
  assignee_full_name: string | null;
  assignee_username: string | null;
}

const userRef = (id: string | null, fullName: string | null, username: string | null): UserRef | null =>
  id ? { id, fullName: fullName ?? '', username: username ?? '' } : null;

/** `nowMs` decides the SLA state shown (ok, at risk, breached…). */
export function toTicketSummary(r: TicketSummaryRow, nowMs: number): TicketSummary {
  return {
    id: r.id,
    code: r.code,
    title: r.title,
    status: r.status,
    priority: r.priority,
    category: r.category_id ? { id: r.category_id, name: r.category_name ?? '' } : null,
    customer: r.customer_id ? { id: r.customer_id, name: r.customer_name ?? '' } : null,
    assignedTo: userRef(r.assignee_id, r.assignee_full_name, r.assignee_username),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
    sla: slaSummaryOf(r, nowMs),
  };
}

/** The summary's SLA from freshly computed clocks (the detail computes them from the timeline it just read). */
export function slaSummaryFrom(sla: TicketSla, nowMs: number): TicketSummary['sla'] {
  const current = currentSlaClock(sla);
  return slaSummary(current.kind, current.clock, nowMs);
}

interface TicketDetailRow extends TicketSummaryRow {
  description: string;
  resolution: string | null;
  closed_at: string | null;
  creator_id: string | null;
  creator_full_name: string | null;
  creator_username: string | null;
  c_contact_name: string | null;
  c_phone: string | null;
  c_email: string | null;
  c_address: string | null;
  c_town: string | null;
  c_notes: string | null;
  c_created_at: string | null;
  c_updated_at: string | null;
  c_version: number | null;
}

// One text built once: the statement cache looks it up by its text at every call.
const TICKET_DETAIL_SQL = `SELECT ${TICKET_SUMMARY_COLUMNS}, t.description, t.resolution, t.closed_at,
              cr.id AS creator_id, cr.full_name AS creator_full_name, cr.username AS creator_username,
              c.contact_name AS c_contact_name, c.phone AS c_phone, c.email AS c_email, c.address AS c_address, c.town AS c_town,
              c.notes AS c_notes, c.version AS c_version, c.created_at AS c_created_at, c.updated_at AS c_updated_at,
              ${slaClockColumns('sla')}
       FROM tickets t ${TICKET_SUMMARY_JOINS}
       LEFT JOIN users cr ON cr.id = t.creator_id
       WHERE t.id = ?`;

/** `nowMs` decides the SLA state shown; the clocks come from the ticket's clock events read here, never stale.
 *  The timeline is the latest page (timelinePage.ts); ticketWithWholeTimeline has every event. */
export function getTicketDetail(sqlite: Database.Database, id: string, nowMs: number = Date.now()): TicketDetail {
  const r = prepared(sqlite, TICKET_DETAIL_SQL).get(id) as TicketDetailRow | undefined;
  if (!r) throw notFound('ticket', id);
  const page = loadTimelinePage(sqlite, id);
  // The stored clocks come with the row; inside a write (not yet refreshed) or with no row yet they are computed.
  const slaClocks = (sqlite.inTransaction ? null : slaClocksOfRow(r as unknown as Record<string, unknown>)) ?? ticketSlaClocks(sqlite, r);
  return {
    ...toTicketSummary(r, nowMs),
    sla: slaSummaryFrom(slaClocks, nowMs),
    slaClocks,
    description: r.description,
    formerCodes: formerCodesOf(sqlite, 'ticket', [id]).get(id) ?? [],
    creator: userRef(r.creator_id, r.creator_full_name, r.creator_username),
    customerDetail: r.customer_id
      ? {
          id: r.customer_id,
          name: r.customer_name ?? '',
          contactName: r.c_contact_name,
          phone: r.c_phone,
          email: r.c_email,
          address: r.c_address,
          town: r.c_town,
          notes: r.c_notes,
          version: r.c_version ?? 1,
          createdAt: r.c_created_at ?? '',
          updatedAt: r.c_updated_at ?? '',
        }
      : null,
    resolution: r.resolution,
    closedAt: r.closed_at,
    timeline: page.items,
    timelineOlderCursor: page.olderCursor,
    workOrders: workOrdersOfTicket(sqlite, id),
  };
}

/** The detail with every timeline event, oldest first: the ticket PDF prints the whole history. */
export function ticketWithWholeTimeline(sqlite: Database.Database, id: string, nowMs: number = Date.now()): TicketDetail {
  return { ...getTicketDetail(sqlite, id, nowMs), timeline: loadTimeline(sqlite, id), timelineOlderCursor: null };
}
