// Assembles what every transport needs: the open database, sessions, the event bus and dispatch().
import path from 'node:path';
import { idleCheckpointer } from '../../db/checkpoint';
import { openDatabase, type OpenOptions, type OpenedDatabase } from '../../db/open';
import { ensurePrivateFolder } from '../../db/private-files';
import { systemClock, type Clock } from '../services/context';
import { EventBus } from '../services/events';
import { readSessionTimeoutMinutes } from '../services/settings';
import { dispatch, type CallContext, type DispatchResult } from './router';
import { SessionStore } from './sessions';

export const DATABASE_FILE_NAME = 'emerald.db';

export interface BackendOptions extends OpenOptions {
  dataDir: string;
  clock?: Clock;
  log?: (message: string, error?: unknown) => void;
}

export interface Backend {
  database: OpenedDatabase;
  events: EventBus;
  sessions: SessionStore;
  clock: Clock;
  dispatch(call: CallContext, channel: unknown, input: unknown): Promise<DispatchResult>;
  close(): void;
}

export function databasePath(dataDir: string): string {
  return path.join(dataDir, DATABASE_FILE_NAME);
}

export function createBackend(options: BackendOptions): Backend {
  ensurePrivateFolder(options.dataDir);
  const database = openDatabase(databasePath(options.dataDir), options);
  const clock = options.clock ?? systemClock;
  const events = new EventBus(options.log);
  const sessions = new SessionStore(clock, () => readSessionTimeoutMinutes(database.db) * 60_000);
  const base = { db: database.db, sqlite: database.sqlite, clock, events, dataDir: options.dataDir };
  const deps = { base, sessions, ...(options.log ? { log: options.log } : {}) };
  // Every committed change publishes an event: checkpoint the WAL once things go quiet.
  const checkpointer = options.readonly ? null : idleCheckpointer(database.sqlite);
  if (checkpointer) events.on(() => checkpointer.noteWrite());
  return {
    database,
    events,
    sessions,
    clock,
    dispatch: (call, channel, input) => dispatch(deps, call, channel, input),
    close: () => {
      checkpointer?.stop();
      database.close();
    },
  };
}
