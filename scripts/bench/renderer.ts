// The renderer on a large dataset in browser mode: time to first rows, rows kept in the DOM while scrolling.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import type { Backend } from '../../electron/ipc/backend';
import { startBrowserServer } from '../../electron/ipc/http/server';
import { DEMO_PASSWORD } from '../demo/generate';

export interface RendererResult {
  /** The list screen opened again in the running app (a hash change: code loaded, store cached). */
  firstRowsMs: number;
  /** A fresh open (a new page load of the list's address, signed in): navigation start to first rows painted. */
  freshListMs: number;
  /** A fresh open of the dispatch board (this week, every technician): navigation start to its first blocks painted. */
  freshBoardMs: number;
  maxRenderedRows: number;
  scrolledRows: number;
}

/** The list's row elements and the board's blocks; kept in one place so the bench follows the UI. */
const ROW_SELECTOR = '[data-ticket-row]';
const BOARD_BLOCK_SELECTOR = '.board-grid [data-work-order]';

const TWO_FRAMES = 'new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))';

/**
 * Opens `url` in a new tab of the signed-in browser (a new document: a goto that only changes the hash would not
 * reload) and waits until `selector` is painted; the tab's own clock since its navigation started.
 */
async function freshOpenMs(context: BrowserContext, url: string, selector: string): Promise<number> {
  const tab = await context.newPage();
  try {
    await tab.goto(url);
    await tab.waitForSelector(selector);
    await tab.evaluate(TWO_FRAMES);
    return (await tab.evaluate('performance.now()')) as number;
  } finally {
    await tab.close();
  }
}

export async function measureRenderer(backend: Backend, log: (line: string) => void): Promise<RendererResult> {
  const staticDir = path.resolve('dist');
  if (!existsSync(path.join(staticDir, 'index.html'))) throw new Error('dist/ is not built (npx vite build)');
  const server = await startBrowserServer({ backend, port: 0, token: 'bench-token', staticDir });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    // One context: the fresh opens below are new tabs sharing its session cookie and its cache.
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.getByLabel(/correo o usuario|email or username/i).fill('admin');
    await page.getByLabel(/^contraseña$|^password$/i).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: /entrar|sign in/i }).click();
    await page.waitForSelector(ROW_SELECTOR);
    // Measured: the list opened again from another screen (a hash change) until its first rows are painted.
    await page.goto(`${server.url.split('?')[0]}#/agenda`);
    await page.waitForLoadState('networkidle');
    const start = Date.now();
    // Page-side code as strings: this file is type-checked for Node, without the DOM library.
    await page.evaluate(`window.location.hash = '#/tickets'`);
    await page.waitForSelector(ROW_SELECTOR);
    await page.evaluate(TWO_FRAMES);
    const firstRowsMs = Date.now() - start;
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
    const base = server.url.split('?')[0];
    // Warm once (the browser's cache of the bundle, as on a second start), then the measured fresh opens.
    await freshOpenMs(context, `${base}#/dispatch`, BOARD_BLOCK_SELECTOR);
    const freshListMs = await freshOpenMs(context, `${base}#/tickets`, ROW_SELECTOR);
    const freshBoardMs = await freshOpenMs(context, `${base}#/dispatch`, BOARD_BLOCK_SELECTOR);
    log(`  renderer: first rows ${firstRowsMs} ms (re-open), fresh list ${freshListMs.toFixed(0)} ms, fresh board ${freshBoardMs.toFixed(0)} ms, max ${maxRenderedRows} rows rendered, scrolled to row ${scrolledRows}`);
    return { firstRowsMs, freshListMs, freshBoardMs, maxRenderedRows, scrolledRows };
  } finally {
    await browser.close();
    await server.close();
  }
}
