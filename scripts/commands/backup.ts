// `backup`: an online copy of the database (the app may keep running), into DIR/backups or a chosen file.
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { databasePath } from '../../electron/ipc/backend';
import { APPLICATION_ID } from '../../db/open';
import { createBackup, hasSqliteHeader, writeBackup, type BackupProgress } from '../../db/reliability';
import { stringFlag } from '../args';
import { requireDataDir, type CliCommand } from './types';

/** A failure the user can act on: runCli prints the stack of unknown errors, so carry only the message. */
export class CommandFailure extends Error {
  constructor(message: string) {
    super(message);
    this.stack = message;
  }
}

/** The database file of a data folder, refusing a folder with no Emerald database in it. */
export function existingDatabase(dataDir: string): string {
  const file = databasePath(dataDir);
  if (!existsSync(file)) throw new CommandFailure(`there is no Emerald database in ${dataDir} (expected ${file})`);
  return file;
}

function progressPrinter(): (p: BackupProgress) => void {
  if (!process.stderr.isTTY) return () => {};
  return ({ done, total }) => process.stderr.write(`\rBacking up… ${total > 0 ? Math.floor((done / total) * 100) : 100}%`);
}

export const backupCommand: CliCommand = {
  name: 'backup',
  usage: 'backup --data-dir DIR [--out FILE]',
  summary: 'copy the database (safe while Emerald runs) into DIR/backups, or into FILE',
  async run(args) {
    const dataDir = requireDataDir(args);
    const file = existingDatabase(dataDir);
    if (!hasSqliteHeader(file)) throw new CommandFailure(`${file} is not an Emerald database`);
    const out = stringFlag(args, 'out');
    // A plain connection, not openDatabase: a backup must copy the file as it is, never upgrade it first.
    const source = new Database(file, { fileMustExist: true });
    try {
      source.pragma('busy_timeout = 5000');
      if (source.pragma('application_id', { simple: true }) !== APPLICATION_ID) throw new CommandFailure(`${file} is not an Emerald database`);
      const onProgress = progressPrinter();
      let target: string;
      if (out) {
        target = path.resolve(out);
        if (existsSync(target)) throw new CommandFailure(`${target} already exists; choose another --out file`);
        mkdirSync(path.dirname(target), { recursive: true });
        await writeBackup(source, target, onProgress);
      } else {
        target = (await createBackup(dataDir, source, { onProgress })).path;
      }
      if (process.stderr.isTTY) process.stderr.write('\n');
      process.stdout.write(`Backup written to ${target} (${statSync(target).size} bytes)\n`);
    } finally {
      source.close();
    }
  },
};
