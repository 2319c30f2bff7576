// Who did what, when and on which laptop, read back from clock stamps and the op log: the inbox's "who and when".
import type Database from 'better-sqlite3';
import type { ConflictStampDto } from '../../contract/conflicts';
import { prepared } from '../sql';
import { fieldClock, readClock } from './clocks';
import { parseHlc } from './hlc';

export const NO_STAMP: ConflictStampDto = { at: null, userId: null, userName: null, deviceId: null, deviceName: null };

function userName(sqlite: Database.Database, userId: string | null): string | null {
  if (!userId) return null;
  const row = prepared(sqlite, 'SELECT full_name FROM users WHERE id = ?').get(userId) as { full_name: string } | undefined;
  return row?.full_name ?? null;
}

/** The member's name in the team; for this copy before it joined one, its own device name. */
function deviceName(sqlite: Database.Database, deviceId: string): string | null {
  const member = prepared(sqlite, 'SELECT name FROM team_members WHERE device_id = ?').get(deviceId) as { name: string } | undefined;
  if (member) return member.name;
  const local = prepared(sqlite, 'SELECT device_name FROM sync_local WHERE id = 1 AND device_id = ?').get(deviceId) as { device_name: string } | undefined;
  return local?.device_name ? local.device_name : null;
}

/** A stamp for an HLC whose author is known (a recorded text edit carries it). */
export function stampOf(sqlite: Database.Database, hlc: string, authorId: string | null): ConflictStampDto {
  const parsed = parseHlc(hlc);
  if (!parsed) return { ...NO_STAMP, userId: authorId, userName: userName(sqlite, authorId) };
  return {
    at: new Date(parsed.wallMs).toISOString(),
    userId: authorId,
    userName: userName(sqlite, authorId),
    deviceId: parsed.deviceId,
    deviceName: deviceName(sqlite, parsed.deviceId),
  };
}

/** The stamp of the op that wrote `hlc` (the op log knows its author). */
export function stampOfOp(sqlite: Database.Database, hlc: string): ConflictStampDto {
  if (!hlc) return NO_STAMP;
  const op = prepared(sqlite, 'SELECT author_id FROM sync_ops WHERE hlc = ? LIMIT 1').get(hlc) as { author_id: string | null } | undefined;
  return stampOf(sqlite, hlc, op?.author_id ?? null);
}

/** Who last wrote a field of a row that merges per field (tickets, OTs, customers). */
export function fieldStamp(sqlite: Database.Database, table: string, rowId: string, field: string): ConflictStampDto {
  return stampOfOp(sqlite, fieldClock(readClock(sqlite, table, rowId), field));
}

/** Who inserted a row. */
export function insertStamp(sqlite: Database.Database, table: string, rowId: string, createdAt: string | null): ConflictStampDto {
  const clock = readClock(sqlite, table, rowId);
  if (clock) return stampOfOp(sqlite, clock.rowHlc);
  if (!createdAt) return NO_STAMP;
  // Add-only rows keep no clock. Their insert op was stamped in the writing transaction, never before the
  // row's created_at: an index range from there finds it after a few ops, not a scan of the log.
  const op = prepared(sqlite, `SELECT hlc FROM sync_ops WHERE hlc >= ? AND entity = ? AND row_id = ? AND kind = 'insert' ORDER BY hlc LIMIT 1`).get(
    createdAt.slice(0, 24),
    table,
    rowId,
  ) as { hlc: string } | undefined;
  return op ? stampOfOp(sqlite, op.hlc) : NO_STAMP;
}

/** The value a field held at a clock stamp, read from the op that wrote it (the base both edits started from). */
export function valueAt(sqlite: Database.Database, table: string, rowId: string, field: string, hlc: string): string | null {
  const stamp = hlc || readClock(sqlite, table, rowId)?.rowHlc;
  if (!stamp) return null;
  const op = prepared(sqlite, 'SELECT fields FROM sync_ops WHERE hlc = ? AND entity = ? AND row_id = ? LIMIT 1').get(stamp, table, rowId) as
    | { fields: string }
    | undefined;
  if (!op) return null;
  const value = (JSON.parse(op.fields) as Record<string, unknown>)[field];
  return value === undefined || value === null ? null : String(value);
}
