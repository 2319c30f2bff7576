// The renderer on a large dataset in browser mode: time to first rows, rows kept in the DOM while scrolling.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page, type Request } from 'playwright-core';
import { startBrowserServer, type BrowserServerOptions } from '../../electron/ipc/http/server';

/** The engine the page talks to: an in-process Backend, or the engine worker as `npm run serve` runs it. */
type Engine = BrowserServerOptions['backend'];
import { DEMO_PASSWORD } from '../demo/generate';

export interface RendererResult {
  /**
   * The list screen opened again in the running app (a hash change from the agenda once it has shown its week: code
   * loaded, store cached): from the click to the first rows painted. Median of REPEATS.
   */
  firstRowsMs: number;
  /** A fresh open (a new page load of the list's address, signed in): navigation start to first rows painted. Median of REPEATS. */
  freshListMs: number;
  /** Every measured run, in order (the machine is shared: the spread says how noisy the median is). */
  firstRowsRunsMs: number[];
  freshListRunsMs: number[];
  /** A fresh open of the dispatch board (this week, every technician): navigation start to its first blocks painted. Median of REPEATS. */
  freshBoardMs: number;
  /** The dispatch board opened from the sidebar, the first time in a running window (boardFromSidebarMs). Median of REPEATS. */
  boardFromSidebarMs: number;
  freshBoardRunsMs: number[];
  boardFromSidebarRunsMs: number[];
  maxRenderedRows: number;
  scrolledRows: number;
}

/** The list's row elements and the board's blocks; kept in one place so the bench follows the UI. */
export const ROW_SELECTOR = '[data-ticket-row]';
export const BOARD_BLOCK_SELECTOR = '.board-grid [data-work-order]';

/** Each list figure is the median of this many runs. */
const REPEATS = 5;

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

/**
 * Page-side (a string: this file is type-checked for Node, without the DOM library): once `selector` is in the DOM,
 * the second animation frame after it runs when the first frame showing it has been painted; its time is kept in
 * window.__emeraldPaintedAt. Measured in the page, so the bench's own round trips to the browser are not counted.
 */
const paintedRecorder = (selector: string) => `(() => {
  const seen = () => {
    if (!document.querySelector(${JSON.stringify(selector)})) return false;
    requestAnimationFrame(() => requestAnimationFrame(() => { window.__emeraldPaintedAt = performance.now(); }));
    return true;
  };
  if (seen()) return;
  const observer = new MutationObserver(() => { if (seen()) observer.disconnect(); });
  observer.observe(document, { childList: true, subtree: true });
})()`;

/**
 * Opens `url` in a new tab of the signed-in browser (a new document: a goto that only changes the hash would not
 * reload) and returns, on the tab's own clock, when `selector` was first painted (navigation start is 0).
 */
export async function freshOpenMs(context: BrowserContext, url: string, selector: string): Promise<number> {
  return (await freshOpen(context, url, selector, async () => undefined)).paintedAt;
}

/** freshOpenMs, and what `inspect` reads from the tab once the selector was painted (before the tab closes). */
export async function freshOpen<T>(context: BrowserContext, url: string, selector: string, inspect: (tab: Page) => Promise<T>): Promise<{ paintedAt: number; detail: T }> {
  const tab = await context.newPage();
  try {
    await tab.addInitScript(paintedRecorder(selector));
    await tab.goto(url);
    // Polled with evaluate (waitForFunction with a string would need 'unsafe-eval', which the page's CSP refuses).
    for (const deadline = Date.now() + 60_000; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 25))) {
      const paintedAt = (await tab.evaluate('window.__emeraldPaintedAt')) as number | undefined;
      if (paintedAt !== undefined) return { paintedAt, detail: await inspect(tab) };
    }
    throw new Error(`${selector} was not painted within 60 s of opening ${url}`);
  } finally {
    await tab.close();
  }
}

/** Until the page has had no API call on its way for `quietMs` (the events stream aside): the screen shows its data. */
async function settled(page: Page, quietMs = 300): Promise<void> {
  let inFlight = 0;
  let lastChange = Date.now();
  const isCall = (request: Request) => request.url().includes('/api/') && !request.url().includes('/api/events');
  const counting = (step: number) => (request: Request) => {
    if (!isCall(request)) return;
    inFlight += step;
    lastChange = Date.now();
  };
  const started = counting(1);
  const ended = counting(-1);
  page.on('request', started);
  page.on('requestfinished', ended);
  page.on('requestfailed', ended);
  try {
    const deadline = Date.now() + 60_000;
    while ((inFlight > 0 || Date.now() - lastChange < quietMs) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  } finally {
    page.off('request', started);
    page.off('requestfinished', ended);
    page.off('requestfailed', ended);
  }
}

/**
 * The page's clock from setting `hash` (as a click on the sidebar does) to the first frame painted with `selector`.
 * A tab behind another gets no animation frames: the painted frame would never be seen, so it is brought to the front.
 */
async function hashChangePaintMs(page: Page, hash: string, selector: string): Promise<number> {
  await page.bringToFront();
  return (await page.evaluate(`new Promise((resolve, reject) => {
    setTimeout(() => reject(new Error(${JSON.stringify(`${selector} not painted within 60 s of the hash change`)})), 60000);
    const start = performance.now();
    const seen = () => {
      if (!document.querySelector(${JSON.stringify(selector)})) return false;
      requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - start)));
      return true;
    };
    const observer = new MutationObserver(() => { if (seen()) observer.disconnect(); });
    observer.observe(document, { childList: true, subtree: true });
    window.location.hash = ${JSON.stringify(hash)};
    if (seen()) observer.disconnect();
  })`)) as number;
}

/**
 * The list opened again from the agenda (a hash change, as a click on the sidebar does) once the agenda has shown its
 * week (a person looks at it before moving on; its calls still on their way would otherwise be counted as the list's):
 * the page's own clock from the hash change to the first frame painted with rows.
 */
export async function reopenMs(page: Page, base: string): Promise<number> {
  await page.bringToFront();
  await page.goto(`${base}#/agenda`);
  await settled(page);
  return hashChangePaintMs(page, '#/tickets', ROW_SELECTOR);
}

/** The board's code among what the page has loaded (app/Screens.tsx loads the screens' code while the app is idle). */
const BOARD_CODE_LOADED = `performance.getEntriesByType('resource').some((e) => /\\/DispatchScreen-[\\w-]+\\.js$/.test(e.name))`;

/**
 * The board opened from the sidebar in a running app, the first time in that window: a new tab signed in on the agenda,
 * left until the agenda has shown its week and the screens' code has loaded while idle, then the hash change to
 * #/dispatch (the board's store still empty): the page's clock from the hash change to the first frame painted with blocks.
 */
export async function boardFromSidebarMs(context: BrowserContext, base: string): Promise<number> {
  const tab = await context.newPage();
  try {
    await tab.goto(`${base}#/agenda`);
    await settled(tab);
    for (const deadline = Date.now() + 60_000; !(await tab.evaluate(BOARD_CODE_LOADED)); await new Promise((resolve) => setTimeout(resolve, 100))) {
      if (Date.now() > deadline) throw new Error("the board's code was not loaded within 60 s of opening the agenda");
    }
    await settled(tab);
    return await hashChangePaintMs(tab, '#/dispatch', BOARD_BLOCK_SELECTOR);
  } finally {
    await tab.close();
  }
}

/**
 * Browser mode over `backend` serving the built renderer in `staticDir`, Chromium with the demo administrator signed
 * in on its first page (the ticket list shown); `work` gets that page, its context (new tabs share the session cookie
 * and the cache) and the app's base URL. Server and browser are closed afterwards.
 */
export async function withSignedInBrowser<T>(
  backend: Engine,
  staticDir: string,
  work: (session: { page: Page; context: BrowserContext; base: string }) => Promise<T>,
): Promise<T> {
  if (!existsSync(path.join(staticDir, 'index.html'))) throw new Error(`${staticDir} is not a built renderer (npx vite build --outDir ${staticDir})`);
  const server = await startBrowserServer({ backend, port: 0, token: 'bench-token', staticDir: path.resolve(staticDir) });
  // A profile on disk, as the user's browser and Electron's session have: the HTTP cache and V8's code cache persist
  // between opens (an incognito context keeps neither on disk, so every open compiled the whole bundle again).
  const profile = mkdtempSync(path.join(tmpdir(), 'emerald-bench-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(server.url);
    await page.getByLabel(/correo o usuario|email or username/i).fill('admin');
    await page.getByLabel(/^contraseña$|^password$/i).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: /entrar|sign in/i }).click();
    await page.waitForSelector(ROW_SELECTOR);
    return await work({ page, context, base: server.url.split('?')[0] ?? server.url });
  } finally {
    await context.close();
    await server.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

/** `staticDir`: the built renderer to serve (default dist/; rendererAlone.ts passes another build). */
export async function measureRenderer(backend: Engine, log: (line: string) => void, options: { staticDir?: string } = {}): Promise<RendererResult> {
  return withSignedInBrowser(backend, path.resolve(options.staticDir ?? 'dist'), async ({ page, context, base }) => {
    // Measured: the list opened again from another screen (a hash change) until its first rows are painted.
    const firstRowsRunsMs: number[] = [];
    for (let run = 0; run < REPEATS; run++) firstRowsRunsMs.push(Math.round(await reopenMs(page, base)));
    await settled(page);
    let maxRenderedRows = 0;
    let scrolledRows = 0;
    await page.locator('.ticket-list').hover();
    // Scroll through ten keyset pages (500 rows); every wheel turn may fetch the next page.
    for (let turn = 0; turn < 120 && scrolledRows < 500; turn++) {
      await page.mouse.wheel(0, 4000);
      await page.locator('.ticket-list[aria-busy="false"]').waitFor();
      maxRenderedRows = Math.max(maxRenderedRows, await page.locator(ROW_SELECTOR).count());
      scrolledRows = (await page.evaluate(
        `Math.max(0, ...Array.from(document.querySelectorAll('${ROW_SELECTOR}')).map((e) => Number(e.dataset.index ?? 0)))`,
      )) as number;
    }
    // Warm once (the browser's cache of the bundle, as on a second start), then the measured fresh opens.
    await freshOpenMs(context, `${base}#/dispatch`, BOARD_BLOCK_SELECTOR);
    await freshOpenMs(context, `${base}#/tickets`, ROW_SELECTOR);
    const freshListRunsMs: number[] = [];
    for (let run = 0; run < REPEATS; run++) freshListRunsMs.push(Math.round(await freshOpenMs(context, `${base}#/tickets`, ROW_SELECTOR)));
    const freshBoardRunsMs: number[] = [];
    for (let run = 0; run < REPEATS; run++) freshBoardRunsMs.push(Math.round(await freshOpenMs(context, `${base}#/dispatch`, BOARD_BLOCK_SELECTOR)));
    const boardFromSidebarRunsMs: number[] = [];
    for (let run = 0; run < REPEATS; run++) boardFromSidebarRunsMs.push(Math.round(await boardFromSidebarMs(context, base)));
    const firstRowsMs = median(firstRowsRunsMs);
    const freshListMs = median(freshListRunsMs);
    const freshBoardMs = median(freshBoardRunsMs);
    const boardFromSidebar = median(boardFromSidebarRunsMs);
    log(
      `  renderer: first rows ${firstRowsMs} ms (re-open, median of [${firstRowsRunsMs.join(', ')}]), fresh list ${freshListMs} ms (median of [${freshListRunsMs.join(', ')}]), board from the sidebar ${boardFromSidebar} ms (median of [${boardFromSidebarRunsMs.join(', ')}]), fresh board ${freshBoardMs} ms (median of [${freshBoardRunsMs.join(', ')}]), max ${maxRenderedRows} rows rendered, scrolled to row ${scrolledRows}`,
    );
    return {
      firstRowsMs,
      freshListMs,
      firstRowsRunsMs,
      freshListRunsMs,
      freshBoardMs,
      boardFromSidebarMs: boardFromSidebar,
      freshBoardRunsMs,
      boardFromSidebarRunsMs,
      maxRenderedRows,
      scrolledRows,
    };
  });
}
