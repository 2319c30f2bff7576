// Batch export jobs in the backend's job registry (../jobRegistry.ts): their progress, result file, and cancel.
// One running export per user: the rest wait in that user's queue (not refused) and start in order as it ends.
import { rm } from 'node:fs/promises';
import { AppError, type ErrorShape } from '../../contract';
import { newId } from '../ids';
import type { JobRegistry, JobStatus, RegisteredJob } from '../jobRegistry';

export type { JobStatus } from '../jobRegistry';

export interface Job extends RegisteredJob {
  lane: 'report';
  done: number;
  total: number;
  resultFile: string | null;
  resultName: string | null;
  error: ErrorShape | null;
  /** Resolves when the job has finished, whatever the outcome (a queued job too). */
  settled: Promise<void>;
  markSettled: () => void;
  /** The work, started when the owner's previous job ends; it must end in finishJob. */
  run: (() => Promise<void>) | null;
  /** Tells the job's watchers that its status changed (a `job` updated event). */
  announce: () => void;
}

export interface JobStatusDto {
  jobId: string;
  status: JobStatus;
  done: number;
  total: number;
  error: ErrorShape | null;
  /** 1 for the next one to start; null unless queued. */
  queuePosition: number | null;
}

export function createJob(jobs: JobRegistry, ownerId: string | null, workDir: string): Job {
  let markSettled = () => undefined as void;
  const settled = new Promise<void>((resolve) => (markSettled = resolve));
  const job: Job = {
    id: newId(),
    lane: 'report',
    ownerId,
    status: 'queued',
    done: 0,
    total: 0,
    controller: new AbortController(),
    workDir,
    resultFile: null,
    resultName: null,
    error: null,
    finishedAt: null,
    settled,
    markSettled,
    run: null,
    announce: () => undefined,
  };
  return jobs.add(job);
}

/** Another user's job answers NOT_FOUND, exactly like a job that never existed. */
export function getJob(jobs: JobRegistry, jobId: string, ownerId: string | null): Job {
  return jobs.get<Job>('report', jobId, ownerId);
}

/** Runs the job now if its owner has none running, else queues it behind theirs. */
export function scheduleJob(jobs: JobRegistry, job: Job, run: () => Promise<void>, announce: () => void): void {
  job.run = run;
  job.announce = announce;
  jobs.submit(job, () => startJob(jobs, job), announce);
}

function startJob(jobs: JobRegistry, job: Job): void {
  job.status = 'running';
  const run = job.run ?? (() => Promise.resolve());
  job.run = null;
  // A throw (even a synchronous one) still ends the job, so the owner's queue never stalls.
  void Promise.resolve()
    .then(run)
    .catch(() => undefined)
    .finally(() => {
      if (job.status === 'running') finishJob(jobs, job, { status: 'failed', error: { code: 'INTERNAL', message: 'the export failed', details: { reason: 'export_failed' } } });
      job.announce();
      job.markSettled();
    });
}

/** Ends the job; a running one hands its owner's slot to the next in line. */
export function finishJob(jobs: JobRegistry, job: Job, outcome: { status: Exclude<JobStatus, 'running' | 'queued'>; error?: ErrorShape }): void {
  job.status = outcome.status;
  job.error = outcome.error ?? null;
  job.finishedAt = performance.now();
  jobs.finished(job);
}

/** Takes a queued job out of its owner's queue as cancelled; the ones behind it move up. */
export function cancelQueuedJob(jobs: JobRegistry, job: Job): void {
  if (!jobs.withdraw(job)) return;
  job.run = null;
  finishJob(jobs, job, { status: 'cancelled' });
  job.announce();
  job.markSettled();
}

export function jobStatus(jobs: JobRegistry, job: Job): JobStatusDto {
  return { jobId: job.id, status: job.status, done: job.done, total: job.total, error: job.error, queuePosition: jobs.position(job) };
}

/** Removes the job's temp folder but keeps its status answerable (a cancelled or failed job). */
export async function releaseFiles(job: Job): Promise<void> {
  job.resultFile = null;
  await rm(job.workDir, { recursive: true, force: true });
}

export async function forgetJob(jobs: JobRegistry, job: Job): Promise<void> {
  job.resultFile = null;
  await jobs.forget(job);
}

export function requireFinished(jobs: JobRegistry, job: Job): void {
  if (job.status === 'queued') {
    throw new AppError('CONFLICT', 'the export is waiting for your previous one', { reason: 'job_queued', queuePosition: jobs.position(job) });
  }
  if (job.status === 'running') {
    throw new AppError('CONFLICT', 'the export is still running', { reason: 'job_running', done: job.done, total: job.total });
  }
  if (job.status === 'cancelled') throw new AppError('CONFLICT', 'the export was cancelled', { reason: 'export_cancelled' });
  if (job.status === 'failed') {
    throw new AppError(job.error?.code ?? 'INTERNAL', job.error?.message ?? 'the export failed', { reason: job.error?.details?.reason ?? 'export_failed' });
  }
}
