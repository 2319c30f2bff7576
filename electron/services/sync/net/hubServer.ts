// The hub: serves the sync protocol over HTTPS with pre-shared keys (TLS 1.3), on one address and port, and
// nothing else. Unknown identities fail in the handshake; every socket is tracked by its identity so a revoked
// device is cut off at once.
import { createServer, type Server } from 'node:https';
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { AppError, type DomainEvent } from '../../../contract';
import { isDeviceId } from '../hlc';
import { AddressGuard } from './guard';
import type { HubServices } from './hubPairing';
import { route, sendError, type RouteContext } from './hubRoutes';
import type { HubStore } from './hubStore';
import { sqliteHubStore } from './hubStoreSqlite';
import { HubWaiters } from './hubWaiters';
import { announceHub } from './mdns';
import { PAIR_IDENTITY_PREFIX, serverPskOptions } from './tlsPsk';

export type { HubServices } from './hubPairing';

export const MAX_CONNECTIONS = 256;

export interface HubOptions {
  /** The LAN hub: a member's own copy. */
  services?: HubServices;
  /** Any other store (the PostgreSQL hub); the caller closes it. Exactly one of services and store. */
  store?: HubStore;
  /** The clock for pairing codes' expiry (default: services.clock, else the system clock). */
  now?: () => Date;
  /** Port 0: any free port (tests). */
  listen: { host: string; port: number };
  /** After each committed page of remote ops (the events are also emitted on services.events). */
  onApplied?: (events: DomainEvent[]) => void;
  /** Each time the number of member devices with a connection open changes (the hub's thread tells the engine). */
  onConnectedDevices?: (count: number) => void;
  log?: (line: string) => void;
  /** Announce by mDNS (default true). */
  mdns?: boolean;
}

/** How the hub's log line about where it listens begins (the headless commands print their own, with the fingerprint). */
export const HUB_LISTENING_LOG = 'hub: listening on ';

export interface Hub {
  url: string;
  host: string;
  port: number;
  fingerprint: string;
  /** Member devices with a connection open now (a laptop's long poll and a request at once count once). */
  connectedDevices(): number;
  /** A commit made on another connection to the hub's store (the engine's, when the hub runs in its own thread). */
  noteChange(team: boolean): void;
  close(): Promise<void>;
}

/** Tracks open TLS sockets by PSK identity. */
class SocketBook {
  private readonly identities = new WeakMap<Socket, string>();
  private readonly byIdentity = new Map<string, Set<TLSSocket>>();
  /** The count last reported: every request's socket opens and closes, the count changes far less often. */
  private reported = 0;

  constructor(private readonly counted: (count: number) => void = () => undefined) {}

  remember(socket: Socket, identity: string): void {
    this.identities.set(socket, identity);
  }

  identityOf(socket: Socket): string | undefined {
    return this.identities.get(socket);
  }

  opened(socket: TLSSocket): void {
    const identity = this.identities.get(socket);
    if (identity === undefined) return void socket.destroy();
    let set = this.byIdentity.get(identity);
    if (!set) this.byIdentity.set(identity, (set = new Set()));
    set.add(socket);
    this.reportCount();
    socket.once('close', () => {
      set.delete(socket);
      if (set.size === 0 && this.byIdentity.get(identity) === set) this.byIdentity.delete(identity);
      this.reportCount();
    });
  }

  private reportCount(): void {
    const count = this.count();
    if (count === this.reported) return;
    this.reported = count;
    this.counted(count);
  }

  devices(): string[] {
    return [...this.byIdentity.keys()].filter((identity) => !identity.startsWith(PAIR_IDENTITY_PREFIX));
  }

  destroy(identity: string): number {
    const set = this.byIdentity.get(identity);
    if (!set) return 0;
    for (const socket of set) socket.destroy();
    return set.size;
  }

  /** Member devices with a connection open: one laptop's long poll and a request in flight are one device. */
  count(): number {
    return this.devices().length;
  }
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const fail = (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') reject(new AppError('CONFLICT', `the port ${host}:${port} is in use by another program; choose another port`, { reason: 'port_in_use' }));
      else reject(new AppError('CONFLICT', `cannot listen on ${host}:${port}: ${error.message}`, { reason: 'listen_failed' }));
    };
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      resolve((server.address() as { port: number }).port);
    });
  });
}

export async function startHub(options: HubOptions): Promise<Hub> {
  const store = options.store ?? (options.services ? sqliteHubStore(options.services) : null);
  if (!store) throw new AppError('INTERNAL', 'startHub needs a store or the services of a copy', { reason: 'no_store' });
  const now = options.now ?? (options.services ? () => options.services!.clock.now() : () => new Date());
  const log = options.log ?? (() => undefined);
  const self = await store.identity();
  const { fingerprint } = self;
  const guard = new AddressGuard();
  const book = new SocketBook(options.onConnectedDevices);

  const keyFor = (socket: TLSSocket, identity: string): Buffer | null => {
    let key: Buffer | null = null;
    if (identity.startsWith(PAIR_IDENTITY_PREFIX)) {
      if (!guard.isBlocked(socket.remoteAddress)) key = store.pairingKey(identity, now().toISOString());
    } else if (isDeviceId(identity)) {
      key = store.linkKey(identity);
    }
    if (key) book.remember(socket, identity);
    return key;
  };

  /** Cuts off every connected device the team has revoked (after each applied page, and on local team changes). */
  const closeRevoked = () => {
    const devices = book.devices();
    if (devices.length === 0) return;
    store.revokedAmong(devices).then(
      (revoked) => {
        for (const deviceId of revoked) if (book.destroy(deviceId) > 0) log(`hub: closed the connections of revoked device ${deviceId}`);
      },
      (error: unknown) => log(`hub: could not check revocations: ${error instanceof Error ? error.message : String(error)}`),
    );
  };

  const waiters = new HubWaiters(() => store.vector());
  const routes: RouteContext = {
    store,
    waiters,
    applied: (events) => {
      if (events.length === 0) return;
      options.onApplied?.(events);
      closeRevoked();
    },
  };

  const server = createServer({ ...serverPskOptions(keyFor), requestTimeout: 120_000, headersTimeout: 10_000, keepAliveTimeout: 5_000, maxHeaderSize: 16 * 1024 }, (req, res) => {
    const identity = book.identityOf(req.socket);
    if (identity === undefined) return void req.socket.destroy();
    route(routes, identity, req, res).catch((error: unknown) => sendError(req, res, error, log));
  });
  server.maxConnections = MAX_CONNECTIONS;
  // Every raw socket, handshake or not, so close() never waits on a half-open one.
  const raw = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    raw.add(socket);
    socket.once('close', () => raw.delete(socket));
  });
  server.on('secureConnection', (socket: TLSSocket) => book.opened(socket));
  // A failed handshake (unknown identity, wrong key, garbage, timeout): counted against its address.
  server.on('tlsClientError', (_error, socket) => guard.noteFailure(socket.remoteAddress));
  // Any commit on this copy (a local write, a page from another member) may be news for the members waiting.
  const noteChange = (team: boolean) => {
    waiters.poke();
    if (team) closeRevoked();
  };
  const stopWatching = store.watch((change) => noteChange(change.team));

  let port: number;
  try {
    port = await listen(server, options.listen.host, options.listen.port);
  } catch (error) {
    stopWatching();
    throw error;
  }
  const host = options.listen.host;
  const announced = options.mdns === false ? null : announceHub({ host, port, name: self.name, teamId: self.teamId, fingerprint });
  const urlHost = host.includes(':') ? `[${host}]` : host;
  log(`${HUB_LISTENING_LOG}https://${urlHost}:${port}`);
  return {
    url: `https://${urlHost}:${port}`,
    host,
    port,
    fingerprint,
    connectedDevices: () => book.count(),
    noteChange,
    close: async () => {
      stopWatching();
      waiters.release();
      await announced?.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of raw) socket.destroy();
      });
      if (!options.store) await store.close();
    },
  };
}
