// Shared by the network sync tests: apps on real files, a hub on 127.0.0.1 (port chosen by the OS, no mDNS),
// pairing codes made as the app's admin, and small TCP proxies that stand between a member and its hub.
import { connect as tcpConnect, createServer as createTcpServer, type Server, type Socket } from 'node:net';
import type { DomainEvent } from '../../electron/contract';
import type { ServiceContext } from '../../electron/services/context';
import { startNetRuntime, type NetRuntime, type NetRuntimeOptions } from '../../electron/services/sync/background/runtime';
import { syncDigest } from '../../electron/services/sync/digest';
import { startHub, type Hub, type HubServices } from '../../electron/services/sync/net/hubServer';
import { makePairingCode } from '../../electron/services/sync/net/pairingCodes';
import { loadActor } from '../../electron/services/users/actor';
import { ADMIN, Caller, type TestApp } from '../support/backend';
import { sqliteOf, startNowApp } from './team.helpers';

export function servicesOf(app: TestApp): HubServices {
  const { database, clock, events } = app.backend;
  return { db: database.db, sqlite: database.sqlite, clock, events, dataDir: app.dir };
}

/** The app's services acting as its administrator (or nobody, on a copy with no users yet). */
export function adminContext(app: TestApp): ServiceContext {
  const row = sqliteOf(app).prepare('SELECT id FROM users WHERE username = ?').get(ADMIN.username) as { id: string } | undefined;
  return { ...servicesOf(app), actor: row ? loadActor(sqliteOf(app), row.id) : null };
}

export const digestOf = (app: TestApp): string => syncDigest(sqliteOf(app));

export async function makeCode(app: TestApp): Promise<string> {
  return (await makePairingCode(adminContext(app))).code;
}

export interface NetWorld {
  apps: TestApp[];
  hubs: Hub[];
  servers: Server[];
  app(options?: { setup?: boolean }): Promise<TestApp>;
  /** A team founded on a fresh app, serving as hub on 127.0.0.1. */
  hubApp(): Promise<{ app: TestApp; hub: Hub }>;
  startHub(app: TestApp, port?: number): Promise<Hub>;
  close(): Promise<void>;
}

export function netWorld(): NetWorld {
  const world: NetWorld = {
    apps: [],
    hubs: [],
    servers: [],
    async app(options = {}) {
      const app = await startNowApp(options);
      world.apps.push(app);
      return app;
    },
    async startHub(app, port = 0) {
      const hub = await startHub({ services: servicesOf(app), listen: { host: '127.0.0.1', port }, mdns: false });
      world.hubs.push(hub);
      return hub;
    },
    async hubApp() {
      const app = await world.app();
      await app.admin.call('team.create', { name: 'Servicios Norte', deviceName: 'Oficina' });
      return { app, hub: await world.startHub(app) };
    },
    async close() {
      // Closing twice is harmless: a test may have stopped its hub already.
      for (const hub of world.hubs.splice(0)) await hub.close();
      for (const server of world.servers.splice(0)) await new Promise<void>((resolve) => server.close(() => resolve()));
      for (const app of world.apps.splice(0)) app.close();
    },
  };
  return world;
}

/**
 * A TCP proxy on 127.0.0.1 in front of `target`: `alter` may change each chunk going to the target (by index of
 * the chunk on its connection). Tracked by `world` so afterAll stops it.
 */
export async function tcpProxy(world: NetWorld, targetPort: number, alter?: (chunk: Buffer, index: number) => Buffer): Promise<number> {
  const sockets = new Set<Socket>();
  const server = createTcpServer((client) => {
    const upstream = tcpConnect(targetPort, '127.0.0.1');
    sockets.add(client).add(upstream);
    let index = 0;
    client.on('data', (chunk: Buffer) => upstream.write(alter ? alter(chunk, index++) : chunk));
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  server.on('close', () => sockets.forEach((socket) => socket.destroy()));
  const close = server.close.bind(server);
  server.close = ((callback?: (error?: Error) => void) => {
    sockets.forEach((socket) => socket.destroy());
    return close(callback);
  }) as typeof server.close;
  world.servers.push(server);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
}

/**
 * A TCP proxy that cuts every connection in the middle of the TLS handshake: the ClientHello reaches `targetPort`,
 * and as soon as the target answers both sockets are destroyed (a reset, no TLS alert: a network fault).
 */
export async function cuttingProxy(world: NetWorld, targetPort: number): Promise<number> {
  const server = createTcpServer((client) => {
    const upstream = tcpConnect(targetPort, '127.0.0.1');
    const cut = () => {
      client.resetAndDestroy();
      upstream.destroy();
    };
    client.once('data', (hello: Buffer) => upstream.write(hello));
    upstream.once('data', cut);
    client.on('error', cut);
    upstream.on('error', cut);
  });
  world.servers.push(server);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
}

/**
 * The reason a call was refused with: a channel call's error (its shape's details) or a service's AppError (as a round
 * or a pairing throws it). The test fails when it was not refused.
 */
export async function reasonOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    const refused = error as { shape?: { details?: { reason?: string } }; details?: { reason?: string } };
    return (refused.shape?.details ?? refused.details)?.reason;
  }
  throw new Error('expected a refusal');
}

/** Polls `read` every 50 ms until `done` holds or the deadline passes; answers the last value read. */
export async function until<T>(read: () => Promise<T> | T, done: (value: T) => boolean, deadlineMs = 15_000): Promise<T> {
  const end = Date.now() + deadlineMs;
  let value = await read();
  while (!done(value) && Date.now() < end) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await read();
  }
  return value;
}

export const MEMBER_ACCOUNT = { username: 'tomas', email: 'tomas@norte.example', fullName: 'Tomás Vidal', password: 'tomas-clave-larga-1' };

/** An office copy that founded the team and a laptop with its own first account, each with its net runtime running. */
export interface OfficeAndLaptop {
  hub: TestApp;
  member: TestApp;
  memberAdmin: Caller;
  hubRuntime: NetRuntime;
  memberRuntime: NetRuntime;
  /** Every domain event the office copy published. */
  hubEvents: DomainEvent[];
  close(): Promise<void>;
}

export async function officeAndLaptop(options: { hub: NetRuntimeOptions; member: NetRuntimeOptions }): Promise<OfficeAndLaptop> {
  const hub = await startNowApp({ setup: false });
  await hub.admin.call('auth.setup', ADMIN);
  await hub.admin.call('auth.login', { login: ADMIN.username, password: ADMIN.password });
  await hub.admin.call('team.create', { name: 'Servicios Norte', deviceName: 'Oficina' });
  const hubRuntime = startNetRuntime(servicesOf(hub), options.hub);
  const hubEvents: DomainEvent[] = [];
  hub.backend.events.on((event) => hubEvents.push(event));

  const member = await startNowApp({ setup: false });
  const memberAdmin = new Caller(member.backend);
  await memberAdmin.call('auth.setup', { ...MEMBER_ACCOUNT, companyName: 'Servicios Norte' });
  await memberAdmin.call('auth.login', { login: MEMBER_ACCOUNT.username, password: MEMBER_ACCOUNT.password });
  const world: OfficeAndLaptop = {
    hub,
    member,
    memberAdmin,
    hubRuntime,
    memberRuntime: startNetRuntime(servicesOf(member), options.member),
    hubEvents,
    async close() {
      // The laptop's runtime as it is now (a test may have stopped it and started another).
      await world.memberRuntime.close();
      await hubRuntime.close();
      member.close();
      hub.close();
    },
  };
  return world;
}
