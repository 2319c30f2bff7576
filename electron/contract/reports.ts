import { z } from 'zod';
import { id, isoDateTime } from './common';
import { channel, type FilePayload } from './define';
import type { ErrorShape } from './errors';
import { ticketFilterShape } from './tickets';
import { workOrderFilterShape } from './workOrders';

/** Report language; when omitted, the settings language ('system' means Spanish). */
export const reportLanguage = z.enum(['es', 'en']).optional();

export const batchDateField = z.enum(['scheduled_date', 'completed_at', 'created_at']);

export const batchStartInput = z.strictObject({
  from: isoDateTime,
  to: isoDateTime,
  /** Which date puts an OT in the period; scheduled_date by default, as in the OT list. */
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
    input: z.strictObject({ ...ticketFilterShape, language: reportLanguage }),
    access: 'reports:export',
  }),
  'reports.workOrdersCsv': channel<FilePayload>()({
    input: z.strictObject({ ...workOrderFilterShape, language: reportLanguage }),
    access: 'reports:export',
  }),
  'reports.batchStart': channel<{ jobId: string }>()({ input: batchStartInput, access: 'reports:export' }),
  'reports.batchStatus': channel<ReportJobDto>()({ input: byJob, access: 'reports:export' }),
  'reports.batchCancel': channel<ReportJobDto>()({ input: byJob, access: 'reports:export' }),
  /** The zip once the job is done; CONFLICT `job_queued`/`job_running` before, `export_cancelled` after a cancel. */
  'reports.batchResult': channel<FilePayload>()({ input: byJob, access: 'reports:export' }),
};
