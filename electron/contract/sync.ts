// Sync channels: bundles out and in (as jobs with progress), and the digest of the replicated state.
// See DESIGN.md "Team sync". Progress also arrives as `job` domain events with progress.label = 'sync'.
import { z } from 'zod';
import { empty, fileNameLanguage, id } from './common';
import { channel, type FilePayload } from './define';
import type { ErrorShape } from './errors';

export type SyncJobKind = 'export' | 'import';
/** 'queued': waiting for the same user's running export or import (one at a time per user), then it runs. */
export type SyncJobStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

export interface SyncExportSummaryDto {
  kind: 'ops' | 'snapshot';
  toDevice: string | null;
  ops: number;
  rows: number;
  frames: number;
  bytes: number;
  fileName: string;
  /** Devices whose early ops this copy never held (it started from a snapshot); the receiver may need a snapshot. */
  lacking: { deviceId: string; throughSeq: number }[];
}

export interface SyncImportSummaryDto {
  kind: 'ops' | 'snapshot';
  fromDevice: string;
  applied: number;
  duplicates: number;
  /** Ops skipped because an earlier op of their device is missing here: ask for a fuller bundle. */
  gaps: number;
  /** Ops kept aside and why (forbidden, revoked, invalid, future, waiting). */
  setAside: { deviceId: string; seq: number; reason: string }[];
  conflictsOpen: number;
}

/** A bundle job as the UI sees it; a refused import is `failed` with error.details.reason (tampered, foreign_team…). */
export interface SyncJobDto {
  jobId: string;
  kind: SyncJobKind;
  status: SyncJobStatus;
  done: number;
  total: number;
  error: ErrorShape | null;
  summary: SyncExportSummaryDto | SyncImportSummaryDto | null;
  /** While queued, 1 for the next to start; null otherwise. */
  queuePosition: number | null;
}

/** Base64 pieces: an upload chunk fits browser mode's 2 MB body limit with room for the JSON around it. */
export const MAX_UPLOAD_CHUNK_CHARS = 1_500_000;
/** A whole bundle in one call (the desktop's IPC has no body limit); larger ones go through sync.uploadChunk. */
export const MAX_INLINE_BUNDLE_CHARS = 64 * 1024 * 1024;

const base64 = (max: number) => z.string().min(1).max(max).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64');
const deviceId = z.string().regex(/^[0-9a-f]{16}$/, 'not a device id');
const byJob = z.strictObject({ jobId: id });

export const syncExportStartInput = z.strictObject({
  /** Only what this device lacks, as far as this copy knows from its bundles (everything when it never heard from it). */
  to: deviceId.optional(),
  full: z.boolean().optional(),
  /** The current rows instead of the ops, for a copy that just joined. */
  snapshot: z.boolean().optional(),
  /** The file name's language ("emerald-cambios-para-…" / "emerald-changes-for-…", "emerald-instantanea-…" / "emerald-snapshot-…"). */
  language: fileNameLanguage,
});

export const syncImportStartInput = z
  .strictObject({ bundle: base64(MAX_INLINE_BUNDLE_CHARS).optional(), uploadId: id.optional() })
  .refine((input) => (input.bundle === undefined) !== (input.uploadId === undefined), { message: 'send either bundle or uploadId', path: ['bundle'] });

export const syncUploadChunkInput = z.strictObject({
  uploadId: id.optional(),
  chunk: base64(MAX_UPLOAD_CHUNK_CHARS),
  /** The final chunk: the upload can then be imported with sync.importStart { uploadId }. */
  last: z.boolean().optional(),
});

// Any signed-in member exchanges files: a technician carries their own week to the office. What arrives is still
// checked op by op against its author's role, and the file is encrypted for the team.
export const syncChannels = {
  'sync.exportStart': channel<{ jobId: string }>()({ input: syncExportStartInput, access: 'session' }),
  'sync.uploadChunk': channel<{ uploadId: string; bytes: number }>()({ input: syncUploadChunkInput, access: 'session' }),
  'sync.importStart': channel<{ jobId: string }>()({ input: syncImportStartInput, access: 'session' }),
  'sync.jobStatus': channel<SyncJobDto>()({ input: byJob, access: 'session' }),
  /** Stops a running job (an import rolls back entirely) or forgets a finished one. */
  'sync.jobCancel': channel<SyncJobDto>()({ input: byJob, access: 'session' }),
  /** The .emsync file of a finished export, once; CONFLICT `job_running` before. */
  'sync.exportResult': channel<FilePayload>()({ input: byJob, access: 'session' }),
  /** One hash of the replicated state: equal on copies that have converged. */
  'sync.digest': channel<{ digest: string }>()({ input: empty, access: 'session' }),
};
