// Team sync over the LAN (issue 13): the background sync state, hub mode, pairing codes, finding hubs and pairing.
// See DESIGN.md "Team sync" (Transports, Trust). Hub mode and links are per laptop: nothing here is replicated.
import { z } from 'zod';
import { empty } from './common';
import { channel } from './define';
import { TEAM_ADMIN_ACCESS } from './team';
import { HUB_URL_PATTERN } from './hubUrl';

/** Background sync with the hub, as the sidebar footer shows it. */
export interface BackgroundSyncStatus {
  /** off: no hub link (or background sync stopped); refused: the hub answered no (see reason). */
  state: 'off' | 'synced' | 'syncing' | 'unreachable' | 'refused';
  /** This copy's own changes the hub has not acknowledged yet. */
  pending: number;
  lastSyncAt: string | null;
  unreachableSince: string | null;
  /** Why the last round failed: `unreachable`, `revoked`, `refused`, `no_link`… */
  reason?: string;
}

/** sync.status: the background state, the hub this copy syncs with, and whether this copy is a hub itself. */
export interface SyncNetStatusDto extends BackgroundSyncStatus {
  hub: { name: string; url: string; fingerprint: string } | null;
  /** True while this copy serves as the team's hub. */
  servingHub: boolean;
}

export interface HubStateDto {
  /** The switch as saved on this laptop. */
  enabled: boolean;
  /** Address and port to listen on, "0.0.0.0:7443" = every interface. */
  listen: string;
  running: boolean;
  /** The address members type, one per LAN interface when listening on all of them. */
  urls: string[];
  /** This hub's key fingerprint, to compare with what a member shows after pairing. Null before joining a team. */
  fingerprint: string | null;
  /** Why the hub is not running although switched on: `port_in_use`, `not_in_team`, `listen_failed`… */
  error: string | null;
  /** Member devices with a connection to this hub open now. */
  connectedDevices: number;
  /** Codes made here (PairingCodeDto.id) that a laptop has used: the card stops showing them as valid. */
  usedCodes: string[];
}

export interface PairingCodeDto {
  /** Names the code in HubStateDto.usedCodes (what the code derives for the handshake, never the code). */
  id: string;
  code: string;
  expiresAt: string;
  fingerprint: string;
  urls: string[];
}

export interface DiscoveredHubDto {
  name: string;
  url: string;
  /** True when the hub announces this copy's team. */
  sameTeam: boolean;
  fingerprintPrefix: string;
}

export interface PairResultDto {
  /** The hub's key fingerprint: compare it with the one on the hub's screen. */
  fingerprint: string;
  hubName: string;
  url: string;
  /** True when pairing also joined this copy to the hub's team. */
  joined: boolean;
  /**
   * The signed-in person's account when joining made it the team's account of the same e-mail: from now on its
   * team password applies (the laptop's own password for it no longer does). Null when nothing changed for them.
   */
  teamAccount: { username: string } | null;
}

const listen = z
  .string()
  .trim()
  .max(100)
  .regex(/^(?:\[[0-9a-fA-F:.]+\]|[0-9A-Za-z.-]*):\d{1,5}$|^\d{1,5}$/, 'address:port, e.g. 0.0.0.0:7443');

export const teamHubSetInput = z.strictObject({ enabled: z.boolean(), listen: listen.optional() });
export const teamPairWithHubInput = z.strictObject({
  url: z.string().trim().min(1).max(300).regex(HUB_URL_PATTERN, 'an address like https://192.168.1.20:7443'),
  code: z.string().trim().min(4).max(40),
  // The name Miembros shows for this laptop (required in the pairing card; the CLI's --device-name).
  deviceName: z.string().trim().min(1).max(100).optional(),
});
/** The first-run join of an empty install: the same pairing, with this computer's name required. */
export const teamPairFirstRunInput = teamPairWithHubInput.extend({ deviceName: z.string().trim().min(1).max(100) });

export const teamNetChannels = {
  /** Background sync: state, changes not acknowledged by the hub, last round, since when unreachable. */
  'sync.status': channel<SyncNetStatusDto>()({ input: empty, access: 'session' }),
  /** One round with the hub now; CONFLICT `no_link` when this copy is paired with no hub. */
  'sync.now': channel<SyncNetStatusDto>()({ input: empty, access: 'session' }),
  'team.hubGet': channel<HubStateDto>()({ input: empty, access: TEAM_ADMIN_ACCESS }),
  /** Turns hub mode on or off on this laptop (saved; a running app follows at once). */
  'team.hubSet': channel<HubStateDto>()({ input: teamHubSetInput, access: TEAM_ADMIN_ACCESS }),
  /** A one-time code (valid minutes, single use) a new laptop types to pair with this hub. */
  'team.pairCode': channel<PairingCodeDto>()({ input: empty, access: TEAM_ADMIN_ACCESS }),
  /** Hubs announcing themselves on the LAN (mDNS), within about two seconds. */
  'team.discoverHubs': channel<{ hubs: DiscoveredHubDto[] }>()({ input: empty, access: TEAM_ADMIN_ACCESS }),
  /** Pairs with a hub by its code (joining its team when this copy is in none); refused: `bad_code`, `unreachable`, `foreign_team`… */
  'team.pairWithHub': channel<PairResultDto>()({ input: teamPairWithHubInput, access: TEAM_ADMIN_ACCESS }),
  /**
   * The first-run screen's "join a team": pairing without a session, allowed only while this install has no users
   * (FORBIDDEN `already_set_up` afterwards), so a laptop meant for the team never gets a local administrator first.
   */
  'team.pairFirstRun': channel<PairResultDto>()({ input: teamPairFirstRunInput, access: 'public' }),
};
