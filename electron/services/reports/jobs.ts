// The registry of long-running export jobs: who owns each, its progress, its result file, and cancel.
import { rm } from 'node:fs/promises';
import { AppError, notFound, type ErrorShape } from '../../contract';
import { newId } from '../ids';

export type JobStatus = 'running' | 'done' | 'failed' | 'cancelled';

export interface Job {
  id: string;
  /** Only the user who started a job sees it; null = started without a session (CLI). */
  ownerId: string | null;
  status: JobStatus;
  done: number;
  total: number;
  controller: AbortController;
  /** A folder the job owns; removed with the job. */
  workDir: string;
  resultFile: string | null;
  resultName: string | null;
  error: ErrorShape | null;
  finishedAt: number | null;
  /** Resolves when the job stops running, whatever the outcome. */
  settled: Promise<void>;
}

export interface JobStatusDto {
  jobId: string;
  status: JobStatus;
  done: number;
  total: number;
  error: ErrorShape | null;
}

/** Finished jobs whose result nobody fetched are swept after this long (their temp files with them). */
const FORGET_AFTER_MS = 60 * 60 * 1000;

const jobs = new Map<string, Job>();

export function createJob(ownerId: string | null, workDir: string): Job {
  sweepFinishedJobs();
  const job: Job = {
    id: newId(),
    ownerId,
    status: 'running',
    done: 0,
    total: 0,
    controller: new AbortController(),
    workDir,
    resultFile: null,
    resultName: null,
    error: null,
    finishedAt: null,
    settled: Promise.resolve(),
  };
  jobs.set(job.id, job);
  return job;
}

/** Another user's job answers NOT_FOUND, exactly like a job that never existed. */
export function getJob(jobId: string, ownerId: string | null): Job {
  const job = jobs.get(jobId);
  if (!job || job.ownerId !== ownerId) throw notFound('job', jobId);
  return job;
}

export function finishJob(job: Job, outcome: { status: Exclude<JobStatus, 'running'>; error?: ErrorShape }): void {
  job.status = outcome.status;
  job.error = outcome.error ?? null;
  job.finishedAt = performance.now();
}

export function jobStatus(job: Job): JobStatusDto {
  return { jobId: job.id, status: job.status, done: job.done, total: job.total, error: job.error };
}

/** Removes the job's temp folder but keeps its status answerable (a cancelled or failed job). */
export async function releaseFiles(job: Job): Promise<void> {
  job.resultFile = null;
  await rm(job.workDir, { recursive: true, force: true });
}

export async function forgetJob(job: Job): Promise<void> {
  jobs.delete(job.id);
  await releaseFiles(job);
}

export function requireFinished(job: Job): void {
  if (job.status === 'running') {
    throw new AppError('CONFLICT', 'the export is still running', { reason: 'job_running', done: job.done, total: job.total });
  }
  if (job.status === 'cancelled') throw new AppError('CONFLICT', 'the export was cancelled', { reason: 'export_cancelled' });
  if (job.status === 'failed') {
    throw new AppError(job.error?.code ?? 'INTERNAL', job.error?.message ?? 'the export failed', { reason: job.error?.details?.reason ?? 'export_failed' });
  }
}

function sweepFinishedJobs(): void {
  const now = performance.now();
  for (const job of jobs.values()) {
    if (job.finishedAt !== null && now - job.finishedAt > FORGET_AFTER_MS) void forgetJob(job).catch(() => undefined);
  }
}
