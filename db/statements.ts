// Prepared statements reused per connection. Preparing costs as much as running a small indexed query, and a write
// to a table with triggers compiles every trigger again: a timeline insert took longer to prepare than to run.
import type Database from 'better-sqlite3';

/** Distinct SQL texts kept per connection (filters and drizzle's column sets combine into a few hundred shapes). */
const MAX_STATEMENTS = 512;
const caches = new WeakMap<Database.Database, Map<string, Database.Statement>>();

export function prepared(sqlite: Database.Database, sql: string): Database.Statement {
  let cache = caches.get(sqlite);
  if (!cache) {
    cache = new Map();
    caches.set(sqlite, cache);
  }
  const hit = cache.get(sql);
  if (hit) {
    // Re-insert: a Map keeps insertion order, so the oldest entry is the least recently used.
    cache.delete(sql);
    cache.set(sql, hit);
    // drizzle reads some rows as arrays (raw mode); the next caller of the same text expects objects unless it asks.
    if (hit.reader) hit.raw(false);
    return hit;
  }
  const statement = sqlite.prepare(sql);
  cache.set(sql, statement);
  if (cache.size > MAX_STATEMENTS) cache.delete(cache.keys().next().value as string);
  return statement;
}

/** The connection as drizzle sees it: the same one, except that prepare() reuses the statements above. */
export function withStatementCache(sqlite: Database.Database): Database.Database {
  return new Proxy(sqlite, {
    get(target, property) {
      if (property === 'prepare') return (sql: string) => prepared(target, sql);
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
