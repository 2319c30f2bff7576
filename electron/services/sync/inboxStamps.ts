// Who did what, when and on which laptop, read back from clock stamps and the op log: the inbox's "who and when".
import type Database from 'better-sqlite3';
import type { ConflictStampDto } from '../../contract/conflicts';
import { prepared } from '../sql';
import { userFullName } from '../users';
import { fieldClock, readClock } from './clocks';
import { MAX_FUTURE_MS, parseHlc } from './hlc';
import { SEEN_KEYS } from './seen';

export const NO_STAMP: ConflictStampDto = { at: null, userId: null, userName: null, deviceId: null, deviceName: null };

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
  if (!parsed) return { ...NO_STAMP, userId: authorId, userName: userFullName(sqlite, authorId) };
  return {
    at: new Date(parsed.wallMs).toISOString(),
    userId: authorId,
    userName: userFullName(sqlite, authorId),
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

/** How many ops after a row's created_at the search for its insert op reads at most. */
const INSERT_STAMP_SCAN = 500;

/** The first seen record of a keyed row (an item's serial, a customer's name) is its insert op's stamp and author. */
function seenStamp(sqlite: Database.Database, table: string, rowId: string): ConflictStampDto | null {
  const seen = SEEN_KEYS[table];
  if (!seen) return null;
  const record = prepared(sqlite, 'SELECT hlc, author_id FROM sync_field_edits WHERE entity = ? AND row_id = ? AND field = ? ORDER BY hlc LIMIT 1').get(
    table,
    rowId,
    seen.field,
  ) as { hlc: string; author_id: string | null } | undefined;
  return record ? stampOf(sqlite, record.hlc, record.author_id) : null;
}

/** Who inserted a row. */
export function insertStamp(sqlite: Database.Database, table: string, rowId: string, createdAt: string | null): ConflictStampDto {
  const clock = readClock(sqlite, table, rowId);
  if (clock) return stampOfOp(sqlite, clock.rowHlc);
  const seen = seenStamp(sqlite, table, rowId);
  if (seen) return seen;
  const createdMs = createdAt ? Date.parse(createdAt) : Number.NaN;
  if (!createdAt || !Number.isFinite(createdMs)) return NO_STAMP;
  // Add-only rows keep no clock. Their insert op was stamped in the writing transaction, at the row's created_at or
  // up to a day after it (a clock pulled ahead by another copy): read the first ops of that window only. A row older
  // than its op (one from the upgrade baseline, or a bulk load) has no author to show, only its time.
  const op = prepared(
    sqlite,
    `SELECT hlc FROM (SELECT hlc, entity, row_id, kind FROM sync_ops WHERE hlc >= ? AND hlc < ? ORDER BY hlc LIMIT ${INSERT_STAMP_SCAN})
     WHERE entity = ? AND row_id = ? AND kind = 'insert' ORDER BY hlc LIMIT 1`,
  ).get(
    createdAt.slice(0, 24),
    new Date(createdMs + MAX_FUTURE_MS + 60_000).toISOString(),
    table,
    rowId,
  ) as { hlc: string } | undefined;
  return op ? stampOfOp(sqlite, op.hlc) : { ...NO_STAMP, at: createdAt };
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
