// Ticket rules the main process enforces and the renderer shows, defined once so the two cannot drift:
// the state machine, the priority order and the words for statuses and priorities (UI, PDFs, timeline text).
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

export type WordsLanguage = 'es' | 'en';

export const TICKET_STATUS_WORDS: Readonly<Record<WordsLanguage, Readonly<Record<TicketStatus, string>>>> = {
  es: { open: 'Abierto', in_progress: 'En curso', waiting: 'En espera', closed: 'Cerrado' },
  en: { open: 'Open', in_progress: 'In progress', waiting: 'Waiting', closed: 'Closed' },
};

export const TICKET_PRIORITY_WORDS: Readonly<Record<WordsLanguage, Readonly<Record<TicketPriority, string>>>> = {
  es: { low: 'Baja', medium: 'Media', high: 'Alta', critical: 'Crítica' },
  en: { low: 'Low', medium: 'Medium', high: 'High', critical: 'Critical' },
};
