// Attachment bytes travel inside the backup file: a backup is one file a person can copy elsewhere and restore from,
// so the originals of every attachment go into a `backup_files` table of the copy (derived copies are rebuilt on
// demand). A restore writes them back into <dataDir>/files and drops the table from the restored database.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { isSha256Hex, originalPath } from '../attachment-files';
import { PRIVATE_FILE_MODE, PRIVATE_FOLDER_MODE } from '../private-files';

export const BACKUP_FILES_TABLE = 'backup_files';

const hasTable = (db: Database.Database, name: string): boolean =>
  db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;

/** The data folder a live database belongs to (its own folder), or null for an in-memory one. */
export function dataDirOfDatabase(source: Database.Database): string | null {
  return source.memory || !source.name ? null : path.dirname(path.resolve(source.name));
}

/** Copies the originals every attachment row of `copyFile` names (those present in `dataDir`) into the copy. */
export async function packAttachmentFiles(copyFile: string, dataDir: string): Promise<number> {
  const copy = new Database(copyFile, { fileMustExist: true });
  try {
    if (!hasTable(copy, 'attachments')) return 0;
    copy.exec(`CREATE TABLE IF NOT EXISTS ${BACKUP_FILES_TABLE} (sha256 TEXT PRIMARY KEY NOT NULL, bytes BLOB NOT NULL)`);
    const shas = (copy.prepare('SELECT DISTINCT sha256 FROM attachments').pluck().all() as string[]).filter(isSha256Hex);
    const insert = copy.prepare(`INSERT OR IGNORE INTO ${BACKUP_FILES_TABLE} (sha256, bytes) VALUES (?, ?)`);
    let packed = 0;
    for (const sha of shas) {
      const file = originalPath(dataDir, sha);
      if (!existsSync(file)) continue; // a row whose bytes have not arrived by sync: nothing to keep yet
      // Read off the main thread, one file at a time; each insert is a short write on this private connection.
      insert.run(sha, await readFile(file));
      packed++;
    }
    return packed;
  } finally {
    copy.close();
  }
}

function writeDurablySync(file: string, bytes: Uint8Array): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: PRIVATE_FOLDER_MODE });
  const temp = `${file}.restoring`;
  const fd = openSync(temp, 'w', PRIVATE_FILE_MODE);
  try {
    writeSync(fd, bytes);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, file);
}

/** Writes the originals a restored database carries into `dataDir` (verified by their hash; present ones kept), then
 *  takes the table out of the database and compacts it. Answers how many files were written. */
export function unpackAttachmentFiles(databaseFile: string, dataDir: string): number {
  const db = new Database(databaseFile, { fileMustExist: true });
  try {
    if (!hasTable(db, BACKUP_FILES_TABLE)) return 0;
    let written = 0;
    for (const row of db.prepare(`SELECT sha256, bytes FROM ${BACKUP_FILES_TABLE}`).iterate() as Iterable<{ sha256: string; bytes: Buffer }>) {
      if (!isSha256Hex(row.sha256) || createHash('sha256').update(row.bytes).digest('hex') !== row.sha256) continue;
      const file = originalPath(dataDir, row.sha256);
      if (existsSync(file)) continue;
      writeDurablySync(file, row.bytes);
      written++;
    }
    db.exec(`DROP TABLE ${BACKUP_FILES_TABLE}`);
    db.exec('VACUUM');
    return written;
  } finally {
    db.close();
  }
}
