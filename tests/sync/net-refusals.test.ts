// Every refusal of the hub, with its reason and nothing written: wrong, reused and expired codes, an unknown link,
// a revoked device (its open connection cut), a man in the middle, altered and replayed bytes, oversize and
// malformed bodies, and a flood of bad handshakes that leaves a good member syncing.
import { randomBytes } from 'node:crypto';
import { request } from 'node:https';
import { connect as tcpConnect } from 'node:net';
import { connect as tlsConnect, createServer as createTlsServer } from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { readVector } from '../../electron/services/sync/apply';
import { pairWithHub, syncRound } from '../../electron/services/sync/net/hubClient';
import { findLink, linkKeyOf } from '../../electron/services/sync/net/links';
import { closePeerAgents } from '../../electron/services/sync/net/peerAgents';
import { derivePairingSecret, makePairingCode } from '../../electron/services/sync/net/pairingCodes';
import { loadActor } from '../../electron/services/users/actor';
import { PROTOCOL_PATHS } from '../../electron/services/sync/net/protocol';
import { clientPskOptions, serverPskOptions } from '../../electron/services/sync/net/tlsPsk';
import { ADMIN, type TestApp } from '../support/backend';
import { count, sqliteOf } from './team.helpers';
import { classifyRoundError } from '../../electron/services/sync/background/roundInfo';
import { adminContext, cuttingProxy, digestOf, makeCode, netWorld, servicesOf, tcpProxy } from './net.helpers';

const world = netWorld();
afterEach(() => world.close());

const reasonOf = (error: unknown): unknown => (error as { details?: { reason?: unknown } }).details?.reason;

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return reasonOf(error);
  }
  throw new Error('expected a refusal');
}

/** A hub with one paired member (signed in as the team's admin) that has a few changes of its own to push. */
async function pairedWorld() {
  const { app: hubApp, hub } = await world.hubApp();
  const member = await world.app({ setup: false });
  await pairWithHub(adminContext(member), { url: hub.url, code: await makeCode(hubApp) });
  await member.admin.call('auth.login', { login: ADMIN.username, password: ADMIN.password });
  const deviceId = (sqliteOf(member).prepare('SELECT device_id FROM sync_local').get() as { device_id: string }).device_id;
  const hubId = (sqliteOf(hubApp).prepare('SELECT device_id FROM sync_local').get() as { device_id: string }).device_id;
  return { hubApp, hub, member, deviceId, hubId };
}

async function pendingChanges(member: TestApp, n = 3): Promise<void> {
  for (let i = 0; i < n; i++) await member.admin.call('customers.create', { name: `Cliente ${i} ${randomBytes(3).toString('hex')}` });
}

/** What the hub holds: its op count and digest (nothing written means both unchanged). */
const stateOf = (app: TestApp) => ({ ops: count(sqliteOf(app), 'SELECT count(*) AS n FROM sync_ops'), digest: digestOf(app) });

/** A raw request over the member's link: status and body text. */
function rawRequest(port: number, identity: string, psk: Buffer, path: string, body: Buffer | string, headers: Record<string, string | number> = {}): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ ...clientPskOptions(identity, psk), host: '127.0.0.1', port, method: 'POST', path, agent: false, headers }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('pairing codes', () => {
  it('refuses a wrong code, a used one and an expired one, and writes nothing', async () => {
    const { app: hubApp, hub } = await world.hubApp();
    const before = stateOf(hubApp);
    const stranger = await world.app({ setup: false });
    expect(await rejection(pairWithHub(adminContext(stranger), { url: hub.url, code: 'ABCD-2345' }))).toBe('bad_code');
    expect(await rejection(pairWithHub(adminContext(stranger), { url: hub.url, code: 'not a code' }))).toBe('bad_code');
    expect(stateOf(hubApp)).toEqual(before);
    expect(count(sqliteOf(stranger), 'SELECT count(*) AS n FROM sync_links')).toBe(0);
    expect(sqliteOf(stranger).prepare('SELECT team_id FROM sync_local').get()).toEqual({ team_id: null });

    const code = await makeCode(hubApp);
    await pairWithHub(adminContext(stranger), { url: hub.url, code });
    const third = await world.app({ setup: false });
    expect(await rejection(pairWithHub(adminContext(third), { url: hub.url, code }))).toBe('bad_code');

    const late = await makeCode(hubApp);
    hubApp.clock.advance(11 * 60_000);
    expect(await rejection(pairWithHub(adminContext(third), { url: hub.url, code: late }))).toBe('bad_code');
    expect(count(sqliteOf(third), 'SELECT count(*) AS n FROM sync_links')).toBe(0);
    expect(count(sqliteOf(hubApp), 'SELECT count(*) AS n FROM sync_links')).toBe(1);
  });
});

describe('pairing codes of an admin narrowed since', () => {
  it("refuses a newcomer when the code's maker no longer has full access, and writes nothing", async () => {
    const { app: hubApp, hub } = await world.hubApp();
    // An administrator through a role with full access makes a code; then the role keeps only users:admin.
    const role = await hubApp.admin.call('roles.create', { name: 'Jefatura', permissions: ['*'] });
    const boss = await hubApp.admin.call('users.create', { email: 'jefa@example.com', username: 'jefa', password: 'jefa-password-1', fullName: 'Jefa', roleId: role.id });
    const code = (await makePairingCode({ ...servicesOf(hubApp), actor: loadActor(sqliteOf(hubApp), boss.id) })).code;
    await hubApp.admin.call('roles.update', { id: role.id, version: role.version, permissions: ['users:admin'] });
    const before = stateOf(hubApp);
    const newcomer = await world.app({ setup: false });
    // Its invitation would be a team op every copy sets aside (team ops need full access): refused before it is made.
    expect(await rejection(pairWithHub(adminContext(newcomer), { url: hub.url, code }))).toBe('bad_code');
    expect(stateOf(hubApp).ops).toBe(before.ops);
    expect(count(sqliteOf(hubApp), 'SELECT count(*) AS n FROM team_invitations')).toBe(0);
    expect(sqliteOf(newcomer).prepare('SELECT team_id FROM sync_local').get()).toEqual({ team_id: null });
  });
});

describe('links', () => {
  it('refuses an unknown identity or key in the handshake', async () => {
    const { hubApp, hub, member, deviceId } = await pairedWorld();
    await pendingChanges(member);
    const before = stateOf(hubApp);
    // The member's id with another key: the handshake fails.
    sqliteOf(member).prepare('UPDATE sync_links SET link_key = ?').run(randomBytes(32).toString('base64'));
    expect(await rejection(syncRound(servicesOf(member)))).toBe('handshake_failed');
    expect(findLink(sqliteOf(member), (await hubDevice(hubApp)))?.lastError).toBe('handshake_failed');
    // An id the hub never linked.
    const unknown = await rawRequest(hub.port, 'ffffffffffffffff', randomBytes(32), PROTOCOL_PATHS.hello, '{}').then(
      () => 'answered',
      (error: NodeJS.ErrnoException) => error.code,
    );
    expect(unknown).toMatch(/ECONNRESET|EPROTO|ERR_SSL/);
    expect(stateOf(hubApp)).toEqual(before);
    expect(deviceId).toMatch(/^[0-9a-f]{16}$/);
  });

  it('a connection cut mid-handshake is a network fault (unreachable, retried), not a refusal', async () => {
    const { hubApp, hub, member, hubId } = await pairedWorld();
    await pendingChanges(member);
    const before = stateOf(hubApp);
    const cutting = await cuttingProxy(world, hub.port);
    sqliteOf(member).prepare('UPDATE sync_links SET url = ?').run(`https://127.0.0.1:${cutting}`);
    const cut = await syncRound(servicesOf(member)).catch((error: unknown) => error);
    expect(reasonOf(cut)).toBe('unreachable');
    expect(classifyRoundError(cut)).toEqual({ state: 'unreachable', reason: 'unreachable' });
    expect(findLink(sqliteOf(member), hubId)).toMatchObject({ lastError: 'unreachable', unreachableSince: expect.any(String) });
    // Pairing through the same cut is no "wrong code" either.
    const newcomer = await world.app({ setup: false });
    expect(await rejection(pairWithHub(adminContext(newcomer), { url: `https://127.0.0.1:${cutting}`, code: await makeCode(hubApp) }))).toBe('unreachable');
    expect(stateOf(hubApp)).toEqual(before);

    // The hub's TLS alert for a key it does not hold is a refusal (the footer says "rechazada").
    sqliteOf(member).prepare('UPDATE sync_links SET url = ?, link_key = ?').run(hub.url, randomBytes(32).toString('base64'));
    const refused = await syncRound(servicesOf(member)).catch((error: unknown) => error);
    expect(classifyRoundError(refused)).toEqual({ state: 'refused', reason: 'handshake_failed' });
    expect(findLink(sqliteOf(member), hubId)).toMatchObject({ lastError: 'handshake_failed', unreachableSince: null });
  });

  it('cuts a revoked device off at once and refuses it afterwards', async () => {
    const { hubApp, hub, member, deviceId } = await pairedWorld();
    const psk = linkKeyOf(sqliteOf(hubApp), deviceId)!;
    // Only the socket made here is counted: the member's kept-alive connection from pairing goes first.
    closePeerAgents();
    for (let tries = 0; tries < 200 && hub.connectedDevices() > 0; tries++) await new Promise((resolve) => setTimeout(resolve, 10));
    // Two connections of one laptop (a long poll and a request in flight): the hub counts one computer.
    const sockets = [0, 1].map(() => tlsConnect({ ...clientPskOptions(deviceId, psk), host: '127.0.0.1', port: hub.port }));
    await Promise.all(sockets.map((socket) => new Promise<void>((resolve, reject) => socket.once('secureConnect', resolve).once('error', reject))));
    // An answer on each means the hub has counted each (it counts a socket before reading from it).
    await Promise.all(
      sockets.map((socket) => {
        const answered = new Promise<void>((resolve) => socket.once('data', () => resolve()));
        socket.write('GET /nothing-here HTTP/1.1\r\nHost: hub\r\n\r\n');
        return answered;
      }),
    );
    expect(hub.connectedDevices()).toBe(1);
    const closed = Promise.all(sockets.map((socket) => new Promise<void>((resolve) => socket.once('close', () => resolve()))));
    for (const socket of sockets) socket.on('error', () => undefined);
    await hubApp.admin.call('team.revoke', { deviceId });
    await closed;
    // The hub's side of each socket closes a moment after the client's.
    for (let tries = 0; tries < 200 && hub.connectedDevices() > 0; tries++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(hub.connectedDevices()).toBe(0);
    await pendingChanges(member);
    const before = stateOf(hubApp);
    expect(await rejection(syncRound(servicesOf(member)))).toBe('revoked');
    expect(stateOf(hubApp)).toEqual(before);
  });

  it('a man in the middle with another key can neither pair nor sync, and nothing is written', async () => {
    const { hubApp, member } = await pairedWorld();
    await pendingChanges(member);
    const before = { hub: stateOf(hubApp), member: stateOf(member) };
    // It answers every identity with its own key (it knows neither the code nor the link key).
    const mitm = createTlsServer(serverPskOptions(() => randomBytes(32)), (socket) => socket.end());
    world.servers.push(mitm);
    const port = await new Promise<number>((resolve) => mitm.listen(0, '127.0.0.2', () => resolve((mitm.address() as { port: number }).port)));
    sqliteOf(member).prepare('UPDATE sync_links SET url = ?').run(`https://127.0.0.2:${port}`);
    expect(await rejection(syncRound(servicesOf(member)))).toBe('handshake_failed');
    const newcomer = await world.app({ setup: false });
    expect(await rejection(pairWithHub(adminContext(newcomer), { url: `https://127.0.0.2:${port}`, code: await makeCode(hubApp) }))).toBe('bad_code');
    expect(count(sqliteOf(newcomer), 'SELECT count(*) AS n FROM sync_links')).toBe(0);
    expect({ hub: stateOf(hubApp), member: stateOf(member) }).toEqual(before);
  });

  it('altered bytes fail the TLS record check; a replayed connection gets nothing done', async () => {
    const { hubApp, hub, member } = await pairedWorld();
    await pendingChanges(member);
    const before = stateOf(hubApp);
    // Flip one bit in every chunk after the ClientHello (the client's Finished, then the request).
    const flipping = await tcpProxy(world, hub.port, (chunk, index) => {
      if (index === 0) return chunk;
      const copy = Buffer.from(chunk);
      copy[copy.length - 1] = (copy[copy.length - 1] ?? 0) ^ 0x01;
      return copy;
    });
    sqliteOf(member).prepare('UPDATE sync_links SET url = ?').run(`https://127.0.0.1:${flipping}`);
    expect(await rejection(syncRound(servicesOf(member)))).toMatch(/handshake_failed|unreachable/);
    expect(stateOf(hubApp)).toEqual(before);

    // Record what the member sends in a real round, then send the same bytes again on a new connection.
    const recorded: Buffer[] = [];
    const recording = await tcpProxy(world, hub.port, (chunk) => (recorded.push(Buffer.from(chunk)), chunk));
    sqliteOf(member).prepare('UPDATE sync_links SET url = ?').run(`https://127.0.0.1:${recording}`);
    await pendingChanges(member);
    await syncRound(servicesOf(member));
    const after = stateOf(hubApp);
    const replay = tcpConnect(hub.port, '127.0.0.1');
    let answered = 0;
    replay.on('data', (chunk: Buffer) => (answered += chunk.length));
    replay.on('error', () => undefined);
    await new Promise<void>((resolve) => replay.once('connect', resolve));
    for (const chunk of recorded) replay.write(chunk);
    await new Promise<void>((resolve) => replay.once('close', () => resolve()));
    // The hub answered the ClientHello with a fresh handshake the replay cannot finish: no HTTP answer, no write.
    expect(answered).toBeGreaterThan(0);
    expect(stateOf(hubApp)).toEqual(after);
  });
});

async function hubDevice(app: TestApp): Promise<string> {
  return (sqliteOf(app).prepare('SELECT device_id FROM sync_local').get() as { device_id: string }).device_id;
}

describe('bodies', () => {
  it('refuses an oversize body with 413 and malformed ones with 400, writing nothing', async () => {
    const { hubApp, hub, deviceId } = await pairedWorld();
    const psk = linkKeyOf(sqliteOf(hubApp), deviceId)!;
    const before = stateOf(hubApp);
    const huge = Buffer.alloc(9 * 1024 * 1024, 0x20);
    const declared = await rawRequest(hub.port, deviceId, psk, PROTOCOL_PATHS.push, huge, { 'content-length': huge.length }).catch((e: Error) => ({ status: -1, text: e.message }));
    expect(declared.status).toBe(413);
    const chunked = await rawRequest(hub.port, deviceId, psk, PROTOCOL_PATHS.push, huge, { 'transfer-encoding': 'chunked' }).catch((e: Error) => ({ status: -1, text: e.message }));
    expect(chunked.status).toBe(413);
    const notJson = await rawRequest(hub.port, deviceId, psk, PROTOCOL_PATHS.push, '{"ops": [', { 'content-type': 'application/json' });
    expect(notJson.status).toBe(400);
    expect(JSON.parse(notJson.text).error.reason).toBe('malformed');
    const wrongShape = await rawRequest(hub.port, deviceId, psk, PROTOCOL_PATHS.push, JSON.stringify({ ops: [{ deviceId: 'x', seq: 0 }] }));
    expect(wrongShape.status).toBe(400);
    expect(JSON.parse(wrongShape.text).error.message).toMatch(/^ops\.0\./);
    const unknownPath = await rawRequest(hub.port, deviceId, psk, '/v1/admin', '{}');
    expect(unknownPath.status).toBe(404);
    expect(stateOf(hubApp)).toEqual(before);
  });
});

/** A TCP connection from 127.0.0.3: the flooding address, apart from the members' 127.0.0.1. */
const fromFlooder = (port: number) => tcpConnect({ host: '127.0.0.1', port, localAddress: '127.0.0.3' });

describe('load', () => {
  it('200 bad handshakes from one address: it is cooled down, a good member still syncs', async () => {
    const { hubApp, hub, member } = await pairedWorld();
    const attempt = () =>
      new Promise<void>((resolve) => {
        const socket = tlsConnect({ ...clientPskOptions(`pair:${randomBytes(16).toString('hex')}`, randomBytes(32)), socket: fromFlooder(hub.port) });
        socket.on('error', () => resolve()).on('close', () => resolve()).on('secureConnect', () => socket.destroy());
      });
    for (let batch = 0; batch < 10; batch++) await Promise.all(Array.from({ length: 20 }, attempt));
    // A right code from the flooding address is refused too while it cools down; from elsewhere it works.
    const code = await makeCode(hubApp);
    const secret = await derivePairingSecret(code);
    const tlsFromFlooder = await new Promise<string>((resolve) => {
      const socket = tlsConnect({ ...clientPskOptions(secret.identity, secret.psk), socket: fromFlooder(hub.port) });
      socket.on('secureConnect', () => (socket.destroy(), resolve('connected'))).on('error', () => resolve('refused'));
    });
    expect(tlsFromFlooder).toBe('refused');
    await pendingChanges(member);
    expect(await syncRound(servicesOf(member))).toMatchObject({ inStep: true });
    expect(digestOf(member)).toBe(digestOf(hubApp));
    expect(readVector(sqliteOf(member))).toEqual(readVector(sqliteOf(hubApp)));
    const newcomer = await world.app({ setup: false });
    expect(await pairWithHub(adminContext(newcomer), { url: hub.url, code })).toMatchObject({ joined: true });
  });
});
