// Password hashes and session tokens never leave the main process: not in any answer, not in the logs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DrizzleQueryError } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBackend, type Backend } from '../../electron/ipc/backend';
import { withoutQueryParams } from '../../electron/ipc/router';
import { ADMIN, Caller, TestClock } from '../support/backend';
import { walk } from './helpers';

let dir: string;
let backend: Backend;
let logged: unknown[][];
let consoleOutput: string[];

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'emerald-secrets-'));
  logged = [];
  consoleOutput = [];
  backend = createBackend({ dataDir: dir, clock: new TestClock(), log: (...args) => logged.push(args) });
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      consoleOutput.push(args.map(String).join(' '));
    });
  }
});
afterEach(() => {
  vi.restoreAllMocks();
  backend.close();
  rmSync(dir, { recursive: true, force: true });
});

function hashes(): string[] {
  return (backend.database.sqlite.prepare('SELECT password_hash AS h FROM users').all() as { h: string }[]).map((r) => r.h);
}

/** Everything the log and the console received, flattened to text (error messages, stacks and causes included). */
function logText(): string {
  const parts: string[] = [...consoleOutput];
  const seen = new Set<unknown>();
  const add = (value: unknown): void => {
    if (value === null || value === undefined || seen.has(value)) return;
    seen.add(value);
    if (value instanceof Error) {
      parts.push(value.message, value.stack ?? '');
      add(value.cause);
      for (const [k, v] of Object.entries(value)) parts.push(`${k}=${typeof v === 'string' ? v : JSON.stringify(v) ?? ''}`);
    } else parts.push(typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value)));
  };
  for (const args of logged) args.forEach(add);
  return parts.join('\n');
}

function expectNoSecrets(text: string, secrets: string[]): void {
  expect(text).not.toMatch(/\$argon2/);
  for (const secret of secrets) expect(text).not.toContain(secret);
}

describe('no hash or token in any answer', () => {
  it('auth.*, users.* and roles.* answers (and the domain events they push) carry no password hash, no $argon2 string and no session token', async () => {
    const admin = new Caller(backend);
    const answers: unknown[] = [];
    backend.events.on((event) => answers.push(event)); // pushed to every window, so held to the same rule
    const keep = async (channel: string, input: unknown) => {
      const envelope = await admin.envelope(channel, input);
      answers.push(envelope);
      return envelope;
    };
    await keep('auth.status', {});
    await keep('auth.setup', ADMIN);
    await keep('auth.login', { login: ADMIN.username, password: ADMIN.password });
    const tokens = [admin.token as string];
    const roles = (await keep('roles.list', {})) as { ok: true; value: { id: string; name: string }[] };
    const tecnico = roles.value.find((r) => r.name === 'Técnico')?.id;
    const created = (await keep('users.create', { email: 't@example.com', username: 'tec1', password: 'tec1-password-1', fullName: 'Tomás', roleId: tecnico })) as {
      ok: true;
      value: { id: string };
    };
    const tech = new Caller(backend);
    answers.push(await tech.envelope('auth.login', { login: 'tec1', password: 'tec1-password-1' }));
    tokens.push(tech.token as string);
    answers.push(await tech.envelope('auth.me', {}));
    answers.push(await tech.envelope('users.directory', {}));
    await keep('auth.me', {});
    await keep('users.list', { includeInactive: true });
    await keep('users.directory', {});
    await keep('users.update', { id: created.value.id, version: 1, fullName: 'Tomás Pérez' });
    await keep('users.resetPassword', { id: created.value.id, newPassword: 'another-password-1' });
    await keep('users.deactivate', { id: created.value.id, version: 3 }); // the update and the new password moved it
    const role = (await keep('roles.create', { name: 'Auditor', permissions: ['tickets:read'] })) as { ok: true; value: { id: string } };
    await keep('roles.update', { id: role.value.id, version: 1, permissions: ['tickets:read', 'workorders:read'] });
    await keep('roles.delete', { id: role.value.id });
    await keep('auth.changePassword', { oldPassword: ADMIN.password, newPassword: 'admin-password-2' });
    await keep('auth.logout', {});

    const envelopes = answers.filter((a) => 'ok' in (a as object)) as { ok: boolean }[];
    expect(envelopes.every((a) => a.ok)).toBe(true);
    expect(answers.length).toBeGreaterThan(envelopes.length); // domain events were captured too
    const secrets = [...hashes(), ...tokens];
    expect(secrets.length).toBeGreaterThanOrEqual(4);
    for (const answer of answers) {
      walk(answer, (key, leaf) => {
        expect(key ?? '').not.toMatch(/^password_?hash$/i);
        expect(key ?? '').not.toMatch(/token/i);
        if (typeof leaf === 'string') {
          expect(leaf.startsWith('$argon2')).toBe(false);
          for (const secret of secrets) expect(leaf).not.toContain(secret);
        }
      });
    }
  });
});

describe('no password, hash or token in the logs', () => {
  it('a failing login logs nothing that reveals the password, the hash or a token', async () => {
    const admin = new Caller(backend);
    await admin.call('auth.setup', ADMIN);
    await admin.call('auth.login', { login: ADMIN.username, password: ADMIN.password });
    const attempt = 'my-secret-guess-123';
    const failed = await new Caller(backend).envelope('auth.login', { login: ADMIN.username, password: attempt });
    expect(failed.ok).toBe(false);
    const tooLong = 'x'.repeat(300);
    const invalid = await new Caller(backend).envelope('auth.login', { login: ADMIN.username, password: tooLong });
    expect(invalid.ok).toBe(false);
    expect(JSON.stringify(invalid)).not.toContain(tooLong);
    expectNoSecrets(logText(), [attempt, tooLong, ADMIN.password, ...hashes(), admin.token as string]);
  });

  it('when the database fails mid-write the router logs the failure without the hash it was writing', async () => {
    const admin = new Caller(backend);
    await admin.call('auth.setup', ADMIN);
    await admin.call('auth.login', { login: ADMIN.username, password: ADMIN.password });
    // Simulates a disk or lock failure on the write that stores a new hash.
    backend.database.sqlite.exec("CREATE TEMP TRIGGER fail_user_writes BEFORE UPDATE ON users BEGIN SELECT RAISE(ABORT, 'simulated disk failure'); END;");
    const newPassword = 'brand-new-password-1';
    const change = await admin.envelope('auth.changePassword', { oldPassword: ADMIN.password, newPassword });
    expect(change).toMatchObject({ ok: false, error: { code: 'INTERNAL', details: { reason: 'internal' } } });
    expect(JSON.stringify(change)).not.toMatch(/\$argon2|simulated/);
    expect(logged.length).toBeGreaterThan(0);
    const text = logText();
    expect(text).toContain('simulated disk failure'); // the cause is still there for whoever reads the log
    expectNoSecrets(text, [newPassword, ADMIN.password, ...hashes(), admin.token as string]);
  });
});

describe('withoutQueryParams', () => {
  it('drops the bound values drizzle puts in a failed query’s message, keeping the SQL and the cause', () => {
    const cause = new Error('database or disk is full');
    const error = new DrizzleQueryError('update "users" set "password_hash" = ?', ['$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA'], cause);
    expect(error.message).toContain('$argon2id'); // what would have been logged
    const safe = withoutQueryParams(error) as Error;
    expect(safe.message).toBe('Failed query: update "users" set "password_hash" = ?');
    expect(safe.cause).toBe(cause);
    expect(JSON.stringify(Object.entries(safe))).not.toContain('argon2');
    const other = new Error('plain');
    expect(withoutQueryParams(other)).toBe(other);
  });
});
