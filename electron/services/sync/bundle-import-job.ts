// A large bundle is applied by the job worker (issue 17): its verify pass and its one transaction run on the worker's
// thread and connection, so the engine keeps answering; the engine publishes the touched rows' events afterwards.
import { nowIso, type ServiceContext } from '../context';
import type Database from 'better-sqlite3';
import type { DomainEvent } from '../../contract';
import type { SyncImportSummaryDto } from '../../contract/sync';
import type { JobKinds, JobProgress, JobWorker } from '../jobs';
import { databaseFileOf } from './bundle-connection';
import { BundleReader } from './bundle-format';
import { importBundle, oneImportAtATime } from './bundle-import';

/** Ops plus snapshot rows past which a bundle goes to the job worker; a smaller one applies here in a few turns. */
export const WORKER_IMPORT_MIN_ITEMS = 1000;

/** The bundle's item count from its header; 0 when the header cannot be read (the in-process import says why). */
export async function bundleItemCount(file: string): Promise<number> {
  try {
    const reader = await BundleReader.open(file);
    try {
      return reader.header.opCount + reader.header.rowCount;
    } finally {
      await reader.close();
    }
  } catch {
    return 0;
  }
}

export interface WorkerImportOptions {
  file: string;
  signal: AbortSignal;
  onProgress(done: number, total: number): void;
}

/**
 * The import in the job worker. A cancel waits for the worker's rollback (or its commit, if it came first), so the
 * job's final status is what happened to the file; the domain events are emitted here, after the commit.
 */
export async function importInJobWorker(ctx: ServiceContext & { jobWorker: JobWorker }, options: WorkerImportOptions): Promise<SyncImportSummaryDto> {
  const { jobWorker } = ctx;
  return oneImportAtATime(databaseFileOf(ctx.sqlite), async () => {
    const { summary, events } = await jobWorker.run(
      'bundleImport',
      { file: options.file, now: nowIso(ctx) },
      { signal: options.signal, settleWithWorker: true, onProgress: ({ done, total }) => options.onProgress(done, total) },
    );
    for (const event of events) ctx.events.emit(event);
    return summary;
  });
}

/**
 * The worker's side (electron/workers/job-worker.ts hands it to serveJobs): importBundle with the worker's read
 * connection as the app's (it opens its own writing one); the touched rows' events go back to the engine to publish.
 */
export async function bundleImportJob(
  { file, now }: JobKinds['bundleImport']['input'],
  env: { reader(): { sqlite: Database.Database }; signal: AbortSignal; progress(progress: JobProgress): void },
): Promise<JobKinds['bundleImport']['output']> {
  const events: DomainEvent[] = [];
  const at = new Date(now);
  const summary = await importBundle(
    { sqlite: env.reader().sqlite, clock: { now: () => new Date(at) }, events: { emit: (event) => events.push(event) } },
    {
      file,
      signal: env.signal,
      // Verifying and applying each walk the whole bundle: one bar, two halves (as bundle-jobs.ts shows it in-process).
      onProgress: ({ phase, done, total }) => env.progress({ done: (phase === 'apply' ? total : 0) + done, total: 2 * total }),
    },
  );
  return { summary, events };
}
