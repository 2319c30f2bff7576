import { createBackend, databasePath } from '../../electron/ipc/backend';
import { requireDataDir, type CliCommand } from './types';

export const migrateCommand: CliCommand = {
  name: 'migrate',
  usage: 'migrate --data-dir DIR',
  summary: 'create the database in DIR, or upgrade it to this version',
  run(args) {
    const dataDir = requireDataDir(args);
    const backend = createBackend({ dataDir });
    const { schemaVersion, preMigrationCopy } = backend.database;
    backend.close();
    process.stdout.write(
      `Database ready at ${databasePath(dataDir)} (schema ${schemaVersion})${preMigrationCopy ? `; previous file kept at ${preMigrationCopy}` : ''}\n`,
    );
  },
};
