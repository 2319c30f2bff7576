// The hub announces itself on the LAN by mDNS (`_emerald-sync._tcp`) and members list the hubs they hear.
// Best effort: where multicast is blocked the hub still works and a person types its address.
// The TXT record names no secret: a hash of the team id, the fingerprint's first group, the device name.
import { createHash } from 'node:crypto';
import { Bonjour, type Service } from 'bonjour-service';

export const MDNS_TYPE = 'emerald-sync';
const TXT_VERSION = '1';

export interface HubAnnouncement {
  port: number;
  name: string;
  teamId: string;
  fingerprint: string;
  /** The one address the hub listens on, when it is not every interface: members must use that one. */
  host?: string;
}

const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '']);
const isLoopback = (host: string) => /^127\./.test(host) || host === '::1' || host === 'localhost';

/**
 * What a hub listening on `host` may announce: 'all' (every interface: the announcement's own addresses are right),
 * 'address' (one LAN address: announced in the TXT, members use it), 'none' (loopback: nobody on the LAN can reach it).
 */
export function announcementScope(host: string): 'all' | 'address' | 'none' {
  if (WILDCARD_HOSTS.has(host)) return 'all';
  return isLoopback(host) ? 'none' : 'address';
}

export interface DiscoveredHub {
  name: string;
  host: string;
  port: number;
  url: string;
  teamHash: string;
  fingerprintPrefix: string;
}

/** 12 hex of sha256(team id): a member recognises its team's hubs without the id going on the air. */
export function teamHash(teamId: string): string {
  return createHash('sha256').update(`emerald-team:${teamId}`).digest('hex').slice(0, 12);
}

export function hubTxt(info: HubAnnouncement): Record<string, string> {
  const txt: Record<string, string> = { v: TXT_VERSION, team: teamHash(info.teamId), fp: info.fingerprint.replace(/\s/g, '').slice(0, 8), name: info.name.slice(0, 60) };
  if (info.host && announcementScope(info.host) === 'address') txt.addr = info.host;
  return txt;
}

const asText = (value: unknown): string => (Buffer.isBuffer(value) ? value.toString('utf8') : typeof value === 'string' ? value : '');

/** A heard service as a hub, or null when its TXT is not ours (another version, another program). */
export function hubFromService(service: Pick<Service, 'name' | 'host' | 'port' | 'addresses' | 'txt' | 'referer'>): DiscoveredHub | null {
  const txt = (service.txt ?? {}) as Record<string, unknown>;
  if (asText(txt.v) !== TXT_VERSION || !/^[0-9a-f]{12}$/.test(asText(txt.team))) return null;
  // A hub bound to one address says which: the packet's addresses are every interface of that PC.
  const bound = asText(txt.addr);
  const ipv4 = (/^\d+\.\d+\.\d+\.\d+$/.test(bound) ? bound : undefined) ?? service.addresses?.find((address) => /^\d+\.\d+\.\d+\.\d+$/.test(address)) ?? service.referer?.address ?? service.host;
  if (!ipv4 || !Number.isInteger(service.port) || service.port <= 0) return null;
  const host = ipv4.includes(':') ? `[${ipv4}]` : ipv4;
  return {
    name: asText(txt.name) || service.name,
    host: ipv4,
    port: service.port,
    url: `https://${host}:${service.port}`,
    teamHash: asText(txt.team),
    fingerprintPrefix: asText(txt.fp),
  };
}

/** Starts announcing; never throws (no multicast: nothing is announced). */
export function announceHub(info: HubAnnouncement): { stop(): Promise<void> } {
  let bonjour: Bonjour | null = null;
  // A hub on loopback announces nothing: it would offer the LAN addresses it does not listen on.
  if (info.host !== undefined && announcementScope(info.host) === 'none') return { stop: () => Promise.resolve() };
  try {
    bonjour = new Bonjour({}, () => undefined);
    const service = bonjour.publish({ name: `${info.name.slice(0, 40) || 'Emerald'} (${teamHash(info.teamId).slice(0, 4)})`, type: MDNS_TYPE, port: info.port, txt: hubTxt(info) });
    service.on('error', () => undefined);
  } catch {
    bonjour = null;
  }
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        if (!bonjour) return resolve();
        const done = bonjour;
        bonjour = null;
        try {
          done.unpublishAll(() => done.destroy(() => resolve()));
        } catch {
          resolve();
        }
        // A socket that never answers must not hold the shutdown.
        setTimeout(resolve, 1000).unref();
      }),
  };
}

/** Listens for hubs for `timeoutMs`; an empty list when multicast is unavailable. */
export function discoverHubs(timeoutMs = 2000): Promise<DiscoveredHub[]> {
  return new Promise((resolve) => {
    const found = new Map<string, DiscoveredHub>();
    let bonjour: Bonjour;
    try {
      bonjour = new Bonjour({}, () => undefined);
    } catch {
      return resolve([]);
    }
    const browser = bonjour.find({ type: MDNS_TYPE }, (service) => {
      const hub = hubFromService(service);
      if (hub) found.set(hub.url, hub);
    });
    setTimeout(() => {
      try {
        browser.stop();
        bonjour.destroy();
      } catch {
        // Closing a socket that failed to open.
      }
      resolve([...found.values()]);
    }, timeoutMs);
  });
}
