// The files part of a sync round (after the ops): attachment originals this copy holds and the hub lacks go up, the
// ones its rows name and the hub holds come down. One file at a time, at most FILES_PER_ROUND each way; whatever is
// left the next round asks about again. A hub that keeps no files (an older one, a hub without them) ends the part quietly.
import { AppError, type DomainEvent } from '../../../contract';
import { MAX_ATTACHMENT_BYTES } from '../../../contract/attachments';
import { readOriginal, sha256HexOffThread } from '../../attachments';
import { attachmentHashes, fileArrivedEvents, heldHashes, keepOriginal } from './attachmentFiles';
import type { HubServices } from './hubPairing';
import { parseJson, readBody } from './httpBody';
import { call, send, type PeerAddress, type RequestOptions } from './netRequest';
import { filePutResponse, filesMissingResponse, MAX_FILE_HASHES, PROTOCOL_PATHS } from './protocol';

export const FILES_PER_ROUND = 100;

export interface FilesResult {
  uploaded: number;
  downloaded: number;
  /** More files were waiting than one round moves, and this round moved some: another round may go on at once. */
  more: boolean;
}

/** Hashes a hub confirmed it holds, per data folder and hub, for this process: not asked about again every round. */
const confirmed = new Map<string, Set<string>>();

function confirmedBy(dataDir: string, peerId: string): Set<string> {
  const key = `${dataDir}\u0000${peerId}`;
  let set = confirmed.get(key);
  if (!set) confirmed.set(key, (set = new Set()));
  return set;
}

const reasonOf = (error: unknown): string | undefined => (error instanceof AppError && typeof error.details?.reason === 'string' ? error.details.reason : undefined);

/** The hub's refusals that concern one file only. */
const FILE_REFUSALS = new Set(['hash_mismatch', 'empty_file', 'too_large', 'no_attachment', 'file_missing', 'malformed']);

async function hubLacks(peer: PeerAddress, hashes: string[], options: RequestOptions): Promise<Set<string>> {
  const missing = new Set<string>();
  for (let at = 0; at < hashes.length; at += MAX_FILE_HASHES) {
    const answer = await call(peer, PROTOCOL_PATHS.filesMissing, { hashes: hashes.slice(at, at + MAX_FILE_HASHES) }, filesMissingResponse, options);
    for (const sha of answer.missing) missing.add(sha);
  }
  return missing;
}

async function upload(dataDir: string, peer: PeerAddress, sha256: string, options: RequestOptions): Promise<boolean> {
  const bytes = await readOriginal(dataDir, sha256);
  if (!bytes) return false;
  return send(peer, 'POST', `${PROTOCOL_PATHS.file}${sha256}`, bytes, async (res) => parseJson(filePutResponse, await readBody(res)).stored, options);
}

/** The hub's bytes, checked against their hash before they take its name here: 'stored', 'had' (a local add was first) or 'bad'. */
async function download(dataDir: string, peer: PeerAddress, sha256: string, options: RequestOptions): Promise<'stored' | 'had' | 'bad'> {
  const bytes = await send(peer, 'GET', `${PROTOCOL_PATHS.file}${sha256}`, undefined, (res) => readBody(res, MAX_ATTACHMENT_BYTES), options);
  if (bytes.length === 0 || (await sha256HexOffThread(bytes)) !== sha256) return 'bad';
  return (await keepOriginal(dataDir, sha256, bytes)) ? 'stored' : 'had';
}

/** Both directions with the peer; `onArrived` hears the events of files that came down. */
export async function syncFiles(services: HubServices, peer: PeerAddress, peerId: string, options: RequestOptions & { onArrived?: (events: DomainEvent[]) => void; filesPerRound?: number } = {}): Promise<FilesResult> {
  const result: FilesResult = { uploaded: 0, downloaded: 0, more: false };
  const { dataDir, sqlite } = services;
  if (!dataDir) return result;
  const named = attachmentHashes(sqlite);
  const known = confirmedBy(dataDir, peerId);
  // Nothing to ask about (no attachments, or all on the hub and here): no request, no folder read.
  if (named.every((sha) => known.has(sha))) return result;
  const held = await heldHashes(dataDir);
  const offered = named.filter((sha) => held.has(sha) && !known.has(sha));
  const wanted = named.filter((sha) => !held.has(sha));
  let hubMissing: Set<string>;
  try {
    hubMissing = await hubLacks(peer, [...offered, ...wanted], options);
  } catch (error) {
    const reason = reasonOf(error);
    // No file routes on this hub: rows only, as before.
    if (reason === 'files_unsupported' || reason === 'not_found') return result;
    throw error;
  }
  for (const sha of offered) if (!hubMissing.has(sha)) known.add(sha);

  // A refusal about one file skips it (the next round asks again); anything else (unreachable, revoked) ends the round.
  const skipIfRefused = (error: unknown): void => {
    if (!FILE_REFUSALS.has(reasonOf(error) ?? '')) throw error;
  };
  const share = options.filesPerRound ?? FILES_PER_ROUND;
  const toSend = offered.filter((sha) => hubMissing.has(sha));
  const toFetch = wanted.filter((sha) => !hubMissing.has(sha));
  for (const sha of toSend.slice(0, share)) {
    try {
      if (await upload(dataDir, peer, sha, options)) result.uploaded++;
      known.add(sha);
    } catch (error) {
      skipIfRefused(error);
    }
  }
  for (const sha of toFetch.slice(0, share)) {
    let outcome: 'stored' | 'had' | 'bad';
    try {
      outcome = await download(dataDir, peer, sha, options);
    } catch (error) {
      skipIfRefused(error);
      continue;
    }
    if (outcome !== 'bad') known.add(sha);
    if (outcome !== 'stored') continue;
    result.downloaded++;
    const events = fileArrivedEvents(sqlite, sha);
    for (const event of events) services.events.emit(event);
    if (events.length > 0) options.onArrived?.(events);
  }
  result.more = Math.max(toSend.length, toFetch.length) > share && result.uploaded + result.downloaded > 0;
  return result;
}
