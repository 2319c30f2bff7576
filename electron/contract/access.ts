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

/**
 * Carrying out an OT — starting it, its parts, checklist, photos, work done, signatures, completing it — takes
 * workorders:execute: on one's own OT, or on anyone's with workorders:write too (a Supervisor). Planning alone
 * (workorders:write, the Agente) is not doing the visit (DESIGN: the dispatcher requests and schedules visits).
 */
export function mayCarryOut(holder: PermissionHolder, userId: string | undefined, technicianId: string | null | undefined): boolean {
  if (!hasPermission(holder, 'workorders:execute')) return false;
  return (technicianId != null && technicianId === userId) || hasPermission(holder, 'workorders:write');
}

/** An OT's internal notes: whoever plans it (workorders:write), or its own technician. */
export function mayWriteNotes(holder: PermissionHolder, userId: string | undefined, technicianId: string | null | undefined): boolean {
  return hasPermission(holder, 'workorders:write') || (hasPermission(holder, 'workorders:execute') && technicianId != null && technicianId === userId);
}

/**
 * Who may open the inbox: whoever may make some conflict's resolving edit (DESIGN: a supervisor resolves it; the
 * resolution is an ordinary edit): tickets:write (supervisors, agents; tickets and OTs) or catalog:write (customers,
 * products). The list shows only conflicts on records the caller may change, and resolving checks that record's own
 * permission again. Not users:admin: no conflict is on a user or role, and it showed ticket text to people without
 * tickets:read. Not workorders:execute: technicians act only on their own OTs, and the inbox reaches every ticket.
 */
export const CONFLICT_INBOX_ACCESS = ['tickets:write', 'catalog:write'] as const satisfies readonly Permission[];
