// The registry of long-running export jobs: who owns each, its progress, its result file, and cancel.
// One running job per user: the rest wait in that user's queue (not refused) and start in order as it ends.
import { rm } from 'node:fs/promises';
import { AppError, notFound, type ErrorShape } from '../../contract';
import { newId } from '../ids';

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
/** Per owner (the CLI's null as ''): the job running now and the ones waiting, oldest first. */
const runningByOwner = new Map<string, Job>();
const queuedByOwner = new Map<string, Job[]>();

const ownerKey = (job: Job): string => job.ownerId ?? '';

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
  const key = ownerKey(job);
  if (runningByOwner.has(key)) queuedByOwner.set(key, [...(queuedByOwner.get(key) ?? []), job]);
  else startJob(job);
}

function startJob(job: Job): void {
  const key = ownerKey(job);
  runningByOwner.set(key, job);
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

/** Ends the job (running or queued); a running one hands its owner's slot to the next in line. */
export function finishJob(job: Job, outcome: { status: Exclude<JobStatus, 'running' | 'queued'>; error?: ErrorShape }): void {
  const key = ownerKey(job);
  job.status = outcome.status;
  job.error = outcome.error ?? null;
  job.finishedAt = performance.now();
  if (runningByOwner.get(key) === job) {
    runningByOwner.delete(key);
    const [next, ...rest] = queuedByOwner.get(key) ?? [];
    if (rest.length > 0) queuedByOwner.set(key, rest);
    else queuedByOwner.delete(key);
    if (next) {
      startJob(next);
      next.announce();
    }
    for (const waiting of rest) waiting.announce();
  }
}

/** Takes a queued job out of its owner's queue as cancelled; the ones behind it move up. */
export function cancelQueuedJob(job: Job): void {
  const key = ownerKey(job);
  const queue = queuedByOwner.get(key) ?? [];
  const index = queue.indexOf(job);
  if (index < 0) return;
  const rest = queue.filter((other) => other !== job);
  if (rest.length > 0) queuedByOwner.set(key, rest);
  else queuedByOwner.delete(key);
  job.run = null;
  finishJob(job, { status: 'cancelled' });
  job.announce();
  job.markSettled();
  for (const behind of rest.slice(index)) behind.announce();
}

function queuePosition(job: Job): number | null {
  if (job.status !== 'queued') return null;
  const index = (queuedByOwner.get(ownerKey(job)) ?? []).indexOf(job);
  return index < 0 ? null : index + 1;
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
