// app:// answers (files, CSP, traversal) and the navigation/permission locks, driven with plain objects.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../electron/ipc/http/csp';
import { APP_INDEX_URL, APP_SCHEME_PRIVILEGES, createAppRequestHandler, isAppUrl } from '../../electron/main/app-protocol';
import { hardenSession, hardenWebContents, isLoadableUrl, type HardenableContents, type HardenableSession } from '../../electron/main/security';

let root: string;
let handler: (request: Request) => Promise<Response>;

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'emerald-app-'));
  mkdirSync(path.join(root, 'dist', 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'dist', 'index.html'), '<!doctype html><title>app page</title>');
  writeFileSync(path.join(root, 'dist', 'assets', 'main.css'), 'body{}');
  writeFileSync(path.join(root, 'secret.txt'), 'not for the renderer');
  handler = createAppRequestHandler(path.join(root, 'dist'));
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('app:// protocol', () => {
  it('is a standard, secure scheme that does not bypass CSP and keeps compiled code between starts', () => {
    expect(APP_SCHEME_PRIVILEGES.scheme).toBe('app');
    expect(APP_SCHEME_PRIVILEGES.privileges).toMatchObject({ standard: true, secure: true, codeCache: true });
    expect(APP_SCHEME_PRIVILEGES.privileges).not.toHaveProperty('bypassCSP');
    expect(APP_SCHEME_PRIVILEGES.privileges).not.toHaveProperty('corsEnabled');
  });

  it('serves index.html and assets with the CSP header', async () => {
    const index = await handler(new Request(APP_INDEX_URL));
    expect(index.status).toBe(200);
    expect(await index.text()).toContain('app page');
    expect(index.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(index.headers.get('content-type')).toMatch(/^text\/html/);
    const css = await handler(new Request('app://emerald/assets/main.css'));
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
    expect(css.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('refuses traversal, other hosts and writes', async () => {
    for (const url of ['app://emerald/..%2fsecret.txt', 'app://emerald/assets/%2e%2e%5c..%5csecret.txt', 'app://emerald/%2e%2e/secret.txt', 'app://emerald/..\\secret.txt']) {
      const response = await handler(new Request(url));
      expect(response.status, url).not.toBe(200);
      expect(await response.text(), url).not.toContain('not for the renderer');
    }
    expect((await handler(new Request('app://evil/index.html'))).status).toBe(404);
    expect((await handler(new Request(APP_INDEX_URL, { method: 'POST', body: 'x' }))).status).toBe(405);
  });

  it('recognises only app://emerald as ours', () => {
    expect(isAppUrl('app://emerald/index.html#/tickets')).toBe(true);
    expect(isAppUrl('app://emerald.evil/index.html')).toBe(false);
    expect(isAppUrl('https://emerald/index.html')).toBe(false);
    expect(isAppUrl('file:///index.html')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });
});

type Listener = (...args: unknown[]) => void;

class FakeContents {
  readonly listeners = new Map<string, Listener>();
  openHandler: ((details: { url: string }) => unknown) | null = null;
  on(event: string, listener: Listener) {
    this.listeners.set(event, listener);
    return this;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => unknown) {
    this.openHandler = handler;
  }
  /** Fires a navigation event and says whether it was prevented. */
  navigate(eventName: string, url: string): boolean {
    let prevented = false;
    this.listeners.get(eventName)?.({ url, preventDefault: () => (prevented = true) }, url);
    return prevented;
  }
}

describe('hardening', () => {
  it('denies navigation away from app://emerald, webviews and every new window', () => {
    const contents = new FakeContents();
    hardenWebContents(contents as unknown as HardenableContents);
    for (const eventName of ['will-navigate', 'will-redirect', 'will-frame-navigate']) {
      expect(contents.navigate(eventName, 'https://evil.example/'), eventName).toBe(true);
      expect(contents.navigate(eventName, 'file:///etc/passwd'), eventName).toBe(true);
      expect(contents.navigate(eventName, 'app://emerald/index.html'), eventName).toBe(false);
    }
    expect(contents.navigate('will-attach-webview', 'app://emerald/index.html')).toBe(true);
    expect(contents.openHandler?.({ url: 'app://emerald/index.html' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' });
  });

  it('denies every permission request and check but our own pages\' camera, and cancels requests for remote content', () => {
    const captured: {
      request?: (contents: unknown, permission: string, callback: (granted: boolean) => void, details?: { requestingUrl: string; mediaTypes?: string[] }) => void;
      check?: () => boolean;
      beforeRequest?: (details: { url: string }, callback: (response: { cancel: boolean }) => void) => void;
    } = {};
    const fakeSession = {
      setPermissionRequestHandler: (handler: typeof captured.request) => (captured.request = handler),
      setPermissionCheckHandler: (handler: typeof captured.check) => (captured.check = handler),
      webRequest: { onBeforeRequest: (listener: typeof captured.beforeRequest) => (captured.beforeRequest = listener) },
    };
    hardenSession(fakeSession as unknown as HardenableSession);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const answers: boolean[] = [];
      captured.request?.({}, permission, (answer) => answers.push(answer));
      expect(answers, permission).toEqual([false]);
    }
    expect(captured.check?.()).toBe(false);
    // The camera (video only) for our own pages, to photograph a job; never the microphone, never another origin.
    const asked = (permission: string, requestingUrl: string, mediaTypes?: string[]) => {
      const answers: boolean[] = [];
      captured.request?.({}, permission, (answer) => answers.push(answer), { requestingUrl, mediaTypes });
      return answers[0];
    };
    expect(asked('media', 'app://emerald/index.html', ['video'])).toBe(true);
    expect(asked('media', 'app://emerald/index.html', ['video', 'audio'])).toBe(false);
    expect(asked('media', 'https://example.com/', ['video'])).toBe(false);
    expect(asked('geolocation', 'app://emerald/index.html')).toBe(false);
    const check = captured.check as unknown as (contents: unknown, permission: string, origin: string) => boolean;
    expect(check({}, 'media', 'app://emerald')).toBe(true);
    expect(check({}, 'media', 'https://example.com')).toBe(false);
    expect(check({}, 'notifications', 'app://emerald')).toBe(false);
    const cancelled = (url: string) => {
      const answers: boolean[] = [];
      captured.beforeRequest?.({ url }, (response) => answers.push(response.cancel));
      return answers[0];
    };
    expect(cancelled('https://cdn.example.com/x.js')).toBe(true);
    expect(cancelled('http://127.0.0.1:5180/api/auth.me')).toBe(true);
    expect(cancelled('file:///etc/passwd')).toBe(true);
    expect(cancelled('app://other/index.html')).toBe(true);
    expect(cancelled('app://emerald/assets/app.js')).toBe(false);
    expect(cancelled('data:image/png;base64,AAAA')).toBe(false);
    expect(isLoadableUrl('devtools://devtools/bundled/inspector.html')).toBe(true);
  });
});
