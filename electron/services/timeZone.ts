// The company time zone: a replicated setting (every copy of a team counts days alike), the computer's zone until
// someone sets it. Read straight from the settings row so code without a drizzle handle (codes, the CLI) can use it.
import type Database from 'better-sqlite3';
import { isValidTimeZone, systemTimeZone } from '../contract/zonedTime';
import { prepared } from './sql';

export function companyTimeZone(sqlite: Database.Database): string {
  const row = prepared(sqlite, "SELECT value FROM settings WHERE key = 'timeZone'").get() as { value: string } | undefined;
  let stored: unknown;
  try {
    stored = row ? JSON.parse(row.value) : undefined;
  } catch {
    stored = undefined;
  }
  // A name this runtime does not know (typed on a newer system) falls back to the computer's zone, never throws.
  return isValidTimeZone(stored) ? stored : systemTimeZone();
}
