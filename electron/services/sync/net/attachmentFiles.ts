// Attachment originals as the network sees them (both ends): which ones a copy holds, the windows to tell when one
// arrives, and a copy's own file store (electron/services/attachments) for a LAN hub. Never a second file store.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { filesFolder, isSha256Hex } from '../../../../db/attachment-files';
import type { DomainEvent } from '../../../contract';
import { hasOriginal, readOriginal, storeOriginal, withShaLock } from '../../attachments';
import { prepared } from '../../sql';
import type { HubServices } from './hubPairing';
import type { HubStore } from './hubStore';
import { WireError } from './httpBody';

async function entries(folder: string): Promise<string[]> {
  try {
    return await readdir(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** The originals in the data folder, read asynchronously (two levels: files/<sha[0..2]>/<sha>); temp files are not hashes. */
export async function heldHashes(dataDir: string): Promise<Set<string>> {
  const held = new Set<string>();
  for (const prefix of await entries(filesFolder(dataDir))) {
    if (!/^[0-9a-f]{2}$/.test(prefix)) continue;
    for (const name of await entries(path.join(filesFolder(dataDir), prefix))) if (isSha256Hex(name)) held.add(name);
  }
  return held;
}

/** Every hash the attachment rows of this copy name (well-formed ones only). */
export function attachmentHashes(sqlite: Database.Database): string[] {
  const rows = prepared(sqlite, 'SELECT DISTINCT sha256 FROM attachments').all() as { sha256: string }[];
  return rows.map((row) => row.sha256).filter(isSha256Hex);
}

/** The OTs and tickets whose photos or files are these bytes: their open screens read their attachments again. */
export function fileArrivedEvents(sqlite: Database.Database, sha256: string): DomainEvent[] {
  const rows = prepared(sqlite, 'SELECT DISTINCT ticket_id, work_order_id FROM attachments WHERE sha256 = ?').all(sha256) as { ticket_id: string; work_order_id: string | null }[];
  return rows.map((row): DomainEvent =>
    row.work_order_id ? { entity: 'workOrder', id: row.work_order_id, kind: 'updated', ticketId: row.ticket_id } : { entity: 'ticket', id: row.ticket_id, kind: 'updated' },
  );
}

/** Stores checked bytes under their hash, serialised with local adds of the same bytes (attachments/locks.ts). */
export function keepOriginal(dataDir: string, sha256: string, bytes: Buffer): Promise<boolean> {
  return withShaLock(sha256, () => storeOriginal(dataDir, sha256, bytes));
}

/** The LAN hub's file methods: the member's own data folder, through the attachments store. */
export function sqliteHubFiles(services: HubServices): Pick<HubStore, 'missingFiles' | 'putFile' | 'getFile'> {
  const { sqlite, dataDir } = services;
  if (!dataDir) return {};
  return {
    async missingFiles(hashes) {
      return hashes.filter((sha) => !hasOriginal(dataDir, sha));
    },
    async putFile(sha256, bytes) {
      if (!prepared(sqlite, 'SELECT 1 FROM attachments WHERE sha256 = ?').get(sha256)) {
        throw new WireError(409, 'no_attachment', 'no attachment on the hub names these bytes: push its row first');
      }
      const stored = await keepOriginal(dataDir, sha256, bytes);
      const events = stored ? fileArrivedEvents(sqlite, sha256) : [];
      // The member hub's own windows show the photo now.
      for (const event of events) services.events.emit(event);
      return { stored, events };
    },
    getFile: (sha256) => readOriginal(dataDir, sha256),
  };
}
