// Reading the stored SLA clocks back: the ticket list's summary and the reports.
import type Database from 'better-sqlite3';
import { slaClockState, type SlaClock, type TicketSla } from '../../../shared/sla';
import type { TicketSlaSummary } from '../../contract';
import { prepared } from '../sql';

/** The columns of one clock, as `prefix_name` in a row read from ticket_sla (aliased `alias_`). */
export interface SlaClockRow {
  target: number;
  elapsed_ms: number;
  since: string | null;
  due_at: string | null;
  risk_at: string | null;
  done_at: string | null;
  outcome: 'met' | 'missed' | null;
}

export function clockFromRow(row: SlaClockRow): SlaClock {
  return {
    targetMinutes: row.target,
    elapsedMs: row.elapsed_ms,
    since: row.since,
    dueAt: row.due_at,
    riskAt: row.risk_at,
    doneAt: row.done_at,
    outcome: row.outcome,
  };
}

/** `prefix.col AS alias_col` for every column of both clocks and the current one, for a SELECT joining ticket_sla. */
export function slaSelectColumns(table: string): string {
  const names = ['target', 'elapsed_ms', 'since', 'due_at', 'risk_at', 'done_at', 'outcome'];
  return [
    ...names.map((n) => `${table}.response_${n} AS sla_response_${n}`),
    ...names.map((n) => `${table}.resolution_${n} AS sla_resolution_${n}`),
    `${table}.next_kind AS sla_next_kind`,
  ].join(', ');
}

export type SlaJoinedRow = Record<string, unknown> & { sla_next_kind: 'response' | 'resolution' | null };

function clockOf(row: SlaJoinedRow, kind: 'response' | 'resolution'): SlaClock {
  const read = (name: string) => row[`sla_${kind}_${name}`];
  return clockFromRow({
    target: read('target') as number,
    elapsed_ms: read('elapsed_ms') as number,
    since: read('since') as string | null,
    due_at: read('due_at') as string | null,
    risk_at: read('risk_at') as string | null,
    done_at: read('done_at') as string | null,
    outcome: read('outcome') as 'met' | 'missed' | null,
  });
}

/** Both clocks from a row read with slaSelectColumns; null when the ticket has no SLA row yet. */
export function ticketSlaOf(row: SlaJoinedRow): TicketSla | null {
  if (row.sla_next_kind === null || row.sla_next_kind === undefined) return null;
  return { response: clockOf(row, 'response'), resolution: clockOf(row, 'resolution') };
}

/** What a list row shows: the clock that matters now and its state at `nowMs`. */
export function slaSummaryOf(row: SlaJoinedRow, nowMs: number): TicketSlaSummary | null {
  const sla = ticketSlaOf(row);
  if (!sla || !row.sla_next_kind) return null;
  const clock = sla[row.sla_next_kind];
  return { kind: row.sla_next_kind, ...clock, state: slaClockState(clock, nowMs) };
}

/** Both clocks of each of these tickets as stored (tickets without a row are left out). */
export function storedTicketSla(sqlite: Database.Database, ticketIds: readonly string[]): Map<string, TicketSla> {
  const out = new Map<string, TicketSla>();
  for (let start = 0; start < ticketIds.length; start += 500) {
    const rows = prepared(sqlite, `SELECT sla.ticket_id, ${slaSelectColumns('sla')} FROM ticket_sla sla WHERE sla.ticket_id IN (SELECT value FROM json_each(?))`).all(
      JSON.stringify(ticketIds.slice(start, start + 500)),
    ) as (SlaJoinedRow & { ticket_id: string })[];
    for (const row of rows) {
      const sla = ticketSlaOf(row);
      if (sla) out.set(row.ticket_id, sla);
    }
  }
  return out;
}
