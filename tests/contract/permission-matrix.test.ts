// Every channel × every kind of user: FORBIDDEN exactly when the hand-written table (permission-table.ts, from
// DESIGN.md) says so, and exactly when the contract's own access rule says so (the router honours the contract).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, channels, type ChannelName, type Envelope } from '../../electron/contract';
import { handlers } from '../../electron/ipc/handlers';
import { startTestApp, type TestApp } from '../support/backend';
import { accessProblem, callAs, expectedForbidden, makeHolders, type Holder } from './holders';
import { PERMISSION_TABLE, TABLE_HOLDERS, tableHolderOf } from './permission-table';

let app: TestApp;
let holders: Holder[];
const tally = { forbidden: 0, allowed: 0 };
// Each channel is called once per holder; the table's test and the contract's test read the same answer.
const answers = new Map<string, Promise<Envelope<unknown>>>();
const answerOf = (holder: Holder, name: ChannelName) => {
  const key = `${holder.userId} ${name}`;
  if (!answers.has(key)) answers.set(key, callAs(app, holder, name, {}));
  return answers.get(key) as Promise<Envelope<unknown>>;
};

beforeAll(async () => {
  app = await startTestApp();
  holders = await makeHolders(app);
});
afterAll(() => {
  app.close();
});

describe('the contract', () => {
  it('has channels, all named domain.verb', () => {
    expect(CHANNEL_NAMES.length).toBeGreaterThan(20);
    for (const name of CHANNEL_NAMES) expect(name).toMatch(/^[a-z][a-zA-Z]*\.[a-z][a-zA-Z]*$/);
  });

  it.each(CHANNEL_NAMES)('%s declares a valid access rule and an input schema', (name) => {
    const spec = channels[name] as { access?: unknown; input?: { safeParse?: unknown } };
    expect(accessProblem(spec.access)).toBeNull();
    expect(typeof spec.input?.safeParse).toBe('function');
  });

  it('the access checker itself rejects bad rules', () => {
    expect(accessProblem(undefined)).toMatch(/missing/);
    expect(accessProblem('tickets:delete')).toMatch(/unknown/);
    expect(accessProblem([])).toMatch(/empty/);
    expect(accessProblem(['tickets:read', 'nope'])).toMatch(/unknown/);
    expect(accessProblem(['tickets:read'])).toBeNull();
  });

  it('every channel has exactly one handler, and no handler lacks a channel', () => {
    const handled = Object.keys(handlers).sort();
    expect(handled).toEqual([...CHANNEL_NAMES].sort());
  });
});

describe('the reviewed permission table (written from DESIGN.md, not from the contract)', () => {
  it('names every channel of the contract, and no channel the contract lacks', () => {
    const missing = CHANNEL_NAMES.filter((name) => !Object.hasOwn(PERMISSION_TABLE, name));
    expect(missing, 'add these channels to tests/contract/permission-table.ts, deciding who may call them').toEqual([]);
    expect(Object.keys(PERMISSION_TABLE).filter((name) => !CHANNEL_NAMES.includes(name as ChannelName))).toEqual([]);
  });

  it('has a signed-in holder for every one of its columns', () => {
    expect(holders.map((h) => tableHolderOf(h.label)).filter(Boolean).sort()).toEqual([...TABLE_HOLDERS].sort());
  });

  it.each(CHANNEL_NAMES)('%s: each role is allowed or FORBIDDEN as the table says', async (name: ChannelName) => {
    const allowed = PERMISSION_TABLE[name] ?? [];
    for (const holder of holders) {
      const who = tableHolderOf(holder.label);
      if (who === null) continue;
      const envelope = await answerOf(holder, name);
      const forbidden = !envelope.ok && envelope.error.code === 'FORBIDDEN' && envelope.error.details?.reason === 'forbidden';
      expect(forbidden, `${name} as ${who}: table says ${allowed.includes(who) ? 'allowed' : 'forbidden'}, got ${envelope.ok ? 'ok' : `${envelope.error.code} ${envelope.error.message}`}`).toBe(
        !allowed.includes(who),
      );
    }
  });

  it('superusers and roles with * may call everything (DESIGN: superusers pass every check)', () => {
    for (const holder of holders.filter((h) => h.isSuperuser || [...h.permissions].includes('*'))) {
      for (const name of CHANNEL_NAMES) expect(expectedForbidden(holder, channels[name].access), `${name} as ${holder.label}`).toBe(false);
    }
  });
});

describe('permission matrix', () => {
  it.each(CHANNEL_NAMES)('%s: FORBIDDEN exactly for the users its access rule excludes', async (name: ChannelName) => {
    const access = channels[name].access;
    for (const holder of holders) {
      const envelope = await answerOf(holder, name);
      const forbidden = !envelope.ok && envelope.error.code === 'FORBIDDEN';
      const expected = expectedForbidden(holder, access);
      expect(forbidden, `${name} as ${holder.label}: ${envelope.ok ? 'ok' : `${envelope.error.code} ${envelope.error.message}`}`).toBe(expected);
      if (!envelope.ok) expect(envelope.error.code).not.toBe('UNAUTHENTICATED');
      if (forbidden && !envelope.ok) expect(envelope.error.details?.reason).toBe('forbidden');
      tally[expected ? 'forbidden' : 'allowed'] += 1;
    }
  });

  it.each(CHANNEL_NAMES)('%s without a session: public answers, anything else is UNAUTHENTICATED', async (name) => {
    const envelope = await callAs(app, null, name, {});
    const unauthenticated = !envelope.ok && envelope.error.code === 'UNAUTHENTICATED';
    expect(unauthenticated, `${name}: ${envelope.ok ? 'ok' : envelope.error.code}`).toBe(channels[name].access !== 'public');
    if (unauthenticated && !envelope.ok) expect(envelope.error.details?.reason).toBe('no_session');
  });

  it('the matrix exercised both outcomes (it is not vacuous)', () => {
    expect(tally.forbidden).toBeGreaterThan(10);
    expect(tally.allowed).toBeGreaterThan(10);
  });

  it('the holders cover every default role, *, a role-less superuser and a role-less user', () => {
    expect(holders.map((h) => h.label)).toEqual(
      expect.arrayContaining(['role Administrador', 'role Supervisor', 'role Técnico', 'role Agente', 'role Solo lectura', 'role with *', 'superuser without a role', 'user without a role']),
    );
  });
});
