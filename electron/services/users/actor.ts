import type Database from 'better-sqlite3';
import { normalizePermissions } from '../../contract/access';
import type { Actor } from '../context';
import { prepared } from '../sql';

const ACTOR_SQL = `SELECT u.id, u.username, u.full_name, u.is_active, u.is_superuser, r.permissions
  FROM users u LEFT JOIN roles r ON r.id = u.role_id WHERE u.id = ?`;

interface ActorRow {
  id: string;
  username: string;
  full_name: string;
  is_active: number;
  is_superuser: number;
  permissions: string | null;
}

/**
 * The signed-in user as the router sees them; null when gone or deactivated (their session ends).
 * Raw and prepared once: the router runs this on every call.
 */
export function loadActor(sqlite: Database.Database, userId: string): Actor | null {
  const row = prepared(sqlite, ACTOR_SQL).get(userId) as ActorRow | undefined;
  if (!row || !row.is_active) return null;
  return {
    id: row.id,
    username: row.username,
    fullName: row.full_name,
    isSuperuser: row.is_superuser === 1,
    permissions: new Set(normalizePermissions(row.permissions === null ? [] : JSON.parse(row.permissions))),
  };
}
