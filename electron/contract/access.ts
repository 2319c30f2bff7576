// Permission logic shared by the router (enforces) and the renderer (hides what you cannot do).
import type { Permission } from '../../shared/enums';
import type { Access } from './define';

/** A role's permissions may be stored as a list or as the seed's {permissions: [...]}; both are read. */
export function normalizePermissions(raw: unknown): string[] {
  const list = Array.isArray(raw)
    ? raw
    : raw !== null && typeof raw === 'object' && Array.isArray((raw as { permissions?: unknown }).permissions)
      ? (raw as { permissions: unknown[] }).permissions
      : [];
  return [...new Set(list.filter((p): p is string => typeof p === 'string'))];
}

export interface PermissionHolder {
  isSuperuser: boolean;
  permissions: readonly string[] | ReadonlySet<string>;
}

export function hasPermission(holder: PermissionHolder, permission: Permission): boolean {
  if (holder.isSuperuser) return true;
  const has = (p: string) =>
    holder.permissions instanceof Set ? holder.permissions.has(p) : (holder.permissions as readonly string[]).includes(p);
  return has('*') || has(permission);
}

/** Whether a signed-in holder passes a channel's access rule (`public`/`session` always do). */
export function allows(holder: PermissionHolder, access: Access): boolean {
  if (access === 'public' || access === 'session') return true;
  const anyOf: readonly Permission[] = typeof access === 'string' ? [access] : access;
  return anyOf.some((p) => hasPermission(holder, p));
}
