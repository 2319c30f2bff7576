// The dispatch queue: OTs waiting for a date and a technician, the ticket's priority first, then the oldest request.
import type { z } from 'zod';
import type { Page } from '../../contract';
import type { QueuedWorkOrderDto, workOrderChannels } from '../../contract/workOrders';
import type { TicketPriority } from '../../../shared/enums';
import { ticketPriorityRankSql } from '../../../shared/tickets';
import type { ServiceContext } from '../context';
import { decodeCursor, encodeCursor } from '../search';
import { prepared } from '../sql';
import { toWorkOrderDto, WORK_ORDER_COLUMNS, WORK_ORDER_JOINS, type WorkOrderRow } from './rows';

type Input = z.output<(typeof workOrderChannels)['workOrders.dispatchQueue']['input']>;

const DEFAULT_LIMIT = 50;

// The shared priority order (shared/tickets.ts): critical ranks highest.
const PRIORITY_RANK = ticketPriorityRankSql('t.priority');

type QueuedRow = WorkOrderRow & { ticket_priority: TicketPriority; customer_town: string | null; priority_rank: number };

/**
 * The page is chosen from covering indexes only (ix_work_orders_queue, named: the planner otherwise walks the status
 * index and reads every waiting OT's row to learn its ticket); full rows, customer and technician for that page alone.
 * The keyset mixes directions (rank descending, age ascending), so it is written out.
 */
export function dispatchQueue(ctx: ServiceContext, input: Input): Page<QueuedWorkOrderDto> {
  const limit = input.limit ?? DEFAULT_LIMIT;
  const params: Record<string, unknown> = { limit: limit + 1 };
  let after = '';
  if (input.cursor) {
    const [rank, createdAt, id] = decodeCursor(input.cursor, 'wo_queue_priority', 3);
    Object.assign(params, { afterRank: rank, afterCreated: createdAt, afterId: id });
    after = `AND (${PRIORITY_RANK} < @afterRank OR (${PRIORITY_RANK} = @afterRank AND (q.created_at, q.id) > (@afterCreated, @afterId)))`;
  }
  const rows = prepared(
    ctx.sqlite,
    `WITH picked AS (
       SELECT q.id, ${PRIORITY_RANK} AS priority_rank
       FROM work_orders q INDEXED BY ix_work_orders_queue JOIN tickets t ON t.id = q.ticket_id
       WHERE q.status = 'pending_planning' ${after}
       ORDER BY priority_rank DESC, q.created_at, q.id LIMIT @limit)
     SELECT ${WORK_ORDER_COLUMNS}, t.priority AS ticket_priority, c.town AS customer_town, p.priority_rank
     FROM picked p JOIN work_orders w ON w.id = p.id ${WORK_ORDER_JOINS}
     ORDER BY p.priority_rank DESC, w.created_at, w.id`,
  ).all(params) as QueuedRow[];
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items: items.map((r) => ({ ...toWorkOrderDto(r), priority: r.ticket_priority, customerTown: r.customer_town })),
    nextCursor: rows.length > limit && last ? encodeCursor('wo_queue_priority', [last.priority_rank, last.created_at, last.id]) : null,
  };
}
