// Shared by the sync tests: empty copies, replaying one copy's op log into another, and table-by-table comparison.
import path from 'node:path';
import type Database from 'better-sqlite3';
import { expect } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../db/open';
import { applyRemoteOps, opsMissingFrom, readVector, type ApplyOutcome } from '../../electron/services/sync/apply';
import { replicatedRows } from '../../electron/services/sync/digest';
import { REPLICATED_ENTITIES } from '../../electron/services/sync/entities';
import { tempDir } from '../db/helpers';

/** A freshly migrated database with no setup and no rows: what a replay starts from. */
export function openEmptyCopy(name = 'empty.db'): OpenedDatabase {
  return openDatabase(path.join(tempDir(), name));
}

/** Sends `target` every op of `source` it lacks (the whole log for an empty copy) in one transaction. */
export function replayOpLog(source: Database.Database, target: Database.Database, nowMs: number): ApplyOutcome {
  const pages = [...opsMissingFrom(source, readVector(target))];
  return target.transaction(() => applyRemoteOps(target, pages.flat(), nowMs))();
}

/** Rows of one replicated table, in the columns that travel, ordered by key. */
export function replicatedTable(sqlite: Database.Database, table: string): unknown[][] {
  return [...replicatedRows(sqlite, table)];
}

/** Table by table, so a failure names the table whose replicated rows differ. */
export function expectSameReplicatedRows(actual: Database.Database, expected: Database.Database, label = ''): void {
  for (const { table } of REPLICATED_ENTITIES) {
    expect(replicatedTable(actual, table), `${label}${table}`).toEqual(replicatedTable(expected, table));
  }
}

/** Changes the triggers saw that no transaction turned into ops: must be zero between writes. */
export function pendingCaptureCount(sqlite: Database.Database): number {
  return (sqlite.prepare('SELECT count(*) AS n FROM sync_capture').get() as { n: number }).n;
}

/** Ops the copy keeps aside (never applied), with their reason. */
export function opsSetAside(sqlite: Database.Database): { device_id: string; seq: number; entity: string; status: string }[] {
  return sqlite.prepare("SELECT device_id, seq, entity, status FROM sync_ops WHERE status <> 'applied' ORDER BY device_id, seq").all() as {
    device_id: string;
    seq: number;
    entity: string;
    status: string;
  }[];
}

export function opCount(sqlite: Database.Database): number {
  return (sqlite.prepare('SELECT count(*) AS n FROM sync_ops').get() as { n: number }).n;
}
