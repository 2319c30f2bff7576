// Ticket rules the main process enforces and the renderer shows, defined once so the two cannot drift:
// the state machine and the priority order (the words for statuses and priorities are in words.ts).
import type { TicketPriority, TicketStatus } from './enums';
import { TICKET_PRIORITIES } from './enums';

/** The moves tickets.changeStatus accepts: open ⇄ in_progress ⇄ waiting; closing and reopening have their own channels. */
export const TICKET_MANUAL_MOVES: Readonly<Record<TicketStatus, readonly TicketStatus[]>> = {
  open: ['in_progress'],
  in_progress: ['open', 'waiting'],
  waiting: ['in_progress'],
  closed: [],
};

export function nextTicketStatuses(from: TicketStatus): readonly TicketStatus[] {
  return TICKET_MANUAL_MOVES[from];
}

/** Rank for "by priority" sorts: TICKET_PRIORITIES runs from least to most urgent, so critical ranks highest. */
export function ticketPriorityRank(priority: TicketPriority): number {
  return TICKET_PRIORITIES.indexOf(priority) + 1;
}

/**
 * The same rank as an SQL expression over `column`: `(CASE "priority" WHEN 'critical' THEN 4 … ELSE 1 END)`.
 * The index ix_tickets_priority_rank_updated_at is built on this exact text, so the list's sort can walk it.
 */
export function ticketPriorityRankSql(column: string): string {
  const whens = [...TICKET_PRIORITIES]
    .reverse()
    .slice(0, -1)
    .map((p) => `WHEN '${p}' THEN ${ticketPriorityRank(p)}`);
  return `(CASE ${column} ${whens.join(' ')} ELSE 1 END)`;
}

// The words live with the other labels in shared/words.ts; re-exported for the code that reads them from here.
export { TICKET_PRIORITY_WORDS, TICKET_STATUS_WORDS, type WordsLanguage } from './words';
