// Keep-alive connections to peers: a round is several requests (hello, push pages, pull pages), and a TLS handshake
// for each one cost both ends an ECDHE exchange and a round trip. One pool per peer address, identity and key:
// Node's agent keys its pool by TLS options but not by the PSK, so a shared agent could hand one device's connection
// to a request made with another key.
import { createHash } from 'node:crypto';
import { Agent } from 'node:https';
import { clientPskOptions, PAIR_IDENTITY_PREFIX } from './tlsPsk';

/** Pools kept at most while they are idle; a pool with a request under way is never closed to make room. */
export const MAX_AGENTS = 32;
const agents = new Map<string, Agent>();

/** No socket carrying a request and none waiting for one: closing it cuts nothing. */
const isIdle = (agent: Agent): boolean => Object.keys(agent.sockets).length === 0 && Object.keys(agent.requests).length === 0;

/** The pool for this peer and key; false (a fresh connection) for a one-time pairing identity. */
export function agentFor(host: string, identity: string, psk: Buffer): Agent | false {
  if (identity.startsWith(PAIR_IDENTITY_PREFIX)) return false;
  const key = `${host}|${identity}|${createHash('sha256').update(psk).digest('hex')}`;
  let agent = agents.get(key);
  if (agent) {
    // Most recently used last: the oldest pool goes first when there are too many.
    agents.delete(key);
    agents.set(key, agent);
    return agent;
  }
  // The least recently used idle pool makes room. Closing a busy one cut its requests mid-round (a process syncing
  // with more peers at once than the bound, as a bench of many members does); with none idle the bound waits.
  if (agents.size >= MAX_AGENTS) {
    for (const [oldKey, old] of agents) {
      if (!isIdle(old)) continue;
      old.destroy();
      agents.delete(oldKey);
      break;
    }
  }
  // No TLS session cache: resuming a session would offer a ticket instead of the link's key, and the hub refuses it.
  agent = new Agent({ ...clientPskOptions(identity, psk), keepAlive: true, maxFreeSockets: 2, maxCachedSessions: 0 });
  agents.set(key, agent);
  return agent;
}

/** Closes every pooled connection (tests, and a process about to exit). */
export function closePeerAgents(): void {
  for (const agent of agents.values()) agent.destroy();
  agents.clear();
}
