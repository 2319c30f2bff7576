// Single-document exports (OT PDF, ticket PDF): read a consistent snapshot, render, wrap as a FilePayload.
import { AppError, notFound, type FilePayload, type TicketDetail, type WorkOrderDetail } from '../../contract';
import { planSideOf } from '../../contract/workOrderChange';
import { customerCatalog } from '../catalogs';
import { nowIso, type ServiceContext } from '../context';
import { readSettings } from '../settings';
import { ticketWithWholeTimeline } from '../tickets';
import { getWorkOrderDetail, latestSignatures } from '../workOrders';
import { resolveLanguage, type ReportLanguage } from './labels';
import { renderTicketPdf } from './pdf/ticketReport';
import { prepareFieldCapture, readFieldCaptureRows, type FieldCaptureRows } from './pdf/fieldCapture';
import { renderWorkOrderPdf, type WorkOrderReportData } from './pdf/workOrderReport';
import { prepared } from '../sql';
import { userFullName } from '../users';

export const PDF_MIME = 'application/pdf';

/** Codes come from configurable prefixes; keep file names portable on every OS. */
export function safeFileName(base: string, extension: string): string {
  const cleaned = base.replace(/[^\p{L}\p{N}._-]+/gu, '_').replace(/^[._]+/, '') || 'report';
  return `${cleaned}.${extension}`;
}

/** One read transaction, so the OT, its items, its customer and its field capture come from the same moment. */
export function loadWorkOrderReportData(ctx: ServiceContext, id: string): WorkOrderReportData & { captureRows: FieldCaptureRows } {
  return ctx.sqlite.transaction(() => {
    const workOrder: WorkOrderDetail = getWorkOrderDetail(ctx.sqlite, id);
    const customer = workOrder.customer ? customerCatalog.get(ctx, workOrder.customer.id) : null;
    const settings = readSettings(ctx.db);
    const captureRows = readFieldCaptureRows(ctx.sqlite, {
      workOrderId: workOrder.id,
      ticketId: workOrder.ticketId,
      otType: workOrder.otType,
      templates: settings.checklistTemplates,
      signatures: latestSignatures(ctx.db, workOrder.id),
    });
    return { workOrder, customer, settings, captureRows };
  })();
}

/** The rows, then the photos and signatures made ready on sharp's threads: what renderWorkOrderPdf draws (single PDF and batch). */
export async function loadWorkOrderReport(ctx: ServiceContext, id: string): Promise<WorkOrderReportData> {
  const { captureRows, ...data } = loadWorkOrderReportData(ctx, id);
  return { ...data, capture: await prepareFieldCapture(captureRows, ctx.dataDir) };
}

export async function workOrderPdf(ctx: ServiceContext, id: string, language?: ReportLanguage): Promise<FilePayload> {
  const data = await loadWorkOrderReport(ctx, id);
  const bytes = await renderWorkOrderPdf(data, {
    language: resolveLanguage(language, data.settings.language),
    generatedAt: nowIso(ctx),
    timeZone: data.settings.timeZone,
  });
  return { fileName: safeFileName(data.workOrder.code, 'pdf'), mimeType: PDF_MIME, bytes };
}

/** The user ids an event names: an assignment's from and to, the technician a visit was requested, planned or moved for. */
function userIdsIn(event: TicketDetail['timeline'][number]): unknown[] {
  const meta = event.metaData ?? {};
  if (event.eventType === 'assignment') return [meta.from, meta.to];
  if (event.eventType === 'ot_created') return [((meta.workOrder ?? {}) as Record<string, unknown>).technicianId];
  if (event.eventType === 'ot_updated') return [planSideOf(meta, 'from').technicianId, planSideOf(meta, 'to').technicianId];
  return [];
}

/** The full names of the people the timeline names (the events keep ids; a report prints names). */
function peopleNamedIn(ctx: ServiceContext, ticket: TicketDetail): Map<string, string> {
  const people = new Map<string, string>();
  for (const id of ticket.timeline.flatMap(userIdsIn)) {
    if (typeof id !== 'string' || people.has(id)) continue;
    const name = userFullName(ctx.sqlite, id);
    if (name) people.set(id, name);
  }
  return people;
}

export async function ticketPdf(ctx: ServiceContext, id: string, language?: ReportLanguage): Promise<FilePayload> {
  const { ticket, settings, people } = ctx.sqlite.transaction(() => {
    const whole = ticketWithWholeTimeline(ctx.sqlite, id);
    return { ticket: whole, settings: readSettings(ctx.db), people: peopleNamedIn(ctx, whole) };
  })();
  const bytes = await renderTicketPdf({ ticket, settings, people }, { language: resolveLanguage(language, settings.language), generatedAt: nowIso(ctx), timeZone: settings.timeZone });
  return { fileName: safeFileName(ticket.code, 'pdf'), mimeType: PDF_MIME, bytes };
}

/** For the CLI and scripts: people type codes (OT-2026-000001, or the one it had before a team join), the services take ids. */
export function idByCode(ctx: ServiceContext, entity: 'workOrder' | 'ticket', code: string): string {
  const table = entity === 'workOrder' ? 'work_orders' : 'tickets';
  // Exact or upper-cased (people type "ot-2026-000001"); both hit the unique index on code.
  const typed = code.trim();
  const row = prepared(ctx.sqlite, `SELECT id FROM ${table} WHERE code IN (?, ?) LIMIT 1`).get(typed, typed.toUpperCase()) as
    | { id: string }
    | undefined;
  if (row) return row.id;
  // A code it had before a team join renumbered it (code_aliases): found as search finds it, when it names one row.
  const former = prepared(
    ctx.sqlite,
    `SELECT t.id, t.code FROM code_aliases a JOIN ${table} t ON t.id = a.row_id WHERE a.entity = ? AND a.code IN (?, ?) ORDER BY t.code`,
  ).all(table, typed, typed.toUpperCase()) as { id: string; code: string }[];
  const noun = entity === 'workOrder' ? 'work order' : 'ticket';
  if (former.length === 1) return (former[0] as { id: string }).id;
  if (former.length > 1) {
    const now = former.map((r) => r.code).join(', ');
    throw new AppError('CONFLICT', `${code} was the code of ${former.length} ${noun}s before their computers joined the team; they are ${now} now: use one of those`, {
      reason: 'ambiguous_code',
      codes: now,
    });
  }
  throw notFound(noun, code);
}
