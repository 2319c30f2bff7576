// The list's tabs and filters, and the channel input they make (pure: shared by the store and its tests).
import type { InputOf, TicketCounts, TicketPriority, TicketStatus } from '../../../../electron/contract';
import { TICKET_STATUSES } from '../../../../shared/enums';
import type { SlaFilter } from '../../../../shared/sla';

export const TABS = ['active', 'open', 'in_progress', 'waiting', 'closed', 'all'] as const;
export type Tab = (typeof TABS)[number];

export const TAB_STATUSES: Record<Tab, TicketStatus[] | undefined> = {
  active: ['open', 'in_progress', 'waiting'],
  open: ['open'],
  in_progress: ['in_progress'],
  waiting: ['waiting'],
  closed: ['closed'],
  all: undefined,
};

export interface TicketFilters {
  priority: TicketPriority | '';
  /** '' any, 'me', 'unassigned' or a user id. */
  assignee: string;
  categoryId: string;
  customerId: string;
  /** '' any, or the SLA clock that matters now is breached / at risk. */
  sla: SlaFilter | '';
  q: string;
}

export const EMPTY_FILTERS: TicketFilters = { priority: '', assignee: '', categoryId: '', customerId: '', sla: '', q: '' };

type FilterInput = InputOf<'tickets.counts'>;
type ListInput = InputOf<'tickets.list'>;

export function filterInput(filters: TicketFilters): FilterInput {
  const q = filters.q.trim();
  return {
    ...(filters.priority ? { priority: filters.priority } : {}),
    ...(filters.assignee ? { assignedToId: filters.assignee } : {}),
    ...(filters.categoryId ? { categoryId: filters.categoryId } : {}),
    ...(filters.customerId ? { customerId: filters.customerId } : {}),
    ...(filters.sla ? { sla: filters.sla } : {}),
    ...(q ? { q } : {}),
  };
}

/** What a fresh list asks for: the first tab, no filter, the newest activity first (the store's first state). */
export const FIRST_LIST_VIEW = { tab: 'active', filters: EMPTY_FILTERS, sort: 'updated_at' } as const satisfies { tab: Tab; filters: TicketFilters; sort: string };

/** The tickets.list input of a tab, filters and sort (the store's reload, and the rows asked for at start). */
export function listInputOf(view: { tab: Tab; filters: TicketFilters; sort: ListInput['sort'] }, limit: number): ListInput {
  const statuses = TAB_STATUSES[view.tab];
  return { ...filterInput(view.filters), ...(statuses ? { status: statuses } : {}), sort: view.sort, limit };
}

/** A tab's count: the sum of its statuses, "at least" when any of them stopped at the cap (a search's counts do). */
export function tabCount(counts: TicketCounts | null, tab: Tab): { count: number; atLeast: boolean } | null {
  if (!counts) return null;
  const statuses: readonly TicketStatus[] = TAB_STATUSES[tab] ?? TICKET_STATUSES;
  return {
    count: statuses.reduce((sum, status) => sum + (counts.counts[status] ?? 0), 0),
    atLeast: statuses.some((status) => counts.capped.includes(status)),
  };
}
