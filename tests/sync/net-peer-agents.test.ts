// The keep-alive pools to peers (peerAgents.ts) are bounded, but making room never closes a pool that carries a
// request: a process syncing with more peers at once than the bound (a bench of many members) lost requests mid-round.
import { randomBytes } from 'node:crypto';
import { createServer, request, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { agentFor, closePeerAgents, MAX_AGENTS } from '../../electron/services/sync/net/peerAgents';
import { clientPskOptions, serverPskOptions } from '../../electron/services/sync/net/tlsPsk';

const psk = randomBytes(32);
let server: Server | null = null;
afterEach(async () => {
  closePeerAgents();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = null;
});

/** A PSK server on loopback whose /slow answer waits for `release`; `arrived` resolves when /slow is received. */
async function slowServer() {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let arrived!: () => void;
  const slowArrived = new Promise<void>((resolve) => (arrived = resolve));
  server = createServer(serverPskOptions(() => psk), (req, res) => {
    if (req.url !== '/slow') return void res.end('fast');
    arrived();
    void released.then(() => res.end('slow done'));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { host: `127.0.0.1:${(server.address() as AddressInfo).port}`, port: (server.address() as AddressInfo).port, release, slowArrived };
}

function get(port: number, identity: string, host: string, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request({ ...clientPskOptions(identity, psk), host: '127.0.0.1', port, path, agent: agentFor(host, identity, psk) }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      res.on('end', () => resolve(body));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('peer connection pools', () => {
  it('making room closes the least recently used idle pool, never one whose request is under way', async () => {
    const { host, port, release, slowArrived } = await slowServer();
    const slow = get(port, 'device-busy', host, '/slow');
    await slowArrived;
    const idle = agentFor(host, 'device-idle', psk);
    // Enough other peers to pass the bound: the busy pool is the oldest, the idle one next.
    for (let i = 0; i < MAX_AGENTS; i++) expect(await get(port, `device-${i}`, host, '/fast')).toBe('fast');

    release();
    expect(await slow).toBe('slow done');
    // The idle pool was the one closed: asking for it again makes a new one.
    expect(agentFor(host, 'device-idle', psk)).not.toBe(idle);
  });
});
