// The hub's op log in PostgreSQL: version vectors, pages of ops a member lacks, and storing ops a page at a time.
import type { OpRecord } from '../capture';
import { earliestHead, type OpStatus } from '../mergeRules';
import { pgRun, type PgClient } from './pgSql';

export interface PgOpRow {
  device_id: string;
  seq: number;
  hlc: string;
  entity: string;
  row_id: string;
  kind: 'insert' | 'update' | 'delete';
  fields: Record<string, unknown>;
  base: Record<string, string> | null;
  author_id: string | null;
  schema_version: number;
  status: string;
}

export const OP_COLUMNS = 'device_id, seq, hlc, entity, row_id, kind, fields, base, author_id, schema_version, status';

export function opFromPgRow(row: PgOpRow): OpRecord {
  return {
    deviceId: row.device_id,
    seq: row.seq,
    hlc: row.hlc,
    entity: row.entity,
    rowId: row.row_id,
    kind: row.kind,
    fields: row.fields,
    base: row.base,
    authorId: row.author_id,
    schemaVersion: row.schema_version,
  };
}

/**
 * Highest seq held per device: the op log's, raised by the snapshot floor the hub may have started from. A skip-scan
 * over the (device, seq) key: a few index seeks per device, not a walk over millions of ops.
 */
export const VECTOR_SQL = `WITH RECURSIVE devices(id) AS (
       SELECT (SELECT min(device_id) FROM sync_ops)
       UNION ALL SELECT (SELECT min(device_id) FROM sync_ops WHERE device_id > devices.id) FROM devices WHERE devices.id IS NOT NULL)
     SELECT device_id, max(seq) AS seq FROM (
       SELECT device_id, seq FROM sync_vector_floor
       UNION ALL SELECT id, (SELECT max(seq) FROM sync_ops WHERE device_id = devices.id) FROM devices WHERE id IS NOT NULL
     ) AS heads GROUP BY device_id ORDER BY device_id`;

/** The hub's vector (VECTOR_SQL), one statement. */
export async function pgReadVector(client: PgClient): Promise<Record<string, number>> {
  const rows = await pgRun<{ device_id: string; seq: number }>(client, VECTOR_SQL);
  const vector: Record<string, number> = {};
  for (const row of rows) vector[row.device_id] = row.seq;
  return vector;
}

/** The vector's entries for some devices only (the ones a page carries): one index seek each. */
export async function pgVectorOf(client: PgClient, devices: readonly string[]): Promise<Map<string, number>> {
  const rows = await pgRun<{ device_id: string; seq: number }>(
    client,
    `SELECT d AS device_id, greatest(coalesce((SELECT max(seq) FROM sync_ops WHERE device_id = d), 0),
                                      coalesce((SELECT seq FROM sync_vector_floor WHERE device_id = d), 0)) AS seq
     FROM unnest($1::text[]) AS d`,
    [devices],
  );
  return new Map(rows.map((row) => [row.device_id, row.seq]));
}

/** Stores ops with their status in one statement. */
export async function pgInsertOps(client: PgClient, ops: readonly OpRecord[], statuses: readonly OpStatus[]): Promise<void> {
  if (ops.length === 0) return;
  await pgRun(
    client,
    `INSERT INTO sync_ops (${OP_COLUMNS})
     SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::json[], $8::json[], $9::text[], $10::int[], $11::text[])`,
    [
      ops.map((op) => op.deviceId),
      ops.map((op) => op.seq),
      ops.map((op) => op.hlc),
      ops.map((op) => op.entity),
      ops.map((op) => op.rowId),
      ops.map((op) => op.kind),
      ops.map((op) => JSON.stringify(op.fields)),
      ops.map((op) => (op.base ? JSON.stringify(op.base) : null)),
      ops.map((op) => op.authorId),
      ops.map((op) => op.schemaVersion),
      statuses,
    ],
  );
}

const opsAfterSql = `SELECT ${OP_COLUMNS} FROM sync_ops WHERE device_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`;

/**
 * The first `limit` ops after each device's seq, for all devices in one statement (a round's pull asks about every
 * member that wrote since: one round trip, not one per device); each device's ops in seq order.
 */
async function firstOpsOfDevices(client: PgClient, after: ReadonlyMap<string, number>, limit: number): Promise<Map<string, OpRecord[]>> {
  const rows = await pgRun<PgOpRow>(
    client,
    `SELECT o.* FROM unnest($1::text[], $2::int[]) AS d(device_id, after)
     CROSS JOIN LATERAL (SELECT ${OP_COLUMNS} FROM sync_ops WHERE device_id = d.device_id AND seq > d.after ORDER BY seq LIMIT $3) AS o`,
    [[...after.keys()], [...after.values()], limit],
  );
  const byDevice = new Map<string, OpRecord[]>([...after.keys()].map((device) => [device, []]));
  for (const row of rows) byDevice.get(row.device_id)!.push(opFromPgRow(row));
  for (const ops of byDevice.values()) ops.sort((a, b) => a.seq - b.seq);
  return byDevice;
}

/** One device's ops after a seq, a page at a time (its seq order is its clock order), starting from a first page read. */
async function* deviceOps(client: PgClient, deviceId: string, first: OpRecord[], pageSize: number): AsyncGenerator<OpRecord> {
  for (let rows = first; ; ) {
    yield* rows;
    if (rows.length < pageSize) return;
    rows = (await pgRun<PgOpRow>(client, opsAfterSql, [deviceId, rows[rows.length - 1]!.seq, pageSize])).map(opFromPgRow);
  }
}

/**
 * The ops a member with `vector` lacks, oldest clock first, in pages (the same order and pages as the laptop's
 * opsMissingFrom): one cursor per device, merged by clock; memory stays at a page per device. `local`: the hub's
 * vector when the caller has just read it in the same snapshot.
 */
export async function* pgOpsMissingFrom(client: PgClient, vector: Record<string, number>, pageSize = 2000, local?: Record<string, number>): AsyncGenerator<OpRecord[]> {
  const held = local ?? (await pgReadVector(client));
  const devices = Object.keys(held).filter((device) => held[device]! > (vector[device] ?? 0));
  const devicePage = Math.min(pageSize, 1000);
  const firsts = devices.length > 0 ? await firstOpsOfDevices(client, new Map(devices.map((device) => [device, vector[device] ?? 0])), devicePage) : new Map<string, OpRecord[]>();
  const cursors = devices.map((device) => deviceOps(client, device, firsts.get(device)!, devicePage));
  const heads: IteratorResult<OpRecord>[] = [];
  for (const cursor of cursors) heads.push(await cursor.next());
  let page: OpRecord[] = [];
  for (;;) {
    const best = earliestHead(heads);
    if (best < 0) break;
    page.push(heads[best]!.value as OpRecord);
    heads[best] = await cursors[best]!.next();
    if (page.length >= pageSize) {
      yield page;
      page = [];
    }
  }
  if (page.length > 0) yield page;
}
