// The network-sync channels' services: thin over the running runtime (scheduler + hub) and the net/ functions.
import { AppError } from '../../../contract';
import type { DiscoveredHubDto, HubStateDto, PairingCodeDto, PairResultDto, SyncNetStatusDto } from '../../../contract/teamNet';
import { nowIso, type ServiceContext } from '../../context';
import { prepared } from '../../sql';
import { pairWithHub } from '../net/hubClient';
import { syncRound } from '../net/syncRound';
import { hubLink } from '../net/links';
import { discoverHubs, teamHash } from '../net/mdns';
import { makePairingCode } from '../net/pairingCodes';
import { HUB_SETTING_KEY, parseListen, readHubSetting, writeHubSetting } from './hubSetting';
import { hubStateOf } from './hubState';
import { runningNetRuntime } from './registry';

const DISCOVER_MS = 2_000;

function stoppedHubState(ctx: ServiceContext): HubStateDto {
  return hubStateOf(ctx.sqlite, nowIso(ctx));
}

/** Without a running app around the database (a bare test backend): the link as the last round left it. */
function idleStatus(ctx: ServiceContext): SyncNetStatusDto {
  const link = hubLink(ctx.sqlite);
  return {
    state: link ? (link.lastError ? (link.unreachableSince ? 'unreachable' : 'refused') : 'synced') : 'off',
    pending: 0,
    lastSyncAt: link?.lastSyncAt ?? null,
    unreachableSince: link?.unreachableSince ?? null,
    ...(link?.lastError ? { reason: link.lastError } : {}),
    hub: link?.url ? { name: link.peerName, url: link.url, fingerprint: link.fingerprint } : null,
    servingHub: false,
  };
}

export function syncNetStatus(ctx: ServiceContext): SyncNetStatusDto {
  return runningNetRuntime(ctx.sqlite)?.status() ?? idleStatus(ctx);
}

export async function syncNow(ctx: ServiceContext): Promise<SyncNetStatusDto> {
  const runtime = runningNetRuntime(ctx.sqlite);
  if (runtime) return runtime.syncNow();
  if (!hubLink(ctx.sqlite)) throw new AppError('CONFLICT', 'this copy is paired with no hub', { reason: 'no_link' });
  await syncRound(ctx);
  return idleStatus(ctx);
}

export function hubGet(ctx: ServiceContext): HubStateDto {
  return runningNetRuntime(ctx.sqlite)?.hubState() ?? stoppedHubState(ctx);
}

export async function hubSet(ctx: ServiceContext, input: { enabled: boolean; listen?: string | undefined }): Promise<HubStateDto> {
  const current = readHubSetting(ctx.sqlite);
  const listen = input.listen === undefined ? current : parseListen(input.listen);
  if (!listen) throw new AppError('VALIDATION', 'the address must be host:port with a port 0–65535', { reason: 'invalid_listen', field: 'listen' });
  writeHubSetting(ctx.sqlite, { enabled: input.enabled, host: listen.host, port: listen.port }, nowIso(ctx));
  ctx.events.emit({ entity: 'settings', id: HUB_SETTING_KEY, kind: 'updated' });
  const runtime = runningNetRuntime(ctx.sqlite);
  return runtime ? runtime.applyHubSetting() : stoppedHubState(ctx);
}

export async function pairCode(ctx: ServiceContext): Promise<PairingCodeDto> {
  const made = await makePairingCode(ctx);
  const hub = runningNetRuntime(ctx.sqlite)?.hubState();
  return { code: made.code, id: made.id, expiresAt: made.expiresAt, fingerprint: made.fingerprint, urls: hub?.urls ?? [] };
}

export async function findHubs(ctx: ServiceContext): Promise<{ hubs: DiscoveredHubDto[] }> {
  const team = (prepared(ctx.sqlite, 'SELECT team_id FROM sync_local WHERE id = 1').get() as { team_id: string | null } | undefined)?.team_id ?? null;
  const own = team ? teamHash(team) : null;
  const found = await discoverHubs(DISCOVER_MS);
  return { hubs: found.map((hub) => ({ name: hub.name, url: hub.url, sameTeam: own !== null && hub.teamHash === own, fingerprintPrefix: hub.fingerprintPrefix })) };
}

/** "192.168.1.20:7443" or "https://192.168.1.20:7443/" → "https://192.168.1.20:7443"; the default port when none. */
export function hubUrl(text: string): string {
  const bare = text.trim().replace(/^https:\/\//i, '').replace(/\/+$/, '');
  return `https://${/:\d+$/.test(bare) ? bare : `${bare}:7443`}`;
}

/** The channel's answer, and the caller's user id after pairing (joining may merge them into the team's user). */
export async function pairWithHubChannel(
  ctx: ServiceContext,
  input: { url: string; code: string; deviceName?: string | undefined },
): Promise<{ result: PairResultDto; actorId: string | null }> {
  const url = hubUrl(input.url);
  const outcome = await pairWithHub(ctx, { url, code: input.code, ...(input.deviceName ? { deviceName: input.deviceName } : {}) });
  runningNetRuntime(ctx.sqlite)?.linksChanged();
  ctx.events.emit({ entity: 'team', id: 'syncStatus', kind: 'updated' });
  // Same e-mail as a team account: the caller became that account, and its team password is the one that works now.
  const merged = outcome.joined && ctx.actor !== null && outcome.actorId !== null && outcome.actorId !== ctx.actor.id;
  const account = merged ? (ctx.sqlite.prepare('SELECT username FROM users WHERE id = ?').get(outcome.actorId) as { username: string } | undefined) : undefined;
  return {
    result: { fingerprint: outcome.fingerprint, hubName: outcome.hubName, url, joined: outcome.joined, teamAccount: account ? { username: account.username } : null },
    actorId: outcome.actorId,
  };
}

/**
 * The first-run screen's join: pairing on an install nobody has set up yet. Only while it has no users (a copy
 * with users pairs from Equipo as its administrator), and nothing else: no session is made; the person then signs
 * in with their team account, which arrived with the team's snapshot.
 */
export async function pairFirstRun(ctx: ServiceContext, input: { url: string; code: string; deviceName: string }): Promise<PairResultDto> {
  if (prepared(ctx.sqlite, 'SELECT 1 FROM users LIMIT 1').get() !== undefined) {
    throw new AppError('FORBIDDEN', 'this copy is already set up: sign in as an administrator and pair from Equipo', { reason: 'already_set_up' });
  }
  return (await pairWithHubChannel({ ...ctx, actor: null }, input)).result;
}
