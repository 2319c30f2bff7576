// A user admin who is not a superuser cannot climb: no granting what they lack, no taking over stronger accounts.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestApp, type Caller, type TestApp } from '../support/backend';
import { expectError } from './helpers';
import { versionOf } from '../support/versions';

let app: TestApp;
let manager: Caller;
let managerId: string;
let roleIds: Map<string, string>;

beforeEach(async () => {
  app = await startTestApp();
  // A people manager: may administer users, and read tickets, nothing else.
  const role = await app.admin.call('roles.create', { name: 'Personal', permissions: ['users:admin', 'tickets:read'] });
  const user = await app.admin.call('users.create', { email: 'rrhh@example.com', username: 'rrhh', password: 'rrhh-password-1', fullName: 'RRHH', roleId: role.id });
  managerId = user.id;
  manager = app.caller();
  await manager.call('auth.login', { login: 'rrhh', password: 'rrhh-password-1' });
  roleIds = new Map((await app.admin.call('roles.list', {})).map((r) => [r.name, r.id]));
});
afterEach(() => app.close());

const person = (name: string, roleId: string | null) => ({ email: `${name}@example.com`, username: name, password: `${name}-password-1`, fullName: name, roleId });

describe('granting', () => {
  it('may create users with roles within their own permissions', async () => {
    await manager.call('users.create', person('lector', roleIds.get('Personal') as string));
    await manager.call('users.create', person('sinrol', null));
  });

  it('cannot create a user with a stronger role, nor give one to anybody (themselves included)', async () => {
    const error = await expectError(manager, 'users.create', person('jefe', roleIds.get('Administrador') as string), 'FORBIDDEN', 'cannot_grant');
    expect(error.details?.permissions).toEqual(['*']);
    await expectError(manager, 'users.create', person('tec', roleIds.get('Técnico') as string), 'FORBIDDEN', 'cannot_grant');
    await expectError(manager, 'users.update', { id: managerId, version: await versionOf(app.admin, 'user', managerId), roleId: roleIds.get('Administrador') as string }, 'FORBIDDEN', 'cannot_grant');
    expect((await manager.call('auth.me', {})).permissions).toEqual(['tickets:read', 'users:admin']);
  });

  it('cannot create or widen a role beyond their own permissions, nor edit a stronger role', async () => {
    await expectError(manager, 'roles.create', { name: 'Todo', permissions: ['*'] }, 'FORBIDDEN', 'cannot_grant');
    await expectError(manager, 'roles.create', { name: 'Config', permissions: ['settings:admin'] }, 'FORBIDDEN', 'cannot_grant');
    const own = await manager.call('roles.create', { name: 'Lectores', permissions: ['tickets:read'] });
    await expectError(manager, 'roles.update', { id: own.id, version: await versionOf(app.admin, 'role', own.id), permissions: ['tickets:read', 'catalog:write'] }, 'FORBIDDEN', 'cannot_grant');
    await expectError(manager, 'roles.update', { id: roleIds.get('Administrador') as string, version: await versionOf(app.admin, 'role', roleIds.get('Administrador') as string), permissions: [] }, 'FORBIDDEN', 'cannot_grant');
  });
});

describe('managing stronger accounts', () => {
  it('cannot reset, edit or deactivate a superuser', async () => {
    const admin = (await app.admin.call('auth.me', {})).user;
    await expectError(manager, 'users.resetPassword', { id: admin.id, newPassword: 'taken-over-1' }, 'FORBIDDEN', 'superuser_only');
    await expectError(manager, 'users.update', { id: admin.id, version: await versionOf(app.admin, 'user', admin.id), email: 'mine@example.com' }, 'FORBIDDEN', 'superuser_only');
    await expectError(manager, 'users.deactivate', { id: admin.id, version: await versionOf(app.admin, 'user', admin.id) }, 'FORBIDDEN', 'superuser_only');
    await app.caller().call('auth.login', { login: 'admin', password: 'admin-password-1' }); // still the admin's password
  });

  it('cannot reset the password of a user whose role holds more', async () => {
    const tech = await app.userWithRole('Técnico', 'tec1');
    await expectError(manager, 'users.resetPassword', { id: tech.id, newPassword: 'taken-over-1' }, 'FORBIDDEN', 'cannot_manage');
    await expectError(manager, 'users.deactivate', { id: tech.id, version: await versionOf(app.admin, 'user', tech.id) }, 'FORBIDDEN', 'cannot_manage');
  });

  it('superusers and * holders are not limited', async () => {
    const tech = await app.userWithRole('Técnico', 'tec1');
    await app.admin.call('users.resetPassword', { id: tech.id, newPassword: 'by-the-admin-1' });
    const wildcard = await app.userWithRole('Administrador', 'jefa');
    await wildcard.caller.call('roles.create', { name: 'Todo', permissions: ['*'] });
    await wildcard.caller.call('users.update', { id: tech.id, version: await versionOf(wildcard.caller, 'user', tech.id), roleId: roleIds.get('Supervisor') as string });
    const admin = (await app.admin.call('auth.me', {})).user;
    // A * role is not a superuser: the superuser account stays out of reach.
    await expectError(wildcard.caller, 'users.resetPassword', { id: admin.id, newPassword: 'taken-over-1' }, 'FORBIDDEN', 'superuser_only');
  });
});
