// User accounts: create, list, update, deactivate, reset password; the directory for pickers.
import { and, asc, eq, ne, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { AppDb } from '../../../db/open';
import { roles, users } from '../../../db/schema';
import { AppError, notFound, type DirectoryUser, type UserDto } from '../../contract';
import { normalizePermissions } from '../../contract/access';
import { canBeTechnician } from '../../contract/scheduling';
import { loginKey } from '../../contract/auth';
import type { OpenWorkOrderCounts, userCreateInput, userUpdateInput } from '../../contract/users';
import { inTransaction, nowIso, type ServiceContext } from '../context';
import { newId } from '../ids';
import { prepared } from '../sql';
import { containsPattern } from '../text';
import { assertCanAssignRole, assertCanManage } from './grants';
import { assertNotCommonPassword } from './common-passwords';
import { hashPassword } from './passwords';
import { saveVersioned } from '../versioned';

type UserRow = typeof users.$inferSelect;

const userWithRole = (db: AppDb) =>
  db
    .select({ user: users, roleName: roles.name, rolePermissions: roles.permissions })
    .from(users)
    .leftJoin(roles, eq(roles.id, users.roleId));

/** The only way a user leaves the service layer: no hash, no lockout counters beyond what admins need. */
export function toUserDto(user: UserRow, roleName: string | null): UserDto {
  return {
    id: user.id,
    email: user.email,
    username: user.username,
    fullName: user.fullName,
    isActive: user.isActive,
    isSuperuser: user.isSuperuser,
    roleId: user.roleId,
    roleName,
    lastLoginAt: user.lastLoginAt,
    lockedUntil: user.lockedUntil,
    version: user.version,
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
  };
}

export function getUserDto(db: AppDb, id: string): UserDto {
  const row = userWithRole(db).where(eq(users.id, id)).get();
  if (!row) throw notFound('user', id);
  return toUserDto(row.user, row.roleName);
}

/** Every user whose email or username has this key, compared in JavaScript: SQLite's lower() folds ASCII only, and
 *  rows an older build (or a team member on one) wrote may not be in the stored form yet. Users are few. */
function usersWithKey(db: AppDb, key: string, exceptId?: string): UserRow[] {
  return db
    .select()
    .from(users)
    .where(exceptId ? ne(users.id, exceptId) : undefined)
    .all()
    .filter((user) => loginKey(user.email) === key || loginKey(user.username) === key);
}

/** The account a login names. Two accounts whose names differ only in case (an older build let them in side by side)
 *  are told apart by the exact spelling only; any other spelling of them names no account, never a guessed one. */
export function findUserByLogin(db: AppDb, login: string): UserRow | undefined {
  const typed = login.trim().normalize('NFC');
  const found = usersWithKey(db, loginKey(typed));
  if (found.length <= 1) return found[0];
  const exact = found.filter((user) => user.email === typed || user.username === typed);
  return exact.length === 1 ? exact[0] : undefined;
}

/** Duplicate email or username (in any case or Unicode spelling) → a CONFLICT naming the field, checked inside the
 *  writing transaction. */
export function assertUnique(db: AppDb, fields: { email?: string; username?: string }, exceptId?: string): void {
  for (const field of ['email', 'username'] as const) {
    const value = fields[field];
    if (value === undefined) continue;
    const key = loginKey(value);
    const clash = usersWithKey(db, key, exceptId).some((user) => loginKey(user[field]) === key);
    if (clash) {
      throw new AppError('CONFLICT', `${field} ${value} is already in use`, { reason: `duplicate_${field}`, field });
    }
  }
}

function assertRoleExists(db: AppDb, roleId: string | null | undefined): void {
  if (roleId && !db.select({ id: roles.id }).from(roles).where(eq(roles.id, roleId)).get()) {
    throw new AppError('VALIDATION', 'that role does not exist', { reason: 'unknown_role', field: 'roleId' });
  }
}

export interface NewUser {
  email: string;
  username: string;
  fullName: string;
  roleId: string | null;
  isSuperuser?: boolean;
}

/** Inserts a user whose password is already hashed; the caller owns the transaction. */
export function insertUser(tx: AppDb, user: NewUser, passwordHash: string, at: string): UserRow {
  assertUnique(tx, user);
  assertRoleExists(tx, user.roleId);
  return tx
    .insert(users)
    .values({
      id: newId(),
      email: loginKey(user.email),
      username: loginKey(user.username),
      fullName: user.fullName,
      passwordHash,
      roleId: user.roleId,
      isSuperuser: user.isSuperuser ?? false,
      createdAt: at,
      updatedAt: at,
    })
    .returning()
    .get();
}

export async function createUser(ctx: ServiceContext, input: z.output<typeof userCreateInput>): Promise<UserDto> {
  // Hash before the transaction: better-sqlite3 transactions are synchronous.
  assertNotCommonPassword(input.password);
  const passwordHash = await hashPassword(input.password);
  return inTransaction(ctx, (tx, emit) => {
    assertCanAssignRole(ctx, tx, input.roleId);
    const row = insertUser(tx, input, passwordHash, nowIso(ctx));
    emit({ entity: 'user', id: row.id, kind: 'created' });
    return getUserDto(tx, row.id);
  });
}

export function listUsers(ctx: ServiceContext, input: { q?: string | undefined; includeInactive?: boolean | undefined }): UserDto[] {
  const q = input.q?.trim();
  const pattern = q ? containsPattern(q) : null;
  return userWithRole(ctx.db)
    .where(
      and(
        input.includeInactive ? undefined : eq(users.isActive, true),
        pattern
          ? or(
              sql`fold(${users.fullName}) like fold(${pattern}) escape '\\'`,
              sql`fold(${users.username}) like fold(${pattern}) escape '\\'`,
              sql`fold(${users.email}) like fold(${pattern}) escape '\\'`,
            )
          : undefined,
      ),
    )
    .orderBy(asc(users.fullName))
    .all()
    .map((r) => toUserDto(r.user, r.roleName));
}

export function userDirectory(ctx: ServiceContext, input: { includeInactive?: boolean | undefined } = {}): DirectoryUser[] {
  return userWithRole(ctx.db)
    .where(input.includeInactive ? undefined : eq(users.isActive, true))
    .orderBy(asc(users.fullName))
    .all()
    .map(({ user, roleName, rolePermissions }) => {
      const holder = { isSuperuser: user.isSuperuser, permissions: normalizePermissions(rolePermissions) };
      return {
        id: user.id,
        fullName: user.fullName,
        username: user.username,
        roleName,
        isActive: user.isActive,
        // Who may be a technician (workOrders' assertEligibleTechnician): executing OTs, not only planning them.
        canExecuteWorkOrders: canBeTechnician(holder),
      };
    });
}

/** Exported so a test can read its query plan. */
export const OPEN_WORK_ORDERS_SQL = "SELECT status, count(*) AS n FROM work_orders WHERE technician_id = ? AND status IN ('scheduled', 'in_progress') GROUP BY status";

/**
 * How many OTs a user still holds, scheduled and in progress, any date: they stay assigned when the user is
 * deactivated, and the board keeps the user's row while there is one. One seek into ix_work_orders_open_technician.
 */
export function openWorkOrderCounts(ctx: ServiceContext, id: string): OpenWorkOrderCounts {
  if (!ctx.db.select({ id: users.id }).from(users).where(eq(users.id, id)).get()) throw notFound('user', id);
  const rows = prepared(ctx.sqlite, OPEN_WORK_ORDERS_SQL).all(id) as { status: 'scheduled' | 'in_progress'; n: number }[];
  const count = (status: string) => rows.find((r) => r.status === status)?.n ?? 0;
  return { scheduled: count('scheduled'), inProgress: count('in_progress') };
}

function guardLastAdmin(tx: AppDb, target: UserRow, becomingInactive: boolean): void {
  if (!becomingInactive || !target.isSuperuser) return;
  const others = tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.isSuperuser, true), eq(users.isActive, true), ne(users.id, target.id)))
    .get();
  if (!others) {
    throw new AppError('CONFLICT', 'the last active administrator cannot be deactivated', { reason: 'last_admin' });
  }
}

export function updateUser(ctx: ServiceContext, input: z.output<typeof userUpdateInput>): UserDto {
  return inTransaction(ctx, (tx, emit) => {
    const current = tx.select().from(users).where(eq(users.id, input.id)).get();
    if (!current) throw notFound('user', input.id);
    assertCanManage(ctx, tx, current);
    if (input.roleId !== undefined) assertCanAssignRole(ctx, tx, input.roleId);
    assertUnique(tx, { ...(input.email ? { email: input.email } : {}), ...(input.username ? { username: input.username } : {}) }, input.id);
    assertRoleExists(tx, input.roleId);
    guardLastAdmin(tx, current, input.isActive === false);
    const patch = {
      ...(input.email !== undefined ? { email: loginKey(input.email) } : {}),
      ...(input.username !== undefined ? { username: loginKey(input.username) } : {}),
      ...(input.fullName !== undefined ? { fullName: input.fullName } : {}),
      ...(input.roleId !== undefined ? { roleId: input.roleId } : {}),
      ...(input.isActive !== undefined ? { isActive: input.isActive } : {}),
    };
    saveVersioned(tx, users, 'user', { id: input.id, version: input.version }, patch, nowIso(ctx), { bumpVersion: true });
    emit({ entity: 'user', id: input.id, kind: 'updated' });
    return getUserDto(tx, input.id);
  });
}

export function deactivateUser(ctx: ServiceContext, input: { id: string; version: number }): UserDto {
  return updateUser(ctx, { id: input.id, version: input.version, isActive: false });
}

export async function resetPassword(ctx: ServiceContext, id: string, newPassword: string): Promise<null> {
  assertNotCommonPassword(newPassword, 'newPassword');
  const passwordHash = await hashPassword(newPassword);
  return inTransaction(ctx, (tx, emit) => {
    const target = tx.select({ isSuperuser: users.isSuperuser, roleId: users.roleId }).from(users).where(eq(users.id, id)).get();
    if (target) assertCanManage(ctx, tx, target);
    const result = tx
      .update(users)
      // A new password is a change of the row: forms showing the old version must reload (as after a remote change).
      .set({ passwordHash, failedLogins: 0, lockedUntil: null, updatedAt: nowIso(ctx), version: sql`${users.version} + 1` })
      .where(eq(users.id, id))
      .run();
    if (result.changes === 0) throw notFound('user', id);
    emit({ entity: 'user', id, kind: 'updated' });
    return null;
  });
}
