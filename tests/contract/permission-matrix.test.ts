// Generated from the live contract: every channel × every kind of user gets FORBIDDEN exactly when its access rule says so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, channels, type ChannelName } from '../../electron/contract';
import { handlers } from '../../electron/ipc/handlers';
import { startTestApp, type TestApp } from '../support/backend';
import { accessProblem, callAs, expectedForbidden, makeHolders, type Holder } from './holders';

let app: TestApp;
let holders: Holder[];
const tally = { forbidden: 0, allowed: 0 };

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

describe('permission matrix', () => {
  it.each(CHANNEL_NAMES)('%s: FORBIDDEN exactly for the users its access rule excludes', async (name: ChannelName) => {
    const access = channels[name].access;
    for (const holder of holders) {
      const envelope = await callAs(app, holder, name, {});
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
