// Property-based: for every channel in the live contract, input its schema rejects is VALIDATION and changes nothing.
import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, channels, type ChannelName } from '../../electron/contract';

const needsPermission = CHANNEL_NAMES.filter((name) => channels[name].access !== 'public' && channels[name].access !== 'session');
const needsSession = CHANNEL_NAMES.filter((name) => channels[name].access !== 'public');
import { startTestApp, type TestApp } from '../support/backend';

const RUNS_PER_SHAPE = 30;

let app: TestApp;
let superuserId: string;
let rolelessId: string;
let sqlite: Database.Database;
const stats = { validation: 0, skippedValid: 0 };

beforeAll(async () => {
  app = await startTestApp();
  superuserId = (await app.admin.call('auth.me', {})).user.id;
  sqlite = app.backend.database.sqlite;
  rolelessId = (await app.admin.call('users.create', { email: 'nadie@example.com', username: 'nadie', password: 'nadie-password-1', fullName: 'Nadie', roleId: null })).id;
});
afterAll(() => app.close());

/** Row counts of every table (FTS shadow tables included) plus the connection's total_changes(), in one prepared query. */
let stateQuery: Database.Statement | null = null;
function databaseState(): Record<string, number> {
  if (!stateQuery) {
    const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
    const counts = tables.map(({ name }) => `(SELECT count(*) FROM "${name}") AS "${name}"`);
    stateQuery = sqlite.prepare(`SELECT ${[...counts, 'total_changes() AS "total_changes()"'].join(', ')}`);
  }
  return stateQuery.get() as Record<string, number>;
}

const isJson = (value: unknown): boolean => {
  try {
    return isDeepStrictEqual(JSON.parse(JSON.stringify(value) ?? 'null'), value);
  } catch {
    return false;
  }
};

/** The top-level keys a channel's input object knows, so generated inputs get past the "unknown key" check and deeper. */
function knownKeys(name: ChannelName): string[] {
  const shape = (channels[name].input as { shape?: Record<string, unknown> }).shape;
  return shape ? Object.keys(shape) : [];
}

function shapesFor(name: ChannelName): [string, fc.Arbitrary<unknown>][] {
  const keys = knownKeys(name);
  const shapes: [string, fc.Arbitrary<unknown>][] = [
    ['fc.jsonValue', fc.jsonValue()],
    ['fc.object', fc.object().filter(isJson)],
    ['fc.anything (JSON only)', fc.anything().filter(isJson)],
  ];
  if (keys.length > 0) {
    const field = fc.oneof(fc.jsonValue(), fc.string(), fc.integer(), fc.constant(null), fc.uuid(), fc.constant(''));
    shapes.push(['known keys, random values', fc.record(Object.fromEntries(keys.map((k) => [k, field])), { requiredKeys: [] })]);
  }
  return shapes;
}

describe('fuzzing every channel as a superuser', () => {
  it('covers the live contract, and the state it compares sees every table', () => {
    expect(CHANNEL_NAMES.length).toBeGreaterThan(20);
    expect(Object.keys(databaseState())).toEqual(expect.arrayContaining(['users', 'tickets', 'ticket_timeline', 'work_orders', 'settings', 'total_changes()']));
  });

  it.each(CHANNEL_NAMES)('%s: invalid input is VALIDATION and the database is unchanged', async (name) => {
    const spec = channels[name];
    for (const [label, arbitrary] of shapesFor(name)) {
      await fc.assert(
        fc.asyncProperty(arbitrary, async (input) => {
          if (spec.input.safeParse(input).success) {
            stats.skippedValid += 1;
            return; // valid input may legitimately write; this property is about invalid input
          }
          const before = databaseState();
          const token = app.backend.sessions.create(superuserId);
          const { envelope } = await app.backend.dispatch({ sessionToken: token }, name, input);
          expect(envelope.ok, `${name} accepted input its schema rejects (${label})`).toBe(false);
          if (!envelope.ok) {
            expect(envelope.error.code, `${name} (${label}): ${envelope.error.message}`).toBe('VALIDATION');
            expect(envelope.error.details?.reason).toBe('invalid_input');
          }
          expect(databaseState()).toEqual(before);
          stats.validation += 1;
        }),
        { numRuns: RUNS_PER_SHAPE },
      );
    }
  });

  it('mostly generated invalid input (the property was exercised)', () => {
    expect(stats.validation).toBeGreaterThan(CHANNEL_NAMES.length * RUNS_PER_SHAPE);
  });
});

describe('fuzzing the gate: any input, the wrong caller', () => {
  it.each(needsPermission)('%s: a user without a role is FORBIDDEN whatever the input, and nothing changes', async (name) => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.jsonValue(), fc.anything().filter(isJson)), async (input) => {
        const before = databaseState();
        const token = app.backend.sessions.create(rolelessId);
        const { envelope } = await app.backend.dispatch({ sessionToken: token }, name, input);
        expect(envelope).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
        expect(databaseState()).toEqual(before);
      }),
      { numRuns: 10 },
    );
  });

  it.each(needsSession)('%s: without a session it is UNAUTHENTICATED whatever the input', async (name) => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), fc.option(fc.string(), { nil: null }), async (input, token) => {
        const { envelope } = await app.backend.dispatch({ sessionToken: token }, name, input);
        expect(envelope).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
      }),
      { numRuns: 10 },
    );
  });
});
