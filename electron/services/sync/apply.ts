// Merging ops from other members into this copy: per-field last writer wins, tombstones, add-only sets,
// the OT status that never goes backwards, and ops kept aside when their author may not make them.
// Runs inside the caller's transaction; applying an op twice, or ops in any order, ends in the same state.
import type Database from 'better-sqlite3';
import { limitSql, prepared } from '../sql';
import { AuthorRightsCache, authorMayMake } from './authority';
import { BULK_APPLY_THRESHOLD, withBulkApply } from './bulkApply';
import { advanceClock, insertOp, recordTextEdits, schemaVersionOf, type OpRecord } from './capture';
import { readClock, type RowClock } from './clocks';
import { refreshConflicts, recordTextConflicts, type TouchedRow } from './conflicts';
import { refreshSlaForTouched } from '../sla';
import { entityOf, type ReplicatedEntity } from './entities';
import { recordSeen } from './seen';
import { observe } from './hlc';
import {
  compareOps,
  contiguity,
  earliestHead,
  deleteLoses,
  incomingTakesSuffix,
  insertBlockedByTombstone,
  isValid,
  keepRowValid,
  naturalKeySuffix,
  refusalBeforeRights,
  RETRIED,
  winningFields,
  type SetAsideReason,
} from './mergeRules';

export type { SetAsideReason } from './mergeRules';

export interface ApplyOutcome {
  applied: number;
  duplicates: number;
  /** Ops skipped because an earlier op of their device is missing here: the sender must resend from the gap. */
  gaps: number;
  setAside: { deviceId: string; seq: number; reason: SetAsideReason }[];
  touched: TouchedRow[];
}

const q = (name: string) => `"${name}"`;

function readRow(sqlite: Database.Database, entity: ReplicatedEntity, rowId: string): Record<string, unknown> | undefined {
  return prepared(sqlite, `SELECT ${entity.columns.map(q).join(', ')} FROM ${q(entity.table)} WHERE ${q(entity.key)} = ?`).get(rowId) as
    | Record<string, unknown>
    | undefined;
}

/** A name, SKU, email or username taken offline on two copies: the row inserted later gets a suffix, the same on every copy. */
export function settleNaturalKeys(sqlite: Database.Database, entity: ReplicatedEntity, rowId: string, rowHlc: string, values: Record<string, unknown>): void {
  for (const column of entity.naturalKeys ?? []) {
    const value = values[column];
    if (typeof value !== 'string') continue;
    const other = prepared(
      sqlite,
      `SELECT ${q(entity.key)} AS id, ${q(column)} AS value FROM ${q(entity.table)} WHERE lower(${q(column)}) = lower(?) AND ${q(entity.key)} <> ?`,
    ).get(value, rowId) as { id: string; value: string } | undefined;
    if (!other) continue;
    const otherHlc = readClock(sqlite, entity.table, other.id)?.rowHlc ?? '';
    if (incomingTakesSuffix(rowHlc, otherHlc)) values[column] = naturalKeySuffix(column, rowId, value);
    // The row already here keeps its own spelling ('Redes' vs 'REDES'), so the result does not depend on arrival order.
    else prepared(sqlite, `UPDATE ${q(entity.table)} SET ${q(column)} = ? WHERE ${q(entity.key)} = ?`).run(naturalKeySuffix(column, other.id, other.value), other.id);
  }
}

function applyInsert(sqlite: Database.Database, entity: ReplicatedEntity, op: OpRecord): boolean {
  const clock = readClock(sqlite, entity.table, op.rowId);
  if (insertBlockedByTombstone(entity, clock, op.hlc)) return false;
  const existing = readRow(sqlite, entity, op.rowId);
  if (existing) return entity.merge === 'lww' ? applyUpdate(sqlite, entity, op, clock, existing) : false;
  const values = { ...op.fields };
  settleNaturalKeys(sqlite, entity, op.rowId, op.hlc, values);
  const columns = [entity.key, ...Object.keys(values)];
  prepared(sqlite, `INSERT INTO ${q(entity.table)} (${columns.map(q).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`).run(op.rowId, ...Object.values(values));
  advanceClock(sqlite, entity, op, [], null);
  return true;
}

function applyUpdate(sqlite: Database.Database, entity: ReplicatedEntity, op: OpRecord, clock: RowClock | null, current: Record<string, unknown>): boolean {
  const winners = winningFields(entity, op, clock, current);
  if (winners.length === 0) return false;
  const values: Record<string, unknown> = Object.fromEntries(winners.map((field) => [field, op.fields[field]]));
  settleNaturalKeys(sqlite, entity, op.rowId, clock?.rowHlc ?? op.hlc, values);
  const repaired = keepRowValid(entity, current, values);
  const written = [...new Set([...winners, ...Object.keys(repaired)])];
  const sets = written.map((field) => `${q(field)} = ?`);
  if (entity.versioned) sets.push('"version" = "version" + 1');
  prepared(sqlite, `UPDATE ${q(entity.table)} SET ${sets.join(', ')} WHERE ${q(entity.key)} = ?`).run(...written.map((field) => (field in repaired ? repaired[field] : values[field])), op.rowId);
  // An insert of a row that exists (a setting set on two copies) moves the clocks of the fields it won, as an update
  // does: resetting the row's clock would forget newer edits of the fields it lost.
  advanceClock(sqlite, entity, op.kind === 'insert' ? { ...op, kind: 'update' } : op, winners, clock);
  return true;
}

/** Every delete leaves a tombstone clock, add-only rows included: their insert may still arrive from another member. */
function applyDelete(sqlite: Database.Database, entity: ReplicatedEntity, op: OpRecord): void {
  const clock = readClock(sqlite, entity.table, op.rowId);
  if (deleteLoses(entity, clock, op.hlc)) return;
  advanceClock(sqlite, entity, op, [], clock);
  prepared(sqlite, `DELETE FROM ${q(entity.table)} WHERE ${q(entity.key)} = ?`).run(op.rowId);
}

function applyOne(sqlite: Database.Database, entity: ReplicatedEntity, op: OpRecord): void {
  if (op.kind === 'insert') {
    applyInsert(sqlite, entity, op);
    // Kept even when the row is deleted here or existed already: every copy holds the same records of the same ops.
    recordSeen(sqlite, op);
    return;
  }
  if (op.kind === 'delete') {
    applyDelete(sqlite, entity, op);
    return;
  }
  const current = readRow(sqlite, entity, op.rowId);
  const clock = entity.merge === 'lww' ? readClock(sqlite, entity.table, op.rowId) : null;
  if (clock?.deletedHlc) return;
  if (!current) throw new MissingRowError();
  if (entity.merge !== 'lww') return;
  applyUpdate(sqlite, entity, op, clock, current);
  recordSeen(sqlite, op);
  // Recorded whether or not the op won: the losing edit is half of the conflict a person must see.
  recordTextConflicts(sqlite, op, recordTextEdits(sqlite, entity, op));
}

class MissingRowError extends Error {}

/** What one batch looks up again and again: authors' rights and revoked devices, dropped when an op changes them. */
class BatchLookups {
  readonly authors = new AuthorRightsCache();
  private readonly revoked = new Map<string, string | null>();
  /** A user or role changed in this batch: ops refused earlier may have been waiting for it (a grant, a new user). */
  peopleChanged = false;

  revokedAt(sqlite: Database.Database, deviceId: string): string | null {
    if (!this.revoked.has(deviceId)) {
      const row = prepared(sqlite, 'SELECT revoked_at FROM team_members WHERE device_id = ?').get(deviceId) as { revoked_at: string | null } | undefined;
      this.revoked.set(deviceId, row?.revoked_at ?? null);
    }
    return this.revoked.get(deviceId) ?? null;
  }

  changedBy(op: OpRecord): void {
    if (op.entity === 'users' || op.entity === 'roles') {
      this.authors.clear();
      this.peopleChanged = true;
    }
    if (op.entity === 'team_members') this.revoked.clear();
  }
}

const isWaitingError = (error: unknown) => error instanceof MissingRowError || (error as { code?: string }).code?.startsWith('SQLITE_CONSTRAINT') === true;

/** Decides and applies one op; returns why it was kept aside, or null when it was applied. */
function settle(sqlite: Database.Database, op: OpRecord, nowMs: number, schemaVersion: number, lookups: BatchLookups): SetAsideReason | null {
  const entity = entityOf(op.entity);
  if (!isValid(op, entity, schemaVersion)) return 'invalid';
  const refused = refusalBeforeRights(op, entity, lookups.revokedAt(sqlite, op.deviceId), nowMs);
  if (refused) return refused;
  if (!authorMayMake(sqlite, op, entity, lookups.authors)) return 'forbidden';
  // An insert or update is one statement that fails whole (its clock is written after it); a delete or a renamed
  // natural key writes before the statement that may fail, so those take a savepoint and leave nothing half-written.
  const guarded = op.kind === 'delete' || entity.naturalKeys !== undefined;
  if (guarded) prepared(sqlite, 'SAVEPOINT sync_op').run();
  try {
    applyOne(sqlite, entity, op);
    if (guarded) prepared(sqlite, 'RELEASE sync_op').run();
    lookups.changedBy(op);
    return null;
  } catch (error) {
    if (guarded) {
      prepared(sqlite, 'ROLLBACK TO sync_op').run();
      prepared(sqlite, 'RELEASE sync_op').run();
    }
    if (isWaitingError(error)) return 'waiting';
    throw error;
  }
}

/** Highest seq seen per device: the op log's, raised by the snapshot this copy may have started from. */
export function readVector(sqlite: Database.Database): Record<string, number> {
  const floor = prepared(sqlite, 'SELECT vector_floor FROM sync_local WHERE id = 1').get() as { vector_floor: string };
  const vector = JSON.parse(floor.vector_floor) as Record<string, number>;
  // A skip-scan over the (device, seq) key: a few index seeks per device, not a walk over millions of ops.
  const rows = prepared(
    sqlite,
    `WITH RECURSIVE devices(id) AS (
       SELECT (SELECT min(device_id) FROM sync_ops)
       UNION ALL SELECT (SELECT min(device_id) FROM sync_ops WHERE device_id > devices.id) FROM devices WHERE devices.id IS NOT NULL)
     SELECT id AS device_id, (SELECT max(seq) FROM sync_ops WHERE device_id = devices.id) AS seq FROM devices WHERE id IS NOT NULL`,
  ).all() as { device_id: string; seq: number }[];
  for (const row of rows) vector[row.device_id] = Math.max(vector[row.device_id] ?? 0, row.seq);
  return vector;
}

/** Remote changes and snapshots are written with the capture triggers off: they are other devices' ops, not ours. */
export function withCaptureOff<T>(sqlite: Database.Database, work: () => T): T {
  prepared(sqlite, 'UPDATE sync_local SET capture = 0 WHERE id = 1').run();
  try {
    return work();
  } finally {
    prepared(sqlite, 'UPDATE sync_local SET capture = 1 WHERE id = 1').run();
  }
}

/**
 * Applies ops of other devices (in HLC order). Must run inside a transaction. Every op is stored, applied or
 * kept aside with its reason, so the version vector moves on and the op is relayed to other members as it came.
 */
export function applyRemoteOps(sqlite: Database.Database, incoming: readonly OpRecord[], nowMs: number): ApplyOutcome {
  const schemaVersion = schemaVersionOf(sqlite);
  const outcome: ApplyOutcome = { applied: 0, duplicates: 0, gaps: 0, setAside: [], touched: [] };
  const local = prepared(sqlite, 'SELECT device_id, last_hlc FROM sync_local WHERE id = 1').get() as { device_id: string; last_hlc: string };
  let last = local.last_hlc;
  const vector = readVector(sqlite);
  const lookups = new BatchLookups();
  const ops = [...incoming].sort(compareOps);
  const applyAll = () => {
    for (const op of ops) {
      const place = contiguity(op, vector[op.deviceId] ?? 0, local.device_id);
      if (place !== 'next') {
        if (place === 'duplicate') outcome.duplicates++;
        else outcome.gaps++;
        continue;
      }
      vector[op.deviceId] = op.seq;
      const reason = settle(sqlite, op, nowMs, schemaVersion, lookups);
      insertOp(sqlite, op, reason ?? 'applied');
      if (reason) {
        outcome.setAside.push({ deviceId: op.deviceId, seq: op.seq, reason });
        continue;
      }
      outcome.applied++;
      outcome.touched.push({ entity: op.entity, rowId: op.rowId });
      last = observe(last, op.hlc, local.device_id);
    }
    outcome.applied += retryHeldOps(sqlite, nowMs, schemaVersion, outcome.touched, lookups);
    return outcome;
  };
  withCaptureOff(sqlite, () => (ops.length >= BULK_APPLY_THRESHOLD ? withBulkApply(sqlite, applyAll) : applyAll()));
  prepared(sqlite, 'UPDATE sync_local SET last_hlc = ? WHERE id = 1').run(last);
  refreshConflicts(sqlite, outcome.touched);
  // Derived, local: the SLA clocks of the tickets the merge touched (the same on every copy from the same rows).
  refreshSlaForTouched(sqlite, outcome.touched);
  return outcome;
}

/**
 * Ops held for their time or for a row that had not arrived: tried again, oldest first, until none moves. Refused
 * ops too once a user or role arrived: the author, or a grant older than the op, may have come by another route.
 */
function retryHeldOps(sqlite: Database.Database, nowMs: number, schemaVersion: number, touched: TouchedRow[], lookups: BatchLookups): number {
  let applied = 0;
  for (let progress = true; progress; ) {
    progress = false;
    const statuses = lookups.peopleChanged ? [...RETRIED, 'forbidden'] : RETRIED;
    // `status <> 'applied'` word for word: the planner then reads the partial index of held ops, not the whole log.
    const held = prepared(
      sqlite,
      `SELECT * FROM sync_ops WHERE status <> 'applied' AND status IN (${statuses.map((r) => `'${r}'`).join(', ')}) ORDER BY hlc, seq`,
    ).all() as OpRow[];
    for (const row of held) {
      const op = opFromRow(row);
      const reason = settle(sqlite, op, nowMs, schemaVersion, lookups);
      if (reason === row.status) continue;
      prepared(sqlite, 'UPDATE sync_ops SET status = ? WHERE device_id = ? AND seq = ?').run(reason ?? 'applied', op.deviceId, op.seq);
      if (reason === null) {
        applied++;
        touched.push({ entity: op.entity, rowId: op.rowId });
        progress = true;
      }
    }
  }
  return applied;
}

export interface OpRow {
  device_id: string;
  seq: number;
  hlc: string;
  entity: string;
  row_id: string;
  kind: 'insert' | 'update' | 'delete';
  fields: string;
  base: string | null;
  author_id: string | null;
  schema_version: number;
  status: string;
}

export function opFromRow(row: OpRow): OpRecord {
  return {
    deviceId: row.device_id,
    seq: row.seq,
    hlc: row.hlc,
    entity: row.entity,
    rowId: row.row_id,
    kind: row.kind,
    fields: JSON.parse(row.fields) as Record<string, unknown>,
    base: row.base ? (JSON.parse(row.base) as Record<string, string>) : null,
    authorId: row.author_id,
    schemaVersion: row.schema_version,
  };
}

/** One device's ops after a seq, a page at a time (its seq order is its clock order). */
function* deviceOps(sqlite: Database.Database, deviceId: string, afterSeq: number, pageSize: number): Generator<OpRecord> {
  for (let after = afterSeq; ; ) {
    const rows = prepared(sqlite, `SELECT * FROM sync_ops WHERE device_id = ? AND seq > ? ORDER BY seq ${limitSql(pageSize)}`).all(deviceId, after) as OpRow[];
    for (const row of rows) yield opFromRow(row);
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1]!.seq;
  }
}

/**
 * The ops a member with `vector` lacks, oldest clock first, in pages: a causal order (parents before children),
 * so a bundle cut short still applies cleanly. Merges one cursor per device; memory stays at a page per device.
 */
export function* opsMissingFrom(sqlite: Database.Database, vector: Record<string, number>, pageSize = 2000): Generator<OpRecord[]> {
  const local = readVector(sqlite);
  const cursors = Object.keys(local)
    .filter((device) => local[device]! > (vector[device] ?? 0))
    .map((device) => deviceOps(sqlite, device, vector[device] ?? 0, Math.min(pageSize, 1000)));
  const heads = cursors.map((cursor) => cursor.next());
  let page: OpRecord[] = [];
  for (;;) {
    const best = earliestHead(heads);
    if (best < 0) break;
    page.push(heads[best]!.value as OpRecord);
    heads[best] = cursors[best]!.next();
    if (page.length >= pageSize) {
      yield page;
      page = [];
    }
  }
  if (page.length > 0) yield page;
}
