import { eq } from 'drizzle-orm';
import type { AppDb } from '../../../db/open';
import { roles, users } from '../../../db/schema';
import { normalizePermissions } from '../../contract/access';
import type { Actor } from '../context';

/** The signed-in user as the router sees them; null when gone or deactivated (their session ends). */
export function loadActor(db: AppDb, userId: string): Actor | null {
  const row = db
    .select({
      id: users.id,
      username: users.username,
      fullName: users.fullName,
      isActive: users.isActive,
      isSuperuser: users.isSuperuser,
      permissions: roles.permissions,
    })
    .from(users)
    .leftJoin(roles, eq(roles.id, users.roleId))
    .where(eq(users.id, userId))
    .get();
  if (!row || !row.isActive) return null;
  return {
    id: row.id,
    username: row.username,
    fullName: row.fullName,
    isSuperuser: row.isSuperuser,
    permissions: new Set(normalizePermissions(row.permissions)),
  };
}
