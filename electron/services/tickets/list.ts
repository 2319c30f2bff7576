// The ticket list (filters, FTS, keyset pages, four sorts) and the plan a search takes; counts.ts counts with the same.
import type Database from 'better-sqlite3';
import type { z } from 'zod';
import { TICKET_STATUSES } from '../../../shared/enums';
import { ticketPriorityRank, ticketPriorityRankSql } from '../../../shared/tickets';
import { SLA_AT_RISK_SHARE, SLA_TARGET_MAX_MINUTES, type SlaFilter } from '../../../shared/sla';
import type { Page, TicketSummary } from '../../contract';
import type { ticketFilter, ticketListInput } from '../../contract/tickets';
import { requireActor, type ServiceContext } from '../context';
import { decodeCursor, encodeCursor, keysetClause, toUtcIso } from '../search';
import { probeMatches, SEARCH_MATCHES, searchHits, searchTerms, termParams, toTermQueries, withKeptMatches } from '../search';
import { formerCodeMatches } from './codes';
import { TICKET_SUMMARY_COLUMNS, TICKET_SUMMARY_JOINS, toTicketSummary, type TicketSummaryRow } from './rows';
import { prepared } from '../sql';
import { NO_DUE } from '../sla';

export type TicketFilter = z.output<typeof ticketFilter>;
type TicketListInput = z.output<typeof ticketListInput>;
type TicketSort = NonNullable<TicketListInput['sort']>;
export type Params = Record<string, unknown>;

const DEFAULT_LIMIT = 50;
/** Same expression as the index ix_tickets_priority_rank_updated_at, so the priority sort walks that index. */
export const PRIORITY_RANK = ticketPriorityRankSql('t.priority');

interface SortKey {
  columns: readonly string[];
  values: (r: TicketSummaryRow) => (string | number)[];
  direction: 'asc' | 'desc';
}

/** Rows in the sort's order, compared as SQLite compares these keys (ISO instants, ASCII ids, integer ranks). */
function byKey(keys: SortKey): (a: TicketSummaryRow, b: TicketSummaryRow) => number {
  const sign = keys.direction === 'desc' ? -1 : 1;
  return (a, b) => {
    const [x, y] = [keys.values(a), keys.values(b)];
    for (let i = 0; i < x.length; i++) {
      const [u, v] = [x[i], y[i]];
      if (u !== undefined && v !== undefined && u !== v) return (u < v ? -1 : 1) * sign;
    }
    return 0;
  };
}

/** Sort keys; the id breaks ties so every row has exactly one place. */
const SORT_KEYS: Record<TicketSort, SortKey> = {
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
export const SLA_MATCH = {
  breached: 'sort_due <= @slaNow',
  at_risk: 'sort_due > @slaNow AND sort_due <= @slaHorizon AND next_risk_at <= @slaNow',
} as const;
/** The instants SLA_MATCH names: now, and for 'at risk' the far end of the range. */
export function slaParams(ctx: ServiceContext, kind: SlaFilter): Params {
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

export interface FilterSql {
  /** How many tickets the search matches (kept in temp.search_matches), or null without a search. */
  hits: number | null;
  /** The status condition, apart: a search applies it to the status its doc row keeps (ticket_search_docs). */
  status: string | null;
  /** Conditions on columns a doc row keeps too (priority, category, assignee), written without a table alias. */
  kept: string[];
  /** Conditions on the ticket row `t` alone. */
  where: string[];
  /** A dense SLA filter, apart: checked on the candidates after they are sorted (see slaFilterSql). */
  slaProbe: ((alias: string) => string) | null;
  params: Params;
}

/**
 * `column` is one of `values`: one value is an equality, so the planner walks that column's index (column, updated_at,
 * id) already in the list's order; several are a set it cannot size, so it walks the order's index and checks each.
 */
function oneOf(column: string, values: readonly string[], param: string, params: Params): string {
  if (values.length === 1) {
    params[param] = values[0];
    return `${column} = @${param}`;
  }
  params[param] = JSON.stringify(values);
  return `${column}${ANY_OF}@${param}))`;
}

const ANY_OF = ' IN (SELECT value FROM json_each(';
/** Whether a condition oneOf wrote is one value (an index walks it in order) rather than a set. */
const isOneValue = (condition: string) => !condition.includes(ANY_OF);

/** WHERE clauses and named params for a filter; a search's matches are found once into temp.search_matches. */
export function filterSql(ctx: ServiceContext, filter: TicketFilter): FilterSql {
  const out: FilterSql = { hits: null, status: null, kept: [], where: [], slaProbe: null, params: {} };
  const termQueries = toTermQueries(filter.q);
  // Matched once for the list, its counts and its next pages (services/search/hits.ts).
  if (termQueries) out.hits = searchHits(ctx.sqlite, termQueries, termParams(termQueries));
  if (filter.status && filter.status.length > 0) out.status = oneOf('status', filter.status, 'statuses', out.params);
  const priorities = filter.priority === undefined ? [] : Array.isArray(filter.priority) ? filter.priority : [filter.priority];
  if (priorities.length > 0) out.kept.push(oneOf('priority', priorities, 'priorities', out.params));
  if (filter.assignedToId === 'unassigned') {
    out.kept.push('assigned_to_id IS NULL');
  } else if (filter.assignedToId !== undefined) {
    out.kept.push('assigned_to_id = @assignee');
    out.params.assignee = filter.assignedToId === 'me' ? requireActor(ctx).id : filter.assignedToId;
  }
  if (filter.categoryId) {
    out.kept.push('category_id = @categoryId');
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

export const whereClause = (clauses: string[]) => (clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '');
/** The status and kept conditions on the table `alias` (a ticket `t`, or a search's doc row `h`). */
const keptOn = (alias: 't' | 'h', f: FilterSql) => (f.status ? [f.status, ...f.kept] : f.kept).map((c) => `${alias}.${c}`);
/** Every condition on the tickets table `t` but a dense SLA probe. */
const ticketConditions = (f: FilterSql) => [...keptOn('t', f), ...f.where];
/** Every condition on `t`, the SLA probe included (counts, which visit the candidates anyway). */
export const allTicketConditions = (f: FilterSql) => [...ticketConditions(f), ...(f.slaProbe ? [f.slaProbe('t')] : [])];
/** Conditions on `t` a search checks beside its matches (not the kept ones: the matches' doc rows have a copy). */
export const otherConditions = (f: FilterSql) => [...f.where, ...(f.slaProbe ? [f.slaProbe('t')] : [])];
/**
 * A search's status and kept conditions for its plan: on the doc rows when the matches drive; on the ticket when its
 * index drives (the kept filters are that index's first column), the status on the doc row either way.
 */
export const searchSideConditions = (f: FilterSql, plan: SearchPlan) =>
  plan === 'matches' ? keptOn('h', f) : [...(f.status ? [`h.${f.status}`] : []), ...f.kept.map((c) => `t.${c}`)];

/**
 * How a search with other filters is driven. 'matches': the kept matches in the list's order, checked on their doc rows
 * for the kept filters and, for any other, on the ticket (a random read per match). 'filtered': the filters' index in
 * the list's order, each ticket probed in the matches through its doc row (two index lookups). So the filtered tickets
 * may be `filteredPerMatch` times the matches and still cost less when the matches read their tickets, and only
 * `filteredPerKeptMatch` times them when the doc rows answer alone. `force` picks one (tests run every plan).
 */
export const searchPlan: { filteredPerMatch: number; filteredPerKeptMatch: number; force: SearchPlan | null } = {
  filteredPerMatch: 4,
  filteredPerKeptMatch: 0.5,
  force: null,
};
export type SearchPlan = 'matches' | 'filtered';

/** The statuses by name, the order a GROUP BY gave them in (so `capped` lists them as before). */
export const COUNTED_STATUSES = [...TICKET_STATUSES].sort();
/** One count per status of the matches' doc rows `h` in one pass (a GROUP BY sorted every counted row first). */
export const COUNT_EACH_STATUS = COUNTED_STATUSES.map((s) => `count(h.status) FILTER (WHERE h.status = '${s}')`).join(', ');

/** Matches per status in COUNTED_STATUSES' order, from a row of COUNT_EACH_STATUS. */
export type StatusTally = readonly number[];

/**
 * The plan of a search by estimated sizes: the matches are counted already; the other filters' tickets are counted up
 * to `filteredPerMatch` times that (a bounded walk of their index), so choosing never costs more than the cheaper plan.
 */
export function chooseSearchPlan(ctx: ServiceContext, f: FilterSql & { hits: number }): SearchPlan {
  const others = otherConditions(f);
  const filters = [...f.kept.map((c) => `t.${c}`), ...others];
  if (filters.length === 0) return 'matches';
  if (searchPlan.force) return searchPlan.force;
  const bound = Math.floor(f.hits * (others.length > 0 ? searchPlan.filteredPerMatch : searchPlan.filteredPerKeptMatch));
  if (bound === 0) return 'matches';
  const sql = `SELECT count(*) AS n FROM (SELECT 1 FROM tickets t WHERE ${filters.join(' AND ')} LIMIT @searchPlanBound)`;
  const params = { ...f.params, searchPlanBound: bound };
  // Once for the list and its counts: the same matches and data give the same estimate (the tab's statuses are not in it).
  const key = `plan ${sql} ${JSON.stringify(params, (name, value: unknown) => (name === 'statuses' ? undefined : value))}`;
  const counted = withKeptMatches(ctx.sqlite, key, () => prepared(ctx.sqlite, sql).get(params) as { n: number });
  return counted.n < bound ? 'filtered' : 'matches';
}

/** The tickets and the matches joined, the plan's side first (CROSS JOIN: SQLite keeps that order). */
export const searchFrom = (plan: SearchPlan) =>
  plan === 'filtered' ? `tickets t ${probeMatches('t.id')}` : `${SEARCH_MATCHES} CROSS JOIN tickets t ON t.id = h.ticket_id`;

/**
 * The page of a search sorted by activity, driven by its matches: their doc rows (updated_at and status beside the key)
 * sorted newest first (SQLite keeps only `limit` rows while sorting), a ticket row read only for the other filters.
 */
function matchesPageCte(f: FilterSql, cursorKey: readonly (string | number | null)[] | null, params: Params, limitClause: string): string {
  const where = searchSideConditions(f, 'matches');
  if (cursorKey) {
    const keyset = keysetClause(['h.updated_at', 'h.ticket_id'], cursorKey, 'desc');
    where.push(keyset.sql);
    Object.assign(params, keyset.params);
  }
  const others = otherConditions(f);
  if (others.length > 0) where.push(`EXISTS (SELECT 1 FROM tickets t WHERE t.id = h.ticket_id AND ${others.join(' AND ')})`);
  return `page AS (SELECT h.ticket_id AS id FROM ${SEARCH_MATCHES} ${whereClause(where)}
    ORDER BY h.updated_at DESC, h.ticket_id DESC ${limitClause})`;
}

/**
 * A page of a dense search filtered by one status or none, or by one value of one kept filter (any statuses): that
 * index of the tickets in the list's order (ix_tickets_updated_at, ix_tickets_status_updated_at, ix_tickets_priority_…),
 * each ticket probed in the matches by its key, for at most `walkPerMatch` times the matches' count of steps. Far
 * cheaper than sorting every match when they are many of the tickets; null when no index walks the filter or the page
 * did not fill within the steps (few or late matches), and the caller sorts the matches.
 */
export const pageWalk = { walkPerMatch: 0.5 };

function walkedPageCte(
  f: FilterSql & { hits: number },
  statusCount: number,
  cursorKey: readonly (string | number | null)[] | null,
  params: Params,
  limit: number,
): string | null {
  const steps = Math.floor(f.hits * pageWalk.walkPerMatch);
  // One value is an equality the index walks in order; several statuses or values are a set no index walks so.
  const [kept, ...moreKept] = f.kept;
  const walkable = kept === undefined ? statusCount <= 1 : moreKept.length === 0 && isOneValue(kept);
  if (!walkable || otherConditions(f).length > 0 || steps <= limit) return null;
  const walkOn = kept ?? f.status;
  const where: string[] = walkOn ? [`t.${walkOn}`] : [];
  if (cursorKey) {
    const keyset = keysetClause(['t.updated_at', 't.id'], cursorKey, 'desc');
    where.push(keyset.sql);
    Object.assign(params, keyset.params);
  }
  params.walkSteps = steps;
  // Walking a kept filter's index, the statuses are checked on the probed doc rows.
  const statusOnDoc = kept !== undefined && f.status ? `WHERE h.${f.status}` : '';
  // CROSS JOIN keeps the walk outside, so the first rows found are the newest matches.
  return `page AS (SELECT w.id FROM (SELECT t.id FROM tickets t ${whereClause(where)} ORDER BY t.updated_at DESC, t.id DESC LIMIT @walkSteps) w
    ${probeMatches('w.id')} ${statusOnDoc} LIMIT ${Math.trunc(limit) + 1})`;
}

export function listTickets(ctx: ServiceContext, input: TicketListInput): Page<TicketSummary> {
  const page = listTicketPage(ctx, input);
  // A ticket found by a code it had before a team join says so (its code now does not show the match).
  const matches = formerCodeMatches(ctx.sqlite, searchTerms(input.q), page.items);
  if (matches.size === 0) return page;
  return { ...page, items: page.items.map((item) => (matches.has(item.id) ? { ...item, matchedFormerCode: matches.get(item.id) } : item)) };
}

function listTicketPage(ctx: ServiceContext, input: TicketListInput): Page<TicketSummary> {
  const sort = input.sort ?? 'updated_at';
  const keys = SORT_KEYS[sort];
  const limit = input.limit ?? DEFAULT_LIMIT;
  const f = filterSql(ctx, input);
  const plan = f.hits === null ? null : chooseSearchPlan(ctx, { ...f, hits: f.hits });
  const cursorKey = input.cursor ? decodeCursor(input.cursor, sort, keys.columns.length) : null;
  const params: Params = { ...f.params };
  // Written into the SQL (an integer from the input's schema): a bound LIMIT cost the page query a tenth more.
  const limitClause = `LIMIT ${Math.trunc(limit) + 1}`;
  const order = keys.columns.map((c) => `${c} ${keys.direction.toUpperCase()}`).join(', ');
  let page: string;
  if (plan === 'matches' && sort === 'updated_at') {
    const walked = walkedPageCte({ ...f, hits: f.hits ?? 0 }, input.status?.length ?? 0, cursorKey, params, limit);
    if (walked) {
      const rows = summaryRows(ctx, walked, params);
      if (rows.length > limit) return summaryPage(ctx, rows.sort(byKey(keys)), sort, limit);
    }
    page = matchesPageCte(f, cursorKey, params, limitClause);
  } else {
    // A search checks what its doc rows keep there when its matches drive (no ticket row read for it).
    const where = plan ? [...searchSideConditions(f, plan), ...f.where] : ticketConditions(f);
    if (cursorKey) {
      const keyset = keysetClause(keys.columns, cursorKey, keys.direction);
      where.push(keyset.sql);
      Object.assign(params, keyset.params);
    }
    // Pick the page's ids first (index-only where possible), then join names for just those rows.
    // By due, the SLA table drives (its index is the order); a ticket without its SLA row yet is not listed by due.
    const from =
      sort === 'due'
        ? plan === 'matches'
          ? `${SEARCH_MATCHES} CROSS JOIN ticket_sla sla ON sla.ticket_id = h.ticket_id CROSS JOIN tickets t ON t.id = sla.ticket_id`
          : `ticket_sla sla CROSS JOIN tickets t ON t.id = sla.ticket_id${plan ? ` ${probeMatches('t.id')}` : ''}`
        : plan
          ? searchFrom(plan)
          : 'tickets t';
    // No search, no SLA probe: when an index walks the filter in the list's order, each summary row is read as the walk
    // meets it (no second lookup of the page's tickets); when SQLite would sort, the ids are picked first (below).
    if (from === 'tickets t' && !f.slaProbe) {
      const direct = `SELECT ${TICKET_SUMMARY_COLUMNS} FROM tickets t ${TICKET_SUMMARY_JOINS} ${whereClause(where)} ORDER BY ${order} ${limitClause}`;
      if (readsInOrder(ctx.sqlite, direct, params)) return summaryPage(ctx, prepared(ctx.sqlite, direct).all(params) as TicketSummaryRow[], sort, limit);
    }
    const candidates = `SELECT t.id FROM ${from} ${whereClause(where)} ORDER BY ${order}`;
    // A dense SLA filter is checked on the sorted candidates (`LIMIT -1` keeps the inner order), stopping at a page.
    page = f.slaProbe
      ? `page AS (SELECT c.id FROM (${candidates} LIMIT -1) c WHERE ${f.slaProbe('c')} ${limitClause})`
      : `page AS (${candidates} ${limitClause})`;
  }
  // The page's rows are put in order here: SQLite's sorter would copy every summary column of them (a third of the query).
  return summaryPage(ctx, summaryRows(ctx, page, params).sort(byKey(keys)), sort, limit);
}

/** The summary rows of the tickets a `page` CTE names (CROSS JOIN keeps `page` as the outer loop: SQLite never reorders it). */
function summaryRows(ctx: ServiceContext, page: string, params: Params): TicketSummaryRow[] {
  return prepared(ctx.sqlite, `WITH ${page} SELECT ${TICKET_SUMMARY_COLUMNS} FROM page CROSS JOIN tickets t ON t.id = page.id ${TICKET_SUMMARY_JOINS}`).all(
    params,
  ) as TicketSummaryRow[];
}

/** The page from its rows in order (one more than the page says whether another follows). */
function summaryPage(ctx: ServiceContext, rows: TicketSummaryRow[], sort: TicketSort, limit: number): Page<TicketSummary> {
  const nowMs = ctx.clock.now().getTime();
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items: items.map((row) => toTicketSummary(row, nowMs)),
    nextCursor: rows.length > limit && last ? encodeCursor(sort, SORT_KEYS[sort].values(last)) : null,
  };
}

const planSorts = new WeakMap<Database.Database, Map<string, boolean>>();

/** Whether SQLite reads `sql` in its ORDER BY without sorting: asked once per text and connection (its plan). */
function readsInOrder(sqlite: Database.Database, sql: string, params: Params): boolean {
  let known = planSorts.get(sqlite);
  if (!known) planSorts.set(sqlite, (known = new Map()));
  let inOrder = known.get(sql);
  if (inOrder === undefined) {
    const plan = prepared(sqlite, `EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[];
    inOrder = !plan.some((step) => step.detail.includes('TEMP B-TREE'));
    known.set(sql, inOrder);
  }
  return inOrder;
}
