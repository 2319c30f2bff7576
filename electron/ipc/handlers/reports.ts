import { defaultCsvFormat, type CsvFormat, type reportChannels } from '../../contract/reports';
import {
  batchJobResult,
  batchJobStatus,
  cancelBatchJob,
  exportTicketsCsv,
  exportWorkOrdersCsv,
  labelsFor,
  resolveLanguage,
  startBatchJob,
} from '../../services/reports';
import { ticketPdfJob, workOrderPdfJob } from '../../services/reports/pdfJobs';
import type { ServiceContext } from '../../services/context';
import { readSettings } from '../../services/settings';
import type { HandlerMap } from './types';

/** The report's wording and, unless chosen, its CSV format follow the requested (or the settings') language. */
function csvOptions(ctx: ServiceContext, requested: 'es' | 'en' | undefined, format: CsvFormat | undefined) {
  const language = resolveLanguage(requested, readSettings(ctx.db).language);
  return { labels: labelsFor(language), format: format ?? defaultCsvFormat(language) };
}

export const reportHandlers: HandlerMap<keyof typeof reportChannels> = {
  'reports.workOrderPdf': (ctx, input) => workOrderPdfJob(ctx, input.id, input.language),
  'reports.ticketPdf': (ctx, input) => ticketPdfJob(ctx, input.id, input.language),
  'reports.ticketsCsv': (ctx, { language, csvFormat, ...filter }) => exportTicketsCsv(ctx, filter, csvOptions(ctx, language, csvFormat)),
  'reports.workOrdersCsv': (ctx, { language, csvFormat, ...filter }) => exportWorkOrdersCsv(ctx, filter, csvOptions(ctx, language, csvFormat)),
  'reports.batchStart': (ctx, input) => startBatchJob(ctx, input),
  'reports.batchStatus': (ctx, input) => batchJobStatus(ctx, input.jobId),
  'reports.batchCancel': (ctx, input) => cancelBatchJob(ctx, input.jobId),
  'reports.batchResult': (ctx, input) => batchJobResult(ctx, input.jobId),
};
