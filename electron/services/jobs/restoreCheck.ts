// Restore check in the job worker (issue 17): a restore's checks of a backup (identity, integrity_check, schema
// version) walk the whole file, seconds on a big one; they run on the worker's thread, the swap stays with the caller.
import { listBackups, type BackupInfo } from '../../../db/reliability/backup';
import { RestoreError } from '../../../db/reliability/errors';
import { validateBackupFile, type ValidBackup } from '../../../db/reliability/inspect';
import { AppError } from '../../contract';
import { jobCancelledError, type JobKinds, type JobProgress, type RefusedBackup } from './protocol';
import type { JobWorker, RunOptions } from './client';

/** Worker side: each candidate in order until one passes; a refusal is kept with its restore reason. */
export function checkRestoreCandidates(
  { files, migrationsFolder }: JobKinds['restoreCheck']['input'],
  progress: (progress: JobProgress) => void,
  signal: AbortSignal,
): JobKinds['restoreCheck']['output'] {
  const refused: RefusedBackup[] = [];
  progress({ done: 0, total: files.length });
  for (const [index, file] of files.entries()) {
    if (signal.aborted) throw jobCancelledError();
    try {
      const backup = validateBackupFile(file, migrationsFolder);
      progress({ done: files.length, total: files.length });
      return { backup, refused };
    } catch (error) {
      if (!(error instanceof RestoreError)) throw error;
      refused.push({ path: file, reason: error.reason, message: error.message });
    }
    progress({ done: index + 1, total: files.length });
  }
  return { backup: null, refused };
}

/** One backup checked as a restore checks it; a refusal is VALIDATION with the restore's reason ('corrupt', 'newer_version'…). */
export async function checkBackupInJobWorker(worker: JobWorker, file: string, migrationsFolder?: string, options: RunOptions = {}): Promise<ValidBackup> {
  const { backup, refused } = await worker.run('restoreCheck', { files: [file], ...(migrationsFolder ? { migrationsFolder } : {}) }, options);
  if (backup) return backup;
  const refusal = refused[0];
  throw new AppError('VALIDATION', refusal?.message ?? `${file} cannot be restored`, { reason: refusal?.reason ?? 'corrupt', path: file });
}

/** latestBackup (db/reliability/backup.ts) with its checks in the job worker: the newest backup a restore would accept. */
export async function latestRestorableBackup(worker: JobWorker, dataDir: string, migrationsFolder?: string, options: RunOptions = {}): Promise<BackupInfo | null> {
  const backups = listBackups(dataDir);
  if (backups.length === 0) return null;
  const { backup } = await worker.run('restoreCheck', { files: backups.map((b) => b.path), ...(migrationsFolder ? { migrationsFolder } : {}) }, options);
  const info = backup ? backups.find((b) => b.path === backup.path) : undefined;
  // The checked version, so the result can be handed to restoreDatabase as `checked`.
  return backup && info ? { ...info, schemaVersion: backup.schemaVersion } : null;
}
