// Roles and their permission lists, including the five default roles created at setup.
import { asc, count, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Permission } from '../../../shared/enums';
import { DEFAULT_ROLE_WORDS } from '../../../shared/words';
import type { AppDb } from '../../../db/open';
import { roles, users } from '../../../db/schema';
import { AppError, notFound, type RoleDto } from '../../contract';
import { normalizePermissions } from '../../contract/access';
import type { roleCreateInput, roleUpdateInput } from '../../contract/users';
import { inTransaction, nowIso, type ServiceContext } from '../context';
import { newId } from '../ids';
import { saveVersioned } from '../versioned';
import { findSameName } from '../text';
import { assertCanGrant } from './grants';

export const DEFAULT_ROLES: readonly { name: string; permissions: Permission[] }[] = [
  { name: DEFAULT_ROLE_WORDS.es.administrator, permissions: ['*'] },
  {
    name: DEFAULT_ROLE_WORDS.es.supervisor,
    permissions: [
      'tickets:read',
      'tickets:write',
      'workorders:read',
      'workorders:write',
      'workorders:execute',
      'reports:export',
      'catalog:write',
    ],
  },
  { name: DEFAULT_ROLE_WORDS.es.technician, permissions: ['tickets:read', 'workorders:read', 'workorders:execute', 'reports:export'] },
  { name: DEFAULT_ROLE_WORDS.es.agent, permissions: ['tickets:read', 'tickets:write', 'workorders:read', 'workorders:write', 'reports:export'] },
  { name: DEFAULT_ROLE_WORDS.es.readOnly, permissions: ['tickets:read', 'workorders:read'] },
];

export function ensureDefaultRoles(tx: AppDb, at: string): void {
  for (const role of DEFAULT_ROLES) {
    tx.insert(roles)
      .values({ id: newId(), name: role.name, permissions: role.permissions, createdAt: at, updatedAt: at })
      .onConflictDoNothing()
      .run();
  }
}

export function findRoleByName(db: AppDb, name: string) {
  return findSameName(db.select().from(roles).all(), (role) => role.name, name);
}

function toRoleDto(row: typeof roles.$inferSelect, userCount: number): RoleDto {
  return {
    id: row.id,
    name: row.name,
    permissions: normalizePermissions(row.permissions),
    userCount,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function userCountOf(db: AppDb, roleId: string): number {
  return db.select({ n: count() }).from(users).where(eq(users.roleId, roleId)).get()?.n ?? 0;
}

export function listRoles(ctx: ServiceContext): RoleDto[] {
  const counts = new Map(
    ctx.db
      .select({ roleId: users.roleId, n: count() })
      .from(users)
      .groupBy(users.roleId)
      .all()
      .map((r) => [r.roleId, r.n]),
  );
  return ctx.db
    .select()
    .from(roles)
    .orderBy(asc(roles.name))
    .all()
    .map((row) => toRoleDto(row, counts.get(row.id) ?? 0));
}

function assertNameFree(db: AppDb, name: string, exceptId?: string): void {
  const existing = findRoleByName(db, name);
  if (existing && existing.id !== exceptId) {
    throw new AppError('CONFLICT', `a role named ${name} already exists`, { reason: 'duplicate', field: 'name' });
  }
}

export function createRole(ctx: ServiceContext, input: z.output<typeof roleCreateInput>): RoleDto {
  return inTransaction(ctx, (tx, emit) => {
    assertCanGrant(ctx, input.permissions);
    assertNameFree(tx, input.name);
    const at = nowIso(ctx);
    const row = tx
      .insert(roles)
      .values({ id: newId(), name: input.name, permissions: input.permissions, createdAt: at, updatedAt: at })
      .returning()
      .get();
    emit({ entity: 'role', id: row.id, kind: 'created' });
    return toRoleDto(row, 0);
  });
}

export function updateRole(ctx: ServiceContext, input: z.output<typeof roleUpdateInput>): RoleDto {
  return inTransaction(ctx, (tx, emit) => {
    const current = tx.select().from(roles).where(eq(roles.id, input.id)).get();
    if (!current) throw notFound('role', input.id);
    // Both sides: no adding what you lack, no editing a role (say Administrador) that holds more than you.
    assertCanGrant(ctx, [...normalizePermissions(current.permissions), ...(input.permissions ?? [])]);
    if (input.name !== undefined) assertNameFree(tx, input.name, input.id);
    const patch = {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.permissions !== undefined ? { permissions: input.permissions } : {}),
    };
    saveVersioned(tx, roles, 'role', { id: input.id, version: input.version }, patch, nowIso(ctx), { bumpVersion: true });
    const row = tx.select().from(roles).where(eq(roles.id, input.id)).get() ?? current;
    emit({ entity: 'role', id: row.id, kind: 'updated' });
    return toRoleDto(row, userCountOf(tx, row.id));
  });
}

export function deleteRole(ctx: ServiceContext, id: string): null {
  return inTransaction(ctx, (tx, emit) => {
    const current = tx.select().from(roles).where(eq(roles.id, id)).get();
    if (!current) throw notFound('role', id);
    // The same guard as update: deleting a stronger role is a change to it the user admin could not make.
    assertCanGrant(ctx, normalizePermissions(current.permissions));
    const inUse = userCountOf(tx, id);
    if (inUse > 0) {
      throw new AppError('CONFLICT', `role ${current.name} is assigned to ${inUse} user(s)`, { reason: 'in_use', count: inUse });
    }
    tx.delete(roles).where(eq(roles.id, id)).run();
    emit({ entity: 'role', id, kind: 'deleted' });
    return null;
  });
}
