// The links of this copy: each peer it syncs with directly over the network, and the key of that link.
// Local rows (sync_links), never replicated: a link key is shared with exactly one peer, at pairing.
import { createHash, createPublicKey, randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import { AppError } from '../../../contract';
import { prepared } from '../../sql';

export const LINK_KEY_BYTES = 32;

export interface SyncLink {
  peerDeviceId: string;
  peerName: string;
  /** https://host:port when this copy connects to the peer; null when the peer connects to us. */
  url: string | null;
  /** The peer's Ed25519 key fingerprint, pinned at pairing. */
  fingerprint: string;
  createdAt: string;
  lastSyncAt: string | null;
  lastError: string | null;
  unreachableSince: string | null;
}

interface LinkRow {
  peer_device_id: string;
  peer_name: string;
  url: string | null;
  link_key: string;
  fingerprint: string;
  created_at: string;
  last_sync_at: string | null;
  last_error: string | null;
  unreachable_since: string | null;
}

const toLink = (row: LinkRow): SyncLink => ({
  peerDeviceId: row.peer_device_id,
  peerName: row.peer_name,
  url: row.url,
  fingerprint: row.fingerprint,
  createdAt: row.created_at,
  lastSyncAt: row.last_sync_at,
  lastError: row.last_error,
  unreachableSince: row.unreachable_since,
});

/** Keys already fingerprinted: a hub answers every member's hello with its own (parsing the key cost ~1 ms each time). */
const fingerprints = new Map<string, string>();
const MAX_FINGERPRINTS = 256;

/** Grouped upper-case hex of sha256 over the key's SPKI DER: what two people compare on two screens. */
export function fingerprintOf(publicKeyPem: string): string {
  const known = fingerprints.get(publicKeyPem);
  if (known !== undefined) return known;
  const der = createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' });
  const fingerprint = createHash('sha256').update(der).digest('hex').toUpperCase().match(/.{4}/g)!.join(' ');
  if (fingerprints.size >= MAX_FINGERPRINTS) fingerprints.delete(fingerprints.keys().next().value as string);
  fingerprints.set(publicKeyPem, fingerprint);
  return fingerprint;
}

export function ownFingerprint(sqlite: Database.Database): string {
  const row = prepared(sqlite, 'SELECT public_key FROM sync_local WHERE id = 1').get() as { public_key: string | null };
  if (!row.public_key) throw new AppError('CONFLICT', 'this copy is not in a team yet: create a team or join one first', { reason: 'not_in_team' });
  return fingerprintOf(row.public_key);
}

export function newLinkKey(): Buffer {
  return randomBytes(LINK_KEY_BYTES);
}

export function listLinks(sqlite: Database.Database): SyncLink[] {
  return (prepared(sqlite, 'SELECT * FROM sync_links ORDER BY created_at, peer_device_id').all() as LinkRow[]).map(toLink);
}

export function findLink(sqlite: Database.Database, peerDeviceId: string): SyncLink | null {
  const row = prepared(sqlite, 'SELECT * FROM sync_links WHERE peer_device_id = ?').get(peerDeviceId) as LinkRow | undefined;
  return row ? toLink(row) : null;
}

/** The link a member syncs with by default: the newest one this copy connects to. */
export function hubLink(sqlite: Database.Database): SyncLink | null {
  const row = prepared(sqlite, 'SELECT * FROM sync_links WHERE url IS NOT NULL ORDER BY created_at DESC, peer_device_id LIMIT 1').get() as LinkRow | undefined;
  return row ? toLink(row) : null;
}

/** The pre-shared key of the link with `peerDeviceId`, or null: read in the TLS handshake. */
export function linkKeyOf(sqlite: Database.Database, peerDeviceId: string): Buffer | null {
  const row = prepared(sqlite, 'SELECT link_key FROM sync_links WHERE peer_device_id = ?').get(peerDeviceId) as { link_key: string } | undefined;
  return row ? Buffer.from(row.link_key, 'base64') : null;
}

export interface NewLink {
  peerDeviceId: string;
  peerName: string;
  url: string | null;
  linkKey: Buffer;
  fingerprint: string;
}

/** Pairing again with the same peer replaces its link (a new key; the old one stops working). */
export function saveLink(sqlite: Database.Database, link: NewLink, at: string): void {
  prepared(
    sqlite,
    `INSERT INTO sync_links (peer_device_id, peer_name, url, link_key, fingerprint, created_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (peer_device_id) DO UPDATE SET peer_name = excluded.peer_name, url = excluded.url, link_key = excluded.link_key,
       fingerprint = excluded.fingerprint, created_at = excluded.created_at, last_error = NULL, unreachable_since = NULL`,
  ).run(link.peerDeviceId, link.peerName, link.url, link.linkKey.toString('base64'), link.fingerprint, at);
}

export function deleteLink(sqlite: Database.Database, peerDeviceId: string): void {
  prepared(sqlite, 'DELETE FROM sync_links WHERE peer_device_id = ?').run(peerDeviceId);
}

/** A round that worked: clears the error and the unreachable mark. */
export function noteLinkSynced(sqlite: Database.Database, peerDeviceId: string, at: string): void {
  prepared(sqlite, 'UPDATE sync_links SET last_sync_at = ?, last_error = NULL, unreachable_since = NULL WHERE peer_device_id = ?').run(at, peerDeviceId);
}

/** Reasons that mean "no answer" (hub_unavailable: a central hub without its database): retried quietly with backoff, shown as "hub unreachable since …". */
export const UNREACHABLE_REASONS: ReadonlySet<string> = new Set(['unreachable', 'timeout', 'closed', 'hub_unavailable']);

/** A round that failed: keeps the first moment the peer became unreachable; a refusal means it answered (no mark). */
export function noteLinkFailed(sqlite: Database.Database, peerDeviceId: string, reason: string, at: string): void {
  prepared(
    sqlite,
    `UPDATE sync_links SET last_error = ?, unreachable_since = CASE WHEN ? THEN coalesce(unreachable_since, ?) ELSE NULL END
     WHERE peer_device_id = ?`,
  ).run(reason, UNREACHABLE_REASONS.has(reason) ? 1 : 0, at, peerDeviceId);
}
