// Restore: check the backup, keep the current file, swap the files, reopen (migrating an older backup).
import { copyFileSync, existsSync, renameSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { openDatabase, type OpenedDatabase, type OpenOptions } from '../open';
import { createPrivateFile, ensurePrivateFolder, makePrivate } from '../private-files';
import { fsyncFile, fsyncFolder } from './backup';
import { unpackAttachmentFiles } from './files';
import { failureText } from '../failures';
import { RestoreError } from './errors';
import { holdExclusively, validateBackupFile, withReadOnly, type ValidBackup } from './inspect';

export interface RestoreOptions {
  /** The live database file (`<dataDir>/emerald.db`). */
  file: string;
  /** The backup to restore. */
  from: string;
  /** This process's own connection to `file`, closed just before the swap. */
  live?: OpenedDatabase;
  now?: Date;
  openOptions?: OpenOptions;
  /**
   * The backup's checks as already passed elsewhere (the app runs them in its job worker: a full integrity_check of a
   * big file must not hold the window's thread); must name `from`. Absent: checked here.
   */
  checked?: ValidBackup;
  /** Called with the live file held exclusively, just before the swap (tests check that no one gets in then). */
  beforeSwap?: () => void;
}

export interface RestoreResult {
  /** The reopened, migrated database. */
  database: OpenedDatabase;
  /** Where the database that was replaced was kept, or null when there was none. */
  previousCopy: string | null;
  /** The schema version of the backup before it was reopened (older backups are migrated). */
  backupSchemaVersion: number;
  /** How many attachment files the backup carried that were written back into the data folder. */
  filesRestored: number;
}

const SIDECARS = ['-wal', '-shm', '-journal'] as const;

export function restoreDatabase(options: RestoreOptions): RestoreResult {
  const { file, from } = options;
  const checked = options.checked && path.resolve(options.checked.path) === path.resolve(from) ? options.checked : null;
  const backup = checked ?? validateBackupFile(from, options.openOptions?.migrationsFolder);
  if (path.resolve(from) === path.resolve(file)) {
    throw new RestoreError('same_file', file, failureText('same_file', file));
  }
  options.live?.close();
  // Restoring onto a new machine: the data folder may not exist yet (created private, as the app creates it).
  ensurePrivateFolder(path.dirname(file));
  // The "in use" check and the swap are one step: the file stays held from the check until the new one is in place,
  // so nothing opens (and then writes into) the file being replaced in between.
  const hold = holdExclusively(file);
  if (hold === 'in_use') {
    throw new RestoreError('locked', file, failureText('locked', file, 'close it, then restore again'));
  }

  const stamp = (options.now ?? new Date()).toISOString().replace(/[:.]/g, '-');
  const incoming = `${file}.restoring-${stamp}`;
  let previousCopy: string | null;
  let filesRestored: number;
  try {
    // A snapshot taken through SQLite: includes any -wal beside the backup, and is a plain file to move into place.
    snapshot(from, incoming);
    // The photos and files the backup carries go back into the data folder before the database that names them.
    filesRestored = unpackAttachmentFiles(incoming, path.dirname(file));
    fsyncFile(incoming); // the carried table was dropped and the file compacted
    previousCopy = existsSync(file) ? keepCurrent(file, `${file}.before-restore-${stamp}`) : null;

    // The old -wal must go before the new file arrives: SQLite would replay it into the restored database.
    for (const suffix of SIDECARS) removeIfPresent(file + suffix);
    options.beforeSwap?.();
    renameSync(incoming, file);
    fsyncFolder(path.dirname(file));
  } finally {
    hold?.release();
    removeIfPresent(incoming);
  }

  try {
    return { database: openDatabase(file, options.openOptions), previousCopy, backupSchemaVersion: backup.schemaVersion, filesRestored };
  } catch (error) {
    // The backup passed every check, so this is unexpected: put the previous database back as it was.
    if (previousCopy) putBack(previousCopy, file);
    throw error;
  }
}

function snapshot(from: string, to: string): void {
  removeIfPresent(to);
  try {
    createPrivateFile(to); // becomes the live database: 0600 however the backup file itself was shared
    withReadOnly(from, (source) => source.prepare('VACUUM INTO ?').run(to));
    fsyncFile(to);
  } catch (error) {
    // No room for the copy, say: nothing was switched yet, so leave no half-written file behind.
    removeIfPresent(to);
    throw error;
  }
}

/** A byte copy of the current file and its -wal (if a crash left one): the copy opens with everything committed. */
function keepCurrent(file: string, copy: string): string {
  copyFileSync(file, copy);
  if (existsSync(file + '-wal')) copyFileSync(file + '-wal', copy + '-wal');
  makePrivate(copy, copy + '-wal'); // a copy takes its source's mode: an install from before 0600 would pass on 0644
  fsyncFile(copy);
  return copy;
}

function putBack(copy: string, file: string): void {
  for (const suffix of SIDECARS) removeIfPresent(file + suffix);
  if (existsSync(copy + '-wal')) renameSync(copy + '-wal', file + '-wal');
  renameSync(copy, file);
}

function removeIfPresent(file: string): void {
  if (existsSync(file)) unlinkSync(file);
}
