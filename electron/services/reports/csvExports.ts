// Ticket and work order CSV exports: every page of the domain's own list query, same filters as the screens.
import type { z } from 'zod';
import type { FilePayload, TicketSummary, WorkOrderDto } from '../../contract';
import type { ticketFilter } from '../../contract/tickets';
import type { workOrderFilter } from '../../contract/workOrders';
import type { ServiceContext } from '../context';
import { listTickets } from '../tickets';
import { listWorkOrders } from '../workOrders';
import { toCsvBytes, type CsvCell } from './csv';
import { localDateOf } from '../../contract/zonedTime';
import { companyTimeZone } from '../timeZone';
import type { Labels } from './labels';

export type TicketFilter = z.output<typeof ticketFilter>;
export type WorkOrderFilter = z.output<typeof workOrderFilter>;

const PAGE_SIZE = 200;
const CSV_MIME = 'text/csv; charset=utf-8';
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Follows nextCursor to the end, yielding between pages so a big export never freezes other calls. */
async function everyPage<T>(fetch: (cursor: string | undefined) => { items: T[]; nextCursor: string | null }): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = fetch(cursor);
    all.push(...page.items);
    if (!page.nextCursor) return all;
    cursor = page.nextCursor;
    await yieldToEventLoop();
  }
}

export function ticketCsvHeader(t: Labels): string[] {
  return [t.code, t.title, t.status, t.priority, t.category, t.customer, t.assignedTo, t.created, t.updated];
}

export function ticketCsvRow(ticket: TicketSummary, t: Labels): CsvCell[] {
  return [
    ticket.code,
    ticket.title,
    t.ticketStatus[ticket.status],
    t.ticketPriority[ticket.priority],
    ticket.category?.name ?? null,
    ticket.customer?.name ?? null,
    ticket.assignedTo?.fullName ?? null,
    ticket.createdAt,
    ticket.updatedAt,
  ];
}

export function workOrderCsvHeader(t: Labels): string[] {
  return [
    t.code,
    t.ticket,
    t.ticketTitle,
    t.customer,
    t.type,
    t.status,
    t.technician,
    t.scheduled,
    t.started,
    t.completed,
    t.durationMinutes,
    t.notes,
  ];
}

export function workOrderCsvRow(wo: WorkOrderDto, t: Labels): CsvCell[] {
  return [
    wo.code,
    wo.ticketCode,
    wo.ticketTitle,
    wo.customer?.name ?? null,
    t.workOrderType[wo.otType],
    t.workOrderStatus[wo.status],
    wo.technician?.fullName ?? null,
    wo.scheduledDate,
    wo.startedAt,
    wo.completedAt,
    wo.totalDuration === null ? null : Math.round(wo.totalDuration / 60),
    wo.notes,
  ];
}

/** "2026-03-02", today on the company's calendar, for file names. */
function day(ctx: ServiceContext): string {
  return localDateOf(companyTimeZone(ctx.sqlite), ctx.clock.now());
}

export async function exportTicketsCsv(ctx: ServiceContext, filter: TicketFilter, t: Labels): Promise<FilePayload> {
  const tickets = await everyPage((cursor) =>
    listTickets(ctx, { ...filter, sort: 'created_at', limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) }),
  );
  const rows = tickets.reverse().map((ticket) => ticketCsvRow(ticket, t));
  return { fileName: `tickets-${day(ctx)}.csv`, mimeType: CSV_MIME, bytes: toCsvBytes(ticketCsvHeader(t), rows) };
}

export async function exportWorkOrdersCsv(ctx: ServiceContext, filter: WorkOrderFilter, t: Labels): Promise<FilePayload> {
  const orders = await everyPage((cursor) => listWorkOrders(ctx, { ...filter, limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) }));
  const rows = orders.reverse().map((wo) => workOrderCsvRow(wo, t));
  return { fileName: `work-orders-${day(ctx)}.csv`, mimeType: CSV_MIME, bytes: toCsvBytes(workOrderCsvHeader(t), rows) };
}
