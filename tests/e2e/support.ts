// End-to-end harness: a real backend on a temp SQLite file behind the browser-mode server, driven by Debian's Chromium.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createBackend, type Backend } from '../../electron/ipc/backend';
import { startEngineWorker, type EngineWorkerHost } from '../../electron/ipc/engine/worker-host';
import { newLaunchToken } from '../../electron/ipc/http/guards';
import { startBrowserServer, type BrowserServer } from '../../electron/ipc/http/server';
import { ADMIN, Caller } from '../support/backend';

export { ADMIN, Caller };

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// EMERALD_E2E_DIST lets a run use its own build while another engineer rebuilds dist/.
export const distDir = process.env.EMERALD_E2E_DIST ? path.resolve(process.env.EMERALD_E2E_DIST) : path.join(repoRoot, 'dist');
/**
 * The README's screenshots are refreshed only on request (`UPDATE_SCREENSHOTS=1 npx vitest run tests/e2e`);
 * ordinary runs still take every screenshot (it exercises the screens) but into a temp folder.
 */
export const screenshotsDir = process.env.UPDATE_SCREENSHOTS
  ? path.join(repoRoot, 'docs', 'screenshots')
  : path.join(tmpdir(), 'emerald-screenshots');
export const VIEWPORT = { width: 1280, height: 800 } as const;
/**
 * EMERALD_E2E_ENGINE=worker serves the app from the engine worker, as `npm run serve` does. Files that reach into the
 * backend (app.backend, app.clock, asAdminAt/asUserAt) need it in this thread and fail with a clear message then.
 */
const engineInWorker = process.env.EMERALD_E2E_ENGINE === 'worker';

/** Stands in for app.backend when the engine runs in its worker: the host's calls pass, anything else says why it is not there. */
function backendInWorker(engine: EngineWorkerHost): Backend {
  const passed = new Set<PropertyKey>(['dispatch', 'onEvent', 'sessionStatus', 'endSession']);
  return new Proxy({} as Backend, {
    get(_target, name) {
      if (passed.has(name)) return engine[name as 'dispatch' | 'onEvent' | 'sessionStatus' | 'endSession'];
      throw new Error(`app.backend.${String(name)} is not available with EMERALD_E2E_ENGINE=worker (the engine runs in its thread)`);
    },
  });
}

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  // Native date/time inputs follow the browser's UI language, not the page locale.
  '--lang=es-ES',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
}

let processBrowser: Promise<Browser> | undefined;

/**
 * One Chromium per test process, shared by the e2e files that process runs one after another (the e2e project does not
 * isolate files): a launch and its close cost a few CPU-seconds each, for nothing a file checks. Each app still gets
 * contexts of its own and closes them; Playwright ends the browser with the process.
 */
function sharedBrowser(): Promise<Browser> {
  const current = processBrowser;
  if (current) {
    return current.then((browser) => (browser.isConnected() ? browser : ((processBrowser = undefined), sharedBrowser())));
  }
  const launching = launchBrowser();
  processBrowser = launching;
  launching.catch(() => (processBrowser = undefined));
  return launching;
}

/** Real time, shiftable into the past so seeded data gets realistic dates (see E2eApp.asAdminAt). */
export class ShiftableClock {
  offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}

export interface E2eApp {
  /** The launch address with the token: open it in a page to start the UI. */
  url: string;
  port: number;
  token: string;
  dataDir: string;
  backend: Backend;
  clock: ShiftableClock;
  browser: Browser;
  /** In-process caller signed in as ADMIN (when started with setup), for seeding data quickly. */
  admin: Caller;
  /** A fresh browser context (own cookies and storage) at 1280×800, Spanish locale, light theme by default. */
  newContext(options?: { locale?: string; colorScheme?: 'light' | 'dark' }): Promise<BrowserContext>;
  /** Opens the app in a new page of `context` (a new context when omitted) and waits for the first screen. */
  openApp(context?: BrowserContext): Promise<Page>;
  /**
   * Runs `work` with the backend clock at `when` and a fresh admin session made at that instant (no password hashing).
   * Use it before any page is signed in: a page calling while the clock is shifted would see its session expire.
   */
  asAdminAt<T>(when: Date, work: (admin: Caller) => Promise<T>): Promise<T>;
  /** The same for another user (a technician writing their own notes, starting their own OT). */
  asUserAt<T>(userId: string, when: Date, work: (caller: Caller) => Promise<T>): Promise<T>;
  /** Creates a user with a default role name ('Técnico', 'Agente', …); returns its id and password. */
  userWithRole(roleName: string, username: string, fullName?: string): Promise<{ id: string; username: string; password: string }>;
  close(): Promise<void>;
}

/**
 * Starts a backend on a fresh temp data folder, the browser-mode server on a free port and Chromium.
 * `setup: true` (default) creates ADMIN through the backend so tests can sign in at once; `false` leaves the setup screen.
 */
export async function startE2eApp(options: { setup?: boolean } = {}): Promise<E2eApp> {
  if (!existsSync(path.join(distDir, 'index.html'))) {
    throw new Error('dist/index.html is missing: run `npx vite build` before the e2e tests');
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), 'emerald-e2e-'));
  const clock = new ShiftableClock();
  const engine: EngineWorkerHost | null = engineInWorker ? await startEngineWorker({ dataDir }) : null;
  const backend = engine ? backendInWorker(engine) : createBackend({ dataDir, clock });
  const closeEngine = async () => (engine ? engine.close() : backend.close());
  const token = newLaunchToken();
  let server: BrowserServer | null = null;
  let browser: Browser;
  const contexts = new Set<BrowserContext>();
  try {
    server = await startBrowserServer({ backend: engine ?? backend, port: 0, token, staticDir: distDir });
    browser = await sharedBrowser();
  } catch (error) {
    await server?.close();
    await closeEngine();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const admin = new Caller(engine ?? backend);
  if (options.setup !== false) {
    await admin.call('auth.setup', ADMIN);
    await admin.call('auth.login', { login: ADMIN.username, password: ADMIN.password });
  }
  const liveServer = server;
  const liveBrowser = browser;

  const app: E2eApp = {
    url: liveServer.url,
    port: liveServer.port,
    token,
    dataDir,
    backend,
    clock,
    browser: liveBrowser,
    admin,
    async asAdminAt(when, work) {
      const me = await admin.call('auth.me', {});
      return app.asUserAt(me.user.id, when, work);
    },
    async asUserAt(userId, when, work) {
      clock.offsetMs = when.getTime() - Date.now();
      try {
        const caller = new Caller(backend);
        caller.token = backend.sessions.create(userId);
        return await work(caller);
      } finally {
        clock.offsetMs = 0;
      }
    },
    async newContext(contextOptions = {}) {
      const context = await liveBrowser.newContext({
        viewport: VIEWPORT,
        locale: contextOptions.locale ?? 'es-ES',
        timezoneId: 'Europe/Madrid',
        colorScheme: contextOptions.colorScheme ?? 'light',
        acceptDownloads: true,
      });
      context.setDefaultTimeout(15_000);
      contexts.add(context);
      return context;
    },
    async openApp(context) {
      if (context) contexts.add(context);
      const page = await (context ?? (await app.newContext())).newPage();
      trackPageErrors(page);
      await page.goto(liveServer.url);
      await page.waitForSelector('.auth-screen, .app', { timeout: 15_000 });
      return page;
    },
    async userWithRole(roleName, username, fullName = username) {
      const roles = await admin.call('roles.list', {});
      const role = roles.find((r) => r.name === roleName);
      if (!role) throw new Error(`no role ${roleName}`);
      const password = `${username}-password-1`;
      const user = await admin.call('users.create', { email: `${username}@example.com`, username, password, fullName, roleId: role.id });
      return { id: user.id, username, password };
    },
    async close() {
      // The contexts this app opened or opened a page in: the browser outlives the file (and other apps share it).
      for (const context of contexts) await context.close().catch(() => undefined);
      await liveServer.close();
      await closeEngine();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return app;
}

const pageErrors = new WeakMap<Page, string[]>();

function trackPageErrors(page: Page): void {
  const errors: string[] = [];
  pageErrors.set(page, errors);
  page.on('pageerror', (error) => errors.push(error.message));
}

/** Uncaught exceptions the page threw since it was opened with openApp (assert it stays empty). */
export function uncaughtErrors(page: Page): string[] {
  return pageErrors.get(page) ?? [];
}

/** Fills the first-run setup screen and waits for the signed-in app. */
export async function completeSetup(page: Page, admin = ADMIN, companyName = 'Climatizaciones del Sur'): Promise<void> {
  const form = page.locator('.auth-card form');
  const inputs = form.locator('input');
  await inputs.nth(0).fill(companyName);
  await inputs.nth(1).fill(admin.fullName);
  await inputs.nth(2).fill(admin.email);
  await inputs.nth(3).fill(admin.username);
  await inputs.nth(4).fill(admin.password);
  await inputs.nth(5).fill(admin.password);
  await form.locator('button[type="submit"]').click();
  await page.waitForSelector('nav.sidebar');
}

/** Signs in through the login screen and waits for the sidebar. */
export async function signIn(page: Page, login: string = ADMIN.username, password: string = ADMIN.password): Promise<void> {
  const form = page.locator('.auth-card form');
  await form.locator('input').nth(0).fill(login);
  await form.locator('input[type="password"]').fill(password);
  await form.locator('button[type="submit"]').click();
  await page.waitForSelector('nav.sidebar');
}

/**
 * Signs in and waits until the window's live-update stream answered: the server subscribes before its first byte, so a
 * change made elsewhere after this reaches the window (one made before the stream opened would not).
 */
export async function signInLive(page: Page, login: string = ADMIN.username, password: string = ADMIN.password): Promise<void> {
  const streamOpen = page.waitForResponse((response) => response.url().includes('/api/events') && response.status() === 200);
  await signIn(page, login, password);
  await streamOpen;
}

/** Opens a hash route (`'#/tickets'`) in a page that already shows the app. */
export async function goTo(page: Page, hash: string): Promise<void> {
  await page.evaluate(`window.location.hash = ${JSON.stringify(hash)}`);
}

/** Saves `<screenshotsDir>/<name>.png` at 1280×800 (look at it afterwards). */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotsDir, { recursive: true });
  const file = path.join(screenshotsDir, `${name}.png`);
  await page.setViewportSize(VIEWPORT);
  // No hover highlight wherever the last click left the pointer.
  await page.mouse.move(VIEWPORT.width - 1, VIEWPORT.height - 1);
  await page.evaluate('document.fonts.ready.then(() => undefined)');
  await page.screenshot({ path: file, fullPage: false, animations: 'disabled', caret: 'hide' });
  return file;
}

let axeScript: string | null = null;
function axeSource(): string {
  axeScript ??= readFileSync(path.join(repoRoot, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
  return axeScript;
}

export interface A11yViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** Runs axe-core on the page (or on `selector`) and returns the serious and critical violations. */
export async function seriousA11yViolations(page: Page, selector?: string): Promise<A11yViolation[]> {
  const loaded = await page.evaluate("typeof window.axe !== 'undefined'");
  // The app's CSP refuses inline <script> tags; evaluating over the DevTools protocol is not subject to it.
  if (!loaded) await page.evaluate(axeSource());
  return page.evaluate(async (context) => {
    type AxeResult = { violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] };
    // This runs in the page; the Node-side tsconfig has no DOM types, hence globalThis.
    const page = globalThis as unknown as { axe: { run(context: unknown): Promise<AxeResult> }; document: unknown };
    const result = await page.axe.run(context ?? page.document);
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  }, selector ?? null);
}
