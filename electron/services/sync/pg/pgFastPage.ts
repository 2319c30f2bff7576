// The fast way through a run of ops (aimed at ≥ 10,000 ops/s on loopback): the rows and clocks the run touches are
// read in one query per entity, the merge decides every op in memory with the same rules, and the writes go to
// PostgreSQL in one round trip (new rows one INSERT per table, updates and deletes in op order, the clocks as one
// upsert). A write the database refuses (a constraint: the op must wait) rolls the run back and the caller applies
// it op by op with savepoints, the exact path. Ops whose writes have effects this model does not see (parents'
// deletes cascading, natural keys renaming another row, people or members changing rights) always go op by op.
import pg from 'pg';
import type { OpRecord } from '../capture';
import type { RowClock } from '../clocks';
import { entityOf, REPLICATED_ENTITIES, type ReplicatedEntity } from '../entities';
import {
  deleteLoses,
  insertBlockedByTombstone,
  isValid,
  keepRowValid,
  refusalBeforeRights,
  winningFields,
  type SetAsideReason,
} from '../mergeRules';
import { pgAuthorMayMake, type PgAuthorRightsCache } from './pgAuthority';
import type { PgForeignKeys } from './pgForeignKeys';
import { PgWaitingError, toPgValue } from './pgRows';
import { pgLookup, q, rollbackToSavepoint, rowsByKeysSql, type PgClient } from './pgSql';

/** Ops on these change authors' rights or devices' standing for the ops after them: such pages take the exact path. */
const STANDING_TABLES = new Set(['users', 'roles', 'team_members']);

/**
 * Whether an op can go the fast way (most can: tickets, events, OTs, items, customers, settings); invalid ones too.
 * `keys`: the database's foreign keys (pgForeignKeys): deletes of a parent's rows cascade, so they go op by op.
 */
export function fitsFastPath(op: OpRecord, keys: PgForeignKeys): boolean {
  const entity = entityOf(op.entity);
  if (!entity) return true;
  if (STANDING_TABLES.has(entity.table) || entity.naturalKeys !== undefined || keys.unmodelled.has(entity.table)) return false;
  return !(op.kind === 'delete' && keys.parents.has(entity.table));
}

const rowKey = (table: string, rowId: string) => `${table}\u0000${rowId}`;
// node-postgres' own conversion of a parameter (numbers, booleans, objects as JSON, arrays as arrays), so a literal
// here is the very text the op-by-op path sends as a parameter.
const prepareValue = (pg as unknown as { utils: { prepareValue(value: unknown): string | Buffer | null } }).utils.prepareValue;
function literal(value: unknown): string {
  const text = prepareValue(value);
  if (text === null || text === undefined) return 'NULL';
  return pg.escapeLiteral(typeof text === 'string' ? text : text.toString());
}

interface PageModel {
  /** Rows as the database holds them now (undefined: absent), by table and key. */
  rows: Map<string, Record<string, unknown> | undefined>;
  clocks: Map<string, RowClock | null>;
  dirtyClocks: Set<string>;
  /** Parents the page's ops point at that exist, by table and key (rows the page touches are in `rows`). */
  parents: Set<string>;
  keys: PgForeignKeys;
}

/** Every parent the page's inserts and updates point at: which of them exist, one query per parent table. */
async function prefetchParents(client: PgClient, ops: readonly OpRecord[], model: PageModel): Promise<void> {
  const wanted = new Map<string, Set<string>>();
  for (const op of ops) {
    const keys = model.keys.columns.get(op.entity);
    if (!keys || op.kind === 'delete' || typeof op.fields !== 'object' || op.fields === null) continue;
    for (const [column, parent] of Object.entries(keys)) {
      const value = op.fields[column];
      if (typeof value !== 'string') continue;
      let ids = wanted.get(parent);
      if (!ids) wanted.set(parent, (ids = new Set()));
      ids.add(value);
    }
  }
  for (const [parent, ids] of wanted) {
    const entity = entityOf(parent) as ReplicatedEntity;
    const found = await pgLookup(client, rowsByKeysSql(parent, [entity.key], [entity.key]), [[...ids]]);
    for (const row of found) model.parents.add(rowKey(parent, row[entity.key] as string));
  }
}

/** A foreign key of `values` whose parent is not there: the write would fail, so the op waits (as on a laptop). */
function missesParent(model: PageModel, table: string, values: Record<string, unknown>): boolean {
  const keys = model.keys.columns.get(table);
  if (!keys) return false;
  for (const [column, parent] of Object.entries(keys)) {
    const value = values[column];
    if (value === null || value === undefined) continue;
    const key = rowKey(parent, String(value));
    const exists = model.rows.has(key) ? model.rows.get(key) !== undefined : model.parents.has(key);
    if (!exists) return true;
  }
  return false;
}

async function prefetch(client: PgClient, ops: readonly OpRecord[], keys: PgForeignKeys): Promise<PageModel> {
  const model: PageModel = { rows: new Map(), clocks: new Map(), dirtyClocks: new Set(), parents: new Set(), keys };
  const idsByTable = new Map<string, Set<string>>();
  for (const op of ops) {
    if (!entityOf(op.entity)) continue;
    let ids = idsByTable.get(op.entity);
    if (!ids) idsByTable.set(op.entity, (ids = new Set()));
    ids.add(op.rowId);
  }
  const tables: string[] = [];
  const rowIds: string[] = [];
  for (const [table, ids] of idsByTable) {
    const entity = entityOf(table) as ReplicatedEntity;
    const list = [...ids];
    for (const id of list) {
      model.rows.set(rowKey(table, id), undefined);
      model.clocks.set(rowKey(table, id), null);
      tables.push(table);
      rowIds.push(id);
    }
    const found = await pgLookup(client, rowsByKeysSql(table, [entity.key], [entity.key, ...entity.columns]), [list]);
    for (const row of found) model.rows.set(rowKey(table, row[entity.key] as string), row);
  }
  const clocks = await pgLookup<{ entity: string; row_id: string; row_hlc: string; fields: Record<string, string>; deleted_hlc: string | null }>(
    client,
    rowsByKeysSql('sync_clocks', ['entity', 'row_id'], ['entity', 'row_id', 'row_hlc', 'fields', 'deleted_hlc']),
    [tables, rowIds],
  );
  for (const row of clocks) model.clocks.set(rowKey(row.entity, row.row_id), { rowHlc: row.row_hlc, fields: row.fields, deletedHlc: row.deleted_hlc });
  await prefetchParents(client, ops, model);
  return model;
}

const ENTITY_ORDER = new Map(REPLICATED_ENTITIES.map((entity, index) => [entity.table, index]));

/**
 * The run's writes. New rows go first, one INSERT per table and column list, parents' tables first; then updates
 * and deletes in op order, then the clocks. A row's insert still comes before its updates, so the database checks
 * each row in the states the op-by-op path gives it; an order it would refuse (a row deleted then inserted again,
 * a code taken by a new row after another let it go) only sends the run op by op.
 */
class Statements {
  private readonly inserts = new Map<string, { order: number; rows: string[] }>();
  private readonly ordered: string[] = [];
  private readonly deleted = new Set<string>();
  private readonly tail: string[] = [];

  insert(entity: ReplicatedEntity, rowId: string, values: Record<string, unknown>): void {
    const columns = Object.keys(values);
    const head = `INSERT INTO ${q(entity.table)} (${[entity.key, ...columns].map(q).join(', ')}) VALUES `;
    const row = `(${[literal(rowId), ...columns.map((column) => literal(toPgValue(entity, column, values[column])))].join(', ')})`;
    if (this.deleted.has(rowKey(entity.table, rowId))) {
      this.ordered.push(head + row);
      return;
    }
    let group = this.inserts.get(head);
    if (!group) this.inserts.set(head, (group = { order: ENTITY_ORDER.get(entity.table) ?? 0, rows: [] }));
    group.rows.push(row);
  }

  update(sql: string): void {
    this.ordered.push(sql);
  }

  delete(entity: ReplicatedEntity, rowId: string): void {
    this.deleted.add(rowKey(entity.table, rowId));
    this.ordered.push(`DELETE FROM ${q(entity.table)} WHERE ${q(entity.key)} = ${literal(rowId)}`);
  }

  last(sql: string): void {
    this.tail.push(sql);
  }

  text(): string {
    const inserts = [...this.inserts].sort((a, b) => a[1].order - b[1].order).map(([head, group]) => head + group.rows.join(', '));
    return [...inserts, ...this.ordered, ...this.tail].join(';\n');
  }
}

function updateSql(entity: ReplicatedEntity, rowId: string, values: Record<string, unknown>): string {
  const sets = Object.keys(values).map((column) => `${q(column)} = ${literal(toPgValue(entity, column, values[column]))}`);
  return `UPDATE ${q(entity.table)} SET ${sets.join(', ')} WHERE ${q(entity.key)} = ${literal(rowId)}`;
}

/** The laptop's advanceClock on the model (capture.ts), marking the clock to be written. */
function advanceClock(model: PageModel, entity: ReplicatedEntity, op: OpRecord, kind: OpRecord['kind'], fields: readonly string[], current: RowClock | null): void {
  if (entity.merge !== 'lww' && kind !== 'delete') return;
  const key = rowKey(entity.table, op.rowId);
  if (kind === 'insert') model.clocks.set(key, { rowHlc: op.hlc, fields: {}, deletedHlc: null });
  else {
    const clock: RowClock = current ? { rowHlc: current.rowHlc, fields: { ...current.fields }, deletedHlc: current.deletedHlc } : { rowHlc: '', fields: {}, deletedHlc: null };
    if (kind === 'delete') clock.deletedHlc = op.hlc;
    else for (const field of fields) clock.fields[field] = op.hlc;
    model.clocks.set(key, clock);
  }
  model.dirtyClocks.add(key);
}

/** The merge of one op on the model; returns 'waiting' where the exact path would find the row missing. */
function applyToModel(model: PageModel, statements: Statements, entity: ReplicatedEntity, op: OpRecord): 'waiting' | null {
  const key = rowKey(entity.table, op.rowId);
  const clock = model.clocks.get(key) ?? null;
  const current = model.rows.get(key);
  const update = (kind: OpRecord['kind'], row: Record<string, unknown>): 'waiting' | null => {
    const winners = winningFields(entity, op, clock, row);
    if (winners.length === 0) return null;
    const values: Record<string, unknown> = {};
    for (const field of winners) values[field] = op.fields[field];
    const repaired = keepRowValid(entity, row, values);
    const written: Record<string, unknown> = {};
    for (const field of new Set([...winners, ...Object.keys(repaired)])) written[field] = field in repaired ? repaired[field] : values[field];
    if (missesParent(model, entity.table, written)) return 'waiting';
    statements.update(updateSql(entity, op.rowId, written));
    model.rows.set(key, { ...row, ...written });
    advanceClock(model, entity, op, kind, winners, clock);
    return null;
  };
  if (op.kind === 'insert') {
    if (insertBlockedByTombstone(entity, clock, op.hlc)) return null;
    if (current) return entity.merge === 'lww' ? update('update', current) : null;
    if (missesParent(model, entity.table, op.fields)) return 'waiting';
    statements.insert(entity, op.rowId, op.fields);
    model.rows.set(key, { ...op.fields, [entity.key]: op.rowId });
    advanceClock(model, entity, op, 'insert', [], null);
    return null;
  }
  if (op.kind === 'delete') {
    if (deleteLoses(entity, clock, op.hlc)) return null;
    advanceClock(model, entity, op, 'delete', [], clock);
    statements.delete(entity, op.rowId);
    model.rows.set(key, undefined);
    return null;
  }
  if (entity.merge === 'lww' && clock?.deletedHlc) return null;
  if (!current) return 'waiting';
  return entity.merge === 'lww' ? update('update', current) : null;
}

function clocksSql(model: PageModel): string | null {
  if (model.dirtyClocks.size === 0) return null;
  const rows = [...model.dirtyClocks].map((key) => {
    const [table, rowId] = key.split('\u0000') as [string, string];
    const clock = model.clocks.get(key) as RowClock;
    return `(${[table, rowId, clock.rowHlc, JSON.stringify(clock.fields), clock.deletedHlc].map(literal).join(', ')})`;
  });
  return `INSERT INTO sync_clocks (entity, row_id, row_hlc, fields, deleted_hlc) VALUES ${rows.join(', ')}
    ON CONFLICT (entity, row_id) DO UPDATE SET row_hlc = excluded.row_hlc, fields = excluded.fields, deleted_hlc = excluded.deleted_hlc`;
}

export interface FastPageContext {
  schemaVersion: number;
  foreignKeys: PgForeignKeys;
  nowMs: number;
  authors: PgAuthorRightsCache;
  revokedAt(deviceId: string): Promise<string | null>;
}

/**
 * Decides and writes `ops` (contiguous, in clock order) in one go. Returns each op's reason (null: applied), or
 * null when the database refused a write: then nothing of the page is left and the caller takes the exact path.
 */
export async function applyFastPage(client: PgClient, ops: readonly OpRecord[], context: FastPageContext): Promise<(SetAsideReason | null)[] | null> {
  const model = await prefetch(client, ops, context.foreignKeys);
  const statements = new Statements();
  const reasons: (SetAsideReason | null)[] = [];
  for (const op of ops) {
    const entity = entityOf(op.entity);
    if (!isValid(op, entity, context.schemaVersion)) {
      reasons.push('invalid');
      continue;
    }
    const refused = refusalBeforeRights(op, entity, await context.revokedAt(op.deviceId), context.nowMs);
    if (refused) {
      reasons.push(refused);
      continue;
    }
    if (!(await pgAuthorMayMake(client, op, entity, context.authors))) {
      reasons.push('forbidden');
      continue;
    }
    try {
      reasons.push(applyToModel(model, statements, entity, op));
    } catch (error) {
      if (!(error instanceof PgWaitingError)) throw error;
      reasons.push('waiting');
    }
  }
  const clocks = clocksSql(model);
  if (clocks) statements.last(clocks);
  const sql = statements.text();
  if (sql === '') return reasons;
  try {
    // One round trip: a refused write skips the rest of the text and leaves the savepoint to roll back to.
    await client.query(`SAVEPOINT sync_page;\n${sql};\nRELEASE SAVEPOINT sync_page`);
    return reasons;
  } catch (error) {
    await rollbackToSavepoint(client, 'sync_page', error);
    // The database refused a write (a SQLSTATE): the run goes op by op, which finds the op that must wait.
    if (error instanceof pg.DatabaseError) return null;
    throw error;
  }
}
