// Ticket and work order CSV exports: every page of the domain's own list query, same filters as the screens.
import type { z } from 'zod';
import type { FilePayload, TicketSummary, WorkOrderDto } from '../../contract';
import type { ticketFilter } from '../../contract/tickets';
import type { workOrderFilter } from '../../contract/workOrders';
import type { ServiceContext } from '../context';
import { listTickets } from '../tickets';
import { listsInDateOrder, listWorkOrders } from '../workOrders';
import { SPANISH_EXCEL_CSV, STANDARD_CSV, toCsvBytes, type CsvCell, type CsvDialect } from './csv';
import type { CsvFormat } from '../../contract/reports';
import { lastDayBefore, localDateOf, wallClock } from '../../contract/zonedTime';
import { companyTimeZone } from '../timeZone';
import type { Labels } from './labels';
import { slaClockState, type SlaClock, type TicketSla } from '../../../shared/sla';
import { storedTicketSla } from '../sla';
import { exportTechnicianScope } from './scope';
import { effectiveMinutes } from '../../contract/scheduling';
import type { WorkOrderDefaultMinutes } from '../../contract/estimatedMinutes';
import { readSetting } from '../settings';

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
  return [
    t.code,
    t.title,
    t.status,
    t.priority,
    t.category,
    t.customer,
    t.assignedTo,
    t.created,
    t.updated,
    t.sla.responseMinutes,
    t.sla.responseMet,
    t.sla.resolutionMinutes,
    t.sla.resolutionMet,
  ];
}

/** How one export writes its cells: the file's dialect and its date-times. */
export interface CsvStyle {
  dialect: CsvDialect;
  when: (iso: string | null) => CsvCell;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** 'dd/mm/aaaa hh:mm' on the company clock: what a Spanish Excel reads as a date-time. */
function spreadsheetDateTime(zone: string, iso: string): string {
  const wall = wallClock(zone, Date.parse(iso));
  return `${pad(wall.day)}/${pad(wall.month)}/${wall.year} ${pad(wall.hour)}:${pad(wall.minute)}`;
}

export function csvStyle(format: CsvFormat, zone: string): CsvStyle {
  if (format === 'standard') return { dialect: STANDARD_CSV, when: (iso) => iso };
  return { dialect: SPANISH_EXCEL_CSV, when: (iso) => (iso === null ? null : spreadsheetDateTime(zone, iso)) };
}

export interface CsvOptions {
  labels: Labels;
  format: CsvFormat;
}

/** An SLA clock's cells: running minutes taken (empty until done) and whether on target (empty while it still can be). */
function slaCells(clock: SlaClock | undefined, nowMs: number, t: Labels): CsvCell[] {
  if (!clock) return [null, null];
  const state = slaClockState(clock, nowMs);
  const minutes = clock.outcome ? Math.round(clock.elapsedMs / 60_000) : null;
  const met = state === 'met' ? t.sla.yes : state === 'missed' || state === 'breached' ? t.sla.no : null;
  return [minutes, met];
}

export function ticketCsvRow(ticket: TicketSummary, t: Labels, style: CsvStyle, sla: TicketSla | null = null, nowMs = Date.now()): CsvCell[] {
  return [
    ticket.code,
    ticket.title,
    t.ticketStatus[ticket.status],
    t.ticketPriority[ticket.priority],
    ticket.category?.name ?? null,
    ticket.customer?.name ?? null,
    ticket.assignedTo?.fullName ?? null,
    style.when(ticket.createdAt),
    style.when(ticket.updatedAt),
    ...slaCells(sla?.response, nowMs, t),
    ...slaCells(sla?.resolution, nowMs, t),
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
    t.estimatedMinutes,
    t.durationMinutes,
    t.durationReason,
    t.workDone,
    // Internal notes: the office's export, not the customer's report.
    t.notes,
  ];
}

/** `defaults`: the settings' usual length of each OT type, the planned length of an OT with none of its own (as the app shows it). */
export function workOrderCsvRow(wo: WorkOrderDto, t: Labels, style: CsvStyle, defaults: WorkOrderDefaultMinutes): CsvCell[] {
  return [
    wo.code,
    wo.ticketCode,
    wo.ticketTitle,
    wo.customer?.name ?? null,
    t.workOrderType[wo.otType],
    t.workOrderStatus[wo.status],
    wo.technician?.fullName ?? null,
    style.when(wo.scheduledDate),
    style.when(wo.startedAt),
    style.when(wo.completedAt),
    effectiveMinutes(wo.estimatedMinutes, wo.otType, defaults),
    wo.totalDuration === null ? null : Math.round(wo.totalDuration / 60),
    // Why the duration was typed instead of measured (empty when the measured time stands).
    wo.durationReason,
    wo.workDone,
    wo.notes,
  ];
}

/** "tickets_2026-03-01_2026-03-31.csv": the period's days on the company calendar (the end day included); today
 *  stands for an open end, and a file with no period at all is named by today alone. */
export function periodFileName(prefix: string, ctx: ServiceContext, from: string | undefined, to: string | undefined): string {
  const zone = companyTimeZone(ctx.sqlite);
  const today = localDateOf(zone, ctx.clock.now());
  const days = from === undefined && to === undefined ? [today] : [from ? localDateOf(zone, from) : undefined, to ? lastDayBefore(zone, to) : today];
  return `${prefix}_${days.filter((d) => d !== undefined).join('_')}.csv`;
}

export async function exportTicketsCsv(ctx: ServiceContext, filter: TicketFilter, { labels: t, format }: CsvOptions): Promise<FilePayload> {
  const tickets = await everyPage((cursor) =>
    listTickets(ctx, { ...filter, sort: 'created_at', limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) }),
  );
  const style = csvStyle(format, companyTimeZone(ctx.sqlite));
  const sla = storedTicketSla(ctx.sqlite, tickets.map((ticket) => ticket.id));
  const nowMs = ctx.clock.now().getTime();
  const rows = tickets.reverse().map((ticket) => ticketCsvRow(ticket, t, style, sla.get(ticket.id) ?? null, nowMs));
  return {
    fileName: periodFileName('tickets', ctx, filter.createdFrom, filter.createdTo),
    mimeType: CSV_MIME,
    bytes: toCsvBytes(ticketCsvHeader(t), rows, style.dialect),
  };
}

export async function exportWorkOrdersCsv(ctx: ServiceContext, filter: WorkOrderFilter, { labels: t, format }: CsvOptions): Promise<FilePayload> {
  // A Técnico's export holds their own OTs only, whatever technician the filter names (same scope as the batch).
  const technicianId = exportTechnicianScope(ctx);
  const scoped = technicianId ? { ...filter, technicianId } : filter;
  const orders = await everyPage((cursor) => listWorkOrders(ctx, { ...scoped, limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) }));
  const style = csvStyle(format, companyTimeZone(ctx.sqlite));
  // Oldest first: a period's list already goes in its date's order; the list without one is newest created first.
  const chronological = listsInDateOrder(filter) ? orders : orders.reverse();
  const defaults = readSetting(ctx.sqlite, 'workOrderDefaultMinutes');
  const rows = chronological.map((wo) => workOrderCsvRow(wo, t, style, defaults));
  return {
    fileName: periodFileName('work-orders', ctx, filter.from, filter.to),
    mimeType: CSV_MIME,
    bytes: toCsvBytes(workOrderCsvHeader(t), rows, style.dialect),
  };
}
