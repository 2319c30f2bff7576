// The calling thread's handle on the job worker: started at the first job (a backend that never runs one never pays
// for the thread), one message per job, progress forwarded, results and typed errors returned as promises.
import type { Worker } from 'node:worker_threads';
import { AppError } from '../../contract';
import { spawnWorker } from '../../workers/spawn';
import { resolveFontDir } from '../reports';
import {
  fromWireError,
  jobCancelledError,
  type JobInput,
  type JobKind,
  type JobOutput,
  type JobProgress,
  type JobReply,
  type JobRequest,
  type JobWorkerData,
} from './protocol';

export interface RunOptions {
  onProgress?: (progress: JobProgress) => void;
  /** Aborting rejects at once with CONFLICT `job_cancelled` and tells the worker to stop. */
  signal?: AbortSignal;
  /**
   * For jobs that write: aborting tells the worker to stop but the promise settles with what the worker did (its
   * rollback's cancel error, or its result when it had already committed), so a caller never reports a cancel that
   * did not happen, and nothing is running against the file once it settles.
   */
  settleWithWorker?: boolean;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: unknown): void;
  onProgress: ((progress: JobProgress) => void) | undefined;
}

export class JobWorker {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private closed = false;

  constructor(
    private readonly data: JobWorkerData,
    private readonly log: (message: string, error?: unknown) => void = (message, error) => console.error(message, error),
  ) {}

  /** True once the thread has been started (tests check that plain calls never start it). */
  get started(): boolean {
    return this.worker !== null;
  }

  run<K extends JobKind>(kind: K, input: JobInput<K>, options: RunOptions = {}): Promise<JobOutput<K>> {
    if (this.closed) return Promise.reject(new AppError('INTERNAL', 'the job worker is closed', { reason: 'job_worker_closed' }));
    if (options.signal?.aborted) return Promise.reject(jobCancelledError());
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise<JobOutput<K>>((resolve, reject) => {
      const onAbort = () => {
        if (options.settleWithWorker) {
          if (this.pending.has(id)) worker.postMessage({ type: 'cancel', id } satisfies JobRequest);
          return;
        }
        if (!this.pending.delete(id)) return;
        worker.postMessage({ type: 'cancel', id } satisfies JobRequest);
        this.idleCheck();
        reject(jobCancelledError());
      };
      options.signal?.addEventListener('abort', onAbort, { once: true });
      const settle = () => options.signal?.removeEventListener('abort', onAbort);
      this.pending.set(id, {
        resolve: (value) => {
          settle();
          resolve(value as JobOutput<K>);
        },
        reject: (error) => {
          settle();
          reject(error);
        },
        onProgress: options.onProgress,
      });
      // A thread with work to do keeps the process alive; an idle one does not.
      worker.ref();
      worker.postMessage({ type: 'run', id, kind, input } satisfies JobRequest);
    });
  }

  /** Stops the thread; jobs still running are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.worker = null;
    this.failAll(new AppError('INTERNAL', 'the job worker was closed', { reason: 'job_worker_closed' }));
    if (worker) await worker.terminate();
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = spawnWorker('job-worker', { workerData: { ...this.data, ...fontDirHere() } });
    worker.on('message', (reply: JobReply) => this.onReply(reply));
    const lost = (why: string, error?: unknown) => {
      if (this.worker !== worker) return;
      this.worker = null; // the next job starts a new thread
      if (error === undefined) this.log(`job worker ${why}`);
      else this.log(`job worker ${why}`, error);
      this.failAll(new AppError('INTERNAL', `the job worker ${why}`, { reason: 'job_worker_failed' }));
    };
    worker.on('error', (error) => lost('failed', error));
    worker.on('exit', (code) => lost(`exited (code ${code})`));
    this.worker = worker;
    return worker;
  }

  private onReply(reply: JobReply): void {
    const pending = this.pending.get(reply.id);
    if (!pending) return; // cancelled meanwhile
    if (reply.type === 'progress') {
      pending.onProgress?.(reply.progress);
      return;
    }
    this.pending.delete(reply.id);
    this.idleCheck();
    if (reply.type === 'result') pending.resolve(reply.value);
    else pending.reject(fromWireError(reply.error));
  }

  private idleCheck(): void {
    if (this.pending.size === 0) this.worker?.unref();
  }

  private failAll(error: AppError): void {
    const all = [...this.pending.values()];
    this.pending.clear();
    for (const pending of all) pending.reject(error);
  }
}

/** Where this thread finds the report fonts; the worker's PDFs fail with the same words if neither thread can. */
function fontDirHere(): { fontDir?: string } {
  try {
    return { fontDir: resolveFontDir() };
  } catch {
    return {};
  }
}
