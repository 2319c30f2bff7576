// Applying thousands of ops: the capture triggers record nothing while remote ops are applied (capture is off) but
// still cost a lookup per row, so a large batch sets them aside. The search triggers stay: each timeline event adds
// its own index row (services/search/schema.ts), so indexing a batch costs the same per event whatever the history.
import type Database from 'better-sqlite3';
import { prepared } from '../sql';
import type { TouchedRow } from './conflicts';
import { captureTriggerNames } from './sqlgen';

/** Below this many ops the triggers are cheaper than dropping and re-creating them. */
export const BULK_APPLY_THRESHOLD = 200;

function setAsideTriggers(sqlite: Database.Database, names: readonly string[]): { name: string; sql: string }[] {
  const triggers = prepared(sqlite, "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN (SELECT value FROM json_each(?))").all(
    JSON.stringify(names),
  ) as { name: string; sql: string }[];
  for (const trigger of triggers) sqlite.exec(`DROP TRIGGER "${trigger.name}"`);
  return triggers;
}

/**
 * Runs `work` (inside the caller's transaction, with capture off) with the capture triggers set aside, then puts them
 * back. DDL is transactional: if the batch fails, the rollback brings them back.
 */
export function withBulkApply<T extends { touched: TouchedRow[] }>(sqlite: Database.Database, work: () => T): T {
  const setAside = setAsideTriggers(sqlite, captureTriggerNames());
  const result = work();
  for (const trigger of setAside) sqlite.exec(trigger.sql);
  return result;
}
