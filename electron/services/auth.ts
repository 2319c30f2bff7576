// First-run setup, login with lockout, password change.
import { and, count, eq, isNull, lte, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { users } from '../../db/schema';
import { AppError, type AuthStatusDto, type UserDto } from '../contract';
import type { changePasswordInput, setupInput } from '../contract/auth';
import { inTransaction, nowIso, requireActor, type ServiceContext } from './context';
import { readSettings, writeSettings } from './settings';
import { decoyHash, hashPassword, verifyPassword } from './users/passwords';
import { ensureDefaultRoles, findRoleByName } from './users/roles';
import { findUserByLogin, getUserDto, insertUser } from './users/users';

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MS = 15 * 60 * 1000;

/** One message for every failed login, so nobody learns which accounts exist. */
const loginFailed = () => new AppError('UNAUTHENTICATED', 'wrong login or password', { reason: 'invalid_credentials' });

export function authStatus(ctx: ServiceContext): AuthStatusDto {
  const n = ctx.db.select({ n: count() }).from(users).get()?.n ?? 0;
  const settings = readSettings(ctx.db);
  return { needsSetup: n === 0, companyName: settings.companyName, language: settings.language };
}

export async function setup(ctx: ServiceContext, input: z.output<typeof setupInput>): Promise<UserDto> {
  const passwordHash = await hashPassword(input.password);
  return inTransaction(ctx, (tx, emit) => {
    const existing = tx.select({ n: count() }).from(users).get()?.n ?? 0;
    if (existing > 0) {
      throw new AppError('FORBIDDEN', 'Emerald is already set up; sign in instead', { reason: 'already_set_up' });
    }
    const at = nowIso(ctx);
    ensureDefaultRoles(tx, at);
    if (input.companyName) writeSettings(tx, { companyName: input.companyName }, at);
    const adminRole = findRoleByName(tx, 'Administrador');
    const row = insertUser(tx, { ...input, roleId: adminRole?.id ?? null, isSuperuser: true }, passwordHash, at);
    emit({ entity: 'user', id: row.id, kind: 'created' });
    return getUserDto(tx, row.id);
  });
}

/** Checks a login; returns the user or throws the one generic failure. Counts failures and locks. */
export async function authenticate(ctx: ServiceContext, login: string, password: string): Promise<UserDto> {
  const user = findUserByLogin(ctx.db, login);
  if (!user) {
    await verifyPassword(await decoyHash(), password);
    throw loginFailed();
  }
  const now = ctx.clock.now();
  const locked = user.lockedUntil !== null && new Date(user.lockedUntil).getTime() > now.getTime();
  // Verify even when locked or inactive: the answer and its timing must not reveal either.
  const valid = await verifyPassword(user.passwordHash, password);
  if (locked || !user.isActive) throw loginFailed();
  const nowIsoText = now.toISOString();
  // Re-check the lock in the writing statement itself: parallel attempts all read the row before any of them wrote.
  const unlocked = and(eq(users.id, user.id), or(isNull(users.lockedUntil), lte(users.lockedUntil, nowIsoText)));
  if (!valid) {
    const reachesLimit = sql`${users.failedLogins} + 1 >= ${MAX_FAILED_LOGINS}`;
    ctx.db
      .update(users)
      .set({
        failedLogins: sql`case when ${reachesLimit} then 0 else ${users.failedLogins} + 1 end`,
        lockedUntil: sql`case when ${reachesLimit} then ${new Date(now.getTime() + LOCKOUT_MS).toISOString()} else ${users.lockedUntil} end`,
      })
      .where(unlocked)
      .run();
    throw loginFailed();
  }
  const signedIn = ctx.db
    .update(users)
    .set({ failedLogins: 0, lockedUntil: null, lastLoginAt: nowIsoText })
    .where(and(unlocked, eq(users.isActive, true)))
    .run();
  if (signedIn.changes === 0) throw loginFailed();
  return getUserDto(ctx.db, user.id);
}

export async function changePassword(ctx: ServiceContext, input: z.output<typeof changePasswordInput>): Promise<null> {
  const actor = requireActor(ctx);
  const user = ctx.db.select().from(users).where(eq(users.id, actor.id)).get();
  if (!user || !(await verifyPassword(user.passwordHash, input.oldPassword))) {
    throw new AppError('VALIDATION', 'the current password is not right', { reason: 'wrong_password', field: 'oldPassword' });
  }
  const passwordHash = await hashPassword(input.newPassword);
  inTransaction(ctx, (tx) => tx.update(users).set({ passwordHash, updatedAt: nowIso(ctx) }).where(eq(users.id, actor.id)).run());
  return null;
}
