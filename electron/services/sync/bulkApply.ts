// Applying thousands of ops: some per-row triggers only cost time. The per-event search trigger re-indexes a ticket's
// whole timeline text on every event (quadratic per ticket): each touched ticket is indexed once after instead. The
// capture triggers record nothing while remote ops are applied (capture is off) but still cost a lookup per row.
import type Database from 'better-sqlite3';
import { prepared } from '../sql';
import type { TouchedRow } from './conflicts';
import { captureTriggerNames } from './sqlgen';

const PER_EVENT_TRIGGER = 'tr_ticket_timeline_search_insert';
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
 * Runs `work` (inside the caller's transaction, with capture off) with those triggers set aside, then puts them back
 * and indexes each touched ticket once. DDL is transactional: if the batch fails, the rollback brings them back.
 */
export function withBulkApply<T extends { touched: TouchedRow[] }>(sqlite: Database.Database, work: () => T): T {
  const setAside = setAsideTriggers(sqlite, [PER_EVENT_TRIGGER, ...captureTriggerNames()]);
  const result = work();
  for (const trigger of setAside) sqlite.exec(trigger.sql);
  if (!setAside.some((trigger) => trigger.name === PER_EVENT_TRIGGER)) return result;
  const events = result.touched.filter((row) => row.entity === 'ticket_timeline').map((row) => row.rowId);
  if (events.length === 0) return result;
  const tickets = prepared(sqlite, 'SELECT DISTINCT ticket_id AS id FROM ticket_timeline WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(events)) as {
    id: string;
  }[];
  // The same text the trigger builds: each non-telemetry event on its own line.
  const reindex = prepared(
    sqlite,
    `UPDATE ticket_search SET timeline = coalesce((SELECT group_concat(char(10) || content, '') FROM
       (SELECT content FROM ticket_timeline WHERE ticket_id = @id AND event_type <> 'telemetry' ORDER BY created_at, id)), '')
     WHERE rowid = (SELECT doc_id FROM ticket_search_docs WHERE ticket_id = @id)`,
  );
  for (const ticket of tickets) reindex.run({ id: ticket.id });
  return result;
}
