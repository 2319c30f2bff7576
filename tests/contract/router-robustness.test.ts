// The router answers every call with a typed envelope: unknown names, prototype keys, odd names and odd inputs never throw.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES, type Envelope } from '../../electron/contract';
import { startTestApp, type TestApp } from '../support/backend';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

function expectTypedError(envelope: Envelope<unknown>, code: string): void {
  expect(envelope.ok).toBe(false);
  if (envelope.ok) return;
  expect(ERROR_CODES).toContain(envelope.error.code);
  expect(envelope.error.code).toBe(code);
  expect(typeof envelope.error.message).toBe('string');
  expect(typeof envelope.error.details?.reason).toBe('string');
  expect(() => structuredClone(envelope)).not.toThrow(); // it must cross IPC as is
}

function deeplyNested(depth: number): unknown {
  let value: unknown = { leaf: true };
  for (let i = 0; i < depth; i++) value = { name: value };
  return value;
}

describe('channel names', () => {
  it.each(['tickets.explode', 'auth', '', ' auth.me', 'AUTH.ME', 'auth.me ', 'users.create.extra', 'x'.repeat(100_000)])(
    'unknown channel %j is NOT_FOUND',
    async (name) => {
      const envelope = await app.admin.envelope(name, {});
      expectTypedError(envelope, 'NOT_FOUND');
      if (!envelope.ok) expect(envelope.error.message.length).toBeLessThan(300);
    },
  );

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', '__defineGetter__', 'prototype'])(
    'prototype key %s is NOT_FOUND, signed in or not',
    async (name) => {
      expectTypedError(await app.admin.envelope(name, {}), 'NOT_FOUND');
      expectTypedError(await app.caller().envelope(name, {}), 'NOT_FOUND');
    },
  );

  it.each([
    ['a number', 42],
    ['null', null],
    ['undefined', undefined],
    ['an object', { toString: () => 'auth.me' }],
    ['an array', ['auth.me']],
    ['a symbol', Symbol('auth.me')],
    ['a boolean', true],
  ])('a channel name that is %s is NOT_FOUND', async (_label, name) => {
    const result = await app.backend.dispatch({ sessionToken: app.admin.token }, name, {});
    expectTypedError(result.envelope, 'NOT_FOUND');
  });
});

describe('malformed input', () => {
  it.each([
    ['null', null],
    ['an array', [{ name: 'Redes' }]],
    ['a string', '{"name":"Redes"}'],
    ['a number', 7],
    ['a boolean', false],
    ['a deeply nested object', deeplyNested(5_000)],
    ['a 1 MB name', { name: 'x'.repeat(1024 * 1024) }],
    ['a 1 MB string', 'x'.repeat(1024 * 1024)],
    ['an extra key', { name: 'Redes', isAdmin: true }],
    ['a wrong type', { name: 12 }],
    ['a blank name', { name: '   ' }],
    ['a __proto__ key', JSON.parse('{"name": "Redes", "__proto__": {"polluted": true}}')],
  ])('categories.create with %s is VALIDATION and writes nothing', async (_label, input) => {
    const before = app.backend.database.sqlite.prepare('SELECT count(*) AS n FROM ticket_categories').get();
    const envelope = await app.admin.envelope('categories.create', input);
    expectTypedError(envelope, 'VALIDATION');
    if (!envelope.ok) {
      expect(JSON.stringify(envelope).length).toBeLessThan(20_000); // a 1 MB input is not echoed back
      expect(envelope.error.details?.issues).toEqual(expect.any(Array));
    }
    expect(app.backend.database.sqlite.prepare('SELECT count(*) AS n FROM ticket_categories').get()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('validation errors name the field and the UI reason', async () => {
    const envelope = await app.admin.envelope('users.create', { email: 'not-an-email', username: 'ok-name', password: 'long-enough-1', fullName: 'X', roleId: null });
    expectTypedError(envelope, 'VALIDATION');
    if (!envelope.ok) expect(envelope.error.details).toMatchObject({ reason: 'invalid_input', field: 'email' });
  });

  it('undefined input is read as {}', async () => {
    const envelope = await app.admin.envelope('auth.me', undefined);
    expect(envelope.ok).toBe(true);
  });

  it('a forbidden caller learns nothing about the input shape (FORBIDDEN before VALIDATION)', async () => {
    const tech = await app.userWithRole('Técnico', 'tec1');
    expectTypedError(await tech.caller.envelope('categories.create', null), 'FORBIDDEN');
    expectTypedError(await app.caller().envelope('categories.create', null), 'UNAUTHENTICATED');
  });

  it('a garbage session token is UNAUTHENTICATED, not an error', async () => {
    for (const token of ['', 'nope', 'x'.repeat(10_000), '__proto__', 'constructor']) {
      const result = await app.backend.dispatch({ sessionToken: token }, 'auth.me', {});
      expectTypedError(result.envelope, 'UNAUTHENTICATED');
    }
  });
});
