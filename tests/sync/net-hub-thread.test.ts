// Hub mode as the app runs it: in a thread of its own with its own connection. The copy's own calls answer while the
// hub is held inside a member's page; the page's rows reach this copy's windows as events; a revoked laptop's
// connections are closed from here; turning hub mode off ends the thread, frees the port and stops the write turns.
import { readdirSync, readFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DomainEvent } from '../../electron/contract';
import { databasePath } from '../../electron/ipc/backend';
import { startNetRuntime, SYNC_STATUS_EVENT } from '../../electron/services/sync/background/runtime';
import { closePeerAgents } from '../../electron/services/sync/net/peerAgents';
import { HUB_THREAD_NICE } from '../../electron/services/sync/net/threadPriority';
import { writeTurnsOf } from '../../electron/services/writeTurns';
import { removeTempDirs } from '../db/helpers';
import type { Caller, TestApp } from '../support/backend';
import { officeAndLaptop, servicesOf, until, type OfficeAndLaptop } from './net.helpers';

let world: OfficeAndLaptop;
let hub: TestApp;
let memberAdmin: Caller;
let hubUrl = '';
let hubEvents: DomainEvent[] = [];

const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

// Rounds only when asked (sync.now), so the test knows which round the hub holds.
const MEMBER_RUNTIME = { mdns: false, timings: { debounceMs: 600_000, intervalMs: 600_000, backoffStartMs: 100, backoffCapMs: 500 } };

beforeAll(async () => {
  world = await officeAndLaptop({ hub: { mdns: false, hubThread: true }, member: MEMBER_RUNTIME });
  ({ hub, memberAdmin, hubEvents } = world);
}, 60_000);

afterAll(async () => {
  await world?.close();
  removeTempDirs();
});

describe('hub mode in its own thread', () => {
  it('listens, and a laptop pairs with a code and syncs', async () => {
    const state = await hub.admin.call('team.hubSet', { enabled: true, listen: '127.0.0.1:0' });
    expect(state).toMatchObject({ enabled: true, running: true, error: null });
    hubUrl = state.urls[0] as string;
    const code = await hub.admin.call('team.pairCode', {});
    const paired = await memberAdmin.call('team.pairWithHub', { url: hubUrl, code: code.code });
    expect(paired).toMatchObject({ fingerprint: state.fingerprint, joined: true, hubName: 'Oficina' });
    expect((await memberAdmin.call('sync.now', {})).state).toBe('synced');
    expect((await hub.admin.call('team.hubGet', {})).connectedDevices).toBeGreaterThan(0);
    // The hub marks itself as the team's hub in Miembros while it serves, and the laptop marks it too.
    const hubs = async (call: typeof memberAdmin) => (await call.call('team.status', {})).members.filter((m) => m.isHub).map((m) => [m.name, m.isSelf]);
    expect(await hubs(hub.admin)).toEqual([['Oficina', true]]);
    expect(await hubs(memberAdmin)).toEqual([['Oficina', false]]);
    // The window's writes and the thread's take turns (writeTurns.ts) while the thread runs.
    expect(writeTurnsOf(hub.backend.database.sqlite)).toBeDefined();
  });

  it.runIf(process.platform === 'linux')('the hub’s thread runs at a lower CPU priority than the engine’s, so the window wins the CPU', () => {
    // Linux keeps a nice value per thread (field 19 of /proc/<pid>/task/<tid>/stat, after the command's parentheses).
    const niceOf = (task: string) => Number(readFileSync(`/proc/self/task/${task}/stat`, 'utf8').split(') ')[1]?.split(' ')[16]);
    const nices = readdirSync('/proc/self/task').map((task) => ({ task, nice: niceOf(task) }));
    expect(nices.find((thread) => thread.task === String(process.pid))?.nice).toBe(0);
    expect(nices.filter((thread) => thread.nice === HUB_THREAD_NICE)).toHaveLength(1);
  });

  it('announces the connected computers changing, so the Equipo screen’s count follows without leaving it', async () => {
    expect((await hub.admin.call('team.hubGet', {})).connectedDevices).toBe(1);
    // What the screen does: at each announcement, read the hub's state again.
    const countsRead: Promise<number>[] = [];
    const stopListening = hub.backend.events.on((event) => {
      if (event.entity === 'team' && event.id === SYNC_STATUS_EVENT.id) countsRead.push(hub.admin.call('team.hubGet', {}).then((state) => state.connectedDevices));
    });
    try {
      // The laptop leaves: its sync stops and its connections close; nothing else happens on either side.
      await world.memberRuntime.close();
      closePeerAgents();
      const counts = await until(() => Promise.all(countsRead), (read) => read.includes(0));
      expect(counts).toContain(0);
      // And comes back (the tests below sync it).
      countsRead.length = 0;
      world.memberRuntime = startNetRuntime(servicesOf(world.member), MEMBER_RUNTIME);
      await memberAdmin.call('sync.now', {});
      expect(await until(() => Promise.all(countsRead), (read) => read.includes(1))).toContain(1);
    } finally {
      stopListening();
    }
  });

  it('the copy answers its own window while the hub is held inside a member’s page; the page then lands and is announced', async () => {
    // Another program holds the write lock: the hub's thread waits for it inside the member's round.
    const blocker = new Database(databasePath(hub.dir));
    blocker.pragma('busy_timeout = 0');
    blocker.prepare('BEGIN IMMEDIATE').run();
    let roundSettled = false;
    let round: Promise<unknown> | null = null;
    try {
      const ticket = await memberAdmin.call('tickets.create', { title: 'Caldera del Hotel Miramar sin presión' });
      round = memberAdmin.call('sync.now', {}).finally(() => (roundSettled = true));
      // Time for the round to reach the hub's thread and wait on the lock there (its busy timeout is seconds long).
      await new Promise((resolve) => setTimeout(resolve, 500));
      const list = await hub.admin.call('tickets.list', {});
      const team = await hub.admin.call('team.status', {});
      expect(roundSettled).toBe(false);
      expect(list.items.some((item) => item.id === ticket.id)).toBe(false);
      expect(team.members.length).toBeGreaterThan(1);
      blocker.prepare('COMMIT').run();
      expect(await round).toMatchObject({ state: 'synced' });
      expect((await hub.admin.call('tickets.get', { id: ticket.id })).title).toBe('Caldera del Hotel Miramar sin presión');
      // Applied on the thread's connection, announced on this copy's bus (open windows refresh on it).
      expect(hubEvents.some((event) => event.entity === 'ticket' && event.id === ticket.id)).toBe(true);
    } finally {
      if (blocker.inTransaction) blocker.prepare('ROLLBACK').run();
      blocker.close();
      await round?.catch(() => undefined);
    }
  }, 30_000);

  it('a change made on the hub’s own copy reaches the laptop', async () => {
    const customer = await hub.admin.call('customers.create', { name: 'Panadería La Espiga' });
    expect((await memberAdmin.call('sync.now', {})).state).toBe('synced');
    expect((await memberAdmin.call('customers.get', { id: customer.id })).name).toBe('Panadería La Espiga');
    expect((await memberAdmin.call('sync.digest', {})).digest).toBe((await hub.admin.call('sync.digest', {})).digest);
  });

  it('the members’ pages are checkpointed by the hub’s thread, never by the engine’s (its window’s reads waited behind it)', async () => {
    // The engine's own last writes (the test before, and what its runtime records after a round) are checkpointed a
    // second after it goes quiet: wait until no checkpoint has come for 2.5 s, then count. A fixed 1.5 s sleep was
    // outrun by that timer on a loaded machine, and its checkpoint was counted below.
    const engine = hub.backend.database.sqlite;
    const pragma = vi.spyOn(engine, 'pragma');
    const checkpoints = () => pragma.mock.calls.filter(([text]) => String(text).includes('wal_checkpoint'));
    try {
      let seen = -1;
      let quietSince = Date.now();
      while (Date.now() - quietSince < 2_500) {
        if (checkpoints().length !== seen) [seen, quietSince] = [checkpoints().length, Date.now()];
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      pragma.mockClear();
      for (let i = 0; i < 3; i++) await memberAdmin.call('tickets.create', { title: `Avería de ruta ${i + 1}` });
      expect((await memberAdmin.call('sync.now', {})).state).toBe('synced');
      // The WAL index says every frame was copied into the file (nBackfill = mxFrame), by the only other writer there is.
      const shm = `${databasePath(hub.dir)}-shm`;
      const copied = () => {
        const header = readFileSync(shm);
        return header.readUInt32LE(96) === header.readUInt32LE(16);
      };
      expect(await until(() => copied(), (done) => done, 10_000)).toBe(true);
      expect(checkpoints()).toEqual([]);
    } finally {
      pragma.mockRestore();
    }
  });

  it('revoking the laptop here closes its connections in the hub’s thread, and it is refused', async () => {
    const deviceId = (await memberAdmin.call('team.status', {})).device.id;
    await hub.admin.call('team.revoke', { deviceId });
    expect(await until(() => hub.admin.call('team.hubGet', {}), (state) => state.connectedDevices === 0)).toMatchObject({ connectedDevices: 0 });
    await memberAdmin.call('tickets.create', { title: 'Después de la revocación' });
    const status = await memberAdmin.call('sync.now', {}).catch(() => memberAdmin.call('sync.status', {}));
    expect(status.state).toBe('refused');
  });

  it('a port another program holds is refused with its reason, as the hub on the engine’s thread says it', async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const taken = (holder.address() as { port: number }).port;
    try {
      const state = await hub.admin.call('team.hubSet', { enabled: true, listen: `127.0.0.1:${taken}` });
      expect(state).toMatchObject({ enabled: true, running: false, error: 'port_in_use' });
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
    // Back on a free port it serves again.
    const state = await hub.admin.call('team.hubSet', { enabled: true, listen: '127.0.0.1:0' });
    expect(state).toMatchObject({ running: true, error: null });
    hubUrl = state.urls[0] as string;
  });

  it('turning hub mode off ends the thread and frees the port', async () => {
    const port = Number(new URL(hubUrl).port);
    expect(await portOpen(port)).toBe(true);
    const state = await hub.admin.call('team.hubSet', { enabled: false });
    expect(state).toMatchObject({ enabled: false, running: false, urls: [] });
    expect(await portOpen(port)).toBe(false);
    expect(writeTurnsOf(hub.backend.database.sqlite)).toBeUndefined();
  });
});
