// The one registry of long-running jobs (report batch exports, team bundle exports and imports), owned by the backend
// (createBackend makes one, ServiceContext.jobs carries it): two backends in one process never see each other's jobs
// or queues. Only the user who started a job sees it; finished ones nobody fetched are forgotten after an hour.
import { rm } from 'node:fs/promises';
import { AppError, notFound } from '../contract';
import type { ServiceContext } from './context';
import { PerOwnerQueue } from './ownerQueue';

export type JobStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

/**
 * A report export and a bundle job run side by side, as they always did: one running job per user in each lane.
 */
export type JobLane = 'report' | 'sync';

/** What the registry needs of every job; each kind adds its own fields. */
export interface RegisteredJob {
  id: string;
  lane: JobLane;
  /** null = started without a session (CLI). */
  ownerId: string | null;
  status: JobStatus;
  controller: AbortController;
  /** A folder the job owns; removed with the job. */
  workDir: string;
  finishedAt: number | null;
}

/** Finished jobs are swept after this long (their temp files with them); a result can be fetched again until then. */
const FORGET_AFTER_MS = 60 * 60 * 1000;

export class JobRegistry {
  private readonly jobs = new Map<string, RegisteredJob>();
  private readonly queues: Record<JobLane, PerOwnerQueue<RegisteredJob>> = {
    report: new PerOwnerQueue((job) => job.ownerId),
    sync: new PerOwnerQueue((job) => job.ownerId),
  };

  /** Registers a new job (sweeping old finished ones first). */
  add<J extends RegisteredJob>(job: J): J {
    this.sweep();
    this.jobs.set(job.id, job);
    return job;
  }

  /** The owner's job of the given lane; another user's (or another lane's) answers NOT_FOUND, like one that never existed. */
  get<J extends RegisteredJob>(lane: JobLane, jobId: string, ownerId: string | null): J {
    const job = this.jobs.get(jobId);
    if (!job || job.lane !== lane || job.ownerId !== ownerId) throw notFound('job', jobId);
    return job as J;
  }

  /** Runs the job now if its owner has none running in its lane, else queues it behind theirs. */
  submit(job: RegisteredJob, start: () => void, announce: () => void): void {
    this.queues[job.lane].submit(job, start, announce);
  }

  /** The job ended: its owner's next one in the lane starts. */
  finished(job: RegisteredJob): void {
    this.queues[job.lane].finished(job);
  }

  /** Takes a queued job out of its queue; false when it was not waiting. */
  withdraw(job: RegisteredJob): boolean {
    return this.queues[job.lane].withdraw(job);
  }

  /** 1 for the next to start; null unless queued. */
  position(job: RegisteredJob): number | null {
    return job.status === 'queued' ? this.queues[job.lane].position(job) : null;
  }

  /** The owner's finished jobs of a lane (their results kept for a second download). */
  finishedOf(lane: JobLane, ownerId: string | null): RegisteredJob[] {
    return [...this.jobs.values()].filter((job) => job.lane === lane && job.ownerId === ownerId && job.finishedAt !== null);
  }

  async forget(job: RegisteredJob): Promise<void> {
    this.jobs.delete(job.id);
    await rm(job.workDir, { recursive: true, force: true });
  }

  /** The backend closes: running jobs are stopped and every job's temp folder removed. */
  async close(): Promise<void> {
    const all = [...this.jobs.values()];
    for (const job of all) if (job.status === 'running' || job.status === 'queued') job.controller.abort();
    await Promise.all(all.map((job) => this.forget(job).catch(() => undefined)));
  }

  private sweep(): void {
    const now = performance.now();
    for (const job of this.jobs.values()) {
      if (job.finishedAt !== null && now - job.finishedAt > FORGET_AFTER_MS) void this.forget(job).catch(() => undefined);
    }
  }
}

/** The backend's registry; a context built by hand on a bare connection has none and cannot run jobs. */
export function jobsOf(ctx: ServiceContext): JobRegistry {
  if (!ctx.jobs) throw new AppError('INTERNAL', 'jobs need the backend that owns them');
  return ctx.jobs;
}
