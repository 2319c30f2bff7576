// Bundle export and import as jobs for the UI (the batch-report pattern): start → progress events → status,
// result file or cancel, in the backend's job registry (../jobRegistry.ts) beside the report exports. Only the user
// who started a job sees it; finished ones are forgotten after an hour.
// One runs per user at a time; the user's others wait in order (status 'queued', with their place) and then run.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AppError, type ErrorShape, type FilePayload } from '../../contract';
import type { z } from 'zod';
import type { SyncExportSummaryDto, SyncImportSummaryDto, SyncJobDto, SyncJobKind, SyncJobStatus, syncExportStartInput } from '../../contract/sync';
import type { ServiceContext } from '../context';
import { newId } from '../ids';
import { jobsOf, type JobRegistry, type RegisteredJob } from '../jobRegistry';
import { exportBundle, noteExportSent } from './bundle-export';
import { BUNDLE_EXTENSION } from './bundle-format';
import { importBundle, type ImportProgress } from './bundle-import';
import { bundleItemCount, importInJobWorker, WORKER_IMPORT_MIN_ITEMS } from './bundle-import-job';
import { teamCredentials } from './bundle-keys';
import { takeUpload } from './bundle-uploads';
import { prepared } from '../sql';
import { FILE_NAME_WORDS, fileNameSlug } from './teamInvitation';
import { fileStampOf } from '../../contract/zonedTime';
import { companyTimeZone } from '../timeZone';

interface SyncJob extends RegisteredJob {
  lane: 'sync';
  kind: SyncJobKind;
  status: SyncJobStatus;
  done: number;
  total: number;
  resultFile: string | null;
  /** An export's moment: noted as the last export when its file is handed over (fetched), not before. */
  exportedAt: string | null;
  summary: SyncExportSummaryDto | SyncImportSummaryDto | null;
  error: ErrorShape | null;
  /** Resolves when the job has finished, a queued one included. */
  settled: Promise<void>;
}

const EMSYNC_MIME = 'application/octet-stream';

const ownerOf = (ctx: ServiceContext): string | null => ctx.actor?.id ?? null;

function getJob(ctx: ServiceContext, jobId: string): SyncJob {
  return jobsOf(ctx).get<SyncJob>('sync', jobId, ownerOf(ctx));
}

function toDto(jobs: JobRegistry, job: SyncJob): SyncJobDto {
  const queuePosition = jobs.position(job);
  return { jobId: job.id, kind: job.kind, status: job.status, done: job.done, total: job.total, error: job.error, summary: job.summary, queuePosition };
}

const announce = (ctx: ServiceContext, job: SyncJob) => () =>
  ctx.events.emit({ entity: 'job', id: job.id, kind: 'updated', progress: { done: job.done, total: job.total, label: 'sync' } });

/** Progress at most ~100 times per job, as `job` domain events labelled 'sync'. */
function progressEmitter(ctx: ServiceContext, job: SyncJob): (done: number, total: number) => void {
  let lastSent = -1;
  return (done, total) => {
    job.done = done;
    job.total = total;
    const step = Math.max(1, Math.floor(total / 100));
    if (done !== total && done !== 0 && done - lastSent < step) return;
    lastSent = done;
    ctx.events.emit({ entity: 'job', id: job.id, kind: 'progress', progress: { done, total, label: 'sync' } });
  };
}

async function runJob(ctx: ServiceContext, kind: SyncJobKind, workDir: string, work: (job: SyncJob) => Promise<SyncJob['summary']>): Promise<{ jobId: string }> {
  const jobs = jobsOf(ctx);
  let markSettled = () => undefined as void;
  const job: SyncJob = {
    id: newId(),
    lane: 'sync',
    kind,
    ownerId: ownerOf(ctx),
    status: 'queued',
    done: 0,
    total: 0,
    controller: new AbortController(),
    workDir,
    resultFile: null,
    exportedAt: null,
    summary: null,
    error: null,
    finishedAt: null,
    settled: new Promise<void>((resolve) => (markSettled = resolve)),
  };
  jobs.add(job);
  // The final status and the hand-over of the user's slot in one step: whoever sees 'done' may start the next job.
  const end = (status: Exclude<SyncJobStatus, 'queued' | 'running'>) => {
    job.status = status;
    job.finishedAt = performance.now();
    jobs.finished(job);
  };
  const start = () => {
    job.status = 'running';
    void Promise.resolve()
      .then(() => work(job))
      .then(
        (summary) => {
          job.summary = summary;
          end('done');
        },
        (error: unknown) => {
          if (job.controller.signal.aborted) return end('cancelled');
          job.error = error instanceof AppError ? error.toShape() : { code: 'INTERNAL', message: `the ${kind} failed`, details: { reason: `${kind}_failed` } };
          end('failed');
        },
      )
      .then(async () => {
        // An import's bundle copy and a failed export's partial file are not needed once the job ends.
        if (job.kind === 'import' || job.status !== 'done') await rm(job.workDir, { recursive: true, force: true }).catch(() => undefined);
      })
      .finally(() => {
        announce(ctx, job)();
        markSettled();
      });
  };
  jobs.submit(job, start, announce(ctx, job));
  return { jobId: job.id };
}

type ExportStartInput = z.output<typeof syncExportStartInput>;

/**
 * `emerald-cambios-para-portatil-de-tomas-20261203094312.emsync` for a member (whom it is for, in the UI's language;
 * the time on the company clock);
 * with no member, this device's id instead (`emerald-cambios-<device>-…`, `emerald-instantanea-<device>-…`).
 */
function exportFileName(ctx: ServiceContext, deviceId: string, input: ExportStartInput): string {
  const words = FILE_NAME_WORDS[input.language ?? 'es'];
  const at = fileStampOf(companyTimeZone(ctx.sqlite), ctx.clock.now());
  if (input.snapshot === true) return `emerald-${words.snapshot}-${deviceId}-${at}${BUNDLE_EXTENSION}`;
  const member = input.to ? (prepared(ctx.sqlite, 'SELECT name FROM team_members WHERE device_id = ?').get(input.to) as { name: string } | undefined) : undefined;
  const whom = input.to && !input.full ? `${words.for}-${fileNameSlug(member?.name ?? '') || input.to}` : deviceId;
  return `emerald-${words.changes}-${whom}-${at}${BUNDLE_EXTENSION}`;
}

export async function startExportJob(ctx: ServiceContext, input: ExportStartInput): Promise<{ jobId: string }> {
  const team = teamCredentials(ctx.sqlite);
  const workDir = await mkdtemp(path.join(tmpdir(), 'emerald-sync-'));
  const fileName = exportFileName(ctx, team.deviceId, input);
  return runJob(ctx, 'export', workDir, async (job) => {
    const progress = progressEmitter(ctx, job);
    const out = path.join(workDir, fileName);
    const summary = await exportBundle(ctx, {
      out,
      ...(input.to ? { to: input.to } : {}),
      full: input.full === true,
      snapshot: input.snapshot === true,
      // Sent once handed over (syncExportResult): a file that carries nothing is held until the person asks for it.
      noteSent: false,
      signal: job.controller.signal,
      onProgress: ({ done, total }) => progress(done, total),
    });
    job.resultFile = out;
    job.exportedAt = ctx.clock.now().toISOString();
    return { kind: summary.kind, toDevice: summary.toDevice, ops: summary.ops, rows: summary.rows, frames: summary.frames, bytes: summary.bytes, lacking: summary.lacking, fileName };
  });
}

/** The bundle arrives whole (base64) or as a finished chunked upload; either way it becomes a file of the job. */
export async function startImportJob(ctx: ServiceContext, input: { bundle?: string | undefined; uploadId?: string | undefined }): Promise<{ jobId: string }> {
  teamCredentials(ctx.sqlite);
  let workDir: string;
  let file: string;
  if (input.uploadId) {
    ({ dir: workDir, file } = takeUpload(input.uploadId, ownerOf(ctx)));
  } else {
    workDir = await mkdtemp(path.join(tmpdir(), 'emerald-sync-'));
    file = path.join(workDir, `bundle${BUNDLE_EXTENSION}`);
    await writeFile(file, Buffer.from(input.bundle ?? '', 'base64'));
  }
  return runJob(ctx, 'import', workDir, async (job) => {
    const progress = progressEmitter(ctx, job);
    const { jobWorker } = ctx;
    if (jobWorker && (await bundleItemCount(file)) > WORKER_IMPORT_MIN_ITEMS) {
      return importInJobWorker({ ...ctx, jobWorker }, { file, signal: job.controller.signal, onProgress: progress });
    }
    // Verifying and applying each walk the whole bundle: one bar, two halves.
    const onProgress = ({ phase, done, total }: ImportProgress) => progress((phase === 'apply' ? total : 0) + done, 2 * total);
    return importBundle(ctx, { file, signal: job.controller.signal, onProgress });
  });
}

export function syncJobStatus(ctx: ServiceContext, jobId: string): SyncJobDto {
  return toDto(jobsOf(ctx), getJob(ctx, jobId));
}

/** Stops a running job (an import rolls back entirely) or forgets a finished one with its files. */
export async function cancelSyncJob(ctx: ServiceContext, jobId: string): Promise<SyncJobDto> {
  const jobs = jobsOf(ctx);
  const job = getJob(ctx, jobId);
  if (job.status === 'queued' && jobs.withdraw(job)) {
    job.status = 'cancelled';
    job.finishedAt = performance.now();
    await rm(job.workDir, { recursive: true, force: true }).catch(() => undefined);
    announce(ctx, job)();
    return toDto(jobs, job);
  }
  if (job.status === 'running') job.controller.abort();
  else await jobs.forget(job);
  return toDto(jobs, job);
}

/** The finished export's file, once: fetching it forgets the job, and makes it the last export (the team's last send). */
export async function syncExportResult(ctx: ServiceContext, jobId: string): Promise<FilePayload> {
  const jobs = jobsOf(ctx);
  const job = getJob(ctx, jobId);
  if (job.kind !== 'export') throw new AppError('CONFLICT', 'only an export job has a file', { reason: 'not_an_export' });
  if (job.status === 'queued') throw new AppError('CONFLICT', 'the export is waiting for your previous job', { reason: 'job_queued', queuePosition: jobs.position(job) });
  if (job.status === 'running') throw new AppError('CONFLICT', 'the export is still running', { reason: 'job_running', done: job.done, total: job.total });
  if (job.status === 'cancelled') throw new AppError('CONFLICT', 'the export was cancelled', { reason: 'export_cancelled' });
  if (job.status === 'failed' || !job.resultFile) {
    throw new AppError(job.error?.code ?? 'INTERNAL', job.error?.message ?? 'the export failed', { reason: job.error?.details?.reason ?? 'export_failed' });
  }
  const bytes = new Uint8Array(await readFile(job.resultFile));
  const fileName = (job.summary as SyncExportSummaryDto).fileName;
  await jobs.forget(job);
  if (job.exportedAt) {
    noteExportSent(ctx.sqlite, job.exportedAt);
    // The team status moved (its last send, what is unsent): the sidebar and Equipo refetch it on the job's event.
    announce(ctx, job)();
  }
  return { fileName, mimeType: EMSYNC_MIME, bytes };
}

/** For tests, the CLI and shutdown: resolves when the job is no longer running. */
export async function waitForSyncJob(ctx: ServiceContext, jobId: string): Promise<SyncJobDto> {
  const job = getJob(ctx, jobId);
  await job.settled;
  return toDto(jobsOf(ctx), job);
}
