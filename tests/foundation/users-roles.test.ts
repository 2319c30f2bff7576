// User accounts and roles through the router: CRUD, uniqueness, role permissions in both stored forms.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../electron/services/ids';
import { startTestApp, type TestApp } from '../support/backend';
import { expectError } from './helpers';
import { settingsVersions, versionOf } from '../support/versions';

let app: TestApp;
let roleIds: Map<string, string>;
beforeEach(async () => {
  app = await startTestApp();
  roleIds = new Map((await app.admin.call('roles.list', {})).map((r) => [r.name, r.id]));
});
afterEach(() => app.close());

const newUser = (name: string, roleId: string | null) => ({
  email: `${name}@example.com`,
  username: name,
  password: `${name}-password-1`,
  fullName: `Persona ${name}`,
  roleId,
});

describe('users', () => {
  it('create, list, update and deactivate', async () => {
    const created = await app.admin.call('users.create', newUser('maria', roleIds.get('Agente') as string));
    expect(created).toMatchObject({ username: 'maria', email: 'maria@example.com', roleName: 'Agente', isActive: true, isSuperuser: false });
    expect((await app.admin.call('users.list', {})).map((u) => u.username).sort()).toEqual(['admin', 'maria']);
    expect((await app.admin.call('users.list', { q: 'MARI' })).map((u) => u.username)).toEqual(['maria']);
    expect(await app.admin.call('users.list', { q: '%' })).toEqual([]); // LIKE wildcards are taken literally

    const updated = await app.admin.call('users.update', {
      id: created.id,
      version: created.version,
      fullName: 'María Gómez',
      email: 'Maria.Gomez@Example.com',
      roleId: roleIds.get('Supervisor') as string,
    });
    expect(updated).toMatchObject({ fullName: 'María Gómez', email: 'maria.gomez@example.com', roleName: 'Supervisor' });

    const deactivated = await app.admin.call('users.deactivate', { id: created.id, version: await versionOf(app.admin, 'user', created.id) });
    expect(deactivated.isActive).toBe(false);
    expect((await app.admin.call('users.list', {})).map((u) => u.username)).toEqual(['admin']);
    expect((await app.admin.call('users.list', { includeInactive: true })).map((u) => u.username).sort()).toEqual(['admin', 'maria']);
    expect((await app.admin.call('users.directory', {})).map((u) => u.username)).toEqual(['admin']);
  });

  it.each([
    ['email', { email: 'ADMIN@example.COM', username: 'someone' }],
    ['username', { email: 'someone@example.com', username: 'Admin' }],
  ])('a duplicate %s (any case) is a CONFLICT naming the field', async (field, clash) => {
    const error = await expectError(app.admin, 'users.create', { ...newUser('x', null), ...clash }, 'CONFLICT', `duplicate_${field}`);
    expect(error.details?.field).toBe(field);
    const other = await app.admin.call('users.create', newUser('luis', null));
    const onUpdate = await expectError(app.admin, 'users.update', { id: other.id, version: await versionOf(app.admin, 'user', other.id), ...clash }, 'CONFLICT');
    expect(onUpdate.details?.field).toBe(field);
  });

  it('parallel creates of the same username give one user and CONFLICTs, never INTERNAL', async () => {
    const attempts = await Promise.all(
      ['a', 'b', 'c', 'd'].map((s) => app.admin.envelope('users.create', { ...newUser('twin', null), email: `twin-${s}@example.com` })),
    );
    expect(attempts.filter((e) => e.ok)).toHaveLength(1);
    for (const failed of attempts.filter((e) => !e.ok)) expect(failed).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { field: 'username' } } });
  });

  it('a user may keep their own email and username, even re-cased (stored in their normalised form)', async () => {
    const luis = await app.admin.call('users.create', newUser('luis', null));
    const same = await app.admin.call('users.update', { id: luis.id, version: await versionOf(app.admin, 'user', luis.id), username: 'LUIS', email: 'LUIS@example.com' });
    expect(same.username).toBe('luis');
  });

  it('an unknown role is a VALIDATION error, on create and update', async () => {
    await expectError(app.admin, 'users.create', newUser('ana', newId()), 'VALIDATION', 'unknown_role');
    const ana = await app.admin.call('users.create', newUser('ana', null));
    await expectError(app.admin, 'users.update', { id: ana.id, version: await versionOf(app.admin, 'user', ana.id), roleId: newId() }, 'VALIDATION', 'unknown_role');
  });

  it('unknown users are NOT_FOUND', async () => {
    await expectError(app.admin, 'users.update', { id: newId(), version: 1, fullName: 'x' }, 'NOT_FOUND', 'not_found');
    await expectError(app.admin, 'users.deactivate', { id: newId(), version: 1 }, 'NOT_FOUND', 'not_found');
    await expectError(app.admin, 'users.resetPassword', { id: newId(), newPassword: 'long-enough-1' }, 'NOT_FOUND', 'not_found');
  });

  it('only users:admin may manage users', async () => {
    const tech = await app.userWithRole('Técnico', 'tec1');
    await expectError(tech.caller, 'users.create', newUser('x', null), 'FORBIDDEN', 'forbidden');
    await expectError(tech.caller, 'users.resetPassword', { id: tech.id, newPassword: 'long-enough-1' }, 'FORBIDDEN');
    expect((await tech.caller.call('users.directory', {})).length).toBe(2);
  });
});

describe('role permissions', () => {
  it('the seed’s {permissions: [...]} form is read like a list', async () => {
    const roleId = newId();
    app.backend.database.sqlite
      .prepare("INSERT INTO roles (id, name, permissions) VALUES (?, 'Catalogador', '{\"permissions\": [\"catalog:write\"]}')")
      .run(roleId);
    const listed = (await app.admin.call('roles.list', {})).find((r) => r.id === roleId);
    expect(listed?.permissions).toEqual(['catalog:write']);
    await app.admin.call('users.create', newUser('cat', roleId));
    const caller = app.caller();
    await caller.call('auth.login', { login: 'cat', password: 'cat-password-1' });
    expect((await caller.call('auth.me', {})).permissions).toEqual(['catalog:write']);
    await caller.call('categories.create', { name: 'Impresoras' });
    await expectError(caller, 'users.list', {}, 'FORBIDDEN');
  });

  it('malformed stored permissions grant nothing instead of failing', async () => {
    const roleId = newId();
    app.backend.database.sqlite.prepare("INSERT INTO roles (id, name, permissions) VALUES (?, 'Raro', '{\"perms\": \"*\"}')").run(roleId);
    await app.admin.call('users.create', newUser('raro', roleId));
    const caller = app.caller();
    await caller.call('auth.login', { login: 'raro', password: 'raro-password-1' });
    expect((await caller.call('auth.me', {})).permissions).toEqual([]);
    await expectError(caller, 'categories.create', { name: 'x' }, 'FORBIDDEN');
  });

  it('a role with * passes every check', async () => {
    const role = await app.admin.call('roles.create', { name: 'Todo', permissions: ['*'] });
    await app.admin.call('users.create', newUser('todo', role.id));
    const caller = app.caller();
    await caller.call('auth.login', { login: 'todo', password: 'todo-password-1' });
    await caller.call('users.create', newUser('otro', null));
    await caller.call('settings.update', { versions: await settingsVersions(caller), companyName: 'Acme' });
    await caller.call('categories.create', { name: 'Redes' });
  });

  it('a superuser passes every check even with no role', async () => {
    const me = await app.admin.call('auth.me', {});
    app.backend.database.sqlite.prepare('UPDATE users SET role_id = NULL WHERE id = ?').run(me.user.id);
    await app.admin.call('users.create', newUser('otro', null));
    await app.admin.call('settings.update', { versions: await settingsVersions(app.admin), companyName: 'Acme' });
  });

  it('a changed role applies on the very next call', async () => {
    const role = await app.admin.call('roles.create', { name: 'Cambiante', permissions: ['catalog:write'] });
    await app.admin.call('users.create', newUser('cam', role.id));
    const caller = app.caller();
    await caller.call('auth.login', { login: 'cam', password: 'cam-password-1' });
    await caller.call('categories.create', { name: 'Uno' });
    await app.admin.call('roles.update', { id: role.id, version: await versionOf(app.admin, 'role', role.id), permissions: ['tickets:read'] });
    await expectError(caller, 'categories.create', { name: 'Dos' }, 'FORBIDDEN');
  });

  it('roles: unknown permissions are rejected, names are unique, a role in use cannot be deleted', async () => {
    await expectError(app.admin, 'roles.create', { name: 'Mal', permissions: ['tickets:destroy'] }, 'VALIDATION');
    const dup = await expectError(app.admin, 'roles.create', { name: 'técnico', permissions: [] }, 'CONFLICT', 'duplicate');
    expect(dup.details?.field).toBe('name');
    const role = await app.admin.call('roles.create', { name: 'Temporal', permissions: ['tickets:read'] });
    const user = await app.admin.call('users.create', newUser('temp', role.id));
    expect((await app.admin.call('roles.list', {})).find((r) => r.id === role.id)?.userCount).toBe(1);
    await expectError(app.admin, 'roles.delete', { id: role.id }, 'CONFLICT', 'in_use');
    await app.admin.call('users.update', { id: user.id, version: await versionOf(app.admin, 'user', user.id), roleId: null });
    await app.admin.call('roles.delete', { id: role.id });
    expect((await app.admin.call('roles.list', {})).some((r) => r.id === role.id)).toBe(false);
    await expectError(app.admin, 'roles.delete', { id: role.id }, 'NOT_FOUND');
  });
});
