// Human codes: per-prefix, per-year counters bumped in the caller's transaction.
// Alone: TK-2026-000042. In a team each member writes only in its own slot, TK-2026-SSNNNN (SS = its two-digit
// slot, NNNN its counter), so two laptops offline never make the same code (DESIGN.md "Team sync").
import type Database from 'better-sqlite3';
import { AppError, type FormerCodeMatch } from '../../contract';
import { prepared } from '../sql';
import { localYearOf } from '../../contract/zonedTime';
import { companyTimeZone } from '../timeZone';

export type CodeKind = 'ticket' | 'workOrder';

/** Codes one slot holds per prefix and year (NNNN). */
export const SLOT_CAPACITY = 9999;
export const MAX_SLOT = 99;

const CODED_TABLE: Record<CodeKind, 'tickets' | 'work_orders'> = { ticket: 'tickets', workOrder: 'work_orders' };

export function formatCode(prefix: string, year: number, value: number): string {
  return `${prefix}-${year}-${String(value).padStart(6, '0')}`;
}

/** The part every code of one slot, prefix and year starts with: `TK-2026-03`. */
export function slotRange(prefix: string, year: number, slot: number): string {
  return `${prefix}-${year}-${String(slot).padStart(2, '0')}`;
}

export function formatSlotCode(prefix: string, year: number, slot: number, value: number): string {
  return `${slotRange(prefix, year, slot)}${String(value).padStart(4, '0')}`;
}

export function sequenceScope(kind: CodeKind, prefix: string, year: number, slot?: number): string {
  return slot === undefined ? `${kind}:${prefix}:${year}` : `${kind}:${prefix}:${year}:${String(slot).padStart(2, '0')}`;
}

/** This copy's slot when it belongs to a team, else null (codes keep the plain shape). */
export function localSlot(sqlite: Database.Database): number | null {
  const row = prepared(sqlite, 'SELECT slot FROM sync_local WHERE id = 1 AND team_id IS NOT NULL').get() as { slot: number | null } | undefined;
  return row?.slot ?? null;
}

/** The highest NNNN among existing codes of a slot range (0 when it holds none); read through the unique code index. */
export function highestInSlot(sqlite: Database.Database, kind: CodeKind, range: string): number {
  const row = prepared(
    sqlite,
    `SELECT code FROM ${CODED_TABLE[kind]} WHERE code >= ? AND code <= ? AND length(code) = ? AND substr(code, -4) GLOB '[0-9][0-9][0-9][0-9]' ORDER BY code DESC LIMIT 1`,
  ).get(`${range}0000`, `${range}9999`, range.length + 4) as { code: string } | undefined;
  return row ? Number(row.code.slice(-4)) : 0;
}

export function slotExhausted(kind: CodeKind, range: string): AppError {
  return new AppError(
    'CONFLICT',
    `this device has used all ${SLOT_CAPACITY} ${kind === 'ticket' ? 'ticket' : 'work order'} codes of its slot (${range}NNNN) for this year; ` +
      'leasing another slot is not available yet: create the record on another team member',
    { reason: 'slot_exhausted', range },
  );
}

function bump(sqlite: Database.Database, scope: string, seed: number, at: string): number {
  const row = prepared(
    sqlite,
    `INSERT INTO code_sequences (scope, last_value, created_at, updated_at) VALUES (?, ? + 1, ?, ?)
     ON CONFLICT (scope) DO UPDATE SET last_value = last_value + 1, updated_at = excluded.updated_at
     RETURNING last_value AS value`,
  ).get(scope, seed, at, at) as { value: number };
  return row.value;
}

/** The next code of a slot: after its counter, and never below a code that already sits in the range. */
export function nextSlotCode(sqlite: Database.Database, kind: CodeKind, prefix: string, year: number, slot: number, at: string): string {
  const range = slotRange(prefix, year, slot);
  const scope = sequenceScope(kind, prefix, year, slot);
  const counter = prepared(sqlite, 'SELECT last_value AS value FROM code_sequences WHERE scope = ?').get(scope) as { value: number } | undefined;
  // First code of the range on this copy: start after what is there (the creator's codes from before the team).
  const seed = counter ? 0 : highestInSlot(sqlite, kind, range);
  const value = bump(sqlite, scope, seed, at);
  if (value > SLOT_CAPACITY) throw slotExhausted(kind, range);
  return formatSlotCode(prefix, year, slot, value);
}

/** Takes the next number of a scope; must run inside the transaction that inserts the coded row. */
export function nextCode(sqlite: Database.Database, kind: CodeKind, prefix: string, at: string): string {
  // The year on the company's calendar: an OT opened at 00:30 on 1 January in Madrid is of the new year.
  const year = localYearOf(companyTimeZone(sqlite), at);
  const slot = localSlot(sqlite);
  if (slot !== null) return nextSlotCode(sqlite, kind, prefix, year, slot, at);
  return formatCode(prefix, year, bump(sqlite, sequenceScope(kind, prefix, year), 0, at));
}

/**
 * The codes each row had before joining a team renumbered it (code_aliases), oldest first: shown beside the code, so
 * a person who searched the old one sees which it was.
 */
export function formerCodesOf(sqlite: Database.Database, kind: CodeKind, ids: readonly string[]): Map<string, string[]> {
  const former = new Map<string, string[]>();
  if (ids.length === 0) return former;
  const rows = prepared(
    sqlite,
    'SELECT row_id, code FROM code_aliases WHERE entity = ? AND row_id IN (SELECT value FROM json_each(?)) ORDER BY created_at, id',
  ).all(CODED_TABLE[kind], JSON.stringify(ids)) as { row_id: string; code: string }[];
  for (const r of rows) former.set(r.row_id, [...(former.get(r.row_id) ?? []), r.code]);
  return former;
}

/** Letters and digits only, lower-cased: a code and a search term compared whatever dashes either has. */
const compact = (text: string): string => text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

/**
 * For tickets a search found: the former code (its own, or one of its OTs') that a term of the search matches while
 * the current code does not, so the row can say why it is there. Tickets found for another reason are left out.
 */
export function formerCodeMatches(sqlite: Database.Database, terms: readonly string[], tickets: readonly { id: string }[]): Map<string, FormerCodeMatch> {
  // Only terms with a digit can be part of a code ("tk" alone would match every former code).
  const codeTerms = terms.map(compact).filter((term) => /\p{N}/u.test(term));
  const found = new Map<string, FormerCodeMatch>();
  if (codeTerms.length === 0 || tickets.length === 0) return found;
  const rows = prepared(
    sqlite,
    `SELECT t.id AS ticketId, a.code AS former, t.code AS current, NULL AS workOrderCode
       FROM code_aliases a JOIN tickets t ON t.id = a.row_id
      WHERE a.entity = 'tickets' AND a.row_id IN (SELECT value FROM json_each(@ids))
     UNION ALL
     SELECT w.ticket_id, a.code, w.code, w.code
       FROM code_aliases a JOIN work_orders w ON w.id = a.row_id
      WHERE a.entity = 'work_orders' AND w.ticket_id IN (SELECT value FROM json_each(@ids))`,
  ).all({ ids: JSON.stringify(tickets.map((ticket) => ticket.id)) }) as { ticketId: string; former: string; current: string; workOrderCode: string | null }[];
  for (const row of rows) {
    if (found.has(row.ticketId)) continue;
    const explains = codeTerms.some((term) => compact(row.former).includes(term) && !compact(row.current).includes(term));
    if (explains) found.set(row.ticketId, { code: row.former, workOrderCode: row.workOrderCode });
  }
  return found;
}
