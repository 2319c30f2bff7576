// A user's full name by id, for what is read back beside an id (a conflict's author, whom a ticket was assigned to).
// A leaf: services of any area call it without importing the users service.
import type Database from 'better-sqlite3';
import { prepared } from '../sql';

export function userFullName(sqlite: Database.Database, userId: string | null): string | null {
  if (!userId) return null;
  const row = prepared(sqlite, 'SELECT full_name FROM users WHERE id = ?').get(userId) as { full_name: string } | undefined;
  return row?.full_name ?? null;
}
