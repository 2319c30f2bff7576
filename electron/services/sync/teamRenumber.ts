// Joining with existing data, part 2: every ticket and work-order code of the joining copy moves into its slot
// (TK-2025-000042 → TK-2025-030001, keeping prefix and year), and the old code stays as an alias that search finds.
import type Database from 'better-sqlite3';
import { newId } from '../ids';
import { AppError } from '../../contract';
import { localYearOf } from '../../contract/zonedTime';
import { companyTimeZone } from '../timeZone';
import { formatSlotCode, SLOT_CAPACITY, slotRange, type CodeKind } from '../tickets';

const TABLE: Record<CodeKind, 'tickets' | 'work_orders'> = { ticket: 'tickets', workOrder: 'work_orders' };
const CODE_SHAPE = /^(.+)-(\d{4})-\d+$/;

/** One slot holds 9999 codes per prefix and year: a copy with more than that cannot join as one member. */
function tooManyToJoin(kind: CodeKind, range: string): AppError {
  return new AppError(
    'CONFLICT',
    `this copy has more than ${SLOT_CAPACITY} ${kind === 'ticket' ? 'tickets' : 'work orders'} for ${range.slice(0, -3)}, more than one slot holds; ` +
      'joining with them is not possible yet (leasing more slots is not available)',
    { reason: 'slot_exhausted', range },
  );
}

export interface RenumberOutcome {
  tickets: number;
  workOrders: number;
}

interface CodedRow {
  id: string;
  code: string;
  created_at: string;
}

/** Prefix and year of a code; a code of another shape keeps its text as prefix and takes the row's year. */
function partsOf(row: CodedRow, zone: string): { prefix: string; year: number } {
  const match = CODE_SHAPE.exec(row.code);
  if (match) return { prefix: match[1] as string, year: Number(match[2]) };
  return { prefix: row.code, year: localYearOf(zone, row.created_at) };
}

type Rename = { id: string; from: string; to: string };

/** The codes of `kind` that move into the slot, and to what (refused when one range holds more than a slot does). */
function plannedRenames(sqlite: Database.Database, kind: CodeKind, slot: number): Rename[] {
  const table = TABLE[kind];
  const rows = sqlite.prepare(`SELECT id, code, created_at FROM ${table} ORDER BY created_at, code, id`).all() as CodedRow[];
  const counters = new Map<string, number>();
  const renamed: Rename[] = [];
  const zone = companyTimeZone(sqlite);
  for (const row of rows) {
    const { prefix, year } = partsOf(row, zone);
    const range = slotRange(prefix, year, slot);
    const value = (counters.get(range) ?? 0) + 1;
    if (value > SLOT_CAPACITY) throw tooManyToJoin(kind, range);
    counters.set(range, value);
    const code = formatSlotCode(prefix, year, slot, value);
    if (code !== row.code) renamed.push({ id: row.id, from: row.code, to: code });
  }
  return renamed;
}

function renumberTable(sqlite: Database.Database, kind: CodeKind, slot: number, at: string): number {
  const table = TABLE[kind];
  const renamed = plannedRenames(sqlite, kind, slot);
  // An old code may equal another row's new code: those step aside first, so no update meets the unique index.
  const newCodes = new Set(renamed.map((r) => r.to));
  const stepAside = sqlite.prepare(`UPDATE ${table} SET code = ? WHERE id = ?`);
  for (const r of renamed) if (newCodes.has(r.from)) stepAside.run(`~${r.id}`, r.id);
  const alias = sqlite.prepare('INSERT INTO code_aliases (id, entity, row_id, code, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)');
  for (const r of renamed) {
    stepAside.run(r.to, r.id);
    alias.run(newId(), table, r.id, r.from, at, at);
  }
  return renamed.length;
}

/** Must run with capture off, inside the join's transaction: the rebuilt baseline carries the new codes and the aliases. */
export function renumberIntoSlot(sqlite: Database.Database, slot: number, at: string): RenumberOutcome {
  return { tickets: renumberTable(sqlite, 'ticket', slot, at), workOrders: renumberTable(sqlite, 'workOrder', slot, at) };
}

/** How many codes a join into `slot` would move, without moving them (the join card's preview; any size of copy). */
export function renumberingInto(sqlite: Database.Database, slot: number): RenumberOutcome {
  return { tickets: plannedRenames(sqlite, 'ticket', slot).length, workOrders: plannedRenames(sqlite, 'workOrder', slot).length };
}
