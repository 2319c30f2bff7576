// Online backups with SQLite's backup API: consistent while others write, verified before they count.
import Database from 'better-sqlite3';
import { closeSync, existsSync, fsyncSync, openSync, readdirSync, renameSync, statSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { APPLICATION_ID } from '../open';
import { ensurePrivateFolder, makePrivate, PRIVATE_FILE_MODE } from '../private-files';
import { dataDirOfDatabase, packAttachmentFiles } from './files';
import { validateBackupFile } from './inspect';

export const BACKUPS_FOLDER = 'backups';
export const DEFAULT_BACKUPS_KEPT = 7;

// emerald-20261129T154620123Z-v2.db: sorts by time as text, carries the schema version for people.
const BACKUP_NAME = /^emerald-(\d{8}T\d{9}Z)-v(\d+)\.db$/;

export interface BackupInfo {
  fileName: string;
  path: string;
  sizeBytes: number;
  createdAt: string;
  schemaVersion: number;
}

export interface BackupProgress {
  done: number;
  total: number;
}

export interface BackupOptions {
  now?: Date;
  onProgress?: (progress: BackupProgress) => void;
}

export function backupsFolder(dataDir: string): string {
  return path.join(dataDir, BACKUPS_FOLDER);
}

export function backupFileName(when: Date, schemaVersion: number): string {
  const stamp = when.toISOString().replace(/[-:.]/g, '');
  return `emerald-${stamp}-v${schemaVersion}.db`;
}

function parseBackupName(fileName: string): { createdAt: string; schemaVersion: number } | null {
  const match = BACKUP_NAME.exec(fileName);
  if (!match) return null;
  const s = match[1] as string;
  const createdAt = `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}.${s.slice(15, 18)}Z`;
  return { createdAt, schemaVersion: Number(match[2]) };
}

/**
 * Copies the live database into `dest` page by page (other connections may keep writing: SQLite restarts
 * or updates the copy), then checks the copy before it gets its final name, so a half-written or damaged
 * backup never looks like a good one. `dest.partial` is created exclusively: a second writer aimed at the same
 * file is refused instead of deleting the first one's copy.
 */
export async function writeBackup(source: Database.Database, dest: string, onProgress?: (p: BackupProgress) => void): Promise<void> {
  if (!reservePartial(dest)) {
    throw new Error(`${partialOf(dest)} exists: another backup is being written there (or an interrupted one left it; delete it and try again)`);
  }
  await fillReserved(source, dest, onProgress);
}

const partialOf = (dest: string) => `${dest}.partial`;

/** Creates `dest.partial` (0600) only if no one else has: the reservation of that name for one writer. */
function reservePartial(dest: string): boolean {
  try {
    closeSync(openSync(partialOf(dest), 'wx', PRIVATE_FILE_MODE));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  makePrivate(partialOf(dest)); // the umask can only take bits away; this makes the mode exact
  return true;
}

async function fillReserved(source: Database.Database, dest: string, onProgress?: (p: BackupProgress) => void): Promise<void> {
  const partial = partialOf(dest);
  try {
    const { totalPages } = await source.backup(partial, {
      progress({ totalPages, remainingPages }) {
        onProgress?.({ done: totalPages - remainingPages, total: totalPages });
        return 256;
      },
    });
    // better-sqlite3 reports between steps only; the last step's completion is ours to tell.
    onProgress?.({ done: totalPages, total: totalPages });
    // The photos and files of the copied rows go inside the copy (rows are committed only after their file is written).
    const dataDir = dataDirOfDatabase(source);
    if (dataDir) await packAttachmentFiles(partial, dataDir);
    verifyBackup(partial, source.pragma('user_version', { simple: true }) as number);
    fsyncFile(partial);
    renameSync(partial, dest);
    fsyncFolder(path.dirname(dest));
  } catch (error) {
    removeIfPresent(partial);
    throw error;
  }
}

/** Makes the copy self-contained (rollback journal, so opening it read-only needs no -wal/-shm) and proves it sound. */
function verifyBackup(file: string, expectedVersion: number): void {
  const copy = new Database(file, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
    const integrity = copy.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new Error(`the backup failed its integrity check: ${String(integrity)}`);
    const applicationId = copy.pragma('application_id', { simple: true });
    const userVersion = copy.pragma('user_version', { simple: true });
    if (applicationId !== APPLICATION_ID || userVersion !== expectedVersion) {
      throw new Error(`the backup lost its identity (application_id ${String(applicationId)}, user_version ${String(userVersion)})`);
    }
  } finally {
    copy.close();
  }
}

/** A backup into `<dataDir>/backups/emerald-<timestamp>-v<schema>.db`. */
export async function createBackup(dataDir: string, source: Database.Database, options: BackupOptions = {}): Promise<BackupInfo> {
  const folder = backupsFolder(dataDir);
  ensurePrivateFolder(folder);
  const schemaVersion = source.pragma('user_version', { simple: true }) as number;
  let when = options.now ?? new Date();
  // Two backups in the same millisecond (tests, double clicks, the shell's and the CLI's) get distinct names: a name is
  // taken once its .partial is created exclusively and no finished backup has it (checked after, so a writer that
  // has just renamed its copy into place is seen).
  for (;;) {
    const file = path.join(folder, backupFileName(when, schemaVersion));
    if (reservePartial(file)) {
      if (!existsSync(file)) {
        await fillReserved(source, file, options.onProgress);
        return describeBackup(file) as BackupInfo;
      }
      removeIfPresent(partialOf(file));
    }
    when = new Date(when.getTime() + 1);
  }
}

/** The backup the shell takes at every start; keeps the newest `keep` backups and deletes older ones. */
export async function autoBackup(
  dataDir: string,
  source: Database.Database,
  options: BackupOptions & { keep?: number } = {},
): Promise<{ backup: BackupInfo; removed: string[] }> {
  const backup = await createBackup(dataDir, source, options);
  const removed = pruneBackups(dataDir, options.keep ?? DEFAULT_BACKUPS_KEPT);
  return { backup, removed };
}

function describeBackup(file: string): BackupInfo | null {
  const fileName = path.basename(file);
  const parsed = parseBackupName(fileName);
  if (!parsed) return null;
  return { fileName, path: file, sizeBytes: statSync(file).size, ...parsed };
}

/** Every backup in the data folder, newest first. */
export function listBackups(dataDir: string): BackupInfo[] {
  const folder = backupsFolder(dataDir);
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .map((name) => describeBackup(path.join(folder, name)))
    .filter((info): info is BackupInfo => info !== null)
    .sort((a, b) => (a.fileName < b.fileName ? 1 : a.fileName > b.fileName ? -1 : 0));
}

/** Deletes all but the newest `keep` backups (and any leftover partial copy); returns the deleted paths. */
export function pruneBackups(dataDir: string, keep: number): string[] {
  const removed = listBackups(dataDir)
    .slice(Math.max(keep, 1))
    .map((backup) => backup.path);
  for (const file of removed) unlinkSync(file);
  // A crash mid-backup leaves a .partial; one older than an hour is not being written any more.
  const folder = backupsFolder(dataDir);
  for (const name of readdirSync(folder)) {
    const file = path.join(folder, name);
    if (name.endsWith('.partial') && Date.now() - statSync(file).mtimeMs > 3_600_000) removeIfPresent(file);
  }
  return removed;
}

/** The newest backup that would pass a restore's checks, to offer when the database cannot be opened. */
export function latestBackup(dataDir: string, migrationsFolder?: string): BackupInfo | null {
  for (const backup of listBackups(dataDir)) {
    try {
      validateBackupFile(backup.path, migrationsFolder);
      return backup;
    } catch {
      // A damaged or newer backup is skipped; an older good one is still worth offering.
    }
  }
  return null;
}

function removeIfPresent(file: string): void {
  if (existsSync(file)) unlinkSync(file);
}

export function fsyncFile(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Makes a rename durable on POSIX; Windows cannot open a folder, and NTFS journals renames itself. */
export function fsyncFolder(folder: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(folder, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
