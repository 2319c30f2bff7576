// mDNS for a hub bound to one address: startHub announces every interface of the PC, which is right only for a hub
// listening on all of them. Bound to loopback it must announce nothing; bound to one LAN address, only that one.
import type Database from 'better-sqlite3';
import { prepared } from '../../sql';
import { announceHub, announcementScope } from '../net/mdns';

/** The `mdns` option for startHub: its own announcement only when the hub listens on every interface. */
export function startHubAnnounces(host: string, wanted: boolean): boolean {
  return wanted && announcementScope(host) === 'all';
}

/** The announcement naming the one LAN address a hub is bound to; null when startHub's own (or none) is right. */
export function announceBoundHub(sqlite: Database.Database, hub: { host: string; port: number; fingerprint: string }, wanted: boolean): { stop(): Promise<void> } | null {
  if (!wanted || announcementScope(hub.host) !== 'address') return null;
  const local = prepared(sqlite, 'SELECT device_name, team_id FROM sync_local WHERE id = 1').get() as { device_name: string; team_id: string | null } | undefined;
  if (!local?.team_id) return null;
  return announceHub({ host: hub.host, port: hub.port, name: local.device_name, teamId: local.team_id, fingerprint: hub.fingerprint });
}
