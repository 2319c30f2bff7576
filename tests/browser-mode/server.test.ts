// Browser mode end to end in-process: a real backend on a temp SQLite file behind the loopback HTTP server.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request, type IncomingMessage } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineMsOf } from '../../electron/ipc/http/api';
import { CONTENT_SECURITY_POLICY } from '../../electron/ipc/http/csp';
import { newLaunchToken } from '../../electron/ipc/http/guards';
import { startBrowserServer, type BrowserServer } from '../../electron/ipc/http/server';
import { ADMIN, startTestApp, type TestApp } from '../support/backend';
import { BrowserTab, rawRequest } from './http-client';

let app: TestApp;
let server: BrowserServer;
let staticRoot: string;
let token: string;

beforeAll(async () => {
  app = await startTestApp({ setup: false });
  staticRoot = mkdtempSync(path.join(tmpdir(), 'emerald-static-'));
  const dist = path.join(staticRoot, 'dist');
  mkdirSync(path.join(dist, 'assets'), { recursive: true });
  writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Emerald test page</title>');
  writeFileSync(path.join(dist, 'assets', 'app.js'), 'console.log("app");');
  writeFileSync(path.join(staticRoot, 'secret.txt'), 'outside the served folder');
  token = newLaunchToken();
  server = await startBrowserServer({ backend: app.backend, port: 0, token, staticDir: dist });
});

afterAll(async () => {
  await server.close();
  app.close();
  rmSync(staticRoot, { recursive: true, force: true });
});

function nonLoopbackIPv4(): string | null {
  for (const addresses of Object.values(networkInterfaces())) {
    for (const address of addresses ?? []) {
      if (address.family === 'IPv4' && !address.internal) return address.address;
    }
  }
  return null;
}

describe('browser mode: guards', () => {
  it('prints a loopback URL carrying the launch token and the real port', () => {
    expect(server.port).toBeGreaterThan(0);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${token}`);
  });

  it('refuses /api calls without the launch token or with a wrong one (401, bad_token)', async () => {
    const missing = await rawRequest({ port: server.port, method: 'POST', path: '/api/auth.me', body: '{}' });
    const wrong = await rawRequest({ port: server.port, method: 'POST', path: '/api/auth.me', body: '{}', headers: { authorization: `Bearer ${token}x` } });
    const events = await rawRequest({ port: server.port, path: '/api/events?token=nope' });
    for (const response of [missing, wrong, events]) {
      expect(response.status).toBe(401);
      expect(response.json()).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED', details: { reason: 'bad_token' } } });
    }
  });

  it('refuses a foreign Host or Origin with 403, even with the right token', async () => {
    const auth = { authorization: `Bearer ${token}` };
    const foreignHost = await rawRequest({ port: server.port, method: 'POST', path: '/api/auth.me', body: '{}', headers: { ...auth, host: `evil.example:${server.port}` } });
    const wrongPort = await rawRequest({ port: server.port, path: '/', headers: { host: `127.0.0.1:${server.port + 1}` } });
    const foreignOrigin = await rawRequest({ port: server.port, method: 'POST', path: '/api/auth.me', body: '{}', headers: { ...auth, origin: 'http://evil.example' } });
    expect(foreignHost.status).toBe(403);
    expect(wrongPort.status).toBe(403);
    expect(foreignOrigin.status).toBe(403);
    expect(foreignOrigin.json()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', details: { reason: 'bad_origin' } } });
    const ownOrigin = await rawRequest({ port: server.port, method: 'POST', path: '/api/auth.me', body: '{}', headers: { ...auth, origin: `http://localhost:${server.port}`, host: `localhost:${server.port}` } });
    expect(ownOrigin.status).toBe(200);
  });

  it('is not reachable on a non-loopback address of this machine', async (context) => {
    const address = nonLoopbackIPv4();
    if (!address) {
      context.skip('this machine has no non-loopback IPv4 address to try');
      return;
    }
    const code = await new Promise<string>((resolve) => {
      const socket = connect({ host: address, port: server.port });
      socket.once('connect', () => {
        socket.destroy();
        resolve('connected');
      });
      socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'unknown'));
    });
    expect(code).toBe('ECONNREFUSED');
  });

  it('answers 413 to a body over the limit and 404 to unknown /api GETs', async () => {
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const big = JSON.stringify({ name: 'x'.repeat(3 * 1024 * 1024) });
    const tooLarge = await rawRequest({ port: server.port, method: 'POST', path: '/api/customers.create', body: big, headers: auth });
    expect(tooLarge.status).toBe(413);
    const unknownGet = await rawRequest({ port: server.port, path: '/api/tickets.list', headers: auth });
    expect(unknownGet.status).toBe(404);
    const unknownChannel = await rawRequest({ port: server.port, method: 'POST', path: '/api/nope.nothing', body: '{}', headers: auth });
    expect(unknownChannel.status).toBe(200);
    expect(unknownChannel.json()).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', details: { reason: 'unknown_channel' } } });
    const badJson = await rawRequest({ port: server.port, method: 'POST', path: '/api/auth.me', body: '{nope', headers: auth });
    expect(badJson.status).toBe(400);
  });
});

describe('browser mode: sessions', () => {
  it('sets an HttpOnly SameSite=Strict cookie at login, uses it on later calls and clears it at logout', async () => {
    const tab = new BrowserTab(server.port, token);
    expect((await tab.post('auth.setup', ADMIN)).json()).toMatchObject({ ok: true });
    const anonymous = await tab.post('auth.me', {});
    expect(anonymous.status).toBe(200);
    expect(anonymous.json()).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });

    const login = await tab.post('auth.login', { login: ADMIN.username, password: ADMIN.password });
    expect(login.json()).toMatchObject({ ok: true });
    const setCookie = String(login.headers['set-cookie']?.[0]);
    expect(setCookie).toMatch(new RegExp(`^emerald_session_${server.port}=[^;]+;`));
    expect(setCookie).toMatch(/;\s*HttpOnly/i);
    expect(setCookie).toMatch(/;\s*SameSite=Strict/i);
    expect(setCookie).toMatch(/;\s*Path=\//i);
    expect(login.text).not.toContain(tab.cookie?.split('=')[1]);

    expect((await tab.post('auth.me', {})).json()).toMatchObject({ ok: true, value: { user: { username: ADMIN.username } } });
    const otherTab = new BrowserTab(server.port, token);
    expect((await otherTab.post('auth.me', {})).json()).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });

    const logout = await tab.post('auth.logout', {});
    expect(String(logout.headers['set-cookie']?.[0])).toMatch(new RegExp(`^emerald_session_${server.port}=;.*Max-Age=0`));
    expect(tab.cookie).toBeNull();
    expect((await tab.post('auth.me', {})).json()).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('streams a domain event over SSE after a write', async () => {
    const tab = new BrowserTab(server.port, token);
    await tab.post('auth.login', { login: ADMIN.username, password: ADMIN.password });
    const stream = await new Promise<IncomingMessage>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: server.port, path: `/api/events?token=${encodeURIComponent(token)}`, headers: { host: `127.0.0.1:${server.port}`, cookie: tab.cookie ?? '' } }, resolve);
      req.on('error', reject);
      req.end();
    });
    expect(stream.statusCode).toBe(200);
    expect(stream.headers['content-type']).toMatch(/^text\/event-stream/);
    let received = '';
    const gotEvent = new Promise<string>((resolve) => {
      stream.on('data', (chunk: Buffer) => {
        received += chunk.toString('utf8');
        const match = /event: domain\ndata: (.*)\n\n/.exec(received);
        if (match?.[1]) resolve(match[1]);
      });
    });
    // The stream's first bytes arrive before the write, so the listener is surely subscribed.
    await new Promise<void>((resolve) => stream.once('data', () => resolve()));
    const created = (await tab.post('customers.create', { name: 'Clínica Norte' })).json<{ ok: true; value: { id: string } }>();
    expect(created.ok).toBe(true);
    expect(JSON.parse(await gotEvent)).toMatchObject({ entity: 'customer', kind: 'created', id: created.value.id });
    stream.destroy();
  });
});

describe('browser mode: Server-Timing', () => {
  it("says how long the engine took with each answer, a refusal's included; a call the guards refuse and static files say nothing", async () => {
    const tab = new BrowserTab(server.port, token);
    const answered = await tab.post('auth.status', {});
    const refused = await tab.post('tickets.list', {});
    expect(refused.json()).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    for (const response of [answered, refused]) {
      expect(response.headers['server-timing']).toMatch(/^engine;dur=\d+\.\d{2}$/);
      expect(engineMsOf(response.headers['server-timing'])).toBeGreaterThanOrEqual(0);
    }
    const badToken = await rawRequest({ port: server.port, method: 'POST', path: '/api/auth.status', body: '{}', headers: { authorization: `Bearer ${token}x` } });
    expect(badToken.status).toBe(401);
    expect(badToken.headers['server-timing']).toBeUndefined();
    expect((await rawRequest({ port: server.port, path: '/' })).headers['server-timing']).toBeUndefined();
    expect(engineMsOf(undefined)).toBeNull();
    expect(engineMsOf('cache;dur=1, engine;dur=2.50')).toBe(2.5);
  });
});

describe('browser mode: static files', () => {
  it('serves index.html for / and assets, with the CSP header', async () => {
    const index = await rawRequest({ port: server.port, path: '/' });
    expect(index.status).toBe(200);
    expect(index.text).toContain('Emerald test page');
    expect(index.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(index.headers['content-security-policy']).toContain("script-src 'self'");
    const asset = await rawRequest({ port: server.port, path: '/assets/app.js' });
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toMatch(/^text\/javascript/);
    expect((await rawRequest({ port: server.port, path: '/assets/missing.js' })).status).toBe(404);
  });

  it('answers a target no URL can be made of ("//", a bad port) with 400, not a server error', async () => {
    for (const attempt of ['//', '//:99999/', '//?token=x']) {
      const response = await rawRequest({ port: server.port, path: attempt });
      expect(response.status, attempt).toBe(400);
      expect(response.text, attempt).toContain('bad_path');
    }
  });

  it('refuses path traversal, plain or encoded', async () => {
    for (const attempt of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/..%5csecret.txt', '/assets/%2E%2E/%2E%2E/secret.txt']) {
      const response = await rawRequest({ port: server.port, path: attempt });
      expect(response.status, attempt).toBe(400);
      expect(response.text, attempt).not.toContain('outside the served folder');
    }
  });
});
