// Issue 18.7: wrong current passwords in auth.changePassword count toward the same lockout as sign-in failures.
import { afterEach, describe, expect, it } from 'vitest';
import { LOCKOUT_MS, MAX_FAILED_LOGINS } from '../../electron/services/auth';
import { expectError } from '../foundation/helpers';
import { startTestApp, type TestApp } from '../support/backend';

let app: TestApp;
afterEach(() => app?.close());

const guess = (n: number) => ({ oldPassword: `guess-number-${n}`, newPassword: 'taken-over-password-1' });

describe('auth.changePassword and the lockout', () => {
  it(`locks the account after ${MAX_FAILED_LOGINS} wrong current passwords: no more guesses, no sign-in`, async () => {
    app = await startTestApp();
    const tec = await app.userWithRole('Técnico', 'tec1');
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) await expectError(tec.caller, 'auth.changePassword', guess(i), 'VALIDATION', 'wrong_password');
    // Even the right current password is refused now, and the password did not change.
    await expectError(tec.caller, 'auth.changePassword', { oldPassword: 'tec1-password-1', newPassword: 'taken-over-password-1' }, 'FORBIDDEN', 'account_locked');
    await expectError(app.caller(), 'auth.login', { login: 'tec1', password: 'tec1-password-1' }, 'UNAUTHENTICATED', 'invalid_credentials');
    app.clock.advance(LOCKOUT_MS + 1000);
    await app.caller().call('auth.login', { login: 'tec1', password: 'tec1-password-1' });
  });

  it('shares one count with sign-in failures, and a right current password resets it', async () => {
    app = await startTestApp();
    const tec = await app.userWithRole('Técnico', 'tec1');
    const wrongLogin = { login: 'tec1', password: 'definitely-wrong' };
    for (let i = 0; i < 2; i++) await expectError(app.caller(), 'auth.login', wrongLogin, 'UNAUTHENTICATED');
    for (let i = 0; i < 2; i++) await expectError(tec.caller, 'auth.changePassword', guess(i), 'VALIDATION', 'wrong_password');
    await tec.caller.call('auth.changePassword', { oldPassword: 'tec1-password-1', newPassword: 'tec1-password-2' });
    const failed = app.backend.database.sqlite.prepare(`SELECT failed_logins AS n FROM users WHERE username = 'tec1'`).get() as { n: number };
    expect(failed.n).toBe(0);
    for (let i = 0; i < 2; i++) await expectError(app.caller(), 'auth.login', wrongLogin, 'UNAUTHENTICATED');
    await expectError(tec.caller, 'auth.changePassword', guess(9), 'VALIDATION', 'wrong_password');
    await expectError(app.caller(), 'auth.login', wrongLogin, 'UNAUTHENTICATED');
    await expectError(app.caller(), 'auth.login', wrongLogin, 'UNAUTHENTICATED');
    await expectError(app.caller(), 'auth.login', { login: 'tec1', password: 'tec1-password-2' }, 'UNAUTHENTICATED', 'invalid_credentials');
  });

  it('parallel wrong guesses are all counted', async () => {
    app = await startTestApp();
    const tec = await app.userWithRole('Técnico', 'tec1');
    await Promise.all(Array.from({ length: 8 }, (_, i) => tec.caller.envelope('auth.changePassword', guess(i))));
    await expectError(tec.caller, 'auth.changePassword', { oldPassword: 'tec1-password-1', newPassword: 'x-new-password-1' }, 'FORBIDDEN', 'account_locked');
  });
});
