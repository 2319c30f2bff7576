// Per-field clocks of replicated rows: a field's clock is its own entry, else the clock of the row's insert.
import type Database from 'better-sqlite3';
import { prepared } from '../sql';

export interface RowClock {
  rowHlc: string;
  fields: Record<string, string>;
  deletedHlc: string | null;
}

export function readClock(sqlite: Database.Database, entity: string, rowId: string): RowClock | null {
  const row = prepared(sqlite, 'SELECT row_hlc, fields, deleted_hlc FROM sync_clocks WHERE entity = ? AND row_id = ?').get(entity, rowId) as
    | { row_hlc: string; fields: string; deleted_hlc: string | null }
    | undefined;
  return row ? { rowHlc: row.row_hlc, fields: JSON.parse(row.fields) as Record<string, string>, deletedHlc: row.deleted_hlc } : null;
}

export function fieldClock(clock: RowClock | null, field: string): string {
  return clock?.fields[field] ?? clock?.rowHlc ?? '';
}

export function writeClock(sqlite: Database.Database, entity: string, rowId: string, clock: RowClock): void {
  prepared(
    sqlite,
    `INSERT INTO sync_clocks (entity, row_id, row_hlc, fields, deleted_hlc) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (entity, row_id) DO UPDATE SET row_hlc = excluded.row_hlc, fields = excluded.fields, deleted_hlc = excluded.deleted_hlc`,
  ).run(entity, rowId, clock.rowHlc, JSON.stringify(clock.fields), clock.deletedHlc);
}
