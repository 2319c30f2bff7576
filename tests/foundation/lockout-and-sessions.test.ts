// Lockout after repeated failures and idle session expiry, with a clock the test moves by hand.
import { afterEach, describe, expect, it } from 'vitest';
import { LOCKOUT_MS, MAX_FAILED_LOGINS } from '../../electron/services/auth';
import { ADMIN, startTestApp, type TestApp } from '../support/backend';
import { expectError, MINUTE } from './helpers';
import { settingsVersions } from '../support/versions';

let app: TestApp;
afterEach(() => app?.close());

const wrong = { login: 'tec1', password: 'definitely-wrong' };
const right = { login: 'tec1', password: 'tec1-password-1' };

describe('lockout', () => {
  it('uses the designed limits: 5 failures, 15 minutes', () => {
    expect(MAX_FAILED_LOGINS).toBe(5);
    expect(LOCKOUT_MS).toBe(15 * MINUTE);
  });

  it('locks after 5 failures for 15 minutes, even against the right password, then lets the user in', async () => {
    app = await startTestApp();
    await app.userWithRole('Técnico', 'tec1');
    for (let i = 0; i < 5; i++) await expectError(app.caller(), 'auth.login', wrong, 'UNAUTHENTICATED', 'invalid_credentials');
    await expectError(app.caller(), 'auth.login', right, 'UNAUTHENTICATED', 'invalid_credentials');
    app.clock.advance(15 * MINUTE - 1000);
    await expectError(app.caller(), 'auth.login', right, 'UNAUTHENTICATED', 'invalid_credentials');
    app.clock.advance(2000); // 15 min + 1 s after the fifth failure
    await app.caller().call('auth.login', right);
  });

  it('four failures do not lock, and a success resets the count', async () => {
    app = await startTestApp();
    await app.userWithRole('Técnico', 'tec1');
    for (let i = 0; i < 4; i++) await expectError(app.caller(), 'auth.login', wrong, 'UNAUTHENTICATED');
    await app.caller().call('auth.login', right);
    // After the reset it takes five new failures to lock again.
    for (let i = 0; i < 4; i++) await expectError(app.caller(), 'auth.login', wrong, 'UNAUTHENTICATED');
    await app.caller().call('auth.login', right);
    for (let i = 0; i < 5; i++) await expectError(app.caller(), 'auth.login', wrong, 'UNAUTHENTICATED');
    await expectError(app.caller(), 'auth.login', right, 'UNAUTHENTICATED');
  });

  it('failures sent in parallel are all counted (no lost updates while the hash is checked)', async () => {
    app = await startTestApp();
    await app.userWithRole('Técnico', 'tec1');
    await Promise.all(Array.from({ length: 8 }, () => app.caller().envelope('auth.login', wrong)));
    await expectError(app.caller(), 'auth.login', right, 'UNAUTHENTICATED', 'invalid_credentials');
  });

  it('failures while locked do not extend the lock', async () => {
    app = await startTestApp();
    await app.userWithRole('Técnico', 'tec1');
    for (let i = 0; i < 5; i++) await expectError(app.caller(), 'auth.login', wrong, 'UNAUTHENTICATED');
    app.clock.advance(10 * MINUTE);
    await expectError(app.caller(), 'auth.login', wrong, 'UNAUTHENTICATED');
    app.clock.advance(5 * MINUTE + 1000);
    await app.caller().call('auth.login', right);
  });

  it('an admin password reset clears the lock', async () => {
    app = await startTestApp();
    const tech = await app.userWithRole('Técnico', 'tec1');
    for (let i = 0; i < 5; i++) await expectError(app.caller(), 'auth.login', wrong, 'UNAUTHENTICATED');
    const listed = (await app.admin.call('users.list', {})).find((u) => u.id === tech.id);
    expect(listed?.lockedUntil).toEqual(expect.any(String));
    await app.admin.call('users.resetPassword', { id: tech.id, newPassword: 'fresh-password-1' });
    await app.caller().call('auth.login', { login: 'tec1', password: 'fresh-password-1' });
  });
});

describe('idle sessions', () => {
  it('a call after 29 idle minutes works and counts as activity; 31 idle minutes end the session', async () => {
    app = await startTestApp();
    app.clock.advance(29 * MINUTE);
    await app.admin.call('auth.me', {});
    app.clock.advance(29 * MINUTE); // 58 minutes since sign-in, 29 since the last call
    await app.admin.call('auth.me', {});
    app.clock.advance(31 * MINUTE);
    await expectError(app.admin, 'auth.me', {}, 'UNAUTHENTICATED', 'session_expired');
    expect(app.admin.token).toBeNull();
    await expectError(app.admin, 'auth.me', {}, 'UNAUTHENTICATED', 'no_session');
  });

  it('an expired token stays expired even if the clock is moved back', async () => {
    app = await startTestApp();
    const token = app.admin.token;
    app.clock.advance(31 * MINUTE);
    await expectError(app.admin, 'auth.me', {}, 'UNAUTHENTICATED', 'session_expired');
    app.clock.advance(-31 * MINUTE);
    const replay = app.caller();
    replay.token = token;
    await expectError(replay, 'auth.me', {}, 'UNAUTHENTICATED');
  });

  it('the sessionTimeoutMinutes setting changes the idle limit for existing sessions', async () => {
    app = await startTestApp();
    const other = app.caller();
    await other.call('auth.login', { login: ADMIN.username, password: ADMIN.password });
    await app.admin.call('settings.update', { versions: await settingsVersions(app.admin), sessionTimeoutMinutes: 5 });
    app.clock.advance(4 * MINUTE);
    await other.call('auth.me', {});
    app.clock.advance(6 * MINUTE);
    await expectError(other, 'auth.me', {}, 'UNAUTHENTICATED', 'session_expired');
    await expectError(app.admin, 'settings.get', {}, 'UNAUTHENTICATED', 'session_expired');

    const again = app.caller();
    await again.call('auth.login', { login: ADMIN.username, password: ADMIN.password });
    await again.call('settings.update', { versions: await settingsVersions(again), sessionTimeoutMinutes: 120 });
    app.clock.advance(100 * MINUTE);
    await again.call('auth.me', {});
  });

  it('public channels still answer with an expired token', async () => {
    app = await startTestApp();
    app.clock.advance(31 * MINUTE);
    expect((await app.admin.call('auth.status', {})).needsSetup).toBe(false);
  });
});

describe('the session store', () => {
  it('forgets idle sessions when new ones start, so abandoned tokens do not pile up', async () => {
    app = await startTestApp();
    const me = await app.admin.call('auth.me', {});
    for (let i = 0; i < 20; i++) app.backend.sessions.create(me.user.id);
    expect(app.backend.sessions.size).toBe(21);
    app.clock.advance(31 * MINUTE);
    app.backend.sessions.create(me.user.id);
    expect(app.backend.sessions.size).toBe(1);
  });
});
