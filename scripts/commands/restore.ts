// `restore`: replace the database with a backup (checked first; the current file is kept beside it).
import path from 'node:path';
import type { DatabaseOpenError } from '../../db/errors';
import { latestBackup, restoreDatabase, RestoreError } from '../../db/reliability';
import { databasePath } from '../../electron/ipc/backend';
import { stringFlag, UsageError } from '../args';
import { CommandFailure } from './backup';
import { requireDataDir, type CliCommand } from './types';

import { restoreCommandLine } from '../../electron/contract/backup';

// Defined in the contract, so Administración → Copias de seguridad shows the very same command.
export { restoreCommandLine };

/** What to do next when a database cannot be opened: for a damaged file, the exact restore command. */
export function openFailureAdvice(error: DatabaseOpenError): string {
  const dataDir = path.dirname(error.path);
  switch (error.reason) {
    case 'corrupt':
    case 'missing_schema':
    case 'migration_failed':
    case 'not_emerald': {
      const backup = latestBackup(dataDir);
      if (!backup) return `No usable backup was found in ${path.join(dataDir, 'backups')}.\n`;
      return [
        `The latest good backup is from ${backup.createdAt}. To restore it (the current file is kept as emerald.db.before-restore-…), run:`,
        `  ${restoreCommandLine(dataDir, backup.path)}`,
        '',
      ].join('\n');
    }
    case 'locked':
      return 'Close Emerald (and any other command using this folder), then run the command again.\n';
    default:
      return '';
  }
}

export const restoreCommand: CliCommand = {
  name: 'restore',
  usage: 'restore --data-dir DIR --from FILE|--latest',
  summary: 'replace the database with a backup (checked first; the current file is kept); Emerald must be closed',
  run(args) {
    const dataDir = requireDataDir(args);
    const from = args.flags.has('latest') ? latestBackup(dataDir)?.path : stringFlag(args, 'from');
    if (!from) {
      if (args.flags.has('latest')) throw new CommandFailure(`no usable backup in ${path.join(dataDir, 'backups')}`);
      throw new UsageError('--from FILE (a backup) or --latest is required');
    }
    const file = databasePath(dataDir);
    try {
      const result = restoreDatabase({ file, from: path.resolve(from) });
      const version = result.database.schemaVersion;
      result.database.close();
      const upgraded = result.backupSchemaVersion < version ? `, upgraded from schema ${result.backupSchemaVersion} to ${version}` : '';
      process.stdout.write(`Restored ${path.resolve(from)} into ${file}${upgraded}\n`);
      process.stdout.write(result.previousCopy ? `The previous database was kept at ${result.previousCopy}\n` : 'There was no previous database.\n');
      process.stdout.write(`Put back ${result.filesRestored} attachment ${result.filesRestored === 1 ? 'file' : 'files'} from the backup.\n`);
    } catch (error) {
      if (error instanceof RestoreError) {
        const hint = error.reason === 'locked' || error.reason === 'same_file' ? '' : '; nothing was changed';
        throw new CommandFailure(`cannot restore: ${error.message}${hint}`);
      }
      // A folder that cannot be created, a full disk…: one line a person can act on, not a stack.
      throw new CommandFailure(`cannot restore: ${error instanceof Error ? error.message : String(error)}`);
    }
  },
};
