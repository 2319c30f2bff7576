// Export: the ops another member lacks (or all of them, or a snapshot) into one .emsync file, a frame at a time.
import path from 'node:path';
import { syncCommitted } from '../../../db/durable';
import type Database from 'better-sqlite3';
import type { Clock } from '../context';
import { systemClock } from '../context';
import { prepared } from '../sql';
import { opsMissingFrom, readVector } from './apply';
import { schemaVersionOf } from './capture';
import { databaseFileOf, withReadSnapshot } from './bundle-connection';
import { AttachmentHashes, filePages } from './bundle-files';
import { BundleWriter, cancelled, FRAME_PAGE_SIZE, type BundleHeader, type FramePage } from './bundle-format';
import { revokedAtOf, teamCredentials } from './bundle-keys';
import { AppError } from '../../contract';
import { peerVector, type Vector } from './bundle-peers';
import { snapshotCounts, snapshotPages } from './bundle-snapshot';
import type { SyncExportSummaryDto } from '../../contract/sync';

export interface BundleProgress {
  done: number;
  total: number;
}

export interface ExportOptions {
  out: string;
  /** The device the bundle is for: only what it lacks, as far as this copy knows (everything when it never heard from it). */
  to?: string;
  /** Every op this copy holds, whatever the receiver has. */
  full?: boolean;
  /** The current rows instead of the ops: for a copy that just joined. */
  snapshot?: boolean;
  /**
   * False when the file is not handed over as it is written (a job's, fetched later, or held when it carries nothing):
   * the caller notes the export with noteExportSent once it is. By default the written file counts as sent (the CLI's).
   */
  noteSent?: boolean;
  onProgress?: (progress: BundleProgress) => void;
  signal?: AbortSignal;
}

/** What an export wrote: the contract's summary, with the file's full path instead of its name. */
export type ExportSummary = Omit<SyncExportSummaryDto, 'fileName'> & { file: string };

/**
 * An export handed over: its moment becomes the last export (the team status's last send, and what counts as unsent
 * after it). Never moved back: a file fetched after a later one was handed over carries less than that one did.
 */
export function noteExportSent(sqlite: Database.Database, at: string): void {
  prepared(sqlite, 'UPDATE sync_local SET last_export_at = ? WHERE id = 1 AND (last_export_at IS NULL OR last_export_at < ?)').run(at, at);
}

/** How many ops `vector` lacks of what this copy holds (the floor of a snapshot is not in the log, so not counted). */
function countMissing(sqlite: Database.Database, local: Vector, vector: Vector): number {
  let total = 0;
  for (const [device, seq] of Object.entries(local)) {
    if (seq <= (vector[device] ?? 0)) continue;
    total += (prepared(sqlite, 'SELECT count(*) AS n FROM sync_ops WHERE device_id = ? AND seq > ?').get(device, vector[device] ?? 0) as { n: number }).n;
  }
  return total;
}

function lackingFor(sqlite: Database.Database, receiverVector: Vector): ExportSummary['lacking'] {
  const { vector_floor: floor } = prepared(sqlite, 'SELECT vector_floor FROM sync_local WHERE id = 1').get() as { vector_floor: string };
  return Object.entries(JSON.parse(floor) as Vector)
    .filter(([device, seq]) => seq > (receiverVector[device] ?? 0))
    .map(([deviceId, throughSeq]) => ({ deviceId, throughSeq }));
}

function* opPages(sqlite: Database.Database, vector: Vector): Generator<FramePage> {
  for (const ops of opsMissingFrom(sqlite, vector, FRAME_PAGE_SIZE)) yield { type: 'ops', ops };
}

/** Writes the bundle. Reads one consistent moment of the database on a second connection; the app keeps working. */
export async function exportBundle(ctx: { sqlite: Database.Database; clock?: Clock }, options: ExportOptions): Promise<ExportSummary> {
  const { sqlite } = ctx;
  const clock = ctx.clock ?? systemClock;
  const team = teamCredentials(sqlite);
  // A copy that learned it was revoked: every member refuses what it sends. Said here, not after a trip on a USB stick.
  const revokedAt = revokedAtOf(sqlite, team.deviceId);
  if (revokedAt) throw new AppError('FORBIDDEN', `this device was revoked from the team on ${revokedAt}; the other members refuse what it sends`, { reason: 'device_revoked' });
  const kind = options.snapshot ? 'snapshot' : 'ops';
  const receiverVector = options.snapshot || options.full || !options.to ? {} : peerVector(sqlite, options.to);
  const summary = await withReadSnapshot(sqlite, async (reader) => {
    // What the bundle carries leaves this copy: on disk before the file is written, so a power cut cannot roll those
    // ops back and let other ops take their numbers (the snapshot above holds only commits made before this point).
    syncCommitted(sqlite);
    const local = prepared(reader, 'SELECT last_hlc FROM sync_local WHERE id = 1').get() as { last_hlc: string };
    const senderVector = readVector(reader);
    const counts = kind === 'snapshot' ? snapshotCounts(reader) : { ops: countMissing(reader, senderVector, receiverVector), rows: 0 };
    const header: BundleHeader = {
      format: 1,
      teamId: team.teamId,
      fromDevice: team.deviceId,
      toDevice: options.to ?? null,
      kind,
      createdAt: clock.now().toISOString(),
      schemaVersion: schemaVersionOf(reader),
      senderVector,
      receiverVector,
      opCount: counts.ops,
      rowCount: counts.rows,
      senderPublicKey: team.publicKey,
      senderLastHlc: local.last_hlc,
    };
    const lacking = kind === 'snapshot' ? [] : lackingFor(reader, receiverVector);
    const total = counts.ops + counts.rows;
    const writer = await BundleWriter.create(options.out, header, team.teamKey);
    try {
      options.onProgress?.({ done: 0, total });
      const attachments = new AttachmentHashes();
      for (const page of kind === 'snapshot' ? snapshotPages(reader) : opPages(reader, receiverVector)) {
        if (options.signal?.aborted) throw cancelled('export');
        await writer.writeFrame(page);
        attachments.note(page);
        const written = writer.written;
        options.onProgress?.({ done: written.ops + written.rows, total });
      }
      // The originals of the attachments those rows name, after them (the data folder is the database's own).
      for await (const page of filePages(path.dirname(databaseFileOf(sqlite)), attachments.found)) {
        if (options.signal?.aborted) throw cancelled('export');
        await writer.writeFrame(page);
      }
      if (options.signal?.aborted) throw cancelled('export');
      return { ...(await writer.finish(team.privateKey)), lacking };
    } catch (error) {
      await writer.abort();
      throw error;
    }
  });
  if (options.noteSent !== false) noteExportSent(sqlite, clock.now().toISOString());
  return { file: options.out, kind, toDevice: options.to ?? null, ops: summary.ops, rows: summary.rows, frames: summary.frames, bytes: summary.bytes, lacking: summary.lacking };
}
