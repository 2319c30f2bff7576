// Emerald's files hold password hashes, the telemetry socket token and customer data: only their owner may read them.
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';

export const PRIVATE_FOLDER_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Windows has no POSIX modes (the profile folder's ACL protects the data there); chmod would only flip read-only. */
const posix = process.platform !== 'win32';

/** Creates the folder (and missing parents) 0700, and tightens it if an older build left it 0755. */
export function ensurePrivateFolder(folder: string): void {
  mkdirSync(folder, { recursive: true, mode: PRIVATE_FOLDER_MODE });
  if (posix) tighten(folder, PRIVATE_FOLDER_MODE);
}

/** Tightens each existing file to 0600 (files SQLite or an older build created under the usual umask are 0644).
 *  Best effort on files someone else owns (EPERM): opening them is not ours to refuse here. */
export function makePrivate(...files: string[]): void {
  if (!posix) return;
  for (const file of files) if (existsSync(file)) tighten(file, PRIVATE_FILE_MODE);
}

function tighten(target: string, mode: number): void {
  if ((statSync(target).mode & 0o777) === mode) return;
  try {
    chmodSync(target, mode);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') throw error;
  }
}

/** Creates an empty 0600 file for SQLite to fill (VACUUM INTO, the backup API, a new database): SQLite would create
 *  it 0644, readable by all until someone tightened it. An existing file is left alone. */
export function createPrivateFile(file: string): void {
  if (existsSync(file)) return;
  closeSync(openSync(file, 'wx', PRIVATE_FILE_MODE));
  makePrivate(file); // the umask can only take bits away (0600 → 0400, say); this makes the mode exact
}
