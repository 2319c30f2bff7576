// The optimistic-lock write every versioned row uses: a stale version is CONFLICT, never a silent overwrite.
import { and, eq } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { AppDb } from '../../db/open';
import { notFound, staleVersion } from '../contract';

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
  const result = tx
    .update(table)
    .set({ ...patch, updatedAt: at, ...(options.bumpVersion ? { version: row.version + 1 } : {}) } as never)
    .where(and(eq(table.id, row.id), eq(table.version, row.version)))
    .run();
  if (result.changes === 1) return;
  // Say what actually happened: the row is gone (NOT_FOUND), or it has the version read now (not a guessed one).
  const current = tx.select({ version: table.version }).from(table).where(eq(table.id, row.id)).get() as { version: number } | undefined;
  if (!current) throw notFound(entity, row.id);
  throw staleVersion(entity, row.version, current.version);
}
