// Assembles what every transport needs: the open database, sessions, the event bus and dispatch().
import path from 'node:path';
import type { TelemetrySocketStats } from '../contract';
import { idleCheckpointer } from '../../db/checkpoint';
import { openDatabase, type OpenOptions, type OpenedDatabase } from '../../db/open';
import { ensurePrivateFolder } from '../../db/private-files';
import { systemClock, type Clock } from '../services/context';
import { EventBus } from '../services/events';
import { JobWorker, runStartupJobs, type StartupReport } from '../services/jobs';
import { DEFAULT_BACKUPS_KEPT } from '../../db/reliability/backup';
import { JobRegistry } from '../services/jobRegistry';
import { readSessionTimeoutMinutes } from '../services/settings';
import { foldLeftoverCustomers } from '../services/customerFolds';
import { fillMissingTicketSla } from '../services/sla';
import type { EngineHost } from './engine/host';
import { dispatch, type CallContext, type DispatchResult } from './router';
import { SessionStore } from './sessions';

export const DATABASE_FILE_NAME = 'emerald.db';

export interface BackendOptions extends OpenOptions {
  dataDir: string;
  clock?: Clock;
  log?: (message: string, error?: unknown) => void;
  /**
   * Start at once (the app and browser mode): the open skips quick_check, which runs in the job worker after start,
   * followed by the start-up backup when `backup` (the app's; Backend.startup tells how they went).
   */
  startupJobs?: { backup: boolean };
}

/** What this backend runs beside the database, for the channels that show it; set by whoever starts it. */
export interface RunningServices {
  telemetrySocket: { stats(): TelemetrySocketStats } | null;
}

/** The engine in this thread: transports take it as an EngineHost, like the worker proxy. */
export interface Backend extends EngineHost {
  database: OpenedDatabase;
  events: EventBus;
  sessions: SessionStore;
  clock: Clock;
  /** This backend's long-running jobs: never shared with another backend in the same process. */
  jobs: JobRegistry;
  /** The job worker thread (PDFs, backups, checks with their own connection); started only by the first job. */
  jobWorker: JobWorker;
  running: RunningServices;
  /** The after-start integrity check and backup (startupJobs); null when not asked for or when the backend closed first. */
  startup: Promise<StartupReport | null>;
  dispatch(call: CallContext, channel: unknown, input: unknown): Promise<DispatchResult>;
  close(): void;
}

export function databasePath(dataDir: string): string {
  return path.join(dataDir, DATABASE_FILE_NAME);
}

export function createBackend(options: BackendOptions): Backend {
  ensurePrivateFolder(options.dataDir);
  const database = openDatabase(databasePath(options.dataDir), { ...options, deferIntegrityCheck: options.startupJobs !== undefined || options.deferIntegrityCheck === true });
  // The derived SLA table is local: tickets that have no row yet (first start after the upgrade, rows loaded around the write path) get one now.
  if (!options.readonly) fillMissingTicketSla(database.sqlite);
  // Customers marked unknown by writes made around the app (the upgrade marks them all) are folded now: searches never write.
  if (!options.readonly) foldLeftoverCustomers(database.sqlite);
  const clock = options.clock ?? systemClock;
  const events = new EventBus(options.log);
  const sessions = new SessionStore(clock, () => readSessionTimeoutMinutes(database.db) * 60_000);
  const jobs = new JobRegistry();
  const jobWorker = new JobWorker({ databaseFile: database.path, dataDir: options.dataDir, readonly: options.readonly === true }, options.log);
  const base = { db: database.db, sqlite: database.sqlite, clock, events, dataDir: options.dataDir, jobs, jobWorker };
  const running: RunningServices = { telemetrySocket: null };
  const startup = options.startupJobs ? startupJobsAfterStart(jobWorker, clock, options) : Promise.resolve(null);
  const deps = { base, sessions, running, ...(options.log ? { log: options.log } : {}) };
  // Every committed change publishes an event: checkpoint the WAL once things go quiet. The hub's thread checkpoints
  // its own commits: copying thirty members' pages here held the window's reads for tens of milliseconds.
  const checkpointer = options.readonly ? null : idleCheckpointer(database.sqlite);
  if (checkpointer) {
    events.on((_event, origin) => {
      if (!origin.committedElsewhere) checkpointer.noteWrite();
    });
  }
  return {
    database,
    events,
    sessions,
    clock,
    jobs,
    jobWorker,
    running,
    startup,
    dispatch: (call, channel, input) => dispatch(deps, call, channel, input),
    onEvent: (listener) => events.on(listener),
    sessionStatus: (token) => sessions.peek(token).status,
    endSession: (token) => sessions.end(token),
    close: () => {
      checkpointer?.stop();
      // Running jobs stop and every job's temp folder goes with the backend.
      void jobs.close();
      void jobWorker.close();
      database.close();
    },
  };
}

/** Queued behind whatever the caller does right after createBackend (the first screen's calls); never rejects. */
function startupJobsAfterStart(jobWorker: JobWorker, clock: Clock, options: BackendOptions): Promise<StartupReport | null> {
  const log = options.log ?? ((message: string, error?: unknown) => console.error(message, error));
  return new Promise<void>((resolve) => setImmediate(resolve))
    .then(() => runStartupJobs(jobWorker, { backup: options.startupJobs?.backup === true && !options.readonly, keep: DEFAULT_BACKUPS_KEPT, now: () => clock.now() }))
    .then((report) => {
      if (!report.integrity.ok) log(`the database failed its integrity check: ${report.integrity.detail}`);
      if (report.backupError) log(`automatic backup failed: ${report.backupError}`);
      return report;
    })
    .catch((error: unknown) => {
      log('the start-up checks did not run', error);
      return null;
    });
}
