// One running thing per open database (a telemetry socket, a network runtime), found through the connection the
// channels hold and forgotten with it.
import type Database from 'better-sqlite3';

export interface PerDatabase<T> {
  set(sqlite: Database.Database, value: T | null): void;
  get(sqlite: Database.Database): T | null;
}

export function perDatabase<T>(): PerDatabase<T> {
  const running = new WeakMap<Database.Database, T>();
  return {
    set(sqlite, value) {
      if (value === null) running.delete(sqlite);
      else running.set(sqlite, value);
    },
    get: (sqlite) => running.get(sqlite) ?? null,
  };
}
