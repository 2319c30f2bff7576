// The ticket list (filters, FTS, keyset pages, three sorts) and the per-status counts for the same filters.
import type { z } from 'zod';
import { TICKET_STATUSES } from '../../../shared/enums';
import { ticketPriorityRank, ticketPriorityRankSql } from '../../../shared/tickets';
import { SLA_AT_RISK_SHARE, SLA_TARGET_MAX_MINUTES, type SlaFilter } from '../../../shared/sla';
import type { Page, StatusCounts, TicketSummary } from '../../contract';
import type { ticketFilter, ticketListInput } from '../../contract/tickets';
import { requireActor, type ServiceContext } from '../context';
import { decodeCursor, encodeCursor, keysetClause, toUtcIso } from '../search';
import { SEARCH_HITS, searchHits, termParams, toFtsQuery, toTermQueries } from '../search';
import { TICKET_SUMMARY_COLUMNS, TICKET_SUMMARY_JOINS, toTicketSummary, type TicketSummaryRow } from './rows';
import { prepared } from '../sql';
import { NO_DUE } from '../sla';

type TicketFilter = z.output<typeof ticketFilter>;
type TicketListInput = z.output<typeof ticketListInput>;
type Params = Record<string, unknown>;

const DEFAULT_LIMIT = 50;
/** Same expression as the index ix_tickets_priority_rank_updated_at, so the priority sort walks that index. */
export const PRIORITY_RANK = ticketPriorityRankSql('t.priority');

interface SortKey {
  columns: readonly string[];
  values: (r: TicketSummaryRow) => (string | number)[];
  direction: 'asc' | 'desc';
}

/** Sort keys; the id breaks ties so every row has exactly one place. */
const SORT_KEYS: Record<NonNullable<TicketListInput['sort']>, SortKey> = {
  updated_at: { columns: ['t.updated_at', 't.id'], values: (r) => [r.updated_at, r.id], direction: 'desc' },
  created_at: { columns: ['t.created_at', 't.id'], values: (r) => [r.created_at, r.id], direction: 'desc' },
  priority: {
    columns: [PRIORITY_RANK, 't.updated_at', 't.id'],
    values: (r) => [ticketPriorityRank(r.priority), r.updated_at, r.id],
    direction: 'desc',
  },
  // Soonest SLA due first, over the index ix_ticket_sla_sort_due; no running clock ('~') sorts last.
  due: { columns: ['sla.sort_due', 'sla.ticket_id'], values: (r) => [r.sla_sort_due ?? NO_DUE, r.id], direction: 'asc' },
};

/**
 * The SLA filters on ticket_sla: the clock that matters now is past due, or in its last quarter. At risk means due
 * within a quarter of the longest target, so the range on sort_due stays short (closed tickets sort at '~').
 */
const SLA_MATCH = {
  breached: 'sort_due <= @slaNow',
  at_risk: 'sort_due > @slaNow AND sort_due <= @slaHorizon AND next_risk_at <= @slaNow',
} as const;
/** The instants SLA_MATCH names: now, and for 'at risk' the far end of the range. */
function slaParams(ctx: ServiceContext, kind: SlaFilter): Params {
  const now = ctx.clock.now().getTime();
  const params: Params = { slaNow: new Date(now).toISOString() };
  if (kind === 'at_risk') params.slaHorizon = new Date(now + SLA_TARGET_MAX_MINUTES * 60_000 * SLA_AT_RISK_SHARE).toISOString();
  return params;
}

/** Below this many matches they are listed from ticket_sla's index; from it on, the sorted candidates are probed (tests lower it to reach both plans). */
export const slaPlan = { fewMatches: 2000 };

/**
 * The SLA filter. A bounded count decides the plan: few matches (a healthy office) are a condition on `t` read from
 * ticket_sla's index and sorted with the page; many (most open tickets overdue) would be thousands to look up and
 * sort, so they become a probe checked on the list's candidates in order, and the page fills after a few.
 */
function slaFilterSql(ctx: ServiceContext, kind: SlaFilter, params: Params): { condition: string } | { probe: (alias: string) => string } {
  const own = slaParams(ctx, kind);
  Object.assign(params, own);
  const match = SLA_MATCH[kind];
  const few = slaPlan.fewMatches;
  const counted = prepared(ctx.sqlite, `SELECT count(*) AS n FROM (SELECT 1 FROM ticket_sla WHERE ${match} LIMIT ${few})`).get(own) as { n: number };
  if (counted.n < few) return { condition: `t.id IN (SELECT ticket_id FROM ticket_sla WHERE ${match})` };
  return { probe: (alias) => `EXISTS (SELECT 1 FROM ticket_sla s WHERE s.ticket_id = ${alias}.id AND ${match})` };
}

interface FilterSql {
  /** How many tickets the search matches (their docs are in temp.search_hits), or null without a search. */
  hits: number | null;
  ctes: string[];
  joins: string[];
  /** The status condition, apart: a search applies it to its own copy of the status. */
  status: string | null;
  where: string[];
  /** A dense SLA filter, apart: checked on the candidates after they are sorted (see slaFilterSql). */
  slaProbe: ((alias: string) => string) | null;
  params: Params;
}

/** WHERE clauses and named params for a filter; the FTS query comes first as a CTE that is joined. */
function filterSql(ctx: ServiceContext, filter: TicketFilter): FilterSql {
  const out: FilterSql = { hits: null, ctes: [], joins: [], status: null, where: [], slaProbe: null, params: {} };
  const termQueries = toTermQueries(filter.q);
  if (termQueries) {
    // Matched once for the list, its counts and its next pages (services/search/hits.ts).
    out.hits = searchHits(ctx.sqlite, termQueries, termParams(termQueries));
    out.ctes.push(`ticket_hits AS (SELECT d.ticket_id AS ticket_id FROM ticket_search_docs d WHERE d.doc_id IN ${SEARCH_HITS})`);
    out.joins.push('JOIN ticket_hits h ON h.ticket_id = t.id');
  }
  if (filter.status && filter.status.length > 0) {
    out.status = 'status IN (SELECT value FROM json_each(@statuses))';
    out.params.statuses = JSON.stringify(filter.status);
  }
  const priorities = filter.priority === undefined ? [] : Array.isArray(filter.priority) ? filter.priority : [filter.priority];
  if (priorities.length > 0) {
    out.where.push('t.priority IN (SELECT value FROM json_each(@priorities))');
    out.params.priorities = JSON.stringify(priorities);
  }
  if (filter.assignedToId === 'unassigned') {
    out.where.push('t.assigned_to_id IS NULL');
  } else if (filter.assignedToId !== undefined) {
    out.where.push('t.assigned_to_id = @assignee');
    out.params.assignee = filter.assignedToId === 'me' ? requireActor(ctx).id : filter.assignedToId;
  }
  if (filter.categoryId) {
    out.where.push('t.category_id = @categoryId');
    out.params.categoryId = filter.categoryId;
  }
  if (filter.customerId) {
    out.where.push('t.customer_id = @customerId');
    out.params.customerId = filter.customerId;
  }
  // Periods are [from, to): from inclusive, to exclusive.
  const ranges = [
    ['createdFrom', 't.created_at >='],
    ['createdTo', 't.created_at <'],
    ['updatedFrom', 't.updated_at >='],
    ['updatedTo', 't.updated_at <'],
  ] as const;
  for (const [key, condition] of ranges) {
    const value = filter[key];
    if (value === undefined) continue;
    out.where.push(`${condition} @${key}`);
    out.params[key] = toUtcIso(value);
  }
  if (filter.sla) {
    const sla = slaFilterSql(ctx, filter.sla, out.params);
    if ('condition' in sla) out.where.push(sla.condition);
    else out.slaProbe = sla.probe;
  }
  return out;
}

const withClause = (f: FilterSql) => (f.ctes.length > 0 ? `WITH ${f.ctes.join(', ')} ` : '');
const whereClause = (clauses: string[]) => (clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '');
/** Every condition on the tickets table `t` but a dense SLA probe. */
const ticketConditions = (f: FilterSql) => (f.status ? [`t.${f.status}`, ...f.where] : f.where);
/** Every condition on `t`, the SLA probe included (counts and searches, which visit the candidates anyway). */
const allTicketConditions = (f: FilterSql) => [...ticketConditions(f), ...(f.slaProbe ? [f.slaProbe('t')] : [])];

/**
 * From this many matches on, a search with other filters would walk the filtered tickets in order and probe the matches.
 * Off (Infinity): on the 100,000-ticket dataset its counts took seconds (the probe is not planned as a key lookup yet);
 * the property test keeps both plans correct until that is fixed.
 */
export const searchPlan = { denseHits: Number.POSITIVE_INFINITY };

/** Many matches and another filter: sorting every match to check the filter on each would cost the most. */
const denseWithOthers = (f: FilterSql) => f.hits !== null && f.hits >= searchPlan.denseHits && otherConditions(f).length > 0;

/** Turns the search into a probe of each candidate (the list's own order and indexes), like a dense SLA filter. */
function probeSearch(f: FilterSql): void {
  f.ctes = f.ctes.filter((cte) => !cte.startsWith('ticket_hits'));
  f.joins = f.joins.filter((join) => !join.includes('ticket_hits'));
  const matches = (alias: string) => `EXISTS (SELECT 1 FROM ticket_search_docs sd WHERE sd.ticket_id = ${alias}.id AND sd.doc_id IN ${SEARCH_HITS})`;
  const sla = f.slaProbe;
  f.slaProbe = sla ? (alias) => `${sla(alias)} AND ${matches(alias)}` : matches;
}

/** Conditions on `t` a search checks on its matches (not the status: that copy sits beside the sort key). */
const otherConditions = (f: FilterSql) => [...f.where, ...(f.slaProbe ? [f.slaProbe('t')] : [])];

/**
 * The page of a search sorted by activity: matches are ordered by the updated_at kept beside the FTS key
 * (ticket_search_docs), and tickets are read only until the page is full, not for every match.
 * `LIMIT -1` keeps SQLite from dropping the inner ORDER BY, which the early stop relies on.
 */
function searchPageCte(f: FilterSql, cursorKey: readonly (string | number | null)[] | null, params: Params): string {
  const inner: string[] = [`d.doc_id IN ${SEARCH_HITS}`, ...(f.status ? [`d.${f.status}`] : [])];
  if (cursorKey) {
    const keyset = keysetClause(['d.updated_at', 'd.ticket_id'], cursorKey, 'desc');
    inner.push(keyset.sql);
    Object.assign(params, keyset.params);
  }
  const matches = `SELECT d.ticket_id, d.updated_at FROM ${SEARCH_HITS} hit CROSS JOIN ticket_search_docs d ON d.doc_id = hit.doc_id
      WHERE ${inner.join(' AND ')} ORDER BY d.updated_at DESC, d.ticket_id DESC`;
  // Without other filters the page is the top of the matches (SQLite keeps only `limit` rows while sorting).
  // The status tabs count as no other filter: the status copy sits beside the sort key.
  const others = otherConditions(f);
  if (others.length === 0) return `page AS (SELECT ticket_id AS id FROM (${matches} LIMIT @limit))`;
  return `page AS (SELECT m.ticket_id AS id FROM (${matches} LIMIT -1) m
    WHERE EXISTS (SELECT 1 FROM tickets t WHERE t.id = m.ticket_id AND ${others.join(' AND ')}) LIMIT @limit)`;
}

export function listTickets(ctx: ServiceContext, input: TicketListInput): Page<TicketSummary> {
  const sort = input.sort ?? 'updated_at';
  const keys = SORT_KEYS[sort];
  const limit = input.limit ?? DEFAULT_LIMIT;
  const f = filterSql(ctx, input);
  if (denseWithOthers(f)) probeSearch(f);
  const cursorKey = input.cursor ? decodeCursor(input.cursor, sort, keys.columns.length) : null;
  const params: Params = { ...f.params, limit: limit + 1 };
  const order = keys.columns.map((c) => `${c} ${keys.direction.toUpperCase()}`).join(', ');
  let page: string;
  let ctes = f.ctes;
  if (f.hits !== null && f.joins.length > 0 && sort === 'updated_at') {
    ctes = [];
    page = searchPageCte(f, cursorKey, params);
  } else {
    const where = ticketConditions(f);
    if (cursorKey) {
      const keyset = keysetClause(keys.columns, cursorKey, keys.direction);
      where.push(keyset.sql);
      Object.assign(params, keyset.params);
    }
    // Pick the page's ids first (index-only where possible), then join names for just those rows.
    // By due, the SLA table drives (its index is the order); a ticket without its SLA row yet is not listed by due.
    const from = sort === 'due' ? 'ticket_sla sla CROSS JOIN tickets t ON t.id = sla.ticket_id' : 'tickets t';
    const candidates = `SELECT t.id FROM ${from} ${f.joins.join(' ')} ${whereClause(where)} ORDER BY ${order}`;
    // A dense SLA filter is checked on the sorted candidates (`LIMIT -1` keeps the inner order), stopping at a page.
    page = f.slaProbe
      ? `page AS (SELECT c.id FROM (${candidates} LIMIT -1) c WHERE ${f.slaProbe('c')} LIMIT @limit)`
      : `page AS (${candidates} LIMIT @limit)`;
  }
  // CROSS JOIN keeps `page` as the outer loop (SQLite never reorders it), since LIMIT is a parameter the planner cannot size.
  const nowMs = ctx.clock.now().getTime();
  const rows = prepared(
    ctx.sqlite,
    `WITH ${[...ctes, page].join(', ')}
     SELECT ${TICKET_SUMMARY_COLUMNS}
     FROM page CROSS JOIN tickets t ON t.id = page.id ${TICKET_SUMMARY_JOINS}
     ORDER BY ${order}`,
  ).all(params) as TicketSummaryRow[];
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items: items.map((row) => toTicketSummary(row, nowMs)),
    nextCursor: rows.length > limit && last ? encodeCursor(sort, keys.values(last)) : null,
  };
}

/** Counts of an SLA filter and nothing else come from ticket_sla's own index (it keeps each ticket's status). */
function slaOnlyCounts(ctx: ServiceContext, filter: TicketFilter): { status: keyof StatusCounts; n: number }[] | null {
  const { sla, status, q, ...others } = filter;
  if (!sla || toFtsQuery(q) || Object.values(others).some((value) => value !== undefined)) return null;
  const params = slaParams(ctx, sla);
  const statuses = status && status.length > 0 ? ' AND status IN (SELECT value FROM json_each(@statuses))' : '';
  if (statuses) params.statuses = JSON.stringify(status);
  return prepared(ctx.sqlite, `SELECT status, count(*) AS n FROM ticket_sla WHERE ${SLA_MATCH[sla]}${statuses} GROUP BY status`).all(params) as {
    status: keyof StatusCounts;
    n: number;
  }[];
}

export function countTickets(ctx: ServiceContext, filter: TicketFilter): StatusCounts {
  const rows = slaOnlyCounts(ctx, filter) ?? countByStatus(ctx, filter);
  const counts = Object.fromEntries(TICKET_STATUSES.map((s) => [s, 0])) as StatusCounts;
  for (const r of rows) counts[r.status] = r.n;
  return counts;
}

function countByStatus(ctx: ServiceContext, filter: TicketFilter): { status: keyof StatusCounts; n: number }[] {
  const f = filterSql(ctx, filter);
  if (denseWithOthers(f)) probeSearch(f);
  else if (f.hits !== null) return searchCounts(ctx, f);
  return (prepared(ctx.sqlite, `${withClause(f)}SELECT t.status AS status, count(*) AS n FROM tickets t ${f.joins.join(' ')} ${whereClause(allTicketConditions(f))} GROUP BY t.status`).all(
      f.params,
    ) as { status: keyof StatusCounts; n: number }[]);
}

/**
 * A search's counts by the list's own plan: the same matches from ticket_search_docs with the status copy beside
 * them, visiting a ticket row only for the other filters (as the page does).
 */
function searchCounts(ctx: ServiceContext, f: FilterSql): { status: keyof StatusCounts; n: number }[] {
  const others = otherConditions(f);
  const where = [...(f.status ? [`d.${f.status}`] : [])];
  if (others.length > 0) where.push(`EXISTS (SELECT 1 FROM tickets t WHERE t.id = d.ticket_id AND ${others.join(' AND ')})`);
  return prepared(
    ctx.sqlite,
    `SELECT d.status AS status, count(*) AS n FROM ${SEARCH_HITS} hit CROSS JOIN ticket_search_docs d ON d.doc_id = hit.doc_id ${whereClause(where)} GROUP BY d.status`,
  ).all(
    f.params,
  ) as { status: keyof StatusCounts; n: number }[];
}
