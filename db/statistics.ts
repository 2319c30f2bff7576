// The query planner's statistics, kept without per-value samples.
// better-sqlite3's SQLite is built with STAT4. Once ANALYZE has stored samples of an index in sqlite_stat4, every
// statement that compares a bound parameter with that index's first column is compiled again each time the parameter
// changes (sqlite3_prepare_v2's documented rule). A write's UPDATE is compiled with all its triggers, so on the bench
// dataset each write re-prepared about five statements. sqlite_stat1's per-index averages stay: the plans come from them.
// PRAGMA optimize (run at close) analyzes with a row limit, which stores no samples; a full ANALYZE does.
import type Database from 'better-sqlite3';

/**
 * Empties sqlite_stat4 and reloads the statistics when it held samples. Returns whether it did. Read first: runs at every
 * open, and a DELETE would take the write lock even with nothing to delete (waiting on another process's write).
 */
export function dropValueSamples(sqlite: Database.Database): boolean {
  const table = sqlite.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'sqlite_stat4'").get();
  if (!table || !sqlite.prepare('SELECT 1 FROM sqlite_stat4 LIMIT 1').get()) return false;
  sqlite.prepare('DELETE FROM sqlite_stat4').run();
  // The planner keeps the samples it loaded until the statistics are read again.
  sqlite.exec('ANALYZE sqlite_schema');
  return true;
}
