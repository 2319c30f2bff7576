// The renderer on a large dataset in browser mode: time to first rows, rows kept in the DOM while scrolling.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import type { Backend } from '../../electron/ipc/backend';
import { startBrowserServer } from '../../electron/ipc/http/server';
import { DEMO_PASSWORD } from '../demo/generate';

export interface RendererResult {
  firstRowsMs: number;
  maxRenderedRows: number;
  scrolledRows: number;
}

/** The list's row elements; kept in one place so the bench follows the UI. */
const ROW_SELECTOR = '[data-ticket-row]';

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
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(server.url);
    await page.getByLabel(/correo o usuario|email or username/i).fill('admin');
    await page.getByLabel(/^contraseña$|^password$/i).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: /entrar|sign in/i }).click();
    await page.waitForSelector(ROW_SELECTOR);
    // Measured: a fresh open of the list screen until its first rows are painted.
    await page.goto(`${server.url.split('?')[0]}#/agenda`);
    await page.waitForLoadState('networkidle');
    const start = Date.now();
    // Page-side code as strings: this file is type-checked for Node, without the DOM library.
    await page.evaluate(`window.location.hash = '#/tickets'`);
    await page.waitForSelector(ROW_SELECTOR);
    await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))');
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
    log(`  renderer: first rows ${firstRowsMs} ms, max ${maxRenderedRows} rows rendered, scrolled to row ${scrolledRows}`);
    return { firstRowsMs, maxRenderedRows, scrolledRows };
  } finally {
    await browser.close();
    await server.close();
  }
}
