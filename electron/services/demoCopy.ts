// A folder the demo generator filled: invented data, and accounts with the public password the README prints.
import type Database from 'better-sqlite3';
import { AppError } from '../contract';

/** A local settings key: not in REPLICATED_SETTING_KEYS, so it never travels to a team. */
export const DEMO_MARKER_KEY = 'demoDatabase';

export function isDemoCopy(sqlite: Database.Database): boolean {
  return sqlite.prepare('SELECT 1 FROM settings WHERE key = ?').get(DEMO_MARKER_KEY) !== undefined;
}

/** A demo folder may start a team of its own to try sync, but never brings its accounts into someone else's. */
export function assertNotDemoCopy(sqlite: Database.Database): void {
  if (!isDemoCopy(sqlite)) return;
  throw new AppError('CONFLICT', 'this folder holds demo data, and its accounts share the public demo password: join the team from an empty folder or from your own data', {
    reason: 'demo_copy',
  });
}
