// Reading the stored SLA clocks back: the ticket list's summary (the current clock only) and the reports (both).
import type Database from 'better-sqlite3';
import { slaClockState, type SlaClock, type TicketSla } from '../../../shared/sla';
import type { TicketSlaSummary } from '../../contract';
import { prepared } from '../sql';
import { NO_DUE } from './store';

/** The current clock's columns, `alias.col AS sla_col`, for a list's SELECT joining ticket_sla as `alias`. */
export function slaSummaryColumns(alias: string): string {
  return ['sort_due', 'next_kind', 'next_target', 'next_elapsed_ms', 'next_since', 'next_risk_at', 'next_outcome']
    .map((column) => `${alias}.${column} AS sla_${column}`)
    .join(', ');
}

export interface SlaSummaryRow {
  sla_sort_due: string | null;
  sla_next_kind: 'response' | 'resolution' | null;
  sla_next_target: number | null;
  sla_next_elapsed_ms: number | null;
  sla_next_since: string | null;
  sla_next_risk_at: string | null;
  sla_next_outcome: 'met' | 'missed' | null;
}

/** What a list row shows: the clock that matters now and its state at `nowMs`; null when the ticket has no row yet. */
export function slaSummaryOf(row: SlaSummaryRow, nowMs: number): TicketSlaSummary | null {
  if (!row.sla_next_kind || row.sla_sort_due === null) return null;
  const clock: SlaClock = {
    targetMinutes: row.sla_next_target ?? 0,
    elapsedMs: row.sla_next_elapsed_ms ?? 0,
    since: row.sla_next_since,
    dueAt: row.sla_sort_due === NO_DUE ? null : row.sla_sort_due,
    riskAt: row.sla_next_risk_at,
    // Only the current clock is read here: its end is in the detail and the reports.
    doneAt: null,
    outcome: row.sla_next_outcome,
  };
  return slaSummary(row.sla_next_kind, clock, nowMs);
}

/**
 * A clock as a summary: written out field by field, not spread into a new literal (V8 copies a spread object about ten
 * times slower, and a list page makes fifty).
 */
export function slaSummary(kind: TicketSlaSummary['kind'], clock: SlaClock, nowMs: number): TicketSlaSummary {
  const { targetMinutes, elapsedMs, since, dueAt, riskAt, doneAt, outcome } = clock;
  return { kind, targetMinutes, elapsedMs, since, dueAt, riskAt, doneAt, outcome, state: slaClockState(clock, nowMs) };
}

const CLOCK_COLUMNS = ['target', 'elapsed_ms', 'since', 'due_at', 'risk_at', 'done_at', 'outcome'] as const;

function clockOf(row: Record<string, unknown>, kind: 'response' | 'resolution'): SlaClock {
  const read = (name: (typeof CLOCK_COLUMNS)[number]) => row[`${kind}_${name}`];
  return {
    targetMinutes: read('target') as number,
    elapsedMs: read('elapsed_ms') as number,
    since: read('since') as string | null,
    dueAt: read('due_at') as string | null,
    riskAt: read('risk_at') as string | null,
    doneAt: read('done_at') as string | null,
    outcome: read('outcome') as 'met' | 'missed' | null,
  };
}

const BOTH_CLOCK_COLUMNS = ['response', 'resolution'].flatMap((kind) => CLOCK_COLUMNS.map((name) => `${kind}_${name}`));
const BOTH_CLOCKS = BOTH_CLOCK_COLUMNS.join(', ');
const bothClocksOf = (row: Record<string, unknown>): TicketSla => ({ response: clockOf(row, 'response'), resolution: clockOf(row, 'resolution') });

/** Both clocks' columns of ticket_sla under `alias`, for a read that joins it (slaClocksOfRow reads them back). */
export const slaClockColumns = (alias: string): string => BOTH_CLOCK_COLUMNS.map((column) => `${alias}.${column}`).join(', ');

/** The clocks slaClockColumns selected, or null when the joined ticket_sla row was missing. */
export const slaClocksOfRow = (row: Record<string, unknown>): TicketSla | null => (row.response_target === null || row.response_target === undefined ? null : bothClocksOf(row));

/** Both clocks of each of these tickets as stored (tickets without a row are left out). */
export function storedTicketSla(sqlite: Database.Database, ticketIds: readonly string[]): Map<string, TicketSla> {
  const out = new Map<string, TicketSla>();
  for (let start = 0; start < ticketIds.length; start += 500) {
    const rows = prepared(sqlite, `SELECT ticket_id, ${BOTH_CLOCKS} FROM ticket_sla WHERE ticket_id IN (SELECT value FROM json_each(?))`).all(
      JSON.stringify(ticketIds.slice(start, start + 500)),
    ) as (Record<string, unknown> & { ticket_id: string })[];
    for (const row of rows) out.set(row.ticket_id, bothClocksOf(row));
  }
  return out;
}

/** One ticket's clocks as stored, or null when it has no row yet. */
export function storedClocksOf(sqlite: Database.Database, ticketId: string): TicketSla | null {
  const row = prepared(sqlite, `SELECT ${BOTH_CLOCKS} FROM ticket_sla WHERE ticket_id = ?`).get(ticketId) as Record<string, unknown> | undefined;
  return row ? bothClocksOf(row) : null;
}
