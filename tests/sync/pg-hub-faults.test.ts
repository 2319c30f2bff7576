// The central hub without its database: PostgreSQL stopped at once (immediate shutdown) while the hub runs. A member's
// round is refused as "hub unavailable" (retried quietly, like an unreachable hub), nothing it had is lost, and
// once PostgreSQL is back the next round completes on the same hub process. The hub's log says when it went and came back.
import { describe, expect, it } from 'vitest';
import { classifyRoundError } from '../../electron/services/sync/background/roundInfo';
import { pairWithHub, syncRound } from '../../electron/services/sync/net/hubClient';
import { logAvailability } from '../../electron/services/sync/pg/pgAvailability';
import { ADMIN } from '../support/backend';
import { adminContext, servicesOf } from './net.helpers';
import { pgHubSuite } from './pg-hub.helpers';

const { world, pgWorld, cluster } = pgHubSuite();

describe('PostgreSQL stopped under a running central hub', () => {
  it('members get hub_unavailable, then the round completes when it is back; nothing lost', async () => {
    const central = await pgWorld.hub();
    const logged: string[] = [];
    logAvailability(central.pool, (line) => logged.push(line));
    const laptop = await world.app({ setup: false });
    await pairWithHub(adminContext(laptop), { url: central.hub.url, code: await central.code() });
    await laptop.admin.call('auth.login', { login: ADMIN.username, password: ADMIN.password });
    await laptop.admin.call('customers.create', { name: 'Antes del corte' });
    await syncRound(servicesOf(laptop));

    await cluster().kill();
    await laptop.admin.call('customers.create', { name: 'Durante el corte' });
    const refused = await syncRound(servicesOf(laptop)).catch((error: unknown) => error);
    expect(classifyRoundError(refused)).toEqual({ state: 'unreachable', reason: 'hub_unavailable' });
    // The link as the round left it says the same (what `team status` prints with no app running): unreachable since.
    expect(await laptop.admin.call('sync.status', {})).toMatchObject({ state: 'unreachable', reason: 'hub_unavailable', unreachableSince: expect.any(String) });
    await syncRound(servicesOf(laptop)).catch(() => undefined);
    // One line for the outage, however many requests it refused.
    expect(logged).toEqual([expect.stringMatching(/^hub: PostgreSQL cannot be reached \(noticed at \d\d:\d\d:\d\d UTC by a laptop's request: .*nothing acknowledged is lost$/)]);

    await cluster().start();
    const round = await syncRound(servicesOf(laptop));
    expect(round).toMatchObject({ inStep: true });
    expect(round.sent).toBeGreaterThan(0);
    expect(logged).toHaveLength(2);
    expect(logged[1]).toMatch(/^hub: PostgreSQL reachable again \(noticed \d+s after it was found gone; [1-9]\d* requests? answered "unavailable" meanwhile\)$/);
    expect(await central.value("SELECT count(*)::int FROM customers WHERE name IN ('Antes del corte', 'Durante el corte')")).toBe(2);
  });
});
