// Rows and clocks of the replicated tables in PostgreSQL: the reads and writes the merge needs, one row at a time.
import type { RowClock } from '../clocks';
import type { OpRecord } from '../capture';
import type { ReplicatedEntity } from '../entities';
import { incomingTakesSuffix, naturalKeySuffix } from '../mergeRules';
import { pgRun, q, type PgClient } from './pgSql';

/** Columns typed jsonb on the hub (text holding JSON on a laptop, where a CHECK json_valid guards them). */
export const JSON_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  roles: ['permissions'],
  ticket_timeline: ['meta_data'],
  settings: ['value'],
};

/** A value a laptop's table would refuse with a constraint error: the op waits, as it does there. */
export class PgWaitingError extends Error {}

const isJson = (text: string): boolean => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

/** The parameter for one column: JSON text goes to jsonb as is (checked first, as the laptop's json_valid does). */
export function toPgValue(entity: ReplicatedEntity, column: string, value: unknown): unknown {
  if (value === null || value === undefined || !JSON_COLUMNS[entity.table]?.includes(column)) return value;
  if (typeof value !== 'string') return JSON.stringify(value);
  if (!isJson(value)) throw new PgWaitingError(`${entity.table}.${column} is not JSON`);
  return value;
}

export async function pgReadRow(client: PgClient, entity: ReplicatedEntity, rowId: string): Promise<Record<string, unknown> | undefined> {
  const rows = await pgRun(client, `SELECT ${entity.columns.map(q).join(', ')} FROM ${q(entity.table)} WHERE ${q(entity.key)} = $1`, [rowId]);
  return rows[0];
}

export async function pgReadClock(client: PgClient, entity: string, rowId: string): Promise<RowClock | null> {
  const rows = await pgRun<{ row_hlc: string; fields: Record<string, string>; deleted_hlc: string | null }>(
    client,
    'SELECT row_hlc, fields, deleted_hlc FROM sync_clocks WHERE entity = $1 AND row_id = $2',
    [entity, rowId],
  );
  const row = rows[0];
  return row ? { rowHlc: row.row_hlc, fields: row.fields, deletedHlc: row.deleted_hlc } : null;
}

export async function pgWriteClock(client: PgClient, entity: string, rowId: string, clock: RowClock): Promise<void> {
  await pgRun(
    client,
    `INSERT INTO sync_clocks (entity, row_id, row_hlc, fields, deleted_hlc) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (entity, row_id) DO UPDATE SET row_hlc = excluded.row_hlc, fields = excluded.fields, deleted_hlc = excluded.deleted_hlc`,
    [entity, rowId, clock.rowHlc, JSON.stringify(clock.fields), clock.deletedHlc],
  );
}

/** The laptop's advanceClock (capture.ts), on the hub's tables. */
export async function pgAdvanceClock(client: PgClient, entity: ReplicatedEntity, op: Pick<OpRecord, 'entity' | 'rowId' | 'kind' | 'hlc'>, fields: string[], current: RowClock | null): Promise<void> {
  // Add-only rows keep no clock, only a tombstone once deleted.
  if (entity.merge !== 'lww' && op.kind !== 'delete') return;
  if (op.kind === 'insert') {
    await pgWriteClock(client, op.entity, op.rowId, { rowHlc: op.hlc, fields: {}, deletedHlc: null });
    return;
  }
  const clock: RowClock = current ?? { rowHlc: '', fields: {}, deletedHlc: null };
  if (op.kind === 'delete') clock.deletedHlc = op.hlc;
  else for (const field of fields) clock.fields[field] = op.hlc;
  await pgWriteClock(client, op.entity, op.rowId, clock);
}

/** The laptop's settleNaturalKeys (apply.ts): a key taken on two copies gets the same suffix on the same row everywhere. */
export async function pgSettleNaturalKeys(client: PgClient, entity: ReplicatedEntity, rowId: string, rowHlc: string, values: Record<string, unknown>): Promise<void> {
  for (const column of entity.naturalKeys ?? []) {
    const value = values[column];
    if (typeof value !== 'string') continue;
    const others = await pgRun<{ id: string; value: string }>(
      client,
      `SELECT ${q(entity.key)} AS id, ${q(column)} AS value FROM ${q(entity.table)} WHERE lower(${q(column)} COLLATE "C") = lower($1 COLLATE "C") AND ${q(entity.key)} <> $2 LIMIT 1`,
      [value, rowId],
    );
    const other = others[0];
    if (!other) continue;
    const otherHlc = (await pgReadClock(client, entity.table, other.id))?.rowHlc ?? '';
    if (incomingTakesSuffix(rowHlc, otherHlc)) values[column] = naturalKeySuffix(column, rowId, value);
    else await pgRun(client, `UPDATE ${q(entity.table)} SET ${q(column)} = $1 WHERE ${q(entity.key)} = $2`, [naturalKeySuffix(column, other.id, other.value), other.id]);
  }
}

export async function pgInsertRow(client: PgClient, entity: ReplicatedEntity, rowId: string, values: Record<string, unknown>): Promise<void> {
  const columns = Object.keys(values);
  const params = [rowId, ...columns.map((column) => toPgValue(entity, column, values[column]))];
  await pgRun(
    client,
    `INSERT INTO ${q(entity.table)} (${[entity.key, ...columns].map(q).join(', ')}) VALUES (${params.map((_, i) => `$${i + 1}`).join(', ')})`,
    params,
  );
}

export async function pgUpdateRow(client: PgClient, entity: ReplicatedEntity, rowId: string, values: Record<string, unknown>): Promise<void> {
  const columns = Object.keys(values);
  const params = [...columns.map((column) => toPgValue(entity, column, values[column])), rowId];
  await pgRun(client, `UPDATE ${q(entity.table)} SET ${columns.map((column, i) => `${q(column)} = $${i + 1}`).join(', ')} WHERE ${q(entity.key)} = $${params.length}`, params);
}

export async function pgDeleteRow(client: PgClient, entity: ReplicatedEntity, rowId: string): Promise<void> {
  await pgRun(client, `DELETE FROM ${q(entity.table)} WHERE ${q(entity.key)} = $1`, [rowId]);
}
