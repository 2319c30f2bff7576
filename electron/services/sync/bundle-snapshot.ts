// A snapshot bundle: the replicated rows as they are now, with their clocks, text edits, conflicts and the ops kept
// aside, plus the sender's vector. A copy that just joined loads it instead of replaying years of ops; ordinary op
// bundles continue from the sender's vector (the copy's vector floor).
import type Database from 'better-sqlite3';
import { prepared } from '../sql';
import { settleNaturalKeys } from './apply';
import { insertOp } from './capture';
import { readClock, writeClock, type RowClock } from './clocks';
import { refreshConflicts, type TouchedRow } from './conflicts';
import { FRAME_PAGE_SIZE, refuse, type SnapshotPage } from './bundle-format';
import { mergeVectors, type Vector } from './bundle-peers';
import { entityOf, REPLICATED_ENTITIES, type ReplicatedEntity } from './entities';
import { observe } from './hlc';

const q = (name: string) => `"${name}"`;
// The derived sync tables a snapshot carries as they are (every copy derives the same ones from the same ops).
const DERIVED_TABLES = { fieldEdits: 'sync_field_edits', conflicts: 'sync_conflicts' } as const;

function rowFilter(entity: ReplicatedEntity): string {
  return entity.onlyRows ? ` WHERE t.${q(entity.key)} IN (${entity.onlyRows.map((key) => `'${key}'`).join(', ')})` : '';
}

const count = (sqlite: Database.Database, sql: string): number => (sqlite.prepare(sql).get() as { n: number }).n;

function columnsOf(sqlite: Database.Database, table: string): string[] {
  return (sqlite.pragma(`table_info(${q(table)})`) as { name: string }[]).map((column) => column.name);
}

/** Rows (opCount: held ops) a snapshot of this state carries: the header's counts, known before the first frame. */
export function snapshotCounts(sqlite: Database.Database): { rows: number; ops: number } {
  let rows = count(sqlite, 'SELECT count(*) AS n FROM sync_clocks WHERE deleted_hlc IS NOT NULL');
  for (const entity of REPLICATED_ENTITIES) rows += count(sqlite, `SELECT count(*) AS n FROM ${q(entity.table)} t${rowFilter(entity)}`);
  for (const table of Object.values(DERIVED_TABLES)) rows += count(sqlite, `SELECT count(*) AS n FROM ${q(table)}`);
  return { rows, ops: count(sqlite, "SELECT count(*) AS n FROM sync_ops WHERE status <> 'applied'") };
}

/** Cuts any row iterator into pages of FRAME_PAGE_SIZE. */
function* paged<T>(rows: Iterable<T>): Generator<T[]> {
  let page: T[] = [];
  for (const row of rows) {
    page.push(row);
    if (page.length === FRAME_PAGE_SIZE) {
      yield page;
      page = [];
    }
  }
  if (page.length > 0) yield page;
}

/**
 * The snapshot's pages, parents before children (the replication order), read lazily: one page in memory at a time.
 * Runs on a connection inside a read transaction; the caller writes each page before asking for the next.
 */
export function* snapshotPages(sqlite: Database.Database): Generator<SnapshotPage> {
  const tombstones = sqlite.prepare('SELECT entity, row_id, row_hlc, fields, deleted_hlc FROM sync_clocks WHERE deleted_hlc IS NOT NULL ORDER BY entity, row_id').raw();
  for (const rows of paged(tombstones.iterate() as IterableIterator<[string, string, string, string, string]>)) yield { type: 'tombstones', rows };
  for (const entity of REPLICATED_ENTITIES) {
    const columns = [entity.key, ...entity.columns];
    const select = sqlite
      .prepare(
        `SELECT ${columns.map((column) => `t.${q(column)}`).join(', ')}, c.row_hlc, c.fields FROM ${q(entity.table)} t
         LEFT JOIN sync_clocks c ON c.entity = '${entity.table}' AND c.row_id = t.${q(entity.key)}${rowFilter(entity)} ORDER BY t.${q(entity.key)}`,
      )
      .raw();
    for (const page of paged(select.iterate() as IterableIterator<unknown[]>)) {
      yield {
        type: 'rows',
        table: entity.table,
        columns,
        rows: page.map((row) => row.slice(0, columns.length)),
        clocks: page.map((row) => (row[columns.length] === null ? null : [row[columns.length] as string, row[columns.length + 1] as string])),
      };
    }
  }
  for (const [type, table] of Object.entries(DERIVED_TABLES) as [keyof typeof DERIVED_TABLES, string][]) {
    const columns = columnsOf(sqlite, table);
    const select = sqlite.prepare(`SELECT ${columns.map(q).join(', ')} FROM ${q(table)} ORDER BY rowid`).raw();
    for (const rows of paged(select.iterate() as IterableIterator<unknown[]>)) yield { type, columns, rows };
  }
  const held = sqlite.prepare("SELECT * FROM sync_ops WHERE status <> 'applied' ORDER BY hlc, device_id, seq");
  for (const rows of paged(held.iterate() as IterableIterator<Record<string, unknown>>)) {
    yield {
      type: 'heldOps',
      ops: rows.map((row) => ({
        deviceId: row.device_id as string,
        seq: row.seq as number,
        hlc: row.hlc as string,
        entity: row.entity as string,
        rowId: row.row_id as string,
        kind: row.kind as 'insert' | 'update' | 'delete',
        fields: JSON.parse(row.fields as string) as Record<string, unknown>,
        base: row.base ? (JSON.parse(row.base as string) as Record<string, string>) : null,
        authorId: row.author_id as string | null,
        schemaVersion: row.schema_version as number,
        status: row.status as string,
      })),
    };
  }
}

/** A snapshot starts a copy that holds nothing of the team yet: only its own ops (its baseline, its join). */
export function assertFreshCopy(sqlite: Database.Database): void {
  const local = prepared(sqlite, 'SELECT device_id, vector_floor FROM sync_local WHERE id = 1').get() as { device_id: string; vector_floor: string };
  const foreign = prepared(sqlite, 'SELECT 1 FROM sync_ops WHERE device_id <> ? LIMIT 1').get(local.device_id);
  if (foreign || local.vector_floor !== '{}') {
    throw refuse('not_fresh', 'this copy already holds team data; a snapshot only starts a copy that just joined — import an ordinary bundle (sync export without --snapshot) instead');
  }
}

/** The later clock of each field: what both copies' edits of one live row together say. */
function mergeClock(local: RowClock | null, incoming: RowClock): RowClock {
  if (!local || local.deletedHlc) return incoming;
  const fields = { ...local.fields };
  for (const [field, hlc] of Object.entries(incoming.fields)) if (!fields[field] || hlc > fields[field]) fields[field] = hlc;
  return { rowHlc: local.rowHlc || incoming.rowHlc, fields, deletedHlc: incoming.deletedHlc };
}

const fieldClockOf = (clock: RowClock | null, field: string): string => clock?.fields[field] ?? clock?.rowHlc ?? '';

function loadRow(sqlite: Database.Database, entity: ReplicatedEntity, values: Record<string, unknown>, incoming: RowClock | null): void {
  const rowId = values[entity.key] as string;
  const columns = entity.columns.filter((column) => column in values);
  const local = entity.merge === 'lww' ? readClock(sqlite, entity.table, rowId) : null;
  const exists = prepared(sqlite, `SELECT 1 FROM ${q(entity.table)} WHERE ${q(entity.key)} = ?`).get(rowId) !== undefined;
  if (!exists) {
    // Deleted here after the sender's insert: the delete stands (as apply.ts decides for an insert op).
    if (local?.deletedHlc && local.deletedHlc >= (incoming?.rowHlc ?? '')) return;
    const row = Object.fromEntries(columns.map((column) => [column, values[column]]));
    settleNaturalKeys(sqlite, entity, rowId, incoming?.rowHlc ?? '', row);
    const names = [entity.key, ...Object.keys(row)];
    prepared(sqlite, `INSERT INTO ${q(entity.table)} (${names.map(q).join(', ')}) VALUES (${names.map(() => '?').join(', ')})`).run(rowId, ...Object.values(row));
    if (incoming) writeClock(sqlite, entity.table, rowId, mergeClock(local, incoming));
    return;
  }
  // This copy has the row too (its own, sent to the sender earlier): each field keeps the later edit.
  if (entity.merge !== 'lww' || !incoming) return;
  const winners = columns.filter((column) => fieldClockOf(incoming, column) > fieldClockOf(local, column));
  if (winners.length > 0) {
    const sets = winners.map((column) => `${q(column)} = ?`);
    if (entity.versioned) sets.push('"version" = "version" + 1');
    prepared(sqlite, `UPDATE ${q(entity.table)} SET ${sets.join(', ')} WHERE ${q(entity.key)} = ?`).run(...winners.map((column) => values[column]), rowId);
  }
  writeClock(sqlite, entity.table, rowId, mergeClock(local, incoming));
}

/** A row the sender deleted: gone here too, unless this copy revived it (inserted it again) after that delete. */
function loadTombstone(sqlite: Database.Database, entity: ReplicatedEntity, rowId: string, tombstone: RowClock): void {
  const local = readClock(sqlite, entity.table, rowId);
  const deletedHlc = tombstone.deletedHlc ?? '';
  if (local?.deletedHlc && local.deletedHlc >= deletedHlc) return;
  if (local && !local.deletedHlc && local.rowHlc > deletedHlc) return;
  writeClock(sqlite, entity.table, rowId, tombstone);
  prepared(sqlite, `DELETE FROM ${q(entity.table)} WHERE ${q(entity.key)} = ?`).run(rowId);
}

function parseClock(rowHlc: string, fields: string, deletedHlc: string | null = null): RowClock {
  return { rowHlc, fields: JSON.parse(fields) as Record<string, string>, deletedHlc };
}

/** Loads one snapshot page. Call inside the import transaction with capture off. */
export function loadSnapshotPage(sqlite: Database.Database, page: SnapshotPage, ownDevice: string, touched: TouchedRow[]): void {
  switch (page.type) {
    case 'tombstones':
      for (const [table, rowId, rowHlc, fields, deletedHlc] of page.rows) {
        const entity = entityOf(table);
        if (entity) loadTombstone(sqlite, entity, rowId, parseClock(rowHlc, fields, deletedHlc));
      }
      return;
    case 'rows': {
      const entity = entityOf(page.table);
      if (!entity || page.columns[0] !== entity.key || !page.columns.slice(1).every((column) => entity.columns.includes(column))) {
        throw refuse('malformed', `the snapshot holds columns of ${page.table} this copy does not replicate`);
      }
      page.rows.forEach((row, index) => {
        const values = Object.fromEntries(page.columns.map((column, at) => [column, row[at]]));
        const clock = page.clocks[index];
        loadRow(sqlite, entity, values, clock ? parseClock(clock[0], clock[1]) : null);
        touched.push({ entity: entity.table, rowId: values[entity.key] as string });
      });
      return;
    }
    case 'fieldEdits':
    case 'conflicts': {
      const table = DERIVED_TABLES[page.type];
      const known = new Set(columnsOf(sqlite, table));
      const picked = page.columns.map((column, at) => [column, at] as const).filter(([column]) => known.has(column));
      const insert = prepared(sqlite, `INSERT OR IGNORE INTO ${q(table)} (${picked.map(([column]) => q(column)).join(', ')}) VALUES (${picked.map(() => '?').join(', ')})`);
      for (const row of page.rows) insert.run(...picked.map(([, at]) => row[at]));
      return;
    }
    case 'heldOps':
      for (const { status, ...op } of page.ops) {
        // This copy's own ops are in its log already; the sender may have held some of them.
        if (op.deviceId === ownDevice || prepared(sqlite, 'SELECT 1 FROM sync_ops WHERE device_id = ? AND seq = ?').get(op.deviceId, op.seq)) continue;
        insertOp(sqlite, op, status);
      }
      return;
  }
}

/** After the last page: the sender's vector becomes this copy's floor, its clock moves past everything loaded. */
export function finishSnapshot(sqlite: Database.Database, senderVector: Vector, senderLastHlc: string, ownTouched: readonly TouchedRow[]): void {
  const local = prepared(sqlite, 'SELECT device_id, last_hlc, vector_floor FROM sync_local WHERE id = 1').get() as { device_id: string; last_hlc: string; vector_floor: string };
  const floor = mergeVectors(JSON.parse(local.vector_floor) as Vector, senderVector);
  delete floor[local.device_id];
  const last = senderLastHlc ? observe(local.last_hlc, senderLastHlc, local.device_id) : local.last_hlc;
  prepared(sqlite, 'UPDATE sync_local SET vector_floor = ?, last_hlc = ? WHERE id = 1').run(JSON.stringify(floor), last);
  // The rules that span rows, for this copy's own rows that now sit beside the team's.
  refreshConflicts(sqlite, ownTouched);
}

/** Rows this copy wrote itself before the snapshot (its baseline): the ones whose cross-row rules need a fresh look. */
export function ownRows(sqlite: Database.Database): TouchedRow[] {
  const local = prepared(sqlite, 'SELECT device_id FROM sync_local WHERE id = 1').get() as { device_id: string };
  return prepared(sqlite, 'SELECT DISTINCT entity, row_id AS rowId FROM sync_ops WHERE device_id = ?').all(local.device_id) as TouchedRow[];
}
