// One sync round with a linked peer: push what it lacks, then pull what we lack, a page per request and one
// transaction per page, until both vectors meet; then attachment bytes both ways (fileRound.ts). Interrupted anywhere, the next round resumes from the vectors.
import { AppError, type DomainEvent } from '../../../contract';
import { syncCommittedAsync } from '../../../../db/durable';
import { opsMissingFrom, readVector } from '../apply';
import { applyOpsPage, emptyTally, noteExchange } from '../bundle-apply';
import { TouchedCollector } from '../bundle-events';
import { mergeVectors, notePeerVector } from '../bundle-peers';
import { teamCredentials } from '../bundle-keys';
import type { HubServices } from './hubPairing';
import { syncFiles } from './fileRound';
import { findLink, hubLink, linkKeyOf, noteLinkFailed, noteLinkSynced, type SyncLink } from './links';
import { call, type PeerAddress, type RequestOptions } from './netRequest';
import { helloResponse, OPS_PAGE_SIZE, PROTOCOL_PATHS, pullResponse, pushResponse, type PushResponse, type Vector } from './protocol';

export interface RoundResult {
  /** Ops the peer took from us (applied or set aside there). */
  sent: number;
  /** Ops we took from the peer. */
  received: number;
  /** Both copies hold the same ops now. */
  inStep: boolean;
  /** Attachment originals sent to the peer and received from it in this round (at most FILES_PER_ROUND each way). */
  filesSent: number;
  filesReceived: number;
  /** More attachment files wait than a round moves: the background scheduler runs another round at once. */
  filesLeft: boolean;
}

export interface RoundProgress {
  phase: 'push' | 'pull';
  /** Ops of this round the peer acknowledged (push) or this copy committed (pull) so far. */
  done: number;
}

export interface RoundOptions extends RequestOptions {
  onApplied?: (events: DomainEvent[]) => void;
  /** After each acknowledged page. */
  onProgress?: (progress: RoundProgress) => void;
  /** Ops per pushed page (the peer answers pulls in its own pages). */
  pageSize?: number;
  /** Attachment files moved each way per round (FILES_PER_ROUND by default). */
  filesPerRound?: number;
}

// A round never loops forever, whatever the peer answers.
const MAX_PAGES = 10_000;

function sameVector(a: Vector, b: Vector): boolean {
  for (const device of new Set([...Object.keys(a), ...Object.keys(b)])) if ((a[device] ?? 0) !== (b[device] ?? 0)) return false;
  return true;
}

export function resolveLink(services: HubServices, link: SyncLink | string | undefined): SyncLink {
  const found = typeof link === 'string' ? findLink(services.sqlite, link) : link === undefined ? hubLink(services.sqlite) : link;
  if (!found) throw new AppError('CONFLICT', 'this copy is not paired with a hub yet: pair with a code made on the hub first', { reason: 'no_link' });
  if (!found.url) throw new AppError('CONFLICT', `${found.peerName || found.peerDeviceId} connects to this copy; it syncs from its side`, { reason: 'no_url' });
  return found;
}

/** Where and how to reach a linked peer: our device id as identity, the link's key. */
export function peerAddress(services: HubServices, link: SyncLink): PeerAddress {
  const { deviceId } = teamCredentials(services.sqlite);
  const psk = linkKeyOf(services.sqlite, link.peerDeviceId);
  if (!psk || !link.url) throw new AppError('CONFLICT', 'this link has no key or address; pair again', { reason: 'no_link' });
  return { url: link.url, identity: deviceId, psk };
}

/** Push pages in flight at once: the next page is read and sent while the peer applies the one before it. */
export const PUSH_PAGES_IN_FLIGHT = 2;

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };
const settle = <T>(promise: Promise<T>): Promise<Settled<T>> =>
  promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );

async function pushAll(services: HubServices, peer: PeerAddress, hubVector: Vector, options: RoundOptions): Promise<{ sent: number; hubVector: Vector }> {
  const pageSize = options.pageSize ?? OPS_PAGE_SIZE;
  let sent = 0;
  // What the peer holds once the pages in flight are applied: where the next page starts.
  let ahead: Vector = { ...hubVector };
  // A page came back with gaps: send no more until those in flight are answered, then start from the peer's vector.
  let restart = false;
  // Some page since the last start was taken (applied, set aside or already there).
  let moved = false;
  const inFlight: Promise<Settled<PushResponse>>[] = [];
  for (let pages = 0; ; ) {
    while (!restart && inFlight.length < PUSH_PAGES_IN_FLIGHT && pages < MAX_PAGES) {
      const next = opsMissingFrom(services.sqlite, ahead, pageSize).next();
      if (next.done || next.value.length === 0) break;
      // Our ops leave this copy: a power cut must not roll them back and let other ops take their numbers. The fsync
      // runs off this thread: the copy's own calls go on meanwhile.
      await syncCommittedAsync(services.sqlite);
      for (const op of next.value) if (op.seq > (ahead[op.deviceId] ?? 0)) ahead[op.deviceId] = op.seq;
      inFlight.push(settle(call(peer, PROTOCOL_PATHS.push, { ops: next.value }, pushResponse, options)));
      pages++;
    }
    const settled = await inFlight.shift();
    if (!settled) {
      // Gaps: a page overtook the one before it on the way, or the peer lacks earlier ops we do not hold either (we
      // started from a snapshot; a pull may bring them). Start again from what the peer holds unless nothing moved.
      if (!restart || !moved) break;
      [restart, moved, ahead] = [false, false, { ...hubVector }];
      continue;
    }
    if (!settled.ok) {
      // The pages after it were sent on the same assumption: let them end before the round fails.
      await Promise.all(inFlight);
      throw settled.error;
    }
    const answer = settled.value;
    sent += answer.applied + answer.setAside;
    // A peer's vector only grows, whichever of its answers is read last: the higher count per device.
    hubVector = mergeVectors(hubVector, answer.vector);
    if (answer.applied + answer.setAside + answer.duplicates > 0) moved = true;
    if (answer.gaps > 0) restart = true;
    options.onProgress?.({ phase: 'push', done: sent });
  }
  return { sent, hubVector };
}

async function pullAll(services: HubServices, peer: PeerAddress, peerId: string, options: RoundOptions): Promise<{ received: number; hubVector: Vector }> {
  const { sqlite, clock } = services;
  let received = 0;
  let hubVector: Vector = {};
  for (let pages = 0; pages < MAX_PAGES; pages++) {
    const answer = await call(peer, PROTOCOL_PATHS.pull, { vector: readVector(sqlite) }, pullResponse, options);
    hubVector = answer.hubVector;
    if (answer.ops.length > 0) {
      const tally = emptyTally();
      const collector = new TouchedCollector();
      sqlite.transaction(() => {
        applyOpsPage(sqlite, answer.ops, clock.now().getTime(), tally, collector);
        noteExchange(sqlite, peerId, hubVector, clock.now().toISOString());
      }).immediate();
      received += tally.applied + tally.setAside.length;
      options.onProgress?.({ phase: 'pull', done: received });
      const events = collector.events(sqlite);
      for (const event of events) services.events.emit(event);
      if (events.length > 0) options.onApplied?.(events);
    }
    if (!answer.more) break;
  }
  return { received, hubVector };
}

/**
 * One round with `link` (a link, a peer's device id, or by default this member's hub). Rejects with AppError
 * reasons: no_link, no_url, unreachable, handshake_failed, revoked, unlinked, refused reasons of the peer, not_in_team.
 */
export async function syncRound(services: HubServices, link?: SyncLink | string, options: RoundOptions = {}): Promise<RoundResult> {
  const target = resolveLink(services, link);
  const peer = peerAddress(services, target);
  const { sqlite, clock } = services;
  try {
    const hello = await call(peer, PROTOCOL_PATHS.hello, {}, helloResponse, options);
    if (hello.deviceId !== target.peerDeviceId) {
      throw new AppError('CONFLICT', `the peer at ${target.url} is ${hello.deviceId}, not the paired ${target.peerDeviceId}`, { reason: 'wrong_peer' });
    }
    const pushed = await pushAll(services, peer, hello.vector, options);
    const pulled = await pullAll(services, peer, target.peerDeviceId, options);
    // The bytes of photos and files, after the rows that name them went both ways.
    const files = await syncFiles(services, peer, target.peerDeviceId, { ...options, onArrived: options.onApplied });
    const at = clock.now().toISOString();
    sqlite.transaction(() => {
      notePeerVector(sqlite, target.peerDeviceId, pulled.hubVector, at);
      noteLinkSynced(sqlite, target.peerDeviceId, at);
    }).immediate();
    return { sent: pushed.sent, received: pulled.received, inStep: sameVector(readVector(sqlite), pulled.hubVector), filesSent: files.uploaded, filesReceived: files.downloaded, filesLeft: files.more };
  } catch (error) {
    const reason = error instanceof AppError && typeof error.details?.reason === 'string' ? error.details.reason : 'internal';
    noteLinkFailed(sqlite, target.peerDeviceId, reason, clock.now().toISOString());
    throw error;
  }
}
