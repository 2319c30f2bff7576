// Which network runtime this process runs for a database, so the channels reach its scheduler and hub.
import type Database from 'better-sqlite3';
import type { NetRuntime } from './runtime';

const running = new WeakMap<Database.Database, NetRuntime>();

export function registerNetRuntime(sqlite: Database.Database, runtime: NetRuntime | null): void {
  if (runtime) running.set(sqlite, runtime);
  else running.delete(sqlite);
}

export function runningNetRuntime(sqlite: Database.Database): NetRuntime | null {
  return running.get(sqlite) ?? null;
}
