// Start at once (issue 17 item 2): the integrity check that opening used to run before the first screen, and the
// start-up backup with its own check, run in the job worker after start; only a failure needs the user.
import type { BackupInfo } from '../../../db/reliability/backup';
import type { JobWorker } from './client';

export interface StartupReport {
  /** quick_check of the live file; ok false means the file is damaged (the same 'corrupt' as a refused open). */
  integrity: { ok: boolean; detail: string };
  /** The checked start-up copy, or null when not asked for, skipped (damaged file) or failed (see backupError). */
  backup: BackupInfo | null;
  backupError: string | null;
}

export interface StartupJobsOptions {
  /** Take the start-up backup too (keeping the newest `keep`); false for a read-only backend. */
  backup: boolean;
  keep: number;
  now: () => Date;
}

/** Check first: a damaged file is reported, and not copied over a good older backup. */
export async function runStartupJobs(worker: JobWorker, options: StartupJobsOptions): Promise<StartupReport> {
  const integrity = await worker.run('integrityCheck', {});
  if (!integrity.ok || !options.backup) return { integrity, backup: null, backupError: null };
  try {
    const backup = await worker.run('backup', { now: options.now().toISOString(), keep: options.keep });
    return { integrity, backup, backupError: null };
  } catch (error) {
    return { integrity, backup: null, backupError: error instanceof Error ? error.message : String(error) };
  }
}
