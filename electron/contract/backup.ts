// Backups of the database file: take one now, list the ones in the data folder (automatic ones included).
import { empty } from './common';
import { channel } from './define';

export interface BackupDto {
  fileName: string;
  /** Absolute path on this machine, to show or to pass to `npm run cli -- restore --from`. */
  path: string;
  sizeBytes: number;
  createdAt: string;
  /** The schema version the backup was written with (older ones are upgraded on restore). */
  schemaVersion: number;
}

/** Where this install keeps its data and backups (on the machine that runs the backend). */
export interface BackupLocationDto {
  dataDir: string;
  backupsDir: string;
  /** How many automatic backups (one per desktop start) are kept. */
  automaticKept: number;
}

const quote = (value: string): string => `"${value.replace(/(["\\$`])/g, '\\$1')}"`;

/** The exact command (README, "Where your data lives") that restores `backupFile` into `dataDir`; Emerald must be closed. */
export function restoreCommandLine(dataDir: string, backupFile: string): string {
  return `npm run cli -- restore --data-dir ${quote(dataDir)} --from ${quote(backupFile)}`;
}

export const backupChannels = {
  /** Progress arrives as `job` domain events with `progress.label = 'backup'`. */
  'backup.create': channel<BackupDto>()({ input: empty, access: 'settings:admin' }),
  /** Newest first. */
  'backup.list': channel<BackupDto[]>()({ input: empty, access: 'settings:admin' }),
  'backup.location': channel<BackupLocationDto>()({ input: empty, access: 'settings:admin' }),
};
