// The last version vector this copy saw from each other device (from the bundles it imported), so
// `sync export --to DEVICE` sends only what that device lacks. A hint, not a promise: a device that lost
// data shows a gap on import and gets a full bundle. Kept in a local settings key (never replicated).
import type Database from 'better-sqlite3';
import { prepared } from '../sql';

const PEER_VECTORS_KEY = 'syncPeerVectors';
// When each device was last heard from here (its ops or its acknowledgement arrived), for "last contact".
const PEER_HEARD_KEY = 'syncPeerHeardAt';

export type Vector = Record<string, number>;

/** Every device's last vector as heard here, in one read (the status reads all members' at once). */
export function peerVectors(sqlite: Database.Database): Record<string, Vector> {
  const row = prepared(sqlite, 'SELECT value FROM settings WHERE key = ?').get(PEER_VECTORS_KEY) as { value: string } | undefined;
  if (!row) return {};
  try {
    const parsed = JSON.parse(row.value) as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, Vector>) : {};
  } catch {
    return {};
  }
}

/** What `device` had last time we heard from it; {} (send everything) when we never did. */
export function peerVector(sqlite: Database.Database, device: string): Vector {
  return peerVectors(sqlite)[device] ?? {};
}

/**
 * Whom a bundle may be for, among the device ids that start with `prefix` (lower-case hex): the other members still in
 * the team (never this copy, nor a revoked device), in the team's order. `sync export --to` takes such a prefix.
 */
export function recipientsStartingWith(sqlite: Database.Database, prefix: string): string[] {
  const rows = prepared(
    sqlite,
    `SELECT device_id FROM team_members
     WHERE substr(device_id, 1, length(@prefix)) = @prefix AND revoked_at IS NULL
       AND device_id <> (SELECT device_id FROM sync_local WHERE id = 1)
     ORDER BY slot, device_id`,
  ).all({ prefix }) as { device_id: string }[];
  return rows.map((row) => row.device_id);
}

export function mergeVectors(a: Vector, b: Vector): Vector {
  const merged = { ...a };
  for (const [device, seq] of Object.entries(b)) merged[device] = Math.max(merged[device] ?? 0, seq);
  return merged;
}

/** Raises what we know of `device` (never lowers it); call inside the import's transaction. */
export function notePeerVector(sqlite: Database.Database, device: string, vector: Vector, at: string): void {
  const all = peerVectors(sqlite);
  all[device] = mergeVectors(all[device] ?? {}, vector);
  prepared(
    sqlite,
    `INSERT INTO settings (key, value, created_at, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  ).run(PEER_VECTORS_KEY, JSON.stringify(all), at, at);
  const heard = peerHeardAt(sqlite);
  if ((heard[device] ?? '') < at) heard[device] = at;
  prepared(
    sqlite,
    `INSERT INTO settings (key, value, created_at, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  ).run(PEER_HEARD_KEY, JSON.stringify(heard), at, at);
}

/** Device id → the last time a bundle or a network round from it (or acknowledging us) arrived. */
export function peerHeardAt(sqlite: Database.Database): Record<string, string> {
  const row = prepared(sqlite, 'SELECT value FROM settings WHERE key = ?').get(PEER_HEARD_KEY) as { value: string } | undefined;
  try {
    const parsed = row ? (JSON.parse(row.value) as unknown) : {};
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, string>) : {};
  } catch {
    return {};
  }
}
