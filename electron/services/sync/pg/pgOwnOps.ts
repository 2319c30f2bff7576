// The hub's own writes (an invitation made at pairing): an op of the hub device, stamped after everything the hub
// has applied, merged into its tables by the same rules and kept in the log to be relayed like any member's op.
import { AppError } from '../../../contract/errors';
import type { OpRecord } from '../capture';
import { fieldClock } from '../clocks';
import { entityOf } from '../entities';
import { formatHlc, tick } from '../hlc';
import { isValid } from '../mergeRules';
import { applyOne, isWaitingError, opSchemaVersion, pgLockApply } from './pgApply';
import { PgAuthorRightsCache, pgAuthorMayMake } from './pgAuthority';
import { pgInsertOps, pgVectorOf } from './pgOpLog';
import { pgReadClock } from './pgRows';
import { pgRun, rollbackToSavepoint, type PgClient } from './pgSql';

export interface OwnChange {
  /** The hub's device id (its identity row). */
  deviceId: string;
  entity: string;
  rowId: string;
  kind: 'insert' | 'update' | 'delete';
  fields: Record<string, unknown>;
  /** The user on whose behalf the hub writes; their rights are checked as every member will check them. */
  authorId: string | null;
}

/** Writes one change as an op of the hub device inside the caller's transaction; returns the op. */
export async function pgRecordOwnOp(client: PgClient, change: OwnChange, nowMs: number): Promise<OpRecord> {
  await pgLockApply(client);
  const entity = entityOf(change.entity);
  const seq = ((await pgVectorOf(client, [change.deviceId])).get(change.deviceId) ?? 0) + 1;
  const [last] = await pgRun<{ hlc: string }>(client, "SELECT hlc FROM sync_ops WHERE status = 'applied' ORDER BY hlc DESC LIMIT 1");
  const hlc = formatHlc(tick(last?.hlc ?? '', nowMs, change.deviceId));
  // An update of an lww row carries the clocks of the values it replaces, as a laptop's op does (text conflicts).
  const clock = change.kind === 'update' && entity?.merge === 'lww' ? await pgReadClock(client, change.entity, change.rowId) : null;
  const base = clock ? Object.fromEntries(Object.keys(change.fields).map((field) => [field, fieldClock(clock, field)])) : null;
  const op: OpRecord = { ...change, seq, hlc, base, schemaVersion: opSchemaVersion() };
  if (!isValid(op, entity, op.schemaVersion)) throw new AppError('VALIDATION', `not a change of a replicated table: ${change.entity}`, { reason: 'invalid_op' });
  if (!(await pgAuthorMayMake(client, op, entity, new PgAuthorRightsCache()))) {
    throw new AppError('FORBIDDEN', 'the author may not make this change', { reason: 'forbidden' });
  }
  await client.query('SAVEPOINT sync_own_op');
  try {
    await applyOne(client, entity, op);
    await client.query('RELEASE SAVEPOINT sync_own_op');
  } catch (error) {
    await rollbackToSavepoint(client, 'sync_own_op', error);
    if (isWaitingError(error)) throw new AppError('CONFLICT', 'the change does not fit the hub’s rows (a row or parent is missing, or a rule refuses it)', { reason: 'not_applicable' });
    throw error;
  }
  await pgInsertOps(client, [op], ['applied']);
  return op;
}
