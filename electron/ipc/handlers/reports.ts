import type { reportChannels } from '../../contract/reports';
import {
  batchJobResult,
  batchJobStatus,
  cancelBatchJob,
  exportTicketsCsv,
  exportWorkOrdersCsv,
  labelsFor,
  resolveLanguage,
  startBatchJob,
  ticketPdf,
  workOrderPdf,
} from '../../services/reports';
import type { ServiceContext } from '../../services/context';
import { readSettings } from '../../services/settings';
import type { HandlerMap } from './types';

const labelsOf = (ctx: ServiceContext, language: 'es' | 'en' | undefined) => labelsFor(resolveLanguage(language, readSettings(ctx.db).language));

export const reportHandlers: HandlerMap<keyof typeof reportChannels> = {
  'reports.workOrderPdf': (ctx, input) => workOrderPdf(ctx, input.id, input.language),
  'reports.ticketPdf': (ctx, input) => ticketPdf(ctx, input.id, input.language),
  'reports.ticketsCsv': (ctx, { language, ...filter }) => exportTicketsCsv(ctx, filter, labelsOf(ctx, language)),
  'reports.workOrdersCsv': (ctx, { language, ...filter }) => exportWorkOrdersCsv(ctx, filter, labelsOf(ctx, language)),
  'reports.batchStart': (ctx, input) => startBatchJob(ctx, input),
  'reports.batchStatus': (ctx, input) => batchJobStatus(ctx, input.jobId),
  'reports.batchCancel': (ctx, input) => cancelBatchJob(ctx, input.jobId),
  'reports.batchResult': (ctx, input) => batchJobResult(ctx, input.jobId),
};
