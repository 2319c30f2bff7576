// Instant updates: two members in step wait on the hub (long poll) while idle, so a change on A reaches B well before
// the next interval round. The interval is 10 minutes here: only the wait can bring the change within the deadline.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../electron/contract';
import { startNetRuntime, type NetRuntime } from '../../electron/services/sync/background/runtime';
import { pairWithHub } from '../../electron/services/sync/net/hubClient';
import type { Hub } from '../../electron/services/sync/net/hubServer';
import { ADMIN, type TestApp } from '../support/backend';
import { adminContext, digestOf, makeCode, netWorld, servicesOf } from './net.helpers';

const world = netWorld();
const runtimes: NetRuntime[] = [];
let hubApp: TestApp;
let hub: Hub;
let a: TestApp;
let b: TestApp;

/** Resolves with the first event `app` emits that `match` accepts; rejects after `deadlineMs`. */
function nextEvent(app: TestApp, match: (event: DomainEvent) => boolean, deadlineMs = 20_000): Promise<DomainEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no matching event within ${deadlineMs} ms`));
    }, deadlineMs);
    const off = app.backend.events.on((event) => {
      if (!match(event)) return;
      clearTimeout(timer);
      off();
      resolve(event);
    });
  });
}

async function until(done: () => boolean, deadlineMs = 20_000): Promise<boolean> {
  const end = Date.now() + deadlineMs;
  while (!done() && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 50));
  return done();
}

beforeAll(async () => {
  ({ app: hubApp, hub } = await world.hubApp());
  a = await world.app({ setup: false });
  b = await world.app({ setup: false });
  await pairWithHub(adminContext(a), { url: hub.url, code: await makeCode(hubApp) });
  await pairWithHub(adminContext(b), { url: hub.url, code: await makeCode(hubApp) });
  await a.admin.call('auth.login', { login: ADMIN.username, password: ADMIN.password });
  await b.admin.call('auth.login', { login: ADMIN.username, password: ADMIN.password });
  // Shipped debounce (1 s); an interval no test waits for.
  for (const app of [a, b]) runtimes.push(startNetRuntime(servicesOf(app), { mdns: false, timings: { intervalMs: 10 * 60_000 } }));
  expect(await until(() => runtimes.every((runtime) => runtime.status().state === 'synced'))).toBe(true);
}, 60_000);

afterAll(async () => {
  for (const runtime of runtimes.splice(0)) await runtime.close();
  await world.close();
});

describe('instant updates through the hub', () => {
  it('a change on A appears on B long before the next interval round, and back from B to A', async () => {
    const onB = nextEvent(b, (event) => event.entity === 'ticket');
    const ticket = await a.admin.call('tickets.create', { title: 'Caldera sin presión' });
    expect(await onB).toMatchObject({ entity: 'ticket', id: ticket.id });

    const onA = nextEvent(a, (event) => event.entity === 'ticket' && event.id === ticket.id);
    await b.admin.call('tickets.update', { id: ticket.id, version: ticket.version, title: 'Caldera sin presión (revisada)' });
    await onA;
    expect(await until(() => digestOf(a) === digestOf(b) && digestOf(a) === digestOf(hubApp))).toBe(true);
  }, 45_000);

  it('hears a write made on the hub itself', async () => {
    const onB = nextEvent(b, (event) => event.entity === 'customer');
    const customer = await hubApp.admin.call('customers.create', { name: 'Talleres Gómez' });
    expect(await onB).toMatchObject({ entity: 'customer', id: customer.id });
  }, 30_000);
});
