// First-run setup and sign-in, driven through the router as the login screen would.
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_ROLES } from '../../electron/services/users/roles';
import { ADMIN, startTestApp, type TestApp } from '../support/backend';
import { errorOf, expectError } from './helpers';
import { versionOf } from '../support/versions';

let app: TestApp;
afterEach(() => app?.close());

describe('first-run setup', () => {
  it('auth.status says setup is needed until the first administrator exists', async () => {
    app = await startTestApp({ setup: false });
    const anonymous = app.caller();
    expect((await anonymous.call('auth.status', {})).needsSetup).toBe(true);
    await anonymous.call('auth.setup', ADMIN);
    expect((await anonymous.call('auth.status', {})).needsSetup).toBe(false);
  });

  it('setup works only while no user exists', async () => {
    app = await startTestApp({ setup: false });
    await app.caller().call('auth.setup', ADMIN);
    const intruder = { ...ADMIN, email: 'mallory@example.com', username: 'mallory' };
    await expectError(app.caller(), 'auth.setup', intruder, 'FORBIDDEN', 'already_set_up');
    // Not even a signed-in admin can run it twice.
    await expectError(app.admin, 'auth.setup', intruder, 'FORBIDDEN', 'already_set_up');
    const count = app.backend.database.sqlite.prepare('SELECT count(*) AS n FROM users').get() as { n: number };
    expect(count.n).toBe(1);
  });

  it('two setups racing create exactly one administrator', async () => {
    app = await startTestApp({ setup: false });
    const attempts = await Promise.all(
      ['a', 'b', 'c'].map((s) => app.caller().envelope('auth.setup', { ...ADMIN, email: `${s}@example.com`, username: `admin-${s}` })),
    );
    expect(attempts.filter((e) => e.ok)).toHaveLength(1);
    const count = app.backend.database.sqlite.prepare('SELECT count(*) AS n FROM users').get() as { n: number };
    expect(count.n).toBe(1);
  });

  it('a setup that fails half-way leaves nothing behind and publishes no event', async () => {
    app = await startTestApp({ setup: false });
    const { sqlite } = app.backend.database;
    const events: unknown[] = [];
    app.backend.events.on((event) => events.push(event));
    // The roles are written first; make the user insert fail after them.
    sqlite.exec("CREATE TEMP TRIGGER fail_user_insert BEFORE INSERT ON users BEGIN SELECT RAISE(ABORT, 'simulated failure'); END;");
    await expectError(app.caller(), 'auth.setup', { ...ADMIN, companyName: 'Acme' }, 'INTERNAL', 'internal');
    expect(sqlite.prepare('SELECT (SELECT count(*) FROM roles) + (SELECT count(*) FROM users) + (SELECT count(*) FROM settings) AS n').get()).toEqual({ n: 0 });
    expect(events).toEqual([]);
    expect((await app.caller().call('auth.status', {})).needsSetup).toBe(true);
    sqlite.exec('DROP TRIGGER fail_user_insert');
    await app.caller().call('auth.setup', ADMIN);
    expect(events.length).toBeGreaterThan(0);
  });

  it('setup creates the five default roles and a superuser in the Administrador role', async () => {
    app = await startTestApp();
    const roles = await app.admin.call('roles.list', {});
    expect(roles.map((r) => r.name).sort()).toEqual(['Administrador', 'Agente', 'Solo lectura', 'Supervisor', 'Técnico']);
    const byName = new Map(roles.map((r) => [r.name, r]));
    expect(byName.get('Administrador')?.permissions).toEqual(['*']);
    expect([...(byName.get('Técnico')?.permissions ?? [])].sort()).toEqual(['reports:export', 'tickets:read', 'workorders:execute', 'workorders:read']);
    for (const role of DEFAULT_ROLES) expect([...(byName.get(role.name)?.permissions ?? [])].sort()).toEqual([...role.permissions].sort());
    const me = await app.admin.call('auth.me', {});
    expect(me.user).toMatchObject({ username: ADMIN.username, email: ADMIN.email, isSuperuser: true, isActive: true, roleName: 'Administrador' });
    expect(me.permissions).toEqual(['*']);
  });
});

describe('login', () => {
  it.each([['username', 'admin'], ['upper-case username', 'ADMIN'], ['email', ADMIN.email], ['mixed-case email', 'Admin@Example.com'], ['padded', '  admin  ']])(
    'signs in by %s (%s)',
    async (_label, login) => {
      app = await startTestApp();
      const caller = app.caller();
      const { user } = await caller.call('auth.login', { login, password: ADMIN.password });
      expect(user.username).toBe(ADMIN.username);
      expect(caller.token).toEqual(expect.any(String));
      expect((await caller.call('auth.me', {})).user.id).toBe(user.id);
    },
  );

  it('wrong password, unknown user, inactive user and locked user all fail the same way', async () => {
    app = await startTestApp();
    const tech = await app.userWithRole('Técnico', 'tec1');
    await app.admin.call('users.deactivate', { id: tech.id, version: await versionOf(app.admin, 'user', tech.id) });
    const locked = await app.userWithRole('Técnico', 'tec2');
    for (let i = 0; i < 5; i++) await errorOf(app.caller(), 'auth.login', { login: 'tec2', password: 'wrong-password' });

    const failures = [
      await errorOf(app.caller(), 'auth.login', { login: 'admin', password: 'not-the-password' }),
      await errorOf(app.caller(), 'auth.login', { login: 'nobody', password: ADMIN.password }),
      await errorOf(app.caller(), 'auth.login', { login: 'tec1', password: 'tec1-password-1' }),
      await errorOf(app.caller(), 'auth.login', { login: 'tec2', password: 'tec2-password-1' }),
    ];
    expect(locked.id).toBeTruthy();
    expect(failures[0]?.code).toBe('UNAUTHENTICATED');
    for (const failure of failures) expect(failure).toEqual(failures[0]);
  });

  it('a failed login does not start a session', async () => {
    app = await startTestApp();
    const caller = app.caller();
    await errorOf(caller, 'auth.login', { login: 'admin', password: 'not-the-password' });
    expect(caller.token).toBeNull();
    await expectError(caller, 'auth.me', {}, 'UNAUTHENTICATED', 'no_session');
  });

  it('signing in again replaces the previous session of that caller', async () => {
    app = await startTestApp();
    const caller = app.caller();
    await caller.call('auth.login', { login: 'admin', password: ADMIN.password });
    const first = caller.token;
    await caller.call('auth.login', { login: 'admin', password: ADMIN.password });
    expect(caller.token).not.toBe(first);
    const stale = app.caller();
    stale.token = first;
    await expectError(stale, 'auth.me', {}, 'UNAUTHENTICATED');
  });

  it('logout ends the session', async () => {
    app = await startTestApp();
    const token = app.admin.token;
    await app.admin.call('auth.logout', {});
    expect(app.admin.token).toBeNull();
    await expectError(app.admin, 'auth.me', {}, 'UNAUTHENTICATED', 'no_session');
    const replay = app.caller();
    replay.token = token;
    await expectError(replay, 'auth.me', {}, 'UNAUTHENTICATED');
  });
});

describe('passwords', () => {
  it('change password needs the current one and at least 10 characters', async () => {
    app = await startTestApp();
    await expectError(app.admin, 'auth.changePassword', { oldPassword: 'not-the-password', newPassword: 'a-new-password-1' }, 'VALIDATION', 'wrong_password');
    const short = await expectError(app.admin, 'auth.changePassword', { oldPassword: ADMIN.password, newPassword: 'short' }, 'VALIDATION');
    expect(short.details?.field).toBe('newPassword');
    await app.admin.call('auth.changePassword', { oldPassword: ADMIN.password, newPassword: 'a-new-password-1' });
    await expectError(app.caller(), 'auth.login', { login: 'admin', password: ADMIN.password }, 'UNAUTHENTICATED', 'invalid_credentials');
    await app.caller().call('auth.login', { login: 'admin', password: 'a-new-password-1' });
  });

  it('changing your password ends your other sessions and keeps the one you changed it from', async () => {
    app = await startTestApp();
    const laptop = app.caller();
    await laptop.call('auth.login', { login: 'admin', password: ADMIN.password });
    const before = app.admin.token;
    await app.admin.call('auth.changePassword', { oldPassword: ADMIN.password, newPassword: 'a-new-password-1' });
    expect(app.admin.token).not.toBe(before);
    await app.admin.call('auth.me', {});
    await expectError(laptop, 'auth.me', {}, 'UNAUTHENTICATED');
  });

  it('an admin resetting a password ends that user’s sessions; the new password works and the old does not', async () => {
    app = await startTestApp();
    const tech = await app.userWithRole('Técnico', 'tec1');
    await tech.caller.call('auth.me', {});
    await app.admin.call('users.resetPassword', { id: tech.id, newPassword: 'reset-by-admin-1' });
    await expectError(tech.caller, 'auth.me', {}, 'UNAUTHENTICATED');
    await expectError(app.caller(), 'auth.login', { login: 'tec1', password: 'tec1-password-1' }, 'UNAUTHENTICATED');
    await app.caller().call('auth.login', { login: 'tec1', password: 'reset-by-admin-1' });
    await app.admin.call('auth.me', {}); // the admin's own session is untouched
  });

  it('deactivating a user ends their sessions at once and blocks login; reactivating lets them back', async () => {
    app = await startTestApp();
    const tech = await app.userWithRole('Técnico', 'tec1');
    await app.admin.call('users.deactivate', { id: tech.id, version: await versionOf(app.admin, 'user', tech.id) });
    await expectError(tech.caller, 'auth.me', {}, 'UNAUTHENTICATED');
    await expectError(app.caller(), 'auth.login', { login: 'tec1', password: 'tec1-password-1' }, 'UNAUTHENTICATED', 'invalid_credentials');
    await app.admin.call('users.update', { id: tech.id, version: await versionOf(app.admin, 'user', tech.id), isActive: true });
    await app.caller().call('auth.login', { login: 'tec1', password: 'tec1-password-1' });
  });

  it('the last active superuser cannot be deactivated, by users.deactivate or users.update', async () => {
    app = await startTestApp();
    const me = await app.admin.call('auth.me', {});
    await expectError(app.admin, 'users.deactivate', { id: me.user.id, version: await versionOf(app.admin, 'user', me.user.id) }, 'CONFLICT', 'last_admin');
    await expectError(app.admin, 'users.update', { id: me.user.id, version: await versionOf(app.admin, 'user', me.user.id), isActive: false }, 'CONFLICT', 'last_admin');
    expect((await app.admin.call('auth.me', {})).user.isActive).toBe(true);
  });
});
