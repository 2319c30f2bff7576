// The write path's second half: inside the writing transaction, turn what the capture triggers saw into ops
// of this device, stamp them with the clock, and move the per-field clocks. Runs before every commit.
import type Database from 'better-sqlite3';
import { prepared } from '../sql';
import { entityOf, isTextField, isWorkOrderStatus, type ReplicatedEntity } from './entities';
import { formatHlc, parseHlc, tickFrom } from './hlc';
import { fieldClock, readClock, writeClock, type RowClock } from './clocks';
import { opMovesConflictRules, refreshConflicts, type TouchedRow } from './conflicts';
import { opMovesSlaClock, refreshSlaForTouched, slaTouchOf } from '../sla';
import { recordSeen, seenBase } from './seen';
import { refreshCustomerFolds } from '../customerFolds';

interface CaptureRow {
  id: number;
  entity: string;
  row_id: string;
  kind: 'insert' | 'update' | 'delete';
  /** An insert's every replicated column; an update's changed ones with the rest of their field groups (sqlgen.ts). */
  new_values: string | null;
}

interface LocalClock {
  device_id: string;
  last_hlc: string;
  next_seq: number;
}

export interface OpRecord {
  deviceId: string;
  seq: number;
  hlc: string;
  entity: string;
  rowId: string;
  kind: 'insert' | 'update' | 'delete';
  fields: Record<string, unknown>;
  /**
   * An update of an lww row: { field: the clock of the value it replaced } (a text edit from the same base as
   * another is a conflict). An op that sets a serial or a customer name (an insert, or a rename) also holds
   * { 'seen:<column>': JSON of the sorted ids of the other rows with that key on the author's copy } (seen.ts).
   * Null when neither applies (most inserts, deletes).
   */
  base: Record<string, string> | null;
  authorId: string | null;
  schemaVersion: number;
}

const schemaVersions = new WeakMap<Database.Database, number>();

/**
 * Milliseconds this thread's local writes spent refreshing their SLA rows. That refresh is domain work run from here
 * (the op says what moved), not the op log's own: the write bench leaves it out when it compares writes with the op
 * log and without it (which, capturing nothing, refreshes nothing).
 */
export const slaRefreshTime = { ms: 0 };

export function schemaVersionOf(sqlite: Database.Database): number {
  let version = schemaVersions.get(sqlite);
  if (version === undefined) {
    version = sqlite.pragma('user_version', { simple: true }) as number;
    schemaVersions.set(sqlite, version);
  }
  return version;
}

export function insertOp(sqlite: Database.Database, op: OpRecord, status = 'applied'): void {
  prepared(
    sqlite,
    `INSERT INTO sync_ops (device_id, seq, hlc, entity, row_id, kind, fields, base, author_id, schema_version, status)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(op.deviceId, op.seq, op.hlc, op.entity, op.rowId, op.kind, JSON.stringify(op.fields), op.base ? JSON.stringify(op.base) : null, op.authorId, op.schemaVersion, status);
}

/**
 * Remembers each free-text edit with its base: a second edit from the same base, from anywhere, is a conflict. An OT's
 * status moves are kept the same way (conflicts.ts reads them); only the text fields are returned.
 */
export function recordTextEdits(sqlite: Database.Database, entity: ReplicatedEntity, op: OpRecord): string[] {
  if (op.kind !== 'update' || !op.base) return [];
  const edited: string[] = [];
  for (const [field, value] of Object.entries(op.fields)) {
    const base = op.base[field];
    const text = isTextField(entity, field);
    if ((!text && !isWorkOrderStatus(entity, field)) || base === undefined) continue;
    prepared(
      sqlite,
      `INSERT OR IGNORE INTO sync_field_edits (entity, row_id, field, base, hlc, device_id, author_id, value) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(op.entity, op.rowId, field, base, op.hlc, op.deviceId, op.authorId, JSON.stringify(value ?? null));
    if (text) edited.push(field);
  }
  return edited;
}

/** Moves the clocks of a row for one op of this or another device (the caller decided the op wins those fields). */
export function advanceClock(sqlite: Database.Database, entity: ReplicatedEntity, op: Pick<OpRecord, 'entity' | 'rowId' | 'kind' | 'hlc'>, fields: string[], current: RowClock | null): void {
  // Add-only rows keep no clock, only a tombstone once deleted.
  if (entity.merge !== 'lww' && op.kind !== 'delete') return;
  if (op.kind === 'insert') {
    writeClock(sqlite, op.entity, op.rowId, { rowHlc: op.hlc, fields: {}, deletedHlc: null });
    return;
  }
  const clock: RowClock = current ?? { rowHlc: '', fields: {}, deletedHlc: null };
  if (op.kind === 'delete') clock.deletedHlc = op.hlc;
  else for (const field of fields) clock.fields[field] = op.hlc;
  writeClock(sqlite, op.entity, op.rowId, clock);
}

/** Drains sync_capture into ops of this device. Returns how many ops it wrote. */
export function recordCapturedOps(sqlite: Database.Database, authorId: string | null, nowMs: number): number {
  // Emptied as it is read (one statement, not a read and a delete): RETURNING's order is SQLite's, the ops' is the capture's.
  const captured = prepared(sqlite, 'DELETE FROM sync_capture RETURNING id, entity, row_id, kind, new_values').all() as CaptureRow[];
  if (captured.length === 0) return 0;
  captured.sort((a, b) => a.id - b.id);
  const local = prepared(sqlite, 'SELECT device_id, last_hlc, next_seq FROM sync_local WHERE id = 1').get() as LocalClock;
  const schemaVersion = schemaVersionOf(sqlite);
  let stamp = parseHlc(local.last_hlc);
  let last = local.last_hlc;
  let seq = local.next_seq;
  const touched: TouchedRow[] = [];
  const ruleMoves: TouchedRow[] = [];
  const clockMoves: TouchedRow[] = [];
  for (const row of captured) {
    const entity = entityOf(row.entity);
    if (!entity) continue;
    // The trigger kept only what changed: an update that changed nothing replicated was never captured.
    const fields = row.new_values ? (JSON.parse(row.new_values) as Record<string, unknown>) : {};
    const clock = row.kind === 'insert' ? null : readClock(sqlite, row.entity, row.row_id);
    const clocks =
      row.kind === 'update' && entity.merge === 'lww'
        ? Object.fromEntries(Object.keys(fields).map((field) => [field, fieldClock(clock, field)]))
        : null;
    const seen = row.kind === 'insert' || clocks ? seenBase(sqlite, row.entity, row.row_id, fields) : null;
    const base = clocks || seen ? { ...clocks, ...seen } : null;
    stamp = tickFrom(stamp, nowMs, local.device_id);
    last = formatHlc(stamp);
    const op: OpRecord = { deviceId: local.device_id, seq: seq++, hlc: last, entity: row.entity, rowId: row.row_id, kind: row.kind, fields, base, authorId, schemaVersion };
    insertOp(sqlite, op);
    advanceClock(sqlite, entity, op, Object.keys(fields), clock);
    recordTextEdits(sqlite, entity, op);
    recordSeen(sqlite, op);
    touched.push({ entity: op.entity, rowId: op.rowId });
    if (opMovesConflictRules(op)) ruleMoves.push({ entity: op.entity, rowId: op.rowId });
    if (opMovesSlaClock(op)) clockMoves.push(slaTouchOf(op));
  }
  prepared(sqlite, 'UPDATE sync_local SET last_hlc = ?, next_seq = ? WHERE id = 1').run(last, seq);
  // The rules that span rows run on local writes too: a copy must hold the conflicts its own ops cause elsewhere.
  refreshConflicts(sqlite, ruleMoves);
  // A customer's new contact, email or phone is folded now, while this write holds the lock: searches never write.
  if (touched.some((row) => row.entity === 'customers')) refreshCustomerFolds(sqlite);
  // Derived, local: the SLA clocks this write can move, in the same transaction.
  const slaStart = performance.now();
  refreshSlaForTouched(sqlite, clockMoves);
  slaRefreshTime.ms += performance.now() - slaStart;
  return touched.length;
}
