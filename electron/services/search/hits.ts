// The tickets a search matches, found once and kept in a temp table for the list, its counts and its next pages: FTS5
// builds a prefix term's whole doclist for every query that names it, so the list screen's pair (tickets.list and
// tickets.counts with the same words) used to pay for a common word twice, and each page again.
//
// Kept by ticket id, with the updated_at and status ticket_search_docs holds beside it: a walk of another filter's
// index probes a match by its primary key, and the matches sort and count by status without leaving memory.
import type Database from 'better-sqlite3';
import { prepared } from '../sql';
import { docOfRowid } from './schema';

/** The temp table of matching tickets (ticket_id, updated_at, status); `h.ticket_id = t.id` probes one ticket. */
export const SEARCH_HITS = 'temp.search_hits';

interface Kept {
  key: string;
  /** total_changes() after the fill: any later write on this connection changes it. */
  changes: number;
  /** PRAGMA data_version when filled: a commit by another connection (the job worker's) changes it. */
  dataVersion: number;
  size: number;
  /** Facts derived from these matches and the same data (a plan's estimate), dropped with them. */
  memo: Map<string, unknown>;
}
const kept = new WeakMap<Database.Database, Kept>();

/** Each term's doc ids (a ticket's many matching events collapse in the IN list); every term must match. */
function matchSelect(termCount: number): string {
  return Array.from({ length: termCount }, (_, i) => `SELECT ${docOfRowid('rowid')} FROM ticket_search WHERE ticket_search MATCH @fts${i}`).join(' INTERSECT ');
}

/** Keyed by ticket only: a second index cost the fill more (thousands of inserts) than sorting or counting the rows in memory saves. */
const CREATE_HITS = 'CREATE TEMP TABLE IF NOT EXISTS search_hits (ticket_id TEXT PRIMARY KEY, updated_at TEXT, status TEXT) WITHOUT ROWID';

/**
 * Fills temp.search_hits with the tickets matching the term queries (params @fts0…) unless it already holds them for
 * the same words and nothing was written since; returns how many tickets match. Inside a transaction it is refilled and
 * never trusted later (a rollback would empty it behind the bookkeeping's back).
 */
export function searchHits(sqlite: Database.Database, termQueries: readonly string[], params: Record<string, unknown>): number {
  const key = JSON.stringify(termQueries);
  // A prepared PRAGMA: sqlite.pragma() compiles its statement on every call, and every search asks this.
  const dataVersion = (prepared(sqlite, 'PRAGMA data_version').get() as { data_version: number }).data_version;
  const changesNow = () => (prepared(sqlite, 'SELECT total_changes() AS n').get() as { n: number }).n;
  const last = kept.get(sqlite);
  if (last && !sqlite.inTransaction && last.key === key && last.dataVersion === dataVersion && last.changes === changesNow()) return last.size;
  kept.delete(sqlite);
  sqlite.exec(CREATE_HITS);
  prepared(sqlite, `DELETE FROM ${SEARCH_HITS}`).run();
  const size = prepared(
    sqlite,
    `INSERT INTO ${SEARCH_HITS} (ticket_id, updated_at, status)
     SELECT d.ticket_id, d.updated_at, d.status FROM ticket_search_docs d WHERE d.doc_id IN (${matchSelect(termQueries.length)})`,
  ).run(params).changes;
  if (!sqlite.inTransaction) kept.set(sqlite, { key, changes: changesNow(), dataVersion, size, memo: new Map() });
  return size;
}

/**
 * What `compute` answers for `key` while the kept matches stand (same words, nothing written since searchHits checked):
 * the list and its counts ask the same question once. Computed every time when nothing is kept (inside a transaction).
 */
export function withKeptMatches<T>(sqlite: Database.Database, key: string, compute: () => T): T {
  const memo = kept.get(sqlite)?.memo;
  if (!memo) return compute();
  if (!memo.has(key)) memo.set(key, compute());
  return memo.get(key) as T;
}

/** Forgets the kept matches, so the next search fills them again (the bench measures a search as a user's new words). */
export function forgetSearchHits(sqlite: Database.Database): void {
  kept.delete(sqlite);
}
