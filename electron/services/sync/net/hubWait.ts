// The member's long poll: while in step and idle, wait for the hub to hold something new (then run a round).
import { readVector } from '../apply';
import type { HubServices } from './hubPairing';
import type { SyncLink } from './links';
import { call } from './netRequest';
import { MAX_WAIT_MS } from './hubWaiters';
import { PROTOCOL_PATHS, waitResponse } from './protocol';
import { peerAddress, resolveLink } from './syncRound';

export interface WaitOptions {
  /** Abort before starting a round: the wait ends at once (resolves false). */
  signal?: AbortSignal;
  /** At most 25 s (default). */
  timeoutMs?: number;
}

/**
 * True as soon as the hub holds ops this copy lacks, false when the wait timed out or was aborted. Rejects like
 * syncRound (unreachable, handshake_failed, revoked, ...).
 */
export async function waitForHubChange(services: HubServices, link?: SyncLink | string, options: WaitOptions = {}): Promise<boolean> {
  const target = resolveLink(services, link);
  const peer = peerAddress(services, target);
  const timeoutMs = Math.min(options.timeoutMs ?? MAX_WAIT_MS, MAX_WAIT_MS);
  if (options.signal?.aborted) return false;
  try {
    const answer = await call(peer, PROTOCOL_PATHS.wait, { vector: readVector(services.sqlite), timeoutMs }, waitResponse, {
      timeoutMs: timeoutMs + 10_000,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    return answer.changed;
  } catch (error) {
    if (options.signal?.aborted) return false;
    throw error;
  }
}
