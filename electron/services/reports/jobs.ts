// The registry of long-running export jobs: who owns each, its progress, its result file, and cancel.
// One running job per user: the rest wait in that user's queue (not refused) and start in order as it ends.
import { rm } from 'node:fs/promises';
import { AppError, notFound, type ErrorShape } from '../../contract';
import { newId } from '../ids';
import { PerOwnerQueue } from '../ownerQueue';

export type JobStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

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

/** Finished jobs whose result nobody fetched are swept after this long (their temp files with them). */
const FORGET_AFTER_MS = 60 * 60 * 1000;

const jobs = new Map<string, Job>();
/** One running export per user (the CLI's null included); the user's others wait here in order. */
const queue = new PerOwnerQueue<Job>((job) => job.ownerId);

export function createJob(ownerId: string | null, workDir: string): Job {
  sweepFinishedJobs();
  let markSettled = () => undefined as void;
  const settled = new Promise<void>((resolve) => (markSettled = resolve));
  const job: Job = {
    id: newId(),
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
  jobs.set(job.id, job);
  return job;
}

/** Another user's job answers NOT_FOUND, exactly like a job that never existed. */
export function getJob(jobId: string, ownerId: string | null): Job {
  const job = jobs.get(jobId);
  if (!job || job.ownerId !== ownerId) throw notFound('job', jobId);
  return job;
}

/** Runs the job now if its owner has none running, else queues it behind theirs. */
export function scheduleJob(job: Job, run: () => Promise<void>, announce: () => void): void {
  job.run = run;
  job.announce = announce;
  queue.submit(job, () => startJob(job), announce);
}

function startJob(job: Job): void {
  job.status = 'running';
  const run = job.run ?? (() => Promise.resolve());
  job.run = null;
  // A throw (even a synchronous one) still ends the job, so the owner's queue never stalls.
  void Promise.resolve()
    .then(run)
    .catch(() => undefined)
    .finally(() => {
      if (job.status === 'running') finishJob(job, { status: 'failed', error: { code: 'INTERNAL', message: 'the export failed', details: { reason: 'export_failed' } } });
      job.announce();
      job.markSettled();
    });
}

/** Ends the job; a running one hands its owner's slot to the next in line. */
export function finishJob(job: Job, outcome: { status: Exclude<JobStatus, 'running' | 'queued'>; error?: ErrorShape }): void {
  job.status = outcome.status;
  job.error = outcome.error ?? null;
  job.finishedAt = performance.now();
  queue.finished(job);
}

/** Takes a queued job out of its owner's queue as cancelled; the ones behind it move up. */
export function cancelQueuedJob(job: Job): void {
  if (!queue.withdraw(job)) return;
  job.run = null;
  finishJob(job, { status: 'cancelled' });
  job.announce();
  job.markSettled();
}

function queuePosition(job: Job): number | null {
  return job.status === 'queued' ? queue.position(job) : null;
}

export function jobStatus(job: Job): JobStatusDto {
  return { jobId: job.id, status: job.status, done: job.done, total: job.total, error: job.error, queuePosition: queuePosition(job) };
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
  if (job.status === 'queued') {
    throw new AppError('CONFLICT', 'the export is waiting for your previous one', { reason: 'job_queued', queuePosition: queuePosition(job) });
  }
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
