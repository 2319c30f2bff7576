// The job worker's data jobs (issue 17): a big telemetry file imported and the search index rebuilt, each
// off the engine's thread. Runs inside the job worker only (runner.ts). The bundle import's job is sync's own
// (services/sync/bundle-import-job.ts), handed to the worker by electron/workers/job-worker.ts.
import { setImmediate as nextTurn } from 'node:timers/promises';
import type Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import * as schema from '../../../db/schema';
import { withStatementCache } from '../../../db/statements';
import { AppError, type DomainEvent } from '../../contract';
import type { ServiceContext } from '../context';
import { EventBus } from '../events';
import { rebuildSearchIndexSteps } from '../search';
import { importReadings } from '../telemetry';
import { jobCancelledError, type JobKinds, type JobProgress } from './protocol';
import { openWriter } from './writer';

export interface DataJobEnv {
  reader(): { sqlite: Database.Database };
  signal: AbortSignal;
  progress(progress: JobProgress): void;
}

type Job<K extends keyof JobKinds> = (input: JobKinds[K]['input'], env: DataJobEnv) => Promise<JobKinds[K]['output']>;

/**
 * telemetry.import on the worker's own writing connection: the service itself (parse, validate, one inTransaction with
 * op capture and the caller's actor as author), its events collected for the engine to publish.
 */
const telemetryImport: Job<'telemetryImport'> = async ({ import: input, actor, now }, env) => {
  const sqlite = openWriter(env.reader().sqlite.name);
  try {
    const emitted: DomainEvent[] = [];
    const events = new EventBus();
    events.on((event) => emitted.push(event));
    const at = new Date(now);
    const ctx: ServiceContext = { sqlite, db: drizzle(withStatementCache(sqlite), { schema }), actor, clock: { now: () => new Date(at) }, events };
    const report = await importReadings(ctx, input);
    return { report, events: emitted };
  } finally {
    sqlite.close();
  }
};

/** The write lock for a whole-file job; another writer past the busy timeout is a clear refusal. */
function beginWrite(conn: Database.Database): void {
  try {
    conn.prepare('BEGIN IMMEDIATE').run();
  } catch (error) {
    if ((error as { code?: string }).code !== 'SQLITE_BUSY') throw error;
    throw new AppError('CONFLICT', 'another program is writing to this copy; try again when it is done', { reason: 'database_busy' });
  }
}

/**
 * The search index (local, derived: no op capture) rebuilt in one transaction on a connection of its own, turning the
 * event loop between chunks so progress flows and a cancel rolls everything back to the old index.
 */
const reindex: Job<'reindex'> = async ({ step }, env) => {
  const conn = openWriter(env.reader().sqlite.name);
  try {
    beginWrite(conn);
    try {
      const steps = rebuildSearchIndexSteps(conn, step);
      for (let next = steps.next(); ; next = steps.next()) {
        if (next.done) {
          conn.prepare('COMMIT').run();
          return next.value;
        }
        env.progress(next.value);
        await nextTurn();
        if (env.signal.aborted) throw jobCancelledError();
      }
    } catch (error) {
      if (conn.inTransaction) conn.prepare('ROLLBACK').run();
      throw error;
    }
  } finally {
    conn.close();
  }
};

export const dataJobs = { telemetryImport, reindex };
