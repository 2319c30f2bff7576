// tickets.counts: tickets per status for the list's filters, by the list's own plan (list.ts). Without a search every
// count is exact; a search's counts are capped at TICKET_COUNT_CAP per status and say which were.
import { TICKET_STATUSES, type TicketStatus } from '../../../shared/enums';
import { TICKET_COUNT_CAP, type StatusCounts, type TicketCounts } from '../../contract';
import type { ServiceContext } from '../context';
import { SEARCH_MATCHES, toFtsQuery } from '../search';
import { prepared } from '../sql';
import {
  allTicketConditions,
  chooseSearchPlan,
  COUNT_EACH_STATUS,
  COUNTED_STATUSES,
  filterSql,
  otherConditions,
  searchFrom,
  searchSideConditions,
  SLA_MATCH,
  slaParams,
  whereClause,
  type FilterSql,
  type StatusTally,
  type TicketFilter,
} from './list';

interface StatusRow {
  status: TicketStatus;
  n: number;
}

/** Tests lower the cap to reach it with a few tickets. */
export const countCap = { perStatus: TICKET_COUNT_CAP };

export function countTickets(ctx: ServiceContext, filter: TicketFilter): TicketCounts {
  const slaOnly = slaOnlyCounts(ctx, filter);
  const f = slaOnly ? null : filterSql(ctx, filter);
  const hits = f?.hits ?? null;
  const rows = slaOnly ?? (f && hits !== null ? searchCounts(ctx, { ...f, hits }) : ticketCounts(ctx, f as FilterSql));
  const counts = Object.fromEntries(TICKET_STATUSES.map((s) => [s, 0])) as StatusCounts;
  const capped: TicketStatus[] = [];
  const cap = countCap.perStatus;
  for (const r of rows) {
    // A search's counts stop at the cap: more than it means "at least the cap".
    const over = hits !== null && r.n > cap;
    counts[r.status] = over ? cap : r.n;
    if (over) capped.push(r.status);
  }
  return { counts, capped };
}

/** Counts of an SLA filter and nothing else come from ticket_sla's own index (it keeps each ticket's status). */
function slaOnlyCounts(ctx: ServiceContext, filter: TicketFilter): StatusRow[] | null {
  const { sla, status, q, ...others } = filter;
  if (!sla || toFtsQuery(q) || Object.values(others).some((value) => value !== undefined)) return null;
  const params = slaParams(ctx, sla);
  const statuses = status && status.length > 0 ? ' AND status IN (SELECT value FROM json_each(@statuses))' : '';
  if (statuses) params.statuses = JSON.stringify(status);
  return prepared(ctx.sqlite, `SELECT status, count(*) AS n FROM ticket_sla WHERE ${SLA_MATCH[sla]}${statuses} GROUP BY status`).all(params) as StatusRow[];
}

/** Without a search: exact; no filter at all reads the kept counts (statusCounts.ts), else one pass over the filters' best index. */
function ticketCounts(ctx: ServiceContext, f: FilterSql): StatusRow[] {
  const conditions = allTicketConditions(f);
  if (conditions.length === 0) return prepared(ctx.sqlite, 'SELECT status, n FROM ticket_status_counts WHERE n > 0').all() as StatusRow[];
  return prepared(ctx.sqlite, `SELECT t.status AS status, count(*) AS n FROM tickets t ${whereClause(conditions)} GROUP BY t.status`).all(
    f.params,
  ) as StatusRow[];
}

/**
 * A search's counts by the list's own plan, then capped. Matches alone, or with filters their doc rows keep: those rows.
 * With other filters: one pass of the plan the list takes (the smaller side drives). The screen asks without the tab's
 * status (the tabs show every status of the same filters); a status filter counts only those.
 */
function searchCounts(ctx: ServiceContext, f: FilterSql & { hits: number }): StatusRow[] {
  const others = otherConditions(f);
  const plan = chooseSearchPlan(ctx, f);
  const where = [...searchSideConditions(f, plan), ...others];
  const from = plan === 'matches' && others.length === 0 ? SEARCH_MATCHES : searchFrom(plan);
  const tally = prepared(ctx.sqlite, `SELECT ${COUNT_EACH_STATUS} FROM ${from} ${whereClause(where)}`).raw().get(f.params) as StatusTally;
  return COUNTED_STATUSES.map((status, i) => ({ status, n: tally[i] ?? 0 }));
}
