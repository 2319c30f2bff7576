// A bundle sent to the backend in pieces: browser mode caps a request body at 2 MB, a bundle can be far larger.
// Each upload is a temp file only its uploader can add to or import; forgotten ones are swept after an hour.
import { appendFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AppError, notFound } from '../../contract';
import { newId } from '../ids';

/** Larger than any team's bundle we expect (a 100,000-ticket snapshot is a few hundred MB at most). */
export const MAX_UPLOAD_BYTES = 2 * 1024 * 1024 * 1024;
const FORGET_AFTER_MS = 60 * 60 * 1000;

interface Upload {
  id: string;
  ownerId: string | null;
  dir: string;
  file: string;
  bytes: number;
  complete: boolean;
  touchedAt: number;
  /** Appends run one after another: two chunks sent at once must not interleave. */
  queue: Promise<void>;
}

const uploads = new Map<string, Upload>();

function sweep(): void {
  const now = performance.now();
  for (const upload of uploads.values()) {
    if (now - upload.touchedAt > FORGET_AFTER_MS) void discardUpload(upload.id);
  }
}

function ownUpload(uploadId: string, ownerId: string | null): Upload {
  const upload = uploads.get(uploadId);
  if (!upload || upload.ownerId !== ownerId) throw notFound('upload', uploadId);
  return upload;
}

/** Appends one base64 chunk; without an uploadId a new upload starts. `last` marks it complete. */
export async function uploadChunk(ownerId: string | null, input: { uploadId?: string | undefined; chunk: string; last?: boolean | undefined }): Promise<{ uploadId: string; bytes: number }> {
  sweep();
  let upload: Upload;
  if (input.uploadId) {
    upload = ownUpload(input.uploadId, ownerId);
    if (upload.complete) throw new AppError('CONFLICT', 'this upload is already complete; start a new one', { reason: 'upload_complete' });
  } else {
    const dir = await mkdtemp(path.join(tmpdir(), 'emerald-upload-'));
    upload = { id: newId(), ownerId, dir, file: path.join(dir, 'bundle.emsync'), bytes: 0, complete: false, touchedAt: performance.now(), queue: Promise.resolve() };
    uploads.set(upload.id, upload);
  }
  const bytes = Buffer.from(input.chunk, 'base64');
  if (upload.bytes + bytes.length > MAX_UPLOAD_BYTES) {
    await discardUpload(upload.id);
    throw new AppError('VALIDATION', 'the bundle is larger than Emerald accepts', { reason: 'upload_too_large' });
  }
  upload.bytes += bytes.length;
  upload.touchedAt = performance.now();
  const write = upload.queue.then(() => appendFile(upload.file, bytes));
  upload.queue = write.catch(() => undefined);
  await write;
  if (input.last) upload.complete = true;
  return { uploadId: upload.id, bytes: upload.bytes };
}

/** Hands a complete upload's file over to the caller (an import job), which then owns and removes `dir`. */
export function takeUpload(uploadId: string, ownerId: string | null): { dir: string; file: string } {
  const upload = ownUpload(uploadId, ownerId);
  if (!upload.complete) throw new AppError('CONFLICT', 'the upload is not complete: send its last chunk with last: true', { reason: 'upload_incomplete' });
  uploads.delete(uploadId);
  return { dir: upload.dir, file: upload.file };
}

export async function discardUpload(uploadId: string): Promise<void> {
  const upload = uploads.get(uploadId);
  if (!upload) return;
  uploads.delete(uploadId);
  await rm(upload.dir, { recursive: true, force: true });
}
