// Ops of one made-up member device whose authors hold different rights, for the authority tests of the laptop
// (team-op-authority.test.ts) and of the PostgreSQL hub (pg-parity.test.ts): the team tables need full access as
// the team channels do, a conflict resolution needs the inbox's rights, an alias only comes from a join, and a user
// admin without full access hands out no more than it holds (the channels' grant guard, services/users/grants.ts),
// and a delete needs what the channels that delete need.
import type { OpRecord } from '../../electron/services/sync/capture';
import { formatHlc } from '../../electron/services/sync/hlc';

export const AUTHORITY_DEVICE = 'a17e0a17e0a17e01';
const T = { created_at: 'x', updated_at: 'x' };
const TICKET = {
  code: 'TK-2026-990101', title: 'Bomba', description: '', status: 'open', priority: 'low', category_id: null, customer_id: null,
  assigned_to_id: null, resolution: null, closed_at: null, ...T,
};

export interface AuthorityCase {
  op: OpRecord;
  /** What every copy decides. */
  expected: 'applied' | 'forbidden';
}

/**
 * People first (a superuser with no author, as a copy's first administrator; then roles and users it makes), then
 * each ruled op once by someone without the right and once by someone with it. `startMs`: the first op's wall time.
 */
export function authorityCases(startMs: number): AuthorityCase[] {
  let seq = 0;
  const op = (entity: string, rowId: string, kind: OpRecord['kind'], fields: Record<string, unknown>, authorId: string | null): OpRecord => ({
    deviceId: AUTHORITY_DEVICE,
    seq: ++seq,
    hlc: formatHlc({ wallMs: startMs + seq * 1000, counter: 0, deviceId: AUTHORITY_DEVICE }),
    entity,
    rowId,
    kind,
    fields,
    base: null,
    authorId,
    schemaVersion: 1,
  });
  const boss = 'auth-boss';
  const role = (id: string, name: string, permissions: string[]) => op('roles', id, 'insert', { name, permissions: JSON.stringify(permissions), ...T }, boss);
  const user = (id: string, roleId: string | null, superuser = 0) =>
    op('users', id, 'insert', { email: `${id}@example.com`, username: id, full_name: id, password_hash: 'h', is_active: 1, is_superuser: superuser, role_id: roleId, ...T }, superuser ? null : boss);
  const user2 = (id: string, roleId: string | null, by: string, superuser = 0) =>
    op('users', id, 'insert', { email: `${id}@example.com`, username: id, full_name: id, password_hash: 'h', is_active: 1, is_superuser: superuser, role_id: roleId, ...T }, by);
  const role2 = (id: string, permissions: string[], by: string) => op('roles', id, 'insert', { name: id, permissions: JSON.stringify(permissions), ...T }, by);
  const invitation = (id: string, by: string) => op('team_invitations', id, 'insert', { slot: 60 + seq, expires_at: 'x', created_by: by, ...T }, by);
  const member = (deviceId: string, by: string) =>
    op('team_members', deviceId, 'insert', { slot: 70 + seq, name: deviceId, public_key: 'k', invitation_id: null, revoked_at: null, revoked_by: null, ...T }, by);
  const revoke = (deviceId: string, by: string) => op('team_members', deviceId, 'update', { revoked_at: '2026-01-01T00:00:00.000Z', revoked_by: by }, by);
  const resolution = (id: string, by: string) => op('conflict_resolutions', id, 'insert', { conflict_id: `c-${id}`, resolved_by: by, choice: 'keep', note: null, ...T }, by);
  const alias = (id: string, by: string) => op('code_aliases', id, 'insert', { entity: 'tickets', row_id: 't-x', code: `TK-2026-0${seq}`, ...T }, by);
  const applied = (record: OpRecord): AuthorityCase => ({ op: record, expected: 'applied' });
  const forbidden = (record: OpRecord): AuthorityCase => ({ op: record, expected: 'forbidden' });
  return [
    applied(user(boss, null, 1)),
    applied(role('auth-r-users', 'Solo usuarios', ['users:admin', 'settings:admin'])),
    applied(role('auth-r-full', 'Acceso total B', ['*'])),
    applied(role('auth-r-desk', 'Mostrador B', ['tickets:read', 'tickets:write'])),
    applied(role('auth-r-settings', 'Ajustes B', ['settings:admin'])),
    applied(role('auth-r-tec', 'Técnico B', ['tickets:read', 'workorders:read', 'workorders:execute'])),
    applied(role('auth-r-disp', 'Despacho B', ['tickets:read', 'workorders:read', 'workorders:write'])),
    applied(user('auth-useradmin', 'auth-r-users')),
    applied(user('auth-full', 'auth-r-full')),
    applied(user('auth-desk', 'auth-r-desk')),
    applied(user('auth-tec', 'auth-r-tec')),
    applied(user('auth-disp', 'auth-r-disp')),
    // The team tables: users:admin alone is not enough (team channels need '*'); full access and a superuser are.
    forbidden(invitation('auth-inv-1', 'auth-useradmin')),
    forbidden(member('a17e0a17e0a17e02', 'auth-useradmin')),
    applied(invitation('auth-inv-2', 'auth-full')),
    applied(member('a17e0a17e0a17e03', 'auth-full')),
    forbidden(revoke('a17e0a17e0a17e03', 'auth-useradmin')),
    applied(revoke('a17e0a17e0a17e03', boss)),
    // A conflict resolution: the inbox's rights (tickets:write or catalog:write), not users:admin.
    forbidden(resolution('auth-res-1', 'auth-useradmin')),
    applied(resolution('auth-res-2', 'auth-desk')),
    // A code alias comes only from renumbering at a join (full access): a desk cannot point an old code elsewhere.
    forbidden(alias('auth-alias-1', 'auth-desk')),
    applied(alias('auth-alias-2', 'auth-full')),
    // Grants: a user admin (users:admin + settings:admin) manages people and roles within what it holds, no further.
    applied(user2('auth-new-1', 'auth-r-settings', 'auth-useradmin')),
    applied(op('users', 'auth-new-1', 'update', { full_name: 'Nueva' }, 'auth-useradmin')),
    applied(op('roles', 'auth-r-settings', 'update', { name: 'Ajustes C' }, 'auth-useradmin')),
    forbidden(user2('auth-new-super', null, 'auth-useradmin', 1)),
    forbidden(user2('auth-new-2', 'auth-r-desk', 'auth-useradmin')),
    forbidden(op('users', 'auth-desk', 'update', { role_id: 'auth-r-full' }, 'auth-useradmin')),
    forbidden(op('users', 'auth-full', 'update', { full_name: 'Otra' }, 'auth-useradmin')),
    forbidden(op('users', boss, 'update', { password_hash: 'mine' }, 'auth-useradmin')),
    forbidden(op('users', 'auth-useradmin', 'update', { is_superuser: 1 }, 'auth-useradmin')),
    forbidden(op('roles', 'auth-r-users', 'update', { permissions: JSON.stringify(['*']) }, 'auth-useradmin')),
    forbidden(op('roles', 'auth-r-settings', 'update', { permissions: 'not JSON' }, 'auth-useradmin')),
    forbidden(role2('auth-r-more', ['tickets:write'], 'auth-useradmin')),
    forbidden(op('roles', 'auth-r-full', 'delete', {}, 'auth-useradmin')),
    // Anyone changes their own password.
    applied(op('users', 'auth-desk', 'update', { password_hash: 'h2', updated_at: 'y' }, 'auth-desk')),
    // Deletes only where a channel deletes (a customer: the catalog); rows no channel deletes, only full access.
    applied(op('customers', 'auth-cust-1', 'insert', { name: 'Cliente B', contact_name: null, phone: null, email: null, address: null, notes: null, ...T }, 'auth-desk')),
    forbidden(op('customers', 'auth-cust-1', 'delete', {}, 'auth-desk')),
    forbidden(op('tickets', 'auth-t-none', 'delete', {}, 'auth-desk')),
    forbidden(op('ticket_timeline', 'auth-ev-none', 'delete', {}, 'auth-desk')),
    forbidden(op('users', 'auth-new-1', 'delete', {}, 'auth-useradmin')),
    forbidden(op('conflict_resolutions', 'auth-res-2', 'delete', {}, 'auth-desk')),
    applied(op('customers', 'auth-cust-1', 'delete', {}, 'auth-full')),
    // A ticket is edited by the desk; OT people only touch what their channels touch (progress, the list's order).
    applied(op('tickets', 'auth-t-1', 'insert', { ...TICKET, creator_id: 'auth-desk' }, 'auth-desk')),
    forbidden(op('tickets', 'auth-t-2', 'insert', { ...TICKET, code: 'TK-2026-990102', creator_id: 'auth-tec' }, 'auth-tec')),
    applied(op('tickets', 'auth-t-1', 'update', { updated_at: 'y' }, 'auth-tec')),
    forbidden(op('tickets', 'auth-t-1', 'update', { title: 'Cambiado por el técnico' }, 'auth-tec')),
    forbidden(op('tickets', 'auth-t-1', 'update', { status: 'in_progress', updated_at: 'y' }, 'auth-tec')),
    applied(op('tickets', 'auth-t-1', 'update', { status: 'in_progress', updated_at: 'z' }, 'auth-disp')),
    forbidden(op('tickets', 'auth-t-1', 'update', { status: 'resolved' }, 'auth-disp')),
    forbidden(op('tickets', 'auth-t-1', 'update', { priority: 'critical', updated_at: 'z' }, 'auth-disp')),
    applied(op('tickets', 'auth-t-1', 'update', { title: 'Cambiado en mostrador' }, 'auth-desk')),
  ];
}
