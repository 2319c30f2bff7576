// The member's side of pairing: derive the code's key, ask the hub over it, then either join the team through
// part 1's joinTeam (a newcomer: same merge, renumber and rebase as an .eminvite file) and load the hub's snapshot,
// or just keep the link (a member already in the team). Then one round.
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../../../contract';
import type { ServiceContext } from '../../context';
import { assertNotDemoCopy } from '../../demoCopy';
import { prepared } from '../../sql';
import { importBundle, type ImportSummary } from '../bundle-import';
import { schemaVersionOf } from '../capture';
import { defaultDeviceName } from '../team';
import { joinTeam, type JoinIdentity } from '../teamJoin';
import { newDeviceId, newDeviceKeyPair } from '../teamKeys';
import { readLocal } from '../teamStatus';
import type { HubServices } from './hubPairing';
import { findLink, fingerprintOf, saveLink, type SyncLink } from './links';
import { call, parseHubUrl, send } from './netRequest';
import { badCode, derivePairingSecret, normalizePairingCode } from './pairingCodes';
import { pairResponse, PROTOCOL_PATHS, type PairRequest } from './protocol';
import { peerAddress, syncRound, type RoundResult } from './syncRound';

export interface PairOutcome {
  /** The hub's fingerprint: compare it with the one the hub shows. */
  fingerprint: string;
  hubDeviceId: string;
  hubName: string;
  /** True when this copy joined the team now (it was in none). */
  joined: boolean;
  /** The first round after pairing; null when it failed (roundError says why; the link stays). */
  round: RoundResult | null;
  roundError: string | null;
  /** The acting user's id after pairing: the team's id when joining made them the same person (move the session). */
  actorId: string | null;
}

interface Asking {
  request: PairRequest;
  identity: JoinIdentity | null;
}

function whatToAsk(ctx: ServiceContext, deviceName: string | undefined): Asking {
  const local = readLocal(ctx.sqlite);
  const schemaVersion = schemaVersionOf(ctx.sqlite);
  if (local.team_id !== null) {
    const { public_key: publicKey } = prepared(ctx.sqlite, 'SELECT public_key FROM sync_local WHERE id = 1').get() as { public_key: string };
    return { request: { deviceId: local.device_id, name: local.device_name, publicKey, teamId: local.team_id, schemaVersion }, identity: null };
  }
  // As joinTeam will insist, checked before the code is used up.
  if (ctx.actor === null && prepared(ctx.sqlite, 'SELECT 1 FROM users LIMIT 1').get() !== undefined) {
    throw new AppError('UNAUTHENTICATED', 'sign in as an administrator to join a team', { reason: 'no_session' });
  }
  assertNotDemoCopy(ctx.sqlite);
  const identity = { deviceId: newDeviceId(), keys: newDeviceKeyPair() };
  const name = deviceName ?? defaultDeviceName(local.device_name);
  return { request: { deviceId: identity.deviceId, name, publicKey: identity.keys.publicKey, teamId: null, schemaVersion }, identity };
}

/** Loads the hub's snapshot into a copy that just joined (as `sync import` of a snapshot bundle does). */
export async function pullSnapshot(services: HubServices, link: SyncLink): Promise<ImportSummary> {
  const peer = peerAddress(services, link);
  const dir = await mkdtemp(path.join(services.dataDir ?? tmpdir(), '.hub-snapshot-'));
  try {
    const file = path.join(dir, 'snapshot.emsync');
    await send(peer, 'GET', PROTOCOL_PATHS.snapshot, null, (res) => pipeline(res, createWriteStream(file)), { timeoutMs: 10 * 60_000 });
    return await importBundle({ sqlite: services.sqlite, clock: services.clock, events: services.events }, { file });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function pairWithHub(ctx: ServiceContext, input: { url: string; code: string; deviceName?: string }): Promise<PairOutcome> {
  const url = parseHubUrl(input.url);
  const hubUrl = `https://${url.host}`;
  const code = normalizePairingCode(input.code);
  if (!code) throw badCode();
  const asking = whatToAsk(ctx, input.deviceName);
  const secret = await derivePairingSecret(code);
  const answer = await call({ url: hubUrl, ...secret }, PROTOCOL_PATHS.pair, asking.request, pairResponse).catch((error: unknown) => {
    // Without the right code the handshake cannot finish: wrong, used, expired (or not this hub at all).
    if (error instanceof AppError && error.details?.reason === 'handshake_failed') throw badCode();
    throw error;
  });
  const fingerprint = fingerprintOf(answer.hub.publicKey);
  if (fingerprint !== answer.hub.fingerprint) throw new AppError('CONFLICT', 'the hub answered with a key that does not match its fingerprint', { reason: 'bad_answer' });
  let actorId = ctx.actor?.id ?? null;
  if (asking.identity) {
    if (!answer.invitation) throw new AppError('CONFLICT', 'the hub sent no invitation', { reason: 'bad_answer' });
    const inviter = (answer.invitation as { inviter?: { deviceId?: unknown } }).inviter?.deviceId;
    if (inviter !== answer.hub.deviceId) throw new AppError('CONFLICT', 'the invitation the hub sent is not its own', { reason: 'bad_answer' });
    actorId = joinTeam(ctx, { invite: JSON.stringify(answer.invitation), deviceName: asking.request.name }, asking.identity).actorId;
  }
  saveLink(
    ctx.sqlite,
    { peerDeviceId: answer.hub.deviceId, peerName: answer.hub.name, url: hubUrl, linkKey: Buffer.from(answer.linkKey, 'base64'), fingerprint },
    ctx.clock.now().toISOString(),
  );
  const link = findLink(ctx.sqlite, answer.hub.deviceId)!;
  if (asking.identity) await pullSnapshot(ctx, link);
  let round: RoundResult | null = null;
  let roundError: string | null = null;
  try {
    round = await syncRound(ctx, link);
  } catch (error) {
    roundError = error instanceof Error ? error.message : String(error);
  }
  return { fingerprint, hubDeviceId: answer.hub.deviceId, hubName: answer.hub.name, joined: asking.identity !== null, round, roundError, actorId };
}
