// Opening the dispatch board from the sidebar in the running app (issue 16, first paint): the screens' code is loaded
// while the app has nothing else to do, and the board's first rows are asked for at the hash change, not once the
// screen's code has arrived and the screen has mounted.
import type { Page, Request, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goTo, signIn, startE2eApp, uncaughtErrors, type E2eApp } from './support';

let app: E2eApp;

beforeAll(async () => {
  app = await startE2eApp();
  await app.userWithRole('Técnico', 'lmartin', 'Lucía Martín');
}, 120_000);

afterAll(async () => {
  await app?.close();
});

const isBoardCode = (url: string) => /\/assets\/DispatchScreen-[\w-]+\.js$/.test(url);
const isBoardCall = (request: Request) => request.url().endsWith('/api/workOrders.board');

async function signedInOnTheList(page: Page): Promise<void> {
  await signIn(page);
  expect(await page.evaluate('window.location.hash')).not.toContain('dispatch');
}

describe('the dispatch board opened from the sidebar', () => {
  it("loads the board's code while the app is idle, before anyone opens it", async () => {
    const page = await app.openApp(await app.newContext());
    const errors = uncaughtErrors(page);
    const codeAsked: string[] = [];
    page.on('request', (request) => {
      if (isBoardCode(request.url())) codeAsked.push(request.url());
    });
    await signedInOnTheList(page);
    await expect.poll(() => codeAsked.length, { timeout: 20_000 }).toBeGreaterThan(0);
    expect(await page.locator('.board-grid').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it("asks for the board's rows at the hash change, while the screen's code is still on its way", async () => {
    const context = await app.newContext();
    // The screen's code is held back until the board has been asked for.
    let releaseCode: () => void = () => undefined;
    const codeHeld = new Promise<void>((resolve) => (releaseCode = resolve));
    await context.route(/\/assets\/DispatchScreen-[\w-]+\.js$/, async (route: Route) => {
      await codeHeld;
      await route.continue();
    });
    const page = await app.openApp(context);
    const errors = uncaughtErrors(page);
    const boardCalls: Request[] = [];
    page.on('request', (request) => {
      if (isBoardCall(request)) boardCalls.push(request);
    });
    await signedInOnTheList(page);
    await goTo(page, '#/dispatch');
    await expect.poll(() => boardCalls.length, { timeout: 20_000 }).toBeGreaterThan(0);
    // Nothing of the screen is drawn yet: its code has not arrived.
    expect(await page.locator('.board-grid').count()).toBe(0);
    releaseCode();
    await page.locator('.board-body-rows [role="rowheader"]', { hasText: 'Lucía Martín' }).waitFor();
    // The rows drawn are the ones asked for at the hash change: the mounted screen took that answer.
    expect(boardCalls).toHaveLength(1);
    expect(errors).toEqual([]);
  });
});
