// Issue 18.11: passwords of ten spaces or ten NUL bytes were accepted, and titles made of NULs or zero-width spaces
// made invisible tickets. The contract's shared text schemas refuse control characters and blank-looking text;
// new passwords on the most common list (a maintained package, checked offline) are refused.
import { afterEach, describe, expect, it } from 'vitest';
import { ticketCreateInput } from '../../electron/contract/tickets';
import { expectError } from '../foundation/helpers';
import { ADMIN, startTestApp, type TestApp } from '../support/backend';

let app: TestApp;
afterEach(() => app?.close());

const NUL = '\u0000';
const ZWSP = '\u200B';

function reasonOf(result: { success: boolean; error?: { issues: readonly object[] } }): unknown {
  const issue = result.success ? undefined : (result.error?.issues[0] as { params?: { reason?: string } } | undefined);
  return issue?.params?.reason ?? null;
}

describe('text in the contract', () => {
  it('refuses titles made of NULs, zero-width spaces or other invisible characters', () => {
    expect(reasonOf(ticketCreateInput.safeParse({ title: NUL.repeat(5) }))).toBe('control_characters');
    expect(reasonOf(ticketCreateInput.safeParse({ title: ZWSP.repeat(5) }))).toBe('blank_text');
    expect(reasonOf(ticketCreateInput.safeParse({ title: `${ZWSP} \u2060\uFEFF\u3164 ` }))).toBe('blank_text');
    expect(reasonOf(ticketCreateInput.safeParse({ title: 'Caldera\u0007 rota' }))).toBe('control_characters');
    expect(reasonOf(ticketCreateInput.safeParse({ title: 'Caldera\nrota' }))).toBe('control_characters');
    expect(ticketCreateInput.safeParse({ title: 'Caldera rota 🔥', description: 'Línea uno\n\tLínea dos' }).success).toBe(true);
  });

  it('refuses them through the channels too, notes and names included, with the reason named', async () => {
    app = await startTestApp();
    const invisible = await expectError(app.admin, 'tickets.create', { title: ZWSP.repeat(4) }, 'VALIDATION');
    expect(JSON.stringify(invisible.details)).toContain('blank_text');
    const ticket = await app.admin.call('tickets.create', { title: 'Caldera rota' });
    await expectError(app.admin, 'tickets.addNote', { id: ticket.id, content: `${ZWSP}${ZWSP}` }, 'VALIDATION');
    await expectError(app.admin, 'tickets.addNote', { id: ticket.id, content: `nota${NUL}oculta` }, 'VALIDATION');
    await app.admin.call('tickets.addNote', { id: ticket.id, content: 'Primera línea\nSegunda línea' });
    await expectError(app.admin, 'customers.create', { name: NUL.repeat(3) }, 'VALIDATION');
  });
});

describe('passwords', () => {
  const user = (password: string) => ({ email: 'nuevo@example.com', username: 'nuevo', password, fullName: 'Nuevo', roleId: null });

  it('refuses ten spaces, ten NULs and blank-looking passwords', async () => {
    app = await startTestApp({ setup: false });
    for (const password of [' '.repeat(10), NUL.repeat(10), ZWSP.repeat(10), `clave-larga${NUL}1`]) {
      await expectError(app.caller(), 'auth.setup', { ...ADMIN, password }, 'VALIDATION');
    }
  });

  it('refuses the most common passwords wherever a password is set, and accepts the suite\'s own', async () => {
    app = await startTestApp();
    for (const password of ['1234567890', 'password123', 'QWERTYUIOP']) {
      await expectError(app.admin, 'users.create', user(password), 'VALIDATION', 'common_password');
    }
    await expectError(app.admin, 'auth.changePassword', { oldPassword: ADMIN.password, newPassword: 'qwertyuiop' }, 'VALIDATION', 'common_password');
    const created = await app.admin.call('users.create', user('nuevo-password-1'));
    await expectError(app.admin, 'users.resetPassword', { id: created.id, newPassword: '1q2w3e4r5t' }, 'VALIDATION', 'common_password');
    await app.admin.call('users.resetPassword', { id: created.id, newPassword: 'reset-by-admin-1' });
  });
});
