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

export const backupChannels = {
  /** Progress arrives as `job` domain events with `progress.label = 'backup'`. */
  'backup.create': channel<BackupDto>()({ input: empty, access: 'settings:admin' }),
  /** Newest first. */
  'backup.list': channel<BackupDto[]>()({ input: empty, access: 'settings:admin' }),
};
