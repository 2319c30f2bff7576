// The tickets a search matches, found once and kept in a temp table for the list, its counts and its next pages: FTS5
// builds a prefix term's whole doclist for every query that names it, so the list screen's pair (tickets.list and
// tickets.counts with the same words) used to pay for a common word twice, and each page again.
//
// Kept by doc id alone, straight from the FTS rowids: copying each match's ticket id, updated_at and status out of
// ticket_search_docs cost three quarters of the fill. A query joins that row where it reads it (SEARCH_MATCHES), and a walk
// of another filter's index probes a ticket through its doc row (probeMatches).
import type Database from 'better-sqlite3';
import { prepared } from '../sql';
import { docOfRowid } from './schema';

/** The kept matches `k` with each one's doc row `h` (h.ticket_id, h.updated_at, h.status), the matches driving. */
export const SEARCH_MATCHES = 'temp.search_matches k CROSS JOIN ticket_search_docs h ON h.doc_id = k.doc_id';

/** Joins to the ticket id `ticketId` its doc row `h` and keeps only a match (`k`): one probe of each by key. */
export const probeMatches = (ticketId: string) =>
  `CROSS JOIN ticket_search_docs h ON h.ticket_id = ${ticketId} CROSS JOIN temp.search_matches k ON k.doc_id = h.doc_id`;

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

/** Each term's doc ids, every term matching; one term's repeats (a ticket's many matching events) are ignored at the key. */
function matchSelect(termCount: number): string {
  return Array.from({ length: termCount }, (_, i) => `SELECT ${docOfRowid('rowid')} FROM ticket_search WHERE ticket_search MATCH @fts${i}`).join(' INTERSECT ');
}

const CREATE_MATCHES = 'CREATE TEMP TABLE IF NOT EXISTS search_matches (doc_id INTEGER PRIMARY KEY)';

/**
 * Fills temp.search_matches with the tickets matching the term queries (params @fts0…) unless it already holds them for
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
  sqlite.exec(CREATE_MATCHES);
  prepared(sqlite, 'DELETE FROM temp.search_matches').run();
  // The FTS rowids come in order, so the keys append; a doc id whose ticket is gone joins no doc row later.
  const size = prepared(sqlite, `INSERT OR IGNORE INTO temp.search_matches (doc_id) ${matchSelect(termQueries.length)}`).run(params).changes;
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
