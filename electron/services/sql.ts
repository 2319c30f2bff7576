// Prepared statements reused per connection: preparing costs as much as running a small indexed query.
import type Database from 'better-sqlite3';

/** Distinct SQL texts kept per connection (filters combine into a few dozen shapes). */
const MAX_STATEMENTS = 256;
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
    return hit;
  }
  const statement = sqlite.prepare(sql);
  cache.set(sql, statement);
  if (cache.size > MAX_STATEMENTS) cache.delete(cache.keys().next().value as string);
  return statement;
}
