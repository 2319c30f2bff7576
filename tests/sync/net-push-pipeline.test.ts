// A round keeps a second push page on the way while the hub applies the one before it (syncRound's pushAll). Pages
// can reach the hub out of order: the later one then comes back with gaps and is sent again, and a page that fails
// fails the round with the pages after it ended, nothing left half done.
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { OpRecord } from '../../electron/services/sync/capture';
import { startHub } from '../../electron/services/sync/net/hubServer';
import { WireError } from '../../electron/services/sync/net/httpBody';
import type { HubStore, PushOutcome } from '../../electron/services/sync/net/hubStore';
import { sqliteHubStore } from '../../electron/services/sync/net/hubStoreSqlite';
import { pairWithHub, syncRound } from '../../electron/services/sync/net/hubClient';
import { ADMIN, type TestApp } from '../support/backend';
import { adminContext, digestOf, makeCode, netWorld, servicesOf } from './net.helpers';

const world = netWorld();
afterEach(() => world.close());

type Push = (ops: OpRecord[], fromDevice: string) => Promise<PushOutcome>;

/**
 * A team hub and one paired member signed in as the admin, in step; from then on the store's pushes go through
 * `wrap`.
 */
async function worldWithHubPushes(wrap: (push: Push) => Push): Promise<{ hubApp: TestApp; member: TestApp }> {
  const hubApp = await world.app();
  await hubApp.admin.call('team.create', { name: 'Servicios Norte', deviceName: 'Oficina' });
  const store = sqliteHubStore(servicesOf(hubApp));
  const plain: Push = store.push.bind(store);
  const watched = wrap(plain);
  let armed = false;
  const wrapped: HubStore = { ...store, push: (ops, from) => (armed ? watched : plain)(ops, from) };
  const hub = await startHub({ store: wrapped, services: servicesOf(hubApp), listen: { host: '127.0.0.1', port: 0 }, mdns: false });
  world.hubs.push(hub);
  const member = await world.app({ setup: false });
  await pairWithHub(adminContext(member), { url: hub.url, code: await makeCode(hubApp) });
  await member.admin.call('auth.login', { login: ADMIN.username, password: ADMIN.password });
  await syncRound(servicesOf(member));
  armed = true;
  return { hubApp, member };
}

async function customers(member: TestApp, n: number): Promise<void> {
  for (let i = 0; i < n; i++) await member.admin.call('customers.create', { name: `Cliente ${i} ${randomBytes(3).toString('hex')}` });
}

describe('pushing pages in a pipeline', () => {
  it('sends the next page while the hub applies the one before it, and both copies end alike', async () => {
    let inStore = 0;
    let most = 0;
    const { hubApp, member } = await worldWithHubPushes((push) => async (ops, from) => {
      most = Math.max(most, ++inStore);
      try {
        return await push(ops, from);
      } finally {
        inStore--;
      }
    });
    await customers(member, 30);
    const round = await syncRound(servicesOf(member), undefined, { pageSize: 5 });
    expect(round).toMatchObject({ sent: 30, inStep: true });
    expect(most).toBe(2);
    expect(digestOf(member)).toBe(digestOf(hubApp));
  });

  it('sends a page again when it overtook the page before it on the way', async () => {
    let calls = 0;
    const gapAnswers: number[] = [];
    let releaseFirst: () => void = () => undefined;
    const secondDone = new Promise<void>((resolve) => (releaseFirst = resolve));
    const { hubApp, member } = await worldWithHubPushes((push) => async (ops, from) => {
      const call = ++calls;
      // The first page of the round waits until the second has been applied: the second arrives first.
      if (call === 1) await secondDone;
      const outcome = await push(ops, from);
      if (call === 2) releaseFirst();
      gapAnswers.push(outcome.answer.gaps);
      return outcome;
    });
    await customers(member, 12);
    const round = await syncRound(servicesOf(member), undefined, { pageSize: 4 });
    expect(round).toMatchObject({ sent: 12, inStep: true });
    // The overtaking page came back with gaps (nothing of it kept) and went again after the first.
    expect(gapAnswers[0]).toBe(4);
    expect(calls).toBeGreaterThan(3);
    expect(digestOf(member)).toBe(digestOf(hubApp));
  });

  it('fails the round when a page is refused, after the page on the way behind it has ended; the next round completes', async () => {
    let calls = 0;
    let refuse = true;
    let settledAfterRefusal = 0;
    const { hubApp, member } = await worldWithHubPushes((push) => async (ops, from) => {
      const call = ++calls;
      if (call === 1 && refuse) {
        // Refused only once the page behind it reached the store, so both are on the way together.
        await new Promise<void>((resolve) => {
          const wait = () => (calls >= 2 ? resolve() : setTimeout(wait, 5));
          wait();
        });
        throw new WireError(503, 'hub_unavailable', 'the hub cannot reach its database right now');
      }
      try {
        return await push(ops, from);
      } finally {
        if (refuse) settledAfterRefusal++;
      }
    });
    await customers(member, 8);
    const failed = await syncRound(servicesOf(member), undefined, { pageSize: 4 }).then(
      () => 'completed',
      (error: { details?: { reason?: string } }) => error.details?.reason,
    );
    expect(failed).toBe('hub_unavailable');
    expect(settledAfterRefusal).toBe(1);
    refuse = false;
    expect(await syncRound(servicesOf(member), undefined, { pageSize: 4 })).toMatchObject({ inStep: true });
    expect(digestOf(member)).toBe(digestOf(hubApp));
  });
});
