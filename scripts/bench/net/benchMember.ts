// A simulated team member for the sync benches: a full copy in its own data folder, calling channels as its signed-in
// user, as the LAN and central-hub benches both drive them.
import type { ChannelName, InputOf, OutputOf } from '../../../electron/contract';
import { CHECKPOINT_IDLE_MS } from '../../../db/checkpoint';
import { syncCommittedAsync } from '../../../db/durable';
import { createBackend, type Backend } from '../../../electron/ipc/backend';
import { opsMissingFrom, readVector } from '../../../electron/services/sync/apply';
import { call } from '../../../electron/services/sync/net/netRequest';
import { helloResponse, OPS_PAGE_SIZE, PROTOCOL_PATHS, pullResponse, pushResponse, type Vector } from '../../../electron/services/sync/net/protocol';
import { peerAddress, resolveLink } from '../../../electron/services/sync/net/syncRound';

export interface Member {
  backend: Backend;
  dir: string;
  token: string | null;
  call<C extends ChannelName>(channel: C, input: InputOf<C>): Promise<OutputOf<C>>;
}

export const servicesOf = (member: { backend: Backend; dir: string }) => {
  const { backend, dir } = member;
  return { db: backend.database.db, sqlite: backend.database.sqlite, clock: backend.clock, events: backend.events, dataDir: dir };
};

/** Opens (or creates) the copy in `dir`; its calls keep the session the last sign-in gave. */
export function openMember(dir: string): Member {
  const backend = createBackend({ dataDir: dir });
  const member: Member = {
    backend,
    dir,
    token: null,
    async call(channel, input) {
      const result = await backend.dispatch({ sessionToken: member.token }, channel, input);
      if (result.session !== undefined) member.token = result.session;
      if (!result.envelope.ok) throw new Error(`${channel}: ${result.envelope.error.message}`);
      return result.envelope.value as never;
    },
  };
  return member;
}

/**
 * Waits out the members' idle WAL checkpoint (db/checkpoint.ts, CHECKPOINT_IDLE_MS after a copy's last write) with half
 * a second to spare. On a laptop it runs on its own CPU; in a bench, dozens of copies share one thread, so letting it
 * run before a round keeps the other copies' housekeeping out of each member's measured round.
 */
export const settleCheckpoints = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, CHECKPOINT_IDLE_MS + 500));

/** What each member pulled without applying it, on top of its copy's own vector. */
const pulledOnly = new Map<Member, Vector>();

/**
 * A round as syncRound makes it (hello, push pages, pull pages), requests and answers checked the same way, except that
 * the pulled ops are only counted into the member's vector, not applied: dozens of copies applying every round on one
 * thread of this machine cost more than the hub's whole side of it. The hub's side of a round alone, as if each member
 * applied on a machine of its own.
 */
export async function countingRound(member: Member): Promise<void> {
  const services = servicesOf(member);
  const peer = peerAddress(services, resolveLink(services, undefined));
  const hello = await call(peer, PROTOCOL_PATHS.hello, {}, helloResponse);
  for (const page of opsMissingFrom(services.sqlite, hello.vector, OPS_PAGE_SIZE)) {
    if (page.length === 0) break;
    // As pushAll: the copy's own ops are synced to disk before they leave it.
    await syncCommittedAsync(services.sqlite);
    await call(peer, PROTOCOL_PATHS.push, { ops: page }, pushResponse);
  }
  const vector = readVector(services.sqlite);
  for (const [device, seq] of Object.entries(pulledOnly.get(member) ?? {})) vector[device] = Math.max(vector[device] ?? 0, seq);
  for (let more = true; more; ) {
    const answer = await call(peer, PROTOCOL_PATHS.pull, { vector }, pullResponse);
    for (const op of answer.ops) vector[op.deviceId] = Math.max(vector[op.deviceId] ?? 0, op.seq);
    more = answer.more;
  }
  pulledOnly.set(member, vector);
}
