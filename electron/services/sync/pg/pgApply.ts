// Merging ops from members into the hub's PostgreSQL copy: the laptop's applyRemoteOps (apply.ts) with the same
// rules (mergeRules.ts), the same statuses and the same held-op retries. The caller holds the transaction (READ
// COMMITTED); a transaction-scoped advisory lock makes two hub processes apply one after the other, never twice.
import { defaultMigrationsFolder, schemaVersionOf } from '../../../../db/migrations';
import type { ApplyOutcome } from '../apply';
import type { OpRecord } from '../capture';
import type { TouchedRow } from '../conflicts';
import { entityOf, type ReplicatedEntity } from '../entities';
import {
  compareOps,
  contiguity,
  deleteLoses,
  insertBlockedByTombstone,
  isValid,
  keepRowValid,
  refusalBeforeRights,
  RETRIED,
  winningFields,
  type OpStatus,
  type SetAsideReason,
} from '../mergeRules';
import { PgAuthorRightsCache, pgAuthorMayMake } from './pgAuthority';
import { applyFastPage, fitsFastPath } from './pgFastPage';
import { pgForeignKeys, type PgForeignKeys } from './pgForeignKeys';
import { opFromPgRow, OP_COLUMNS, pgInsertOps, pgVectorOf, type PgOpRow } from './pgOpLog';
import {
  pgAdvanceClock,
  pgDeleteRow,
  pgInsertRow,
  pgReadClock,
  pgReadRow,
  pgSettleNaturalKeys,
  pgUpdateRow,
  PgWaitingError,
} from './pgRows';
import { isIntegrityError, pgLookup, pgRun, rollbackToSavepoint, type PgClient } from './pgSql';
import type { RowClock } from '../clocks';

/** How runs of ops went in this process (tests, bench): fast, fell back to op by op, or op by op from the start. */
export const pgApplyPaths = { fast: 0, fellBack: 0, exact: 0 };

/** Transaction-scoped advisory lock taken by every apply on the hub ('emerald' + 'pg apply'). */
export const PG_APPLY_LOCK = 7_020_515_002;

let laptopSchemaVersion: number | undefined;
/** The newest op schema the hub understands: the laptops' SQLite schema version of this build. */
export function opSchemaVersion(): number {
  laptopSchemaVersion ??= schemaVersionOf(defaultMigrationsFolder());
  return laptopSchemaVersion;
}

class MissingRowError extends Error {}

/** The errors after which an op waits (a row or parent missing, a constraint), as on a laptop. */
export const isWaitingError = (error: unknown): boolean => error instanceof MissingRowError || error instanceof PgWaitingError || isIntegrityError(error);

async function applyInsert(client: PgClient, entity: ReplicatedEntity, op: OpRecord): Promise<void> {
  const clock = await pgReadClock(client, entity.table, op.rowId);
  if (insertBlockedByTombstone(entity, clock, op.hlc)) return;
  const existing = await pgReadRow(client, entity, op.rowId);
  if (existing) {
    if (entity.merge === 'lww') await applyUpdate(client, entity, op, clock, existing);
    return;
  }
  const values = { ...op.fields };
  await pgSettleNaturalKeys(client, entity, op.rowId, op.hlc, values);
  await pgInsertRow(client, entity, op.rowId, values);
  await pgAdvanceClock(client, entity, op, [], null);
}

async function applyUpdate(client: PgClient, entity: ReplicatedEntity, op: OpRecord, clock: RowClock | null, current: Record<string, unknown>): Promise<void> {
  const winners = winningFields(entity, op, clock, current);
  if (winners.length === 0) return;
  const values: Record<string, unknown> = Object.fromEntries(winners.map((field) => [field, op.fields[field]]));
  await pgSettleNaturalKeys(client, entity, op.rowId, clock?.rowHlc ?? op.hlc, values);
  const repaired = keepRowValid(entity, current, values);
  const written: Record<string, unknown> = {};
  for (const field of new Set([...winners, ...Object.keys(repaired)])) written[field] = field in repaired ? repaired[field] : values[field];
  await pgUpdateRow(client, entity, op.rowId, written);
  await pgAdvanceClock(client, entity, op.kind === 'insert' ? { ...op, kind: 'update' } : op, winners, clock);
}

async function applyDelete(client: PgClient, entity: ReplicatedEntity, op: OpRecord): Promise<void> {
  const clock = await pgReadClock(client, entity.table, op.rowId);
  if (deleteLoses(entity, clock, op.hlc)) return;
  await pgAdvanceClock(client, entity, op, [], clock);
  await pgDeleteRow(client, entity, op.rowId);
}

export async function applyOne(client: PgClient, entity: ReplicatedEntity, op: OpRecord): Promise<void> {
  if (op.kind === 'insert') return applyInsert(client, entity, op);
  if (op.kind === 'delete') return applyDelete(client, entity, op);
  const current = await pgReadRow(client, entity, op.rowId);
  const clock = entity.merge === 'lww' ? await pgReadClock(client, entity.table, op.rowId) : null;
  if (clock?.deletedHlc) return;
  if (!current) throw new MissingRowError();
  if (entity.merge !== 'lww') return;
  await applyUpdate(client, entity, op, clock, current);
}

/** What one batch looks up again and again, and the ops it decided but has not written to the log yet. */
class PgBatch {
  readonly authors = new PgAuthorRightsCache(() => this.flush());
  private readonly revoked = new Map<string, string | null>();
  peopleChanged = false;
  private pendingOps: OpRecord[] = [];
  private pendingStatuses: OpStatus[] = [];

  constructor(
    readonly client: PgClient,
    readonly nowMs: number,
    readonly schemaVersion: number,
    /** The database's foreign keys (read from its catalog once per connection). */
    readonly foreignKeys: PgForeignKeys,
  ) {}

  async revokedAt(deviceId: string): Promise<string | null> {
    if (!this.revoked.has(deviceId)) {
      const rows = await pgRun<{ revoked_at: string | null }>(this.client, 'SELECT revoked_at FROM team_members WHERE device_id = $1', [deviceId]);
      this.revoked.set(deviceId, rows[0]?.revoked_at ?? null);
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

  /** Ops are written to the log a page at a time; anything that reads the log first flushes them. */
  keep(op: OpRecord, status: OpStatus): void {
    this.pendingOps.push(op);
    this.pendingStatuses.push(status);
  }

  async flush(): Promise<void> {
    if (this.pendingOps.length === 0) return;
    const [ops, statuses] = [this.pendingOps, this.pendingStatuses];
    this.pendingOps = [];
    this.pendingStatuses = [];
    await pgInsertOps(this.client, ops, statuses);
  }
}

/** Decides and applies one op; returns why it was kept aside, or null when it was applied. */
async function settle(batch: PgBatch, op: OpRecord): Promise<SetAsideReason | null> {
  const { client } = batch;
  const entity = entityOf(op.entity);
  if (!isValid(op, entity, batch.schemaVersion)) return 'invalid';
  const refused = refusalBeforeRights(op, entity, await batch.revokedAt(op.deviceId), batch.nowMs);
  if (refused) return refused;
  if (!(await pgAuthorMayMake(client, op, entity, batch.authors))) return 'forbidden';
  // PostgreSQL aborts the whole transaction on an error: each op runs in a savepoint, so one that must wait
  // leaves nothing half-written and the batch goes on, as on a laptop.
  await client.query('SAVEPOINT sync_op');
  try {
    await applyOne(client, entity, op);
    await client.query('RELEASE SAVEPOINT sync_op');
    batch.changedBy(op);
    return null;
  } catch (error) {
    await rollbackToSavepoint(client, 'sync_op', error);
    if (isWaitingError(error)) return 'waiting';
    throw error;
  }
}

/** Takes the hub's apply lock; refuses a transaction whose snapshot could predate another hub's commit. */
export async function pgLockApply(client: PgClient): Promise<void> {
  const [row] = await pgRun<{ isolation: string }>(client, "SELECT current_setting('transaction_isolation') AS isolation, pg_advisory_xact_lock($1)", [PG_APPLY_LOCK]);
  if (row?.isolation !== 'read committed') throw new Error(`pgApplyOps needs a READ COMMITTED transaction (this one is ${row?.isolation})`);
}

export interface PgApplyOptions {
  /** The newest op schema accepted (default: this build's laptop schema). */
  schemaVersion?: number;
  /** Op by op with savepoints only, never the fast page path (tests compare the two). */
  exactOnly?: boolean;
  /** Filled with what became of each incoming op, by opKey (held ops applied again are only counted). */
  fates?: Map<string, OpFate>;
}

/** What became of one incoming op of a page. */
export type OpFate = 'applied' | 'duplicate' | 'gap' | SetAsideReason;

export const opKey = (op: Pick<OpRecord, 'deviceId' | 'seq'>): string => `${op.deviceId}/${op.seq}`;

/**
 * Applies ops of members (any order; sorted by clock here) inside the caller's transaction. Every op is stored,
 * applied or kept aside with its reason, exactly as applyRemoteOps does on a laptop.
 */
export async function pgApplyOps(client: PgClient, incoming: readonly OpRecord[], nowMs: number, options: PgApplyOptions = {}): Promise<ApplyOutcome> {
  await pgLockApply(client);
  const batch = new PgBatch(client, nowMs, options.schemaVersion ?? opSchemaVersion(), await pgForeignKeys(client));
  const outcome: ApplyOutcome = { applied: 0, duplicates: 0, gaps: 0, setAside: [], touched: [] };
  const ops = [...incoming].sort(compareOps);
  const vector = await pgVectorOf(client, [...new Set(ops.map((op) => op.deviceId))]);
  const next: OpRecord[] = [];
  for (const op of ops) {
    const place = contiguity(op, vector.get(op.deviceId) ?? 0, null);
    if (place === 'next') {
      vector.set(op.deviceId, op.seq);
      next.push(op);
    } else if (place === 'duplicate') outcome.duplicates++;
    else outcome.gaps++;
    if (place !== 'next') options.fates?.set(opKey(op), place === 'duplicate' ? 'duplicate' : 'gap');
  }
  await settleInRuns(batch, next, options.exactOnly === true, async (decided) => {
    for (const { op, reason } of decided) {
      batch.keep(op, reason ?? 'applied');
      options.fates?.set(opKey(op), reason ?? 'applied');
      if (reason) {
        outcome.setAside.push({ deviceId: op.deviceId, seq: op.seq, reason });
        continue;
      }
      outcome.applied++;
      outcome.touched.push({ entity: op.entity, rowId: op.rowId });
    }
  });
  await batch.flush();
  outcome.applied += await retryHeldOps(batch, outcome.touched, options.exactOnly === true);
  return outcome;
}

type Decided = { op: OpRecord; reason: SetAsideReason | null }[];

/**
 * Settles ops in order: runs that fit the fast path in one round trip each, the others (and a run the database
 * refused) op by op. `decided` sees each run's decisions before the next run starts, one op at a time on the
 * op-by-op path, as the laptop records each op before it settles the next.
 */
async function settleInRuns(batch: PgBatch, ops: readonly OpRecord[], exactOnly: boolean, decided: (done: Decided) => Promise<void>): Promise<void> {
  for (let start = 0; start < ops.length; ) {
    const fits = !exactOnly && fitsFastPath(ops[start]!, batch.foreignKeys);
    let end = start + 1;
    while (end < ops.length && !exactOnly && fitsFastPath(ops[end]!, batch.foreignKeys) === fits) end++;
    const run = ops.slice(start, end);
    const fast = fits ? await applyFastPage(batch.client, run, batch) : null;
    if (fits) pgApplyPaths[fast ? 'fast' : 'fellBack']++;
    else pgApplyPaths.exact++;
    if (fast) await decided(run.map((op, index) => ({ op, reason: fast[index] ?? null })));
    else for (const op of run) await decided([{ op, reason: await settle(batch, op) }]);
    start = end;
  }
}

/** Held ops tried again, oldest first, until none moves (refused ones too once a user or role changed). */
async function retryHeldOps(batch: PgBatch, touched: TouchedRow[], exactOnly: boolean): Promise<number> {
  let applied = 0;
  for (let progress = true; progress; ) {
    progress = false;
    const statuses = batch.peopleChanged ? [...RETRIED, 'forbidden'] : [...RETRIED];
    // Planned at each call: a plan made while the log was small scans the whole log, not the few held ops.
    const held = await pgLookup<PgOpRow>(
      batch.client,
      `SELECT ${OP_COLUMNS} FROM sync_ops WHERE status <> 'applied' AND status = ANY($1::text[]) ORDER BY hlc, seq`,
      [statuses],
    );
    const statusOf = new Map(held.map((row) => [`${row.device_id}/${row.seq}`, row.status]));
    await settleInRuns(batch, held.map(opFromPgRow), exactOnly, async (decided) => {
      const changed = decided.filter(({ op, reason }) => (reason ?? 'applied') !== statusOf.get(`${op.deviceId}/${op.seq}`));
      if (changed.length === 0) return;
      await pgRun(
        batch.client,
        `UPDATE sync_ops o SET status = c.status FROM unnest($1::text[], $2::int[], $3::text[]) AS c(device_id, seq, status)
         WHERE o.device_id = c.device_id AND o.seq = c.seq`,
        [changed.map(({ op }) => op.deviceId), changed.map(({ op }) => op.seq), changed.map(({ reason }) => reason ?? 'applied')],
      );
      for (const { op, reason } of changed) {
        if (reason !== null) continue;
        applied++;
        touched.push({ entity: op.entity, rowId: op.rowId });
        progress = true;
      }
    });
  }
  return applied;
}
