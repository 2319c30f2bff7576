// The app's hub in a thread of its own (electron/workers/hub-worker.ts): the TLS, the members' pages and their
// transactions run on the thread's own event loop and SQLite connection, so the office PC's own window is answered by
// an engine that only waits for SQLite's lock, never behind thirty members' work. This file is both sides: the worker's
// (serveHubThread) and the engine's handle on it (startHubThread), which the net runtime uses as it would startHub's.
import type { MessagePort, Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import * as schema from '../../../../db/schema';
import { withStatementCache } from '../../../../db/statements';
import { AppError, type DomainEvent } from '../../../contract';
import { spawnWorker } from '../../../workers/spawn';
import { systemClock } from '../../context';
import { EventBus } from '../../events';
import { fromWireError, openWriter, toWireError, type WireError } from '../../jobs';
import { idleCheckpointer, type IdleCheckpointer } from '../../../../db/checkpoint';
import { startHub, type Hub } from './hubServer';
import { lowerThisThreadPriority } from './threadPriority';
import { shareWriteTurns, unshareWriteTurns, WriteTurns } from '../../writeTurns';

export interface HubThreadData {
  /** The copy's database file, opened again by the thread (the engine opened and migrated it first). */
  databaseFile: string;
  dataDir: string;
  listen: { host: string; port: number };
  mdns: boolean;
  /** The write turns shared with the engine's connection (writeTurns.ts): the window's writes go before the hub's. */
  writeTurns: SharedArrayBuffer;
}

const CLOSE_TIMEOUT_MS = 5_000;
/** SQLite's own default, kept on the hub's connection (the idle checkpointer turns it off). */
const HUB_AUTOCHECKPOINT_PAGES = 1000;

type ToHubThread = { type: 'changed'; team: boolean } | { type: 'close' };

type FromHubThread =
  | { type: 'ready'; url: string; host: string; port: number; fingerprint: string }
  | { type: 'failed'; error: WireError }
  | { type: 'events'; events: DomainEvent[] }
  | { type: 'connectedDevices'; count: number }
  | { type: 'log'; line: string }
  | { type: 'closed' };

/**
 * The worker's side: opens its connection (the app's pragmas; acknowledged pages are synced by the hub itself), starts
 * the hub with the system clock, and sends its domain events to the engine after each page, its socket count as it
 * changes and its log lines.
 */
export async function serveHubThread(port: MessagePort, data: HubThreadData): Promise<void> {
  const post = (message: FromHubThread) => port.postMessage(message);
  // Thirty members' rounds wait a little; the office PC's own window does not wait behind them.
  lowerThisThreadPriority();
  let sqlite: ReturnType<typeof openWriter> | null = null;
  let checkpointer: IdleCheckpointer | null = null;
  let hub: Hub;
  try {
    sqlite = openWriter(data.databaseFile);
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('temp_store = MEMORY');
    shareWriteTurns(sqlite, new WriteTurns(data.writeTurns));
    const events = new EventBus((message, error) => post({ type: 'log', line: `${message}: ${error instanceof Error ? error.message : String(error)}` }));
    // This thread's commits are checkpointed on this thread, never on the engine's: once the members go quiet, and
    // inside a member's page whenever the log passes 1000 pages (a long busy spell must not grow it without end: the
    // window's reads slow down as it grows).
    const ownCommits = idleCheckpointer(sqlite);
    sqlite.pragma(`wal_autocheckpoint = ${HUB_AUTOCHECKPOINT_PAGES}`);
    checkpointer = ownCommits;
    events.on(() => ownCommits.noteWrite());
    const services = { sqlite, db: drizzle(withStatementCache(sqlite), { schema }), clock: systemClock, events, dataDir: data.dataDir };
    hub = await startHub({
      services,
      listen: data.listen,
      mdns: data.mdns,
      log: (line) => post({ type: 'log', line }),
      onApplied: (applied) => post({ type: 'events', events: applied }),
      onConnectedDevices: (count) => post({ type: 'connectedDevices', count }),
    });
  } catch (error) {
    checkpointer?.stop();
    sqlite?.close();
    post({ type: 'failed', error: toWireError(error) });
    return;
  }
  const connection = sqlite;
  post({ type: 'ready', url: hub.url, host: hub.host, port: hub.port, fingerprint: hub.fingerprint });
  port.on('message', (message: ToHubThread) => {
    // The engine's commit reaches the members waiting at once (and a revocation cuts its device off), as the thread's
    // own commits do.
    if (message.type === 'changed') hub.noteChange(message.team);
    else if (message.type === 'close') {
      void hub.close().finally(() => {
        checkpointer?.stop();
        connection.close();
        post({ type: 'closed' });
      });
    }
  });
}

/**
 * The engine's side: starts the thread and resolves once its hub listens (or rejects with the thread's reason). The
 * engine's connection shares write turns with the thread's while it runs.
 */
export function startHubThread(
  data: Omit<HubThreadData, 'writeTurns'>,
  options: {
    engineConnection: Database.Database;
    onApplied: (events: DomainEvent[]) => void;
    log: (line: string) => void;
    /** The thread ended on its own after it started (a crash): the hub no longer serves. */
    onEnded: (error: Error) => void;
    /** How many member computers have a connection open, each time that changes. */
    onConnectedDevices?: (count: number) => void;
  },
): Promise<Hub> {
  const turns = new WriteTurns();
  const worker: Worker = spawnWorker('hub-worker', { workerData: { ...data, writeTurns: turns.buffer } satisfies HubThreadData });
  shareWriteTurns(options.engineConnection, turns);
  // A thread that ended holding a turn must not keep the engine's writes waiting for it.
  const stopSharing = () => unshareWriteTurns(options.engineConnection);
  let connectedDevices = 0;
  let closed: Promise<void> | null = null;
  return new Promise<Hub>((resolve, reject) => {
    let started = false;
    let ended = false;
    const fail = (error: Error) => {
      stopSharing();
      if (!started) return reject(error);
      if (ended) return;
      ended = true;
      options.log(`hub: its thread stopped: ${error.message}`);
      options.onEnded(error instanceof AppError ? error : new AppError('INTERNAL', `the hub's thread failed: ${error.message}`, { reason: 'hub_thread_ended' }));
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new AppError('INTERNAL', `the hub's thread ended (exit code ${code})`, { reason: 'hub_thread_ended' })));
    worker.on('message', (message: FromHubThread) => {
      switch (message.type) {
        case 'events':
          return options.onApplied(message.events);
        case 'connectedDevices':
          connectedDevices = message.count;
          return options.onConnectedDevices?.(connectedDevices);
        case 'log':
          return options.log(message.line);
        case 'failed':
          void worker.terminate();
          return fail(fromWireError(message.error));
        case 'ready':
          started = true;
          return resolve({
            url: message.url,
            host: message.host,
            port: message.port,
            fingerprint: message.fingerprint,
            connectedDevices: () => connectedDevices,
            noteChange: (team) => worker.postMessage({ type: 'changed', team } satisfies ToHubThread),
            close: () =>
              (closed ??= new Promise<void>((done) => {
                worker.removeAllListeners('exit');
                worker.once('exit', () => {
                  stopSharing();
                  done();
                });
                // The hub closes its sockets and the connection, then the thread ends (or is ended, if it hangs).
                const hung = setTimeout(() => void worker.terminate(), CLOSE_TIMEOUT_MS);
                worker.on('message', (reply: FromHubThread) => {
                  if (reply.type !== 'closed') return;
                  clearTimeout(hung);
                  void worker.terminate();
                });
                worker.postMessage({ type: 'close' } satisfies ToHubThread);
              })),
          });
        case 'closed':
          return;
      }
    });
  });
}
