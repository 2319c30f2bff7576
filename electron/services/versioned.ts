// The optimistic-lock write every versioned row uses: a stale version is CONFLICT, never a silent overwrite.
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { AppDb } from '../../db/open';
import { notFound, staleVersion } from '../contract';
import { rowById, updateRow } from './tableRows';

interface VersionedTable extends SQLiteTable {
  id: SQLiteColumn;
  version: SQLiteColumn;
}

/** Writes `patch` only if the row still has the version read earlier; bumps version (unless told not to) and updated_at. */
export function saveVersioned(
  tx: AppDb,
  table: VersionedTable,
  entity: string,
  row: { id: string; version: number },
  patch: Record<string, unknown>,
  at: string,
  options: { bumpVersion: boolean },
): void {
  const set = { ...patch, updatedAt: at, ...(options.bumpVersion ? { version: row.version + 1 } : {}) };
  if (updateRow(tx, table, set as never, { id: row.id, version: row.version }) === 1) return;
  // Say what actually happened: the row is gone (NOT_FOUND), or it has the version read now (not a guessed one).
  const current = rowById(tx, table, row.id) as { version: number } | undefined;
  if (!current) throw notFound(entity, row.id);
  throw staleVersion(entity, row.version, current.version);
}
