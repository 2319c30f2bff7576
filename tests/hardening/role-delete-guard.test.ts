// Issue 18.8: a user admin who is not a superuser cannot delete a role stronger than itself (roles.update refuses the
// same change); roles within their own permissions they still may delete.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError } from '../foundation/helpers';
import { startTestApp, type Caller, type TestApp } from '../support/backend';

let app: TestApp;
let manager: Caller;

beforeAll(async () => {
  app = await startTestApp();
  const role = await app.admin.call('roles.create', { name: 'Personal', permissions: ['users:admin', 'tickets:read'] });
  await app.admin.call('users.create', { email: 'rrhh@example.com', username: 'rrhh', password: 'rrhh-password-1', fullName: 'RRHH', roleId: role.id });
  manager = app.caller();
  await manager.call('auth.login', { login: 'rrhh', password: 'rrhh-password-1' });
});
afterAll(() => app.close());

const roleNames = async () => (await app.admin.call('roles.list', {})).map((r) => r.name);

describe('roles.delete and the grant guard', () => {
  it('refuses deleting an unused role that holds permissions the user admin lacks', async () => {
    const strong = await app.admin.call('roles.create', { name: 'Supervisores', permissions: ['tickets:write', 'settings:admin'] });
    const error = await expectError(manager, 'roles.delete', { id: strong.id }, 'FORBIDDEN', 'cannot_grant');
    expect(error.details?.permissions).toEqual(['tickets:write', 'settings:admin']);
    expect(await roleNames()).toContain('Supervisores');
    const everything = await app.admin.call('roles.create', { name: 'Todo sin usar', permissions: ['*'] });
    await expectError(manager, 'roles.delete', { id: everything.id }, 'FORBIDDEN', 'cannot_grant');
  });

  it('lets them delete a role within their own permissions, and a superuser any unused role', async () => {
    const own = await manager.call('roles.create', { name: 'Lectores', permissions: ['tickets:read'] });
    await manager.call('roles.delete', { id: own.id });
    const strong = (await app.admin.call('roles.list', {})).find((r) => r.name === 'Supervisores');
    await app.admin.call('roles.delete', { id: strong!.id });
    expect(await roleNames()).not.toContain('Lectores');
    expect(await roleNames()).not.toContain('Supervisores');
  });
});
