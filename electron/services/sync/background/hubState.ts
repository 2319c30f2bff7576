// The hub card's state (Administración → Equipo): the saved switch and, while a hub runs, its addresses and connections.
// One builder for the running runtime and for a backend with none (a stopped or bare copy).
import type Database from 'better-sqlite3';
import type { HubStateDto } from '../../../contract/teamNet';
import type { Hub } from '../net/hubServer';
import { ownFingerprint } from '../net/links';
import { usedCodeIds } from '../net/pairingCodes';
import { formatListen, readHubSetting } from './hubSetting';
import { lanUrls } from './lanUrls';

type RunningHub = Pick<Hub, 'host' | 'port' | 'fingerprint' | 'connectedDevices'>;

/** `hub`: the hub running now, if any; `error`: why the switch is on and none runs. */
export function hubStateOf(sqlite: Database.Database, nowIso: string, hub: RunningHub | null = null, error: string | null = null): HubStateDto {
  const setting = readHubSetting(sqlite);
  return {
    enabled: setting.enabled,
    listen: formatListen(setting),
    running: hub !== null,
    urls: hub ? lanUrls(hub.host, hub.port) : [],
    fingerprint: hub?.fingerprint ?? teamFingerprint(sqlite),
    error,
    connectedDevices: hub?.connectedDevices() ?? 0,
    usedCodes: usedCodeIds(sqlite, nowIso),
  };
}

function teamFingerprint(sqlite: Database.Database): string | null {
  try {
    return ownFingerprint(sqlite);
  } catch {
    // Not in a team yet: no key to show.
    return null;
  }
}
