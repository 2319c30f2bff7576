// Issue 18.3: usernames and emails with non-ASCII capitals. SQLite's lower() folds ASCII only, so 'Ñandú' could not
// sign in, 'ñandú' could be created beside it, and signing in as 'Ñandú' opened the other account. Logins are now
// stored and compared in one form (NFC + lower case), and never resolve to an account by guesswork.
import { afterEach, describe, expect, it } from 'vitest';
import { loginKey } from '../../electron/contract/auth';
import { newId } from '../../electron/services/ids';
import { hashPassword } from '../../electron/services/users/passwords';
import { expectError } from '../foundation/helpers';
import { startTestApp, type TestApp } from '../support/backend';
import { versionOf } from '../support/versions';

let app: TestApp;
afterEach(() => app?.close());

const PASSWORD = 'nandu-password-1';
const DECOMPOSED = 'N\u0303andu\u0301'; // 'Ñandú' typed with combining marks (macOS file names, some keyboards)

async function signInAs(login: string, password = PASSWORD) {
  const caller = app.caller();
  const env = await caller.envelope('auth.login', { login, password });
  return env.ok ? (env.value as { user: { id: string } }).user.id : null;
}

describe('login normalisation', () => {
  it('the key is NFC and lower case, whatever the spelling', () => {
    for (const spelling of ['Ñandú', 'ÑANDÚ', 'ñandú', DECOMPOSED, DECOMPOSED.toUpperCase()]) expect(loginKey(spelling)).toBe('ñandú');
    expect(loginKey('ÉLODIE@Exemple.FR')).toBe('élodie@exemple.fr');
  });

  it('stores the normalised form, signs in with any spelling, and refuses a look-alike second account', async () => {
    app = await startTestApp();
    // The contract's email rule takes ASCII addresses only; the username is where non-ASCII capitals live.
    const created = await app.admin.call('users.create', { email: 'Elodie.Nandu@Example.com', username: DECOMPOSED, password: PASSWORD, fullName: 'Élodie Ñandú', roleId: null });
    expect(created.username).toBe('ñandú');
    expect(created.email).toBe('elodie.nandu@example.com');
    for (const login of ['Ñandú', 'ÑANDÚ', 'ñandú', DECOMPOSED, 'elodie.nandu@example.com', 'ELODIE.NANDU@EXAMPLE.COM']) {
      expect(await signInAs(login), login).toBe(created.id);
    }
    const clash = { password: PASSWORD, fullName: 'Otra persona', roleId: null };
    await expectError(app.admin, 'users.create', { ...clash, email: 'otra@example.com', username: 'ÑANDÚ' }, 'CONFLICT', 'duplicate_username');
    await expectError(app.admin, 'users.create', { ...clash, email: 'ELODIE.nandu@example.COM', username: 'otra' }, 'CONFLICT', 'duplicate_email');
    const other = await app.admin.call('users.create', { ...clash, email: 'otra@example.com', username: 'otra' });
    await expectError(app.admin, 'users.update', { id: other.id, version: await versionOf(app.admin, 'user', other.id), username: 'Ñandú' }, 'CONFLICT', 'duplicate_username');
  });

  it('two accounts an older build let in side by side: each opens with its exact spelling, never the other', async () => {
    app = await startTestApp();
    const hash = await hashPassword(PASSWORD);
    const insert = app.backend.database.sqlite.prepare(
      'INSERT INTO users (id, email, username, full_name, password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    const upper = newId();
    const lower = newId();
    const at = '2026-03-01T09:00:00.000Z';
    insert.run(upper, 'upper@example.com', 'Ñandú', 'Mayúscula', hash, at, at);
    insert.run(lower, 'lower@example.com', 'ñandú', 'Minúscula', hash, at, at);
    expect(await signInAs('Ñandú')).toBe(upper);
    expect(await signInAs('ñandú')).toBe(lower);
    // A spelling that is neither: ambiguous, so the generic refusal rather than either account.
    await expectError(app.caller(), 'auth.login', { login: 'ÑANDÚ', password: PASSWORD }, 'UNAUTHENTICATED', 'invalid_credentials');
  });
});

describe('the same mistake in other unique names', () => {
  it('role names, category names and SKUs with non-ASCII capitals clash like their ASCII cousins', async () => {
    app = await startTestApp();
    // 'Técnico' is a default role.
    await expectError(app.admin, 'roles.create', { name: 'TÉCNICO', permissions: [] }, 'CONFLICT', 'duplicate');
    await app.admin.call('categories.create', { name: 'Climatización' });
    await expectError(app.admin, 'categories.create', { name: 'CLIMATIZACIÓN' }, 'CONFLICT', 'duplicate');
    await app.admin.call('products.create', { sku: 'VÁLVULA-1', name: 'Válvula' });
    await expectError(app.admin, 'products.create', { sku: 'válvula-1', name: 'Otra válvula' }, 'CONFLICT', 'duplicate');
  });
});
