// The hub: serves the sync protocol over HTTPS with pre-shared keys (TLS 1.3), on one address and port, and
// nothing else. Unknown identities fail in the handshake; every socket is tracked by its identity so a revoked
// device is cut off at once.
import { createServer, type Server } from 'node:https';
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { AppError, type DomainEvent } from '../../../contract';
import { prepared } from '../../sql';
import { teamCredentials } from '../bundle-keys';
import { isDeviceId } from '../hlc';
import { AddressGuard } from './guard';
import type { HubServices } from './hubPairing';
import { route, sendError, type RouteContext } from './hubRoutes';
import { HubLane } from './hubLane';
import { HubWaiters } from './hubWaiters';
import { linkKeyOf, ownFingerprint } from './links';
import { announceHub } from './mdns';
import { livePairingKey } from './pairingCodes';
import { PAIR_IDENTITY_PREFIX, serverPskOptions } from './tlsPsk';

export type { HubServices } from './hubPairing';

export const MAX_CONNECTIONS = 256;

export interface HubOptions {
  services: HubServices;
  /** Port 0: any free port (tests). */
  listen: { host: string; port: number };
  /** After each committed page of remote ops (the events are also emitted on services.events). */
  onApplied?: (events: DomainEvent[]) => void;
  log?: (line: string) => void;
  /** Announce by mDNS (default true). */
  mdns?: boolean;
}

export interface Hub {
  url: string;
  host: string;
  port: number;
  fingerprint: string;
  connections(): number;
  /** Closes the device's open sockets now; returns how many. */
  disconnectDevice(deviceId: string): number;
  close(): Promise<void>;
}

function assertCanServe(services: HubServices): { teamId: string; deviceId: string } {
  const team = teamCredentials(services.sqlite);
  const self = prepared(services.sqlite, 'SELECT revoked_at FROM team_members WHERE device_id = ?').get(team.deviceId) as { revoked_at: string | null } | undefined;
  if (self?.revoked_at) throw new AppError('FORBIDDEN', 'this device was revoked from the team; it cannot serve as hub', { reason: 'device_revoked' });
  return { teamId: team.teamId, deviceId: team.deviceId };
}

/** Tracks open TLS sockets by PSK identity. */
class SocketBook {
  private readonly identities = new WeakMap<Socket, string>();
  private readonly byIdentity = new Map<string, Set<TLSSocket>>();

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
    socket.once('close', () => {
      set.delete(socket);
      if (set.size === 0 && this.byIdentity.get(identity) === set) this.byIdentity.delete(identity);
    });
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

  count(): number {
    let n = 0;
    for (const set of this.byIdentity.values()) n += set.size;
    return n;
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
  const { services } = options;
  const log = options.log ?? (() => undefined);
  const team = assertCanServe(services);
  const fingerprint = ownFingerprint(services.sqlite);
  const guard = new AddressGuard();
  const book = new SocketBook();

  const keyFor = (socket: TLSSocket, identity: string): Buffer | null => {
    let key: Buffer | null = null;
    if (identity.startsWith(PAIR_IDENTITY_PREFIX)) {
      if (!guard.isBlocked(socket.remoteAddress)) key = livePairingKey(services.sqlite, identity, services.clock.now().toISOString());
    } else if (isDeviceId(identity)) {
      key = linkKeyOf(services.sqlite, identity);
    }
    if (key) book.remember(socket, identity);
    return key;
  };

  /** Cuts off every connected device the team has revoked (after each applied page, and on local team changes). */
  const closeRevoked = () => {
    for (const deviceId of book.devices()) {
      const member = prepared(services.sqlite, 'SELECT revoked_at FROM team_members WHERE device_id = ?').get(deviceId) as { revoked_at: string | null } | undefined;
      if (member?.revoked_at && book.destroy(deviceId) > 0) log(`hub: closed the connections of revoked device ${deviceId}`);
    }
  };

  const waiters = new HubWaiters(services.sqlite);
  const routes: RouteContext = {
    services,
    waiters,
    lane: new HubLane(),
    applied: (events) => {
      for (const event of events) services.events.emit(event);
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
  const stopWatching = services.events.on((event) => {
    waiters.poke();
    if (event.entity === 'team') closeRevoked();
  });

  let port: number;
  try {
    port = await listen(server, options.listen.host, options.listen.port);
  } catch (error) {
    stopWatching();
    throw error;
  }
  const host = options.listen.host;
  const announced = options.mdns === false ? null : announceHub({ port, name: deviceName(services), teamId: team.teamId, fingerprint });
  const urlHost = host.includes(':') ? `[${host}]` : host;
  log(`hub: listening on https://${urlHost}:${port}`);
  return {
    url: `https://${urlHost}:${port}`,
    host,
    port,
    fingerprint,
    connections: () => book.count(),
    disconnectDevice: (deviceId) => book.destroy(deviceId),
    close: async () => {
      stopWatching();
      waiters.release();
      await announced?.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of raw) socket.destroy();
      });
    },
  };
}

function deviceName(services: HubServices): string {
  return (prepared(services.sqlite, 'SELECT device_name FROM sync_local WHERE id = 1').get() as { device_name: string }).device_name;
}
