// The PDF channels' side in the thread that answers calls: NOT_FOUND is decided here, the bytes are made by the job
// worker (electron/services/jobs) so a long report never holds interactive calls. A context with no job worker (a bare
// connection, the CLI's own context) makes them in-process as before.
import { notFound, type FilePayload } from '../../contract';
import { nowIso, type ServiceContext } from '../context';
import { prepared } from '../sql';
import { ticketPdf, workOrderPdf } from './documents';
import type { ReportLanguage } from './labels';

function requireRow(ctx: ServiceContext, table: 'work_orders' | 'tickets', entity: string, id: string): void {
  if (!prepared(ctx.sqlite, `SELECT 1 FROM ${table} WHERE id = ?`).get(id)) throw notFound(entity, id);
}

export async function workOrderPdfJob(ctx: ServiceContext, id: string, language?: ReportLanguage, signal?: AbortSignal): Promise<FilePayload> {
  if (!ctx.jobWorker) return workOrderPdf(ctx, id, language);
  requireRow(ctx, 'work_orders', 'work order', id);
  return ctx.jobWorker.run('workOrderPdf', { id, generatedAt: nowIso(ctx), ...(language ? { language } : {}) }, signal ? { signal } : {});
}

export async function ticketPdfJob(ctx: ServiceContext, id: string, language?: ReportLanguage): Promise<FilePayload> {
  if (!ctx.jobWorker) return ticketPdf(ctx, id, language);
  requireRow(ctx, 'tickets', 'ticket', id);
  return ctx.jobWorker.run('ticketPdf', { id, generatedAt: nowIso(ctx), ...(language ? { language } : {}) });
}
