// Prepared raw statements for the bulk load; the FTS rows are written once per ticket with the full timeline text.
import type Database from 'better-sqlite3';
import { recordCapturedOps } from '../../electron/services/sync/capture';
import type { Story } from './story';

/** Search triggers that would re-index a ticket on every timeline insert; the writer indexes each ticket once instead. */
const BULK_REPLACED_TRIGGERS = ['tr_tickets_search_insert', 'tr_ticket_timeline_search_insert'];

export interface StoryWriter {
  write(story: Story, customerName: string): void;
  /** Runs `work` in one transaction with the per-event search triggers replaced by one index write per ticket. */
  inChunk(work: () => void): void;
}

export function storyWriter(sqlite: Database.Database): StoryWriter {
  const insertTicket = sqlite.prepare(
    `INSERT INTO tickets (id, code, title, description, status, priority, category_id, customer_id, creator_id, assigned_to_id,
       resolution, closed_at, version, created_at, updated_at)
     VALUES (@id, @code, @title, @description, @status, @priority, @categoryId, @customerId, @creatorId, @assignedToId,
       @resolution, @closedAt, @version, @createdAt, @updatedAt)`,
  );
  const insertEvent = sqlite.prepare(
    `INSERT INTO ticket_timeline (id, ticket_id, author_id, event_type, content, meta_data, created_at, updated_at)
     VALUES (@id, @ticketId, @authorId, @eventType, @content, @metaData, @createdAt, @createdAt)`,
  );
  const insertWorkOrder = sqlite.prepare(
    `INSERT INTO work_orders (id, code, ticket_id, technician_id, ot_type, status, scheduled_date, started_at, completed_at,
       total_duration, notes, work_done, version, created_at, updated_at)
     VALUES (@id, @code, @ticketId, @technicianId, @otType, @status, @scheduledDate, @startedAt, @completedAt,
       @totalDuration, @notes, @workDone, @version, @createdAt, @updatedAt)`,
  );
  const insertAnswer = sqlite.prepare(
    `INSERT INTO work_order_checklist_answers (id, work_order_id, item_key, label, kind, unit, required, value, answered_by, created_at, updated_at)
     VALUES (@id, @workOrderId, @itemKey, @label, @kind, @unit, @required, @value, @answeredBy, @answeredAt, @answeredAt)`,
  );
  const insertItem = sqlite.prepare(
    `INSERT INTO work_order_items (id, work_order_id, product_id, serial_number, quantity, consumed_at, created_at, updated_at)
     VALUES (@id, @workOrderId, @productId, @serialNumber, @quantity, @consumedAt, @consumedAt, @consumedAt)`,
  );
  const insertSearchDoc = sqlite.prepare('INSERT INTO ticket_search_docs (ticket_id, updated_at, status) VALUES (?, ?, ?)');
  const insertSearch = sqlite.prepare(
    'INSERT INTO ticket_search (rowid, code, title, description, customer, timeline) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const triggerSql = sqlite
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify(BULK_REPLACED_TRIGGERS)) as { name: string; sql: string }[];
  if (triggerSql.length !== BULK_REPLACED_TRIGGERS.length) throw new Error('the search triggers are missing; migrate the database first');

  return {
    write(story, customerName) {
      insertTicket.run(story.ticket);
      const doc = insertSearchDoc.run(story.ticket.id, story.ticket.updatedAt, story.ticket.status);
      // Same text the triggers would build: each timeline entry on its own line, telemetry left out.
      const timeline = story.events
        .filter((e) => e.eventType !== 'telemetry')
        .map((e) => `\n${e.content}`)
        .join('');
      insertSearch.run(doc.lastInsertRowid, story.ticket.code, story.ticket.title, story.ticket.description, customerName, timeline);
      for (const event of story.events) insertEvent.run(event);
      for (const workOrder of story.workOrders) insertWorkOrder.run(workOrder);
      for (const item of story.items) insertItem.run(item);
      for (const answer of story.answers) insertAnswer.run(answer);
    },
    inChunk(work) {
      // DDL is transactional in SQLite: if the chunk fails, the triggers come back with the rollback.
      sqlite.transaction(() => {
        for (const { name } of triggerSql) sqlite.exec(`DROP TRIGGER ${name}`);
        work();
        for (const { sql } of triggerSql) sqlite.exec(sql);
        // Demo rows replicate like any other: the chunk's captured changes become ops before it commits.
        recordCapturedOps(sqlite, null, Date.now());
      })();
    },
  };
}
