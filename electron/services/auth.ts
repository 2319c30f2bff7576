// First-run setup, login with lockout, password change.
import { count, eq } from 'drizzle-orm';
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
  if (!valid) {
    const failures = user.failedLogins + 1;
    const lock = failures >= MAX_FAILED_LOGINS;
    ctx.db
      .update(users)
      .set({
        failedLogins: lock ? 0 : failures,
        lockedUntil: lock ? new Date(now.getTime() + LOCKOUT_MS).toISOString() : user.lockedUntil,
        updatedAt: now.toISOString(),
      })
      .where(eq(users.id, user.id))
      .run();
    throw loginFailed();
  }
  ctx.db
    .update(users)
    .set({ failedLogins: 0, lockedUntil: null, lastLoginAt: now.toISOString() })
    .where(eq(users.id, user.id))
    .run();
  return getUserDto(ctx.db, user.id);
}

export async function changePassword(ctx: ServiceContext, input: z.output<typeof changePasswordInput>): Promise<null> {
  const actor = requireActor(ctx);
  const user = ctx.db.select().from(users).where(eq(users.id, actor.id)).get();
  if (!user || !(await verifyPassword(user.passwordHash, input.oldPassword))) {
    throw new AppError('VALIDATION', 'the current password is not right', { reason: 'wrong_password', field: 'oldPassword' });
  }
  const passwordHash = await hashPassword(input.newPassword);
  ctx.db.update(users).set({ passwordHash, updatedAt: nowIso(ctx) }).where(eq(users.id, actor.id)).run();
  return null;
}
