// Why a database file could not be opened: one of the reasons every door shares (failures.ts). The shell turns
// `reason` into a dialog in the user's language.
import { DatabaseFailureError, type DatabaseFailure } from './failures';

export type DatabaseOpenFailure = DatabaseFailure;

export class DatabaseOpenError extends DatabaseFailureError {
  constructor(reason: DatabaseFailure, path: string, message: string, options?: { cause?: unknown }) {
    super(reason, path, message, options);
    this.name = 'DatabaseOpenError';
  }
}

/** Maps SQLite's error codes (better-sqlite3 puts them on `code`) to a failure a person can act on. */
export function classifySqliteError(error: unknown): DatabaseOpenFailure | null {
  // drizzle wraps driver errors (DrizzleQueryError), so look down the cause chain for SQLite's code.
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return classifyCode(code);
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

/** The same codes when the file is only read (check, a backup's inspection): a read that fails for any reason but a
 *  lock or damage means the path cannot be read as a database. */
export function classifyReadFailure(error: unknown): 'locked' | 'corrupt' | 'unreadable' {
  const reason = classifySqliteError(error);
  return reason === 'locked' || reason === 'corrupt' ? reason : 'unreadable';
}

function classifyCode(code: string): DatabaseOpenFailure | null {
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'locked';
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return 'corrupt';
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN') || code === 'SQLITE_PERM') return 'read_only';
  if (code === 'SQLITE_FULL' || code.startsWith('SQLITE_IOERR')) return 'disk_full';
  // Node's own errors from the files opened around SQLite (the 0600 file made before SQLite fills it).
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return 'read_only';
  if (code === 'ENOSPC') return 'disk_full';
  return null;
}
