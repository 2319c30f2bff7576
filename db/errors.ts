// Why a database file could not be opened. The shell turns `reason` into a dialog in the user's language.

export type DatabaseOpenFailure =
  | 'newer_version'
  | 'not_emerald'
  | 'locked'
  | 'corrupt'
  | 'read_only'
  | 'disk_full'
  | 'migration_failed';

export class DatabaseOpenError extends Error {
  readonly reason: DatabaseOpenFailure;
  readonly path: string;

  constructor(reason: DatabaseOpenFailure, path: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseOpenError';
    this.reason = reason;
    this.path = path;
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
