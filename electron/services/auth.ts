// First-run setup, login with lockout, password change.
import { and, count, eq, isNull, lte, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { users } from '../../db/schema';
import { AppError, type AuthStatusDto, type UserDto } from '../contract';
import type { changePasswordInput, setupInput } from '../contract/auth';
import { inTransaction, nowIso, requireActor, type ServiceContext } from './context';
import { readSettings, writeSettings } from './settings';
import { assertNotCommonPassword } from './users';
import { decoyHash, hashPassword, verifyPassword } from './users';
import { ensureDefaultRoles, findRoleByName } from './users';
import { findUserByLogin, getUserDto, insertUser } from './users';
import { DEFAULT_ROLE_WORDS } from '../../shared/words';

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
  assertNotCommonPassword(input.password);
  const passwordHash = await hashPassword(input.password);
  return inTransaction(ctx, (tx, emit) => {
    const existing = tx.select({ n: count() }).from(users).get()?.n ?? 0;
    if (existing > 0) {
      throw new AppError('FORBIDDEN', 'Emerald is already set up; sign in instead', { reason: 'already_set_up' });
    }
    const at = nowIso(ctx);
    ensureDefaultRoles(tx, at);
    if (input.companyName) writeSettings(tx, { companyName: input.companyName }, at);
    const adminRole = findRoleByName(tx, DEFAULT_ROLE_WORDS.es.administrator);
    const row = insertUser(tx, { ...input, roleId: adminRole?.id ?? null, isSuperuser: true }, passwordHash, at);
    emit({ entity: 'user', id: row.id, kind: 'created' });
    return getUserDto(tx, row.id);
  });
}

const isLocked = (lockedUntil: string | null, now: Date) => lockedUntil !== null && new Date(lockedUntil).getTime() > now.getTime();

/** Only rows not locked now: re-checked in the writing statement itself, since parallel attempts all read the row
 *  before any of them wrote. */
const unlockedUser = (id: string, now: Date) => and(eq(users.id, id), or(isNull(users.lockedUntil), lte(users.lockedUntil, now.toISOString())));

/** One wrong password (sign-in or the current one in a change): the fifth in a row locks the account. failed_logins
 *  and locked_until are this laptop's own (not replicated), so this write needs no op. */
function countFailure(ctx: ServiceContext, userId: string, now: Date): void {
  const reachesLimit = sql`${users.failedLogins} + 1 >= ${MAX_FAILED_LOGINS}`;
  ctx.db
    .update(users)
    .set({
      failedLogins: sql`case when ${reachesLimit} then 0 else ${users.failedLogins} + 1 end`,
      lockedUntil: sql`case when ${reachesLimit} then ${new Date(now.getTime() + LOCKOUT_MS).toISOString()} else ${users.lockedUntil} end`,
    })
    .where(unlockedUser(userId, now))
    .run();
}

/** Checks a login; returns the user or throws the one generic failure. Counts failures and locks. */
export async function authenticate(ctx: ServiceContext, login: string, password: string): Promise<UserDto> {
  const user = findUserByLogin(ctx.db, login);
  if (!user) {
    await verifyPassword(await decoyHash(), password);
    throw loginFailed();
  }
  const now = ctx.clock.now();
  const locked = isLocked(user.lockedUntil, now);
  // Verify even when locked or inactive: the answer and its timing must not reveal either.
  const valid = await verifyPassword(user.passwordHash, password);
  if (locked || !user.isActive) throw loginFailed();
  if (!valid) {
    countFailure(ctx, user.id, now);
    throw loginFailed();
  }
  const signedIn = ctx.db
    .update(users)
    .set({ failedLogins: 0, lockedUntil: null, lastLoginAt: now.toISOString() })
    .where(and(unlockedUser(user.id, now), eq(users.isActive, true)))
    .run();
  if (signedIn.changes === 0) throw loginFailed();
  return getUserDto(ctx.db, user.id);
}

/** A wrong current password counts toward the sign-in lockout (a left-open session is no unlimited guessing oracle);
 *  while locked even the right one is refused. */
export async function changePassword(ctx: ServiceContext, input: z.output<typeof changePasswordInput>): Promise<null> {
  const actor = requireActor(ctx);
  const user = ctx.db.select().from(users).where(eq(users.id, actor.id)).get();
  if (!user) throw wrongPassword();
  const valid = await verifyPassword(user.passwordHash, input.oldPassword);
  const now = ctx.clock.now();
  const lockedNow = () => isLocked(ctx.db.select({ at: users.lockedUntil }).from(users).where(eq(users.id, actor.id)).get()?.at ?? null, now);
  if (lockedNow()) throw accountLocked();
  if (!valid) {
    countFailure(ctx, user.id, now);
    throw wrongPassword();
  }
  assertNotCommonPassword(input.newPassword, 'newPassword');
  const passwordHash = await hashPassword(input.newPassword);
  inTransaction(ctx, (tx) => {
    // Re-read inside the write: guesses running in parallel may have locked the account while this one hashed.
    if (lockedNow()) throw accountLocked();
    tx.update(users).set({ passwordHash, failedLogins: 0, updatedAt: nowIso(ctx), version: sql`${users.version} + 1` }).where(eq(users.id, actor.id)).run();
  });
  return null;
}

const wrongPassword = () => new AppError('VALIDATION', 'the current password is not right', { reason: 'wrong_password', field: 'oldPassword' });
const accountLocked = () =>
  new AppError('FORBIDDEN', 'too many wrong passwords: the account is locked for a while', { reason: 'account_locked' });
