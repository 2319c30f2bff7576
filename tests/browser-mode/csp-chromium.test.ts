// The real renderer under the real CSP in Chromium: it renders with no CSP violation, and an injected inline script is blocked.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../electron/ipc/backend';
import { startBrowserServer, type BrowserServer } from '../../electron/ipc/http/server';
import { ADMIN } from '../support/backend';
import { BrowserTab } from './http-client';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const staticDir = path.join(repoRoot, 'dist');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// Like the e2e tests, a missing build or browser is a failure, never a silent skip (CI would pass without the check).
const missing = !existsSync(path.join(staticDir, 'index.html'))
  ? 'dist/index.html is missing: run `npx vite build` before this test'
  : !existsSync(chromiumPath)
    ? `no Chromium at ${chromiumPath} (install it or set CHROMIUM_PATH)`
    : null;

/** Every CSP violation report is a failure (the renderer sets zod's jitless mode, so nothing probes eval). */
const unexpected = (reports: string[]) => reports;

let dataDir: string;
let backend: Backend;
let server: BrowserServer;
let browser: Browser;

beforeAll(async () => {
  if (missing) throw new Error(missing);
  dataDir = mkdtempSync(path.join(tmpdir(), 'emerald-csp-'));
  backend = createBackend({ dataDir });
  server = await startBrowserServer({ backend, port: 0, token: 'csp-test-token', staticDir });
  browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  backend?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

it('renders every screen of the built UI with no unexpected CSP report, takes the token out of the address bar, and blocks inline script', async () => {
  // Signed in through the API, so the page opens on the app itself rather than the sign-in form.
  const tab = new BrowserTab(server.port, 'csp-test-token');
  await tab.post('auth.setup', ADMIN);
  await tab.post('auth.login', { login: ADMIN.username, password: ADMIN.password });
  const customer = (await tab.post('customers.create', { name: 'Clínica Norte' })).json<{ value: { id: string } }>().value;
  const ticket = (await tab.post('tickets.create', { title: 'Equipo no arranca', description: 'No enciende', customerId: customer.id })).json<{ value: { id: string } }>().value;
  const context = await browser.newContext();
  const [name, value] = (tab.cookie ?? '').split('=') as [string, string];
  await context.addCookies([{ name, value, url: `http://127.0.0.1:${server.port}`, httpOnly: true, sameSite: 'Strict' }]);
  const page = await context.newPage();
  // Browser-side code as strings: this project compiles without the DOM library.
  await page.addInitScript({
    content: "window.__csp = []; document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));",
  });
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  const reports = () => page.evaluate('window.__csp') as Promise<string[]>;
  await page.goto(server.url);
  await page.waitForFunction("(document.getElementById('root')?.childElementCount ?? 0) > 0");
  await page.waitForLoadState('networkidle');
  expect(new URL(page.url()).searchParams.get('token')).toBeNull();
  for (const hash of [`#/tickets/${ticket.id}`, '#/agenda', '#/work-orders', '#/trace', '#/reports', '#/admin', '#/tickets']) {
    await page.evaluate(`window.location.hash = ${JSON.stringify(hash)}`);
    await page.waitForLoadState('networkidle');
  }
  const atLoad = await reports();
  expect(unexpected(atLoad)).toEqual([]);
  expect(pageErrors).toEqual([]);

  const inlineRan = await page.evaluate(
    "(() => { const s = document.createElement('script'); s.textContent = 'window.__inlineRan = true'; document.head.appendChild(s); return window.__inlineRan === true; })()",
  );
  expect(inlineRan).toBe(false);
  await page.waitForFunction(`window.__csp.length > ${atLoad.length}`);
  expect(unexpected(await reports())).toEqual([expect.stringMatching(/^script-src(-elem)? inline$/)]);
  await context.close();
});
