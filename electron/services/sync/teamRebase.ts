// Joining with existing data, part 3: the joining copy's op log never left it, so it is thrown away and a fresh
// baseline (one insert op per row, as the copy is after the merge and the renumbering) takes its place, under a
// new device id. Rows adopted from the team stay out of it, with no clock, so the team's ops set them.
import type Database from 'better-sqlite3';
import { schemaVersionOf } from './capture';
import { baselineSql } from './sqlgen';
import type { AdoptedRow } from './teamMerge';

// Above any real seq: renumbering goes through it so no step ever meets the (device, seq) key.
const SEQ_SHIFT = 1_000_000_000;

/** Drops the baseline ops and clocks of the adopted rows and closes the gaps they leave in the seq. */
function leaveOutAdopted(sqlite: Database.Database, deviceId: string, adopted: readonly AdoptedRow[]): void {
  const keys = JSON.stringify(adopted.map((row) => `${row.entity}\u0000${row.rowId}`));
  const adoptedKey = `(entity || char(0) || row_id) IN (SELECT value FROM json_each(?))`;
  sqlite.prepare(`DELETE FROM sync_ops WHERE device_id = ? AND ${adoptedKey}`).run(deviceId, keys);
  sqlite.prepare(`DELETE FROM sync_clocks WHERE ${adoptedKey}`).run(keys);
  sqlite.prepare('UPDATE sync_ops SET seq = seq + ? WHERE device_id = ?').run(SEQ_SHIFT, deviceId);
  sqlite
    .prepare(
      `WITH numbered AS (SELECT seq AS shifted, row_number() OVER (ORDER BY seq) AS n FROM sync_ops WHERE device_id = ?)
       UPDATE sync_ops SET seq = numbered.n FROM numbered WHERE sync_ops.device_id = ? AND sync_ops.seq = numbered.shifted`,
    )
    .run(deviceId, deviceId);
}

/** Replaces the op log with a baseline of the current rows under `deviceId`. Capture must be off; one transaction. */
export function rebaseOpLog(sqlite: Database.Database, deviceId: string, adopted: readonly AdoptedRow[]): void {
  for (const table of ['sync_ops', 'sync_clocks', 'sync_field_edits', 'sync_capture']) sqlite.prepare(`DELETE FROM ${table}`).run();
  sqlite
    .prepare("UPDATE sync_local SET device_id = ?, next_seq = 1, last_hlc = '', vector_floor = '{}', last_export_at = NULL, last_import_at = NULL WHERE id = 1")
    .run(deviceId);
  for (const statement of baselineSql(schemaVersionOf(sqlite))) sqlite.prepare(statement).run();
  if (adopted.length > 0) leaveOutAdopted(sqlite, deviceId, adopted);
  sqlite.prepare('UPDATE sync_local SET next_seq = (SELECT coalesce(max(seq), 0) + 1 FROM sync_ops WHERE device_id = ?) WHERE id = 1').run(deviceId);
}
