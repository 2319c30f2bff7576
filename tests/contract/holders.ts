// Signed-in users for every default role, a role with *, roles with one admin permission each, a superuser with no role
// and a user with no role.
import { expect } from 'vitest';
import { allows, PERMISSIONS, type Access, type PermissionHolder } from '../../electron/contract';
import type { Envelope } from '../../electron/contract';
import type { TestApp } from '../support/backend';

export interface Holder extends PermissionHolder {
  label: string;
  userId: string;
}

export async function makeHolders(app: TestApp): Promise<Holder[]> {
  const holders: Holder[] = [];
  const add = async (label: string, roleId: string | null, permissions: string[], superuser = false) => {
    const username = `holder${holders.length + 1}`;
    const user = await app.admin.call('users.create', { email: `${username}@example.com`, username, password: `${username}-password-1`, fullName: label, roleId });
    if (superuser) app.backend.database.sqlite.prepare('UPDATE users SET is_superuser = 1 WHERE id = ?').run(user.id);
    holders.push({ label, userId: user.id, isSuperuser: superuser, permissions });
  };
  const roles = await app.admin.call('roles.list', {});
  expect(roles.length).toBeGreaterThanOrEqual(5);
  for (const role of roles) await add(`role ${role.name}`, role.id, role.permissions);
  const wildcard = await app.admin.call('roles.create', { name: 'Comodín', permissions: ['*'] });
  await add('role with *', wildcard.id, ['*']);
  // One admin permission alone: where a channel asks for a stronger one, these show it (permission-table.ts).
  for (const permission of ['users:admin', 'settings:admin', 'catalog:write'] as const) {
    const role = await app.admin.call('roles.create', { name: `${permission} only`, permissions: [permission] });
    await add(`role ${permission} only`, role.id, [permission]);
  }
  await add('superuser without a role', null, [], true);
  await add('user without a role', null, []);
  return holders;
}

/** Calls a channel as a holder with a freshly minted session, so a logout in one call cannot spoil the next. */
export async function callAs(app: TestApp, holder: Holder | null, channel: string, input: unknown): Promise<Envelope<unknown>> {
  const token = holder ? app.backend.sessions.create(holder.userId) : null;
  const result = await app.backend.dispatch({ sessionToken: token }, channel, input);
  return result.envelope;
}

const KNOWN_ACCESS = new Set<string>(['public', 'session', ...PERMISSIONS]);

/** Why an access rule is not valid, or null when it is. `'*'` alone means administrators only (full access). */
export function accessProblem(access: unknown): string | null {
  if (typeof access === 'string') return KNOWN_ACCESS.has(access) ? null : `unknown access ${access}`;
  if (Array.isArray(access)) {
    if (access.length === 0) return 'an empty list would let nobody in';
    const bad = access.filter((p) => typeof p !== 'string' || !PERMISSIONS.includes(p as never) || p === '*');
    return bad.length ? `unknown permissions ${JSON.stringify(bad)}` : null;
  }
  return `access is ${access === undefined ? 'missing' : typeof access}`;
}

export const expectedForbidden = (holder: Holder, access: Access): boolean => !allows(holder, access);
