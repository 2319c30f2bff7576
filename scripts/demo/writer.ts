// Prepared raw statements for the bulk load. The search index fills itself through its triggers (one row per ticket
// and per event, services/search/schema.ts): nothing here copies the index's SQL.
import type Database from 'better-sqlite3';
import { recordCapturedOps } from '../../electron/services/sync/capture';
import type { Story } from './story';

export interface StoryWriter {
  write(story: Story): void;
  /** Runs `work` in one transaction that turns the captured changes into ops before it commits. */
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
       total_duration, estimated_minutes, notes, work_done, version, created_at, updated_at)
     VALUES (@id, @code, @ticketId, @technicianId, @otType, @status, @scheduledDate, @startedAt, @completedAt,
       @totalDuration, @estimatedMinutes, @notes, @workDone, @version, @createdAt, @updatedAt)`,
  );
  const insertAnswer = sqlite.prepare(
    `INSERT INTO work_order_checklist_answers (id, work_order_id, item_key, label, kind, unit, required, value, answered_by, created_at, updated_at)
     VALUES (@id, @workOrderId, @itemKey, @label, @kind, @unit, @required, @value, @answeredBy, @answeredAt, @answeredAt)`,
  );
  const insertItem = sqlite.prepare(
    `INSERT INTO work_order_items (id, work_order_id, product_id, serial_number, quantity, unit, consumed_at, created_at, updated_at)
     VALUES (@id, @workOrderId, @productId, @serialNumber, @quantity, @unit, @consumedAt, @consumedAt, @consumedAt)`,
  );

  return {
    write(story) {
      insertTicket.run(story.ticket);
      for (const event of story.events) insertEvent.run(event);
      for (const workOrder of story.workOrders) insertWorkOrder.run(workOrder);
      for (const item of story.items) insertItem.run(item);
      for (const answer of story.answers) insertAnswer.run(answer);
    },
    inChunk(work) {
      sqlite.transaction(() => {
        work();
        // Demo rows replicate like any other: the chunk's captured changes become ops before it commits.
        recordCapturedOps(sqlite, null, Date.now());
      })();
    },
  };
}
