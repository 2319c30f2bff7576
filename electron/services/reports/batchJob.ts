// The batch export as a job for the UI: start → progress events → result (the zip) or cancel.
import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AppError, type FilePayload } from '../../contract';
import type { ServiceContext } from '../context';
import { exportWorkOrderBatch, type BatchDateField } from './batch';
import type { ReportLanguage } from './labels';
import { lastDayBefore, localDateOf } from '../../contract/zonedTime';
import { companyTimeZone } from '../timeZone';
import { jobsOf } from '../jobRegistry';
import { cancelQueuedJob, createJob, finishJob, scheduleJob, forgetJob, getJob, jobStatus, releaseFiles, requireFinished, type Job, type JobStatusDto } from './jobs';

export interface BatchStartInput {
  from: string;
  to: string;
  dateField?: BatchDateField;
  language?: ReportLanguage;
}

const ZIP_MIME = 'application/zip';

function ownerOf(ctx: ServiceContext): string | null {
  return ctx.actor?.id ?? null;
}

/** Progress at most ~100 times per job: enough for a smooth bar, no flood of pushes to every window. */
function progressEmitter(ctx: ServiceContext, job: Job): (p: { done: number; total: number }) => void {
  let lastSent = -1;
  return ({ done, total }) => {
    job.done = done;
    job.total = total;
    const step = Math.max(1, Math.floor(total / 100));
    if (done !== total && done !== 0 && done - lastSent < step) return;
    lastSent = done;
    ctx.events.emit({ entity: 'job', id: job.id, kind: 'progress', progress: { done, total } });
  };
}

/** Named by the period's days on the company calendar (March in Madrid starts 2026-02-28T23:00Z: still 2026-03-01), the end day included. */
function zipName(input: BatchStartInput, zone: string): string {
  return `work-orders_${localDateOf(zone, input.from)}_${lastDayBefore(zone, input.to)}.zip`;
}

/** Starts the export in the background and answers at once; its end is announced as a job `updated` event. */
export function startBatchJob(ctx: ServiceContext, input: BatchStartInput): { jobId: string } {
  if (Date.parse(input.from) >= Date.parse(input.to)) {
    throw new AppError('VALIDATION', 'the period must end after it starts', { reason: 'invalid_period', field: 'to' });
  }
  const jobs = jobsOf(ctx);
  // A new export replaces the owner's finished ones: their zips were kept only for "download again".
  for (const finished of jobs.finishedOf('report', ownerOf(ctx))) void jobs.forget(finished).catch(() => undefined);
  const job = createJob(jobs, ownerOf(ctx), mkdtempSync(path.join(tmpdir(), 'emerald-batch-')));
  const name = zipName(input, companyTimeZone(ctx.sqlite));
  const out = path.join(job.workDir, name);
  const run = () =>
    exportWorkOrderBatch({
      ctx,
      from: input.from,
      to: input.to,
      ...(input.dateField ? { dateField: input.dateField } : {}),
      ...(input.language ? { language: input.language } : {}),
      out,
      signal: job.controller.signal,
      onProgress: progressEmitter(ctx, job),
    }).then(
      () => {
        job.resultFile = out;
        job.resultName = name;
        finishJob(jobs, job, { status: 'done' });
      },
      async (error: unknown) => {
        if (job.controller.signal.aborted) finishJob(jobs, job, { status: 'cancelled' });
        else if (error instanceof AppError) finishJob(jobs, job, { status: 'failed', error: error.toShape() });
        else finishJob(jobs, job, { status: 'failed', error: { code: 'INTERNAL', message: 'the export failed', details: { reason: 'export_failed' } } });
        await releaseFiles(job).catch(() => undefined);
      },
    );
  // Runs now, or after this user's running export ends; every status change is a job `updated` event.
  scheduleJob(jobs, job, run, () => ctx.events.emit({ entity: 'job', id: job.id, kind: 'updated', progress: { done: job.done, total: job.total } }));
  return { jobId: job.id };
}

export function batchJobStatus(ctx: ServiceContext, jobId: string): JobStatusDto {
  const jobs = jobsOf(ctx);
  return jobStatus(jobs, getJob(jobs, jobId, ownerOf(ctx)));
}

/** Takes a queued export out of the queue, stops a running one (its partial file is removed) or discards a finished one. */
export async function cancelBatchJob(ctx: ServiceContext, jobId: string): Promise<JobStatusDto> {
  const jobs = jobsOf(ctx);
  const job = getJob(jobs, jobId, ownerOf(ctx));
  if (job.status === 'queued') {
    cancelQueuedJob(jobs, job);
    await releaseFiles(job);
    return jobStatus(jobs, job);
  }
  if (job.status === 'running') {
    job.controller.abort();
    return jobStatus(jobs, job);
  }
  await forgetJob(jobs, job);
  return jobStatus(jobs, job);
}

/** The finished zip; it stays for another download until the owner starts a new export or an hour passes. */
export async function batchJobResult(ctx: ServiceContext, jobId: string): Promise<FilePayload> {
  const jobs = jobsOf(ctx);
  const job = getJob(jobs, jobId, ownerOf(ctx));
  requireFinished(jobs, job);
  if (!job.resultFile || !job.resultName) throw new AppError('INTERNAL', 'the export left no file', { reason: 'export_failed' });
  const bytes = new Uint8Array(await readFile(job.resultFile));
  return { fileName: job.resultName, mimeType: ZIP_MIME, bytes };
}

/** For tests, the CLI and shutdown: resolves when the job has finished (queued, then run). */
export async function waitForJob(ctx: ServiceContext, jobId: string): Promise<JobStatusDto> {
  const jobs = jobsOf(ctx);
  const job = getJob(jobs, jobId, ownerOf(ctx));
  await job.settled;
  return jobStatus(jobs, job);
}
