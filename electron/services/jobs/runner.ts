// The worker side of the job protocol: one read-only connection of its own to the same file, and the job kinds.
// Runs inside the job worker thread (electron/workers/job-worker.ts); never in the thread that answers calls.
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { foldForSearch, type AppDb } from '../../../db/open';
import { autoBackup, createBackup } from '../../../db/reliability/backup';
import { AppError } from '../../contract';
import * as schema from '../../../db/schema';
import { withStatementCache } from '../../../db/statements';
import type { ServiceContext } from '../context';
import { EventBus } from '../events';
import { clearPreparedPhotos, ticketPdf, workOrderPdf } from '../reports';
import { dataJobs } from './dataJobs';
import { checkRestoreCandidates } from './restoreCheck';
import { openWriter } from './writer';
import { toWireError, transferablesOf, type JobKind, type JobKinds, type JobProgress, type JobReply, type JobRequest, type JobWorkerData } from './protocol';

const BUSY_TIMEOUT_MS = 5000;

export interface JobEnv {
  reader(): { sqlite: Database.Database; db: AppDb };
  dataDir: string;
  signal: AbortSignal;
  progress(progress: JobProgress): void;
}

export type Handlers = { [K in JobKind]: (input: JobKinds[K]['input'], env: JobEnv) => Promise<JobKinds[K]['output']> | JobKinds[K]['output'] };

/** A service context on the worker's connection; the clock is the caller's moment so printed times match. */
function contextAt(env: JobEnv, iso: string): ServiceContext {
  const { sqlite, db } = env.reader();
  const at = new Date(iso);
  return { sqlite, db, actor: null, clock: { now: () => new Date(at) }, events: new EventBus(), dataDir: env.dataDir };
}

const handlers: Handlers = {
  workOrderPdf: ({ id, language, generatedAt }, env) => workOrderPdf(contextAt(env, generatedAt), id, language),
  ticketPdf: ({ id, language, generatedAt }, env) => ticketPdf(contextAt(env, generatedAt), id, language),
  backup: async ({ now, keep }, env) => {
    const source = env.reader().sqlite;
    const options = { now: new Date(now), onProgress: env.progress };
    return keep === undefined ? createBackup(env.dataDir, source, options) : (await autoBackup(env.dataDir, source, { ...options, keep })).backup;
  },
  integrityCheck: (_input, env) => {
    try {
      const rows = env.reader().sqlite.pragma('quick_check') as { quick_check: string }[];
      const lines = rows.map((row) => row.quick_check);
      return { ok: lines.length === 1 && lines[0] === 'ok', detail: lines.slice(0, 20).join('\n') };
    } catch (error) {
      // Damage bad enough that SQLite cannot even walk the file is the same finding, in its own words.
      if (isDamage(error)) return { ok: false, detail: (error as Error).message };
      throw error;
    }
  },
  restoreCheck: (input, env) => checkRestoreCandidates(input, env.progress, env.signal),
  ...dataJobs,
  bundleImport: () => {
    throw new Error('bundle imports are handed to serveJobs by the job worker entry (electron/workers/job-worker.ts)');
  },
  clearCaches: () => {
    clearPreparedPhotos();
    return null;
  },
};

function isDamage(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB');
}

/** The same pragmas and functions as db/open.ts, read-only: jobs only read the live file (a backup writes its own copy). */
function openReader(file: string): Database.Database {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  try {
    sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    sqlite.function('fold', { deterministic: true }, (text: unknown) => (typeof text === 'string' ? foldForSearch(text) : text));
    return sqlite;
  } catch (error) {
    sqlite.close();
    throw error;
  }
}

/** Jobs that commit on the worker's own connection (megabytes at a time). */
const WRITING_JOBS: ReadonlySet<JobKind> = new Set<JobKind>(['telemetryImport', 'reindex', 'bundleImport']);

/**
 * Copies a big write's WAL frames into the file here, before the result goes back: the engine checkpoints when idle
 * (db/checkpoint.ts) on its own thread, where copying a 20 MB import stalled it for seconds. PASSIVE: never waits.
 */
function checkpointHere(file: string): void {
  const writer = openWriter(file);
  try {
    writer.pragma('wal_checkpoint(PASSIVE)');
  } finally {
    writer.close();
  }
}

export interface JobPort {
  postMessage(message: JobReply, transfer?: ArrayBuffer[]): void;
  on(event: 'message', listener: (request: JobRequest) => void): void;
}

/** Jobs whose code belongs to another service module (services reach each other only through their index). */
export type OutsideHandlers = Pick<Handlers, 'bundleImport'>;

/** Answers the port's job requests until the thread ends; jobs run concurrently (each awaits its own I/O). */
export function serveJobs(port: JobPort, data: JobWorkerData, outside?: OutsideHandlers): void {
  const all: Handlers = { ...handlers, ...outside };
  if (data.fontDir && !process.env.EMERALD_FONT_DIR) process.env.EMERALD_FONT_DIR = data.fontDir;
  let connection: { sqlite: Database.Database; db: AppDb } | null = null;
  const reader = () => {
    if (!connection) {
      const sqlite = openReader(data.databaseFile);
      connection = { sqlite, db: drizzle(withStatementCache(sqlite), { schema }) };
    }
    return connection;
  };
  const running = new Map<number, AbortController>();
  port.on('message', (request) => {
    if (request.type === 'cancel') {
      running.get(request.id)?.abort();
      return;
    }
    const { id, kind, input } = request;
    const controller = new AbortController();
    running.set(id, controller);
    const env: JobEnv = {
      reader,
      dataDir: data.dataDir,
      signal: controller.signal,
      progress: (progress) => port.postMessage({ type: 'progress', id, progress }),
    };
    const handler = all[kind] as (input: unknown, env: JobEnv) => unknown;
    Promise.resolve()
      .then(() => {
        if (data.readonly && WRITING_JOBS.has(kind)) throw new AppError('CONFLICT', 'this copy is open read-only', { reason: 'read_only' });
        return handler(input, env);
      })
      .then((value) => {
        if (WRITING_JOBS.has(kind)) checkpointHere(data.databaseFile);
        return value;
      })
      .then(
        (value) => port.postMessage({ type: 'result', id, value }, transferablesOf(value)),
        (error: unknown) => port.postMessage({ type: 'error', id, error: toWireError(error) }),
      )
      .finally(() => running.delete(id));
  });
}
