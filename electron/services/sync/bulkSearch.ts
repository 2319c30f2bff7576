// Applying thousands of ops: the per-event search trigger re-indexes a ticket's whole timeline text on every
// event (quadratic per ticket). For a large batch it is set aside and each touched ticket is indexed once after.
import type Database from 'better-sqlite3';
import { prepared } from '../sql';
import type { TouchedRow } from './conflicts';

const PER_EVENT_TRIGGER = 'tr_ticket_timeline_search_insert';
/** Below this many ops the trigger is cheaper than dropping and re-creating it. */
export const BULK_APPLY_THRESHOLD = 200;

/** Runs `work` (inside the caller's transaction) with the per-event search trigger replaced by one re-index per ticket. */
export function withBulkSearchIndex<T extends { touched: TouchedRow[] }>(sqlite: Database.Database, work: () => T): T {
  const trigger = sqlite.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?").get(PER_EVENT_TRIGGER) as { sql: string } | undefined;
  if (!trigger) return work();
  // DDL is transactional: if the batch fails, the rollback brings the trigger back with everything else.
  sqlite.exec(`DROP TRIGGER ${PER_EVENT_TRIGGER}`);
  const result = work();
  sqlite.exec(trigger.sql);
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
