import { z } from 'zod';
import { id, isoDateTime } from './common';
import { channel, type FilePayload } from './define';
import type { ErrorShape } from './errors';
import { ticketFilterShape } from './tickets';
import { workOrderFilterShape } from './workOrders';

/** Report language; when omitted, the settings language ('system' means Spanish). */
export const reportLanguage = z.enum(['es', 'en']).optional();

export const batchDateField = z.enum(['scheduled_date', 'completed_at', 'created_at']);
/** The batch is the period's finished work unless asked otherwise: the UI's default and the CLI's are this one. */
export const DEFAULT_BATCH_DATE_FIELD = 'completed_at' satisfies z.infer<typeof batchDateField>;

/** 'excel_es': opens in columns in a Spanish Excel (';', decimal comma, local dates); 'standard': RFC 4180, ISO dates. */
export const CSV_FORMATS = ['excel_es', 'standard'] as const;
export type CsvFormat = (typeof CSV_FORMATS)[number];
export const csvFormat = z.enum(CSV_FORMATS).optional();
/** Without a choice, a Spanish CSV is made for a Spanish Excel and an English one is standard. */
export const defaultCsvFormat = (language: 'es' | 'en'): CsvFormat => (language === 'es' ? 'excel_es' : 'standard');

export const batchStartInput = z.strictObject({
  from: isoDateTime,
  to: isoDateTime,
  /** Which date puts an OT in the period; DEFAULT_BATCH_DATE_FIELD when omitted. */
  dateField: batchDateField.optional(),
  language: reportLanguage,
});

/** 'queued': waiting for the same user's running export (one at a time per user), then it runs. */
export type ReportJobStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

/** A batch export as the UI sees it; progress also arrives as `job` domain events with this jobId. */
export interface ReportJobDto {
  jobId: string;
  status: ReportJobStatus;
  done: number;
  total: number;
  error: ErrorShape | null;
  /** While queued, 1 for the next to start; null otherwise. */
  queuePosition: number | null;
}

const byJob = z.strictObject({ jobId: id });

export const reportChannels = {
  'reports.workOrderPdf': channel<FilePayload>()({ input: z.strictObject({ id, language: reportLanguage }), access: 'reports:export' }),
  'reports.ticketPdf': channel<FilePayload>()({ input: z.strictObject({ id, language: reportLanguage }), access: 'reports:export' }),
  'reports.ticketsCsv': channel<FilePayload>()({
    input: z.strictObject({ ...ticketFilterShape, language: reportLanguage, csvFormat }),
    access: 'reports:export',
  }),
  'reports.workOrdersCsv': channel<FilePayload>()({
    input: z.strictObject({ ...workOrderFilterShape, language: reportLanguage, csvFormat }),
    access: 'reports:export',
  }),
  'reports.batchStart': channel<{ jobId: string }>()({ input: batchStartInput, access: 'reports:export' }),
  'reports.batchStatus': channel<ReportJobDto>()({ input: byJob, access: 'reports:export' }),
  'reports.batchCancel': channel<ReportJobDto>()({ input: byJob, access: 'reports:export' }),
  /** The zip once the job is done; CONFLICT `job_queued`/`job_running` before, `export_cancelled` after a cancel. */
  'reports.batchResult': channel<FilePayload>()({ input: byJob, access: 'reports:export' }),
};
