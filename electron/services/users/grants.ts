// Who may hand out what: a user admin who is not a superuser cannot grant more than they hold,
// nor take over a superuser's account (otherwise users:admin alone would be a path to everything).
import { eq } from 'drizzle-orm';
import type { AppDb } from '../../../db/open';
import { roles } from '../../../db/schema';
import { AppError } from '../../contract';
import { normalizePermissions } from '../../contract/access';
import type { ServiceContext } from '../context';

function holdsEverything(ctx: ServiceContext): boolean {
  return ctx.actor === null || ctx.actor.isSuperuser || ctx.actor.permissions.has('*');
}

function missingPermissions(ctx: ServiceContext, permissions: readonly string[]): string[] {
  if (holdsEverything(ctx)) return [];
  return permissions.filter((p) => !ctx.actor?.permissions.has(p));
}

function rolePermissions(tx: AppDb, roleId: string | null | undefined): string[] {
  if (!roleId) return [];
  const role = tx.select({ permissions: roles.permissions }).from(roles).where(eq(roles.id, roleId)).get();
  return role ? normalizePermissions(role.permissions) : [];
}

/** Refuses granting permissions the acting user does not hold themselves. No actor = setup/CLI, trusted. */
export function assertCanGrant(ctx: ServiceContext, permissions: readonly string[]): void {
  const missing = missingPermissions(ctx, permissions);
  if (missing.length > 0) {
    throw new AppError('FORBIDDEN', `you cannot grant permissions you do not have: ${missing.join(', ')}`, {
      reason: 'cannot_grant',
      permissions: missing,
    });
  }
}

/** Refuses assigning a role whose permissions exceed the acting user's. */
export function assertCanAssignRole(ctx: ServiceContext, tx: AppDb, roleId: string | null | undefined): void {
  if (!holdsEverything(ctx)) assertCanGrant(ctx, rolePermissions(tx, roleId));
}

/** Only a superuser may change, reset or deactivate a superuser; nobody may manage a user who holds more than they do. */
export function assertCanManage(ctx: ServiceContext, tx: AppDb, target: { isSuperuser: boolean; roleId: string | null }): void {
  if (ctx.actor === null) return;
  if (target.isSuperuser && !ctx.actor.isSuperuser) {
    throw new AppError('FORBIDDEN', 'only an administrator can change an administrator account', { reason: 'superuser_only' });
  }
  const missing = missingPermissions(ctx, rolePermissions(tx, target.roleId));
  if (missing.length > 0) {
    throw new AppError('FORBIDDEN', 'you cannot manage a user who has permissions you do not have', {
      reason: 'cannot_manage',
      permissions: missing,
    });
  }
}
