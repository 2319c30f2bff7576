// Browser mode's launch cookie: opening the launch URL leaves the token as an HttpOnly cookie (so a new tab or a
// bookmark opens the app) without weakening the checks: a call with the cookie must still come from a page of this
// very server (Origin, or Sec-Fetch-Site for EventSource), and the token never stays in the address.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchCookieName } from '../../electron/ipc/http/cookies';
import { newLaunchToken } from '../../electron/ipc/http/guards';
import { startBrowserServer, type BrowserServer } from '../../electron/ipc/http/server';
import { ADMIN, startTestApp, type TestApp } from '../support/backend';
import { BrowserTab, rawRequest } from './http-client';

let app: TestApp;
let server: BrowserServer;
let staticRoot: string;
let token: string;
let own: string;

beforeAll(async () => {
  app = await startTestApp();
  staticRoot = mkdtempSync(path.join(tmpdir(), 'emerald-launch-'));
  mkdirSync(staticRoot, { recursive: true });
  writeFileSync(path.join(staticRoot, 'index.html'), '<!doctype html><title>Emerald</title>');
  token = newLaunchToken();
  server = await startBrowserServer({ backend: app.backend, port: 0, token, staticDir: staticRoot });
  own = `http://127.0.0.1:${server.port}`;
});

afterAll(async () => {
  await server.close();
  app.close();
  rmSync(staticRoot, { recursive: true, force: true });
});

const launchCookie = (value = token) => `${launchCookieName(server.port)}=${value}`;
const call = (channel: string, headers: Record<string, string>) =>
  rawRequest({ port: server.port, method: 'POST', path: `/api/${channel}`, body: '{}', headers: { 'content-type': 'application/json', ...headers } });

describe('opening the launch URL', () => {
  it('answers 303 to the same page without the token and sets an HttpOnly, SameSite=Strict, Path=/ cookie', async () => {
    const response = await rawRequest({ port: server.port, path: `/?token=${encodeURIComponent(token)}&lang=es` });
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe('/?lang=es');
    const cookie = response.headers['set-cookie']?.[0] ?? '';
    expect(cookie.startsWith(`${launchCookieName(server.port)}=${token};`)).toBe(true);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/');
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('takes a wrong token out of the address too, but sets no cookie', async () => {
    const response = await rawRequest({ port: server.port, path: '/?token=wrong' });
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe('/');
    expect(response.headers['set-cookie']).toBeUndefined();
  });

  it('never redirects to another site', async () => {
    for (const pathname of [`//evil.example/?token=${token}`, `/\\evil.example/?token=${token}`]) {
      const response = await rawRequest({ port: server.port, path: pathname });
      expect(response.status).toBe(303);
      expect(response.headers.location).toMatch(/^\/(?![/\\])/);
    }
  });

  it('serves the page itself (a new tab, a bookmark) without any token', async () => {
    const response = await rawRequest({ port: server.port, path: '/' });
    expect(response.status).toBe(200);
    expect(response.text).toContain('<title>Emerald</title>');
  });
});

describe('calls carrying the launch cookie', () => {
  it('are answered when they come from a page of this server (Origin is ours)', async () => {
    const response = await call('auth.status', { cookie: launchCookie(), origin: own });
    expect(response.status).toBe(200);
    expect(response.json()).toMatchObject({ ok: true });
    const viaLocalhost = await call('auth.status', { cookie: launchCookie(), origin: `http://localhost:${server.port}`, host: `localhost:${server.port}` });
    expect(viaLocalhost.status).toBe(200);
  });

  it('are refused from another origin, another port of 127.0.0.1 included (SameSite lets the cookie through there)', async () => {
    for (const origin of [`http://127.0.0.1:${server.port + 1}`, 'http://evil.example', 'null']) {
      const response = await call('auth.status', { cookie: launchCookie(), origin });
      expect(response.status, origin).toBe(403);
      expect(response.json()).toMatchObject({ ok: false, error: { details: { reason: 'bad_origin' } } });
    }
  });

  it('are refused without Origin unless the browser says the page is same-origin, and never with a stale or foreign cookie', async () => {
    const noOrigin = await call('auth.status', { cookie: launchCookie() });
    const sameSite = await call('auth.status', { cookie: launchCookie(), 'sec-fetch-site': 'same-site' });
    const stale = await call('auth.status', { cookie: launchCookie(newLaunchToken()), origin: own });
    const otherPort = await call('auth.status', { cookie: `emerald_launch_${server.port + 1}=${token}`, origin: own });
    for (const response of [noOrigin, sameSite, stale, otherPort]) {
      expect(response.status).toBe(401);
      expect(response.json()).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED', details: { reason: 'bad_token' } } });
    }
  });

  it('do not rescue a wrong Bearer token', async () => {
    const response = await call('auth.status', { cookie: launchCookie(), origin: own, authorization: 'Bearer nope' });
    expect(response.status).toBe(401);
  });

  it('open the live-events stream for a signed-in page (Sec-Fetch-Site: same-origin), and only for it', async () => {
    const tab = new BrowserTab(server.port, token);
    await tab.post('auth.login', { login: ADMIN.username, password: ADMIN.password });
    const open = (headers: Record<string, string>) =>
      new Promise<IncomingMessage>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port: server.port, path: '/api/events', headers: { host: `127.0.0.1:${server.port}`, ...headers } }, resolve);
        req.on('error', reject);
        req.end();
      });
    const cookies = `${launchCookie()}; ${tab.cookie ?? ''}`;
    const stream = await open({ cookie: cookies, 'sec-fetch-site': 'same-origin' });
    expect(stream.statusCode).toBe(200);
    stream.destroy();
    const refusedHeaders: Record<string, string>[] = [{ cookie: cookies, 'sec-fetch-site': 'same-site' }, { cookie: cookies }, { cookie: tab.cookie ?? '', 'sec-fetch-site': 'same-origin' }];
    for (const headers of refusedHeaders) {
      const refused = await open(headers);
      expect(refused.statusCode).toBe(401);
      refused.resume();
    }
  });

  it('keep the session of each instance apart: cookies ignore ports, so both cookies are named after theirs', async () => {
    const second = await startBrowserServer({ backend: app.backend, port: 0, token, staticDir: staticRoot });
    try {
      const tab = new BrowserTab(server.port, token);
      await tab.post('auth.login', { login: ADMIN.username, password: ADMIN.password });
      expect(tab.cookie).toMatch(new RegExp(`^emerald_session_${server.port}=`));
      // The browser sends every 127.0.0.1 cookie to both ports: the other instance must not take this session as its own.
      const jar = `${tab.cookie ?? ''}; ${launchCookieName(second.port)}=${token}`;
      const there = await rawRequest({ port: second.port, method: 'POST', path: '/api/auth.me', body: '{}', headers: { 'content-type': 'application/json', cookie: jar, origin: `http://127.0.0.1:${second.port}`, host: `127.0.0.1:${second.port}` } });
      expect(there.json()).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
      expect((await tab.post('auth.me', {})).json()).toMatchObject({ ok: true });
    } finally {
      await second.close();
    }
  });
});
