// Which socket this process runs for a database, so telemetry.socketInfo can show its counters.
import type Database from 'better-sqlite3';
import type { TelemetrySocket } from './server';

const running = new WeakMap<Database.Database, TelemetrySocket>();

export function registerTelemetrySocket(sqlite: Database.Database, socket: TelemetrySocket | null): void {
  if (socket) running.set(sqlite, socket);
  else running.delete(sqlite);
}

export function runningTelemetrySocket(sqlite: Database.Database): TelemetrySocket | null {
  return running.get(sqlite) ?? null;
}
