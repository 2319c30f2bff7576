// Browser mode in a real browser: the launch URL leaves a cookie behind, so a new tab or a bookmark opens the app;
// the token is never left in the address or in page storage, and a page of another origin still gets nothing.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goTo, signIn, startE2eApp, uncaughtErrors, type E2eApp } from './support';

let app: E2eApp;
let context: BrowserContext;
let page: Page;
let foreign: Server;
let foreignUrl: string;

beforeAll(async () => {
  app = await startE2eApp();
  context = await app.newContext();
  page = await app.openApp(context);
  await signIn(page);
  // Another local web page (another port of 127.0.0.1: the same "site" for SameSite cookies).
  foreign = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><title>Otra web</title>'));
  await new Promise<void>((resolve) => foreign.listen(0, '127.0.0.1', resolve));
  foreignUrl = `http://127.0.0.1:${(foreign.address() as AddressInfo).port}/`;
}, 30_000);

afterAll(async () => {
  await new Promise<void>((resolve) => (foreign ? foreign.close(() => resolve()) : resolve()));
  await app?.close();
});

const origin = () => `http://127.0.0.1:${app.port}`;

describe('browser mode: new tabs and bookmarks', () => {
  it('leaves no token in the address, the history entry or page storage after the launch URL is opened', async () => {
    expect(page.url()).not.toContain('token');
    expect(page.url()).not.toContain(app.token);
    const stored = (await page.evaluate('JSON.stringify([document.cookie, { ...sessionStorage }, { ...localStorage }, history.length])')) as string;
    expect(stored).not.toContain(app.token);
  });

  it('opens the signed-in app in a new tab and from a bookmark of a screen, with no token in the address', async () => {
    const tab = await context.newPage();
    await tab.goto(`${origin()}/`);
    await tab.waitForSelector('nav.sidebar');
    const bookmark = await context.newPage();
    await bookmark.goto(`${origin()}/#/admin/users`);
    await bookmark.getByRole('button', { name: 'Nuevo usuario' }).waitFor();
    // Live events reach the new tab too (EventSource with the cookie).
    await bookmark.evaluate("window.location.hash = '#/tickets'");
    await bookmark.getByRole('heading', { name: 'Tickets' }).waitFor();
    await app.admin.call('tickets.create', { title: 'Caldera sin presión en planta 2' });
    await bookmark.getByText('Caldera sin presión en planta 2').waitFor();
    expect(uncaughtErrors(page)).toEqual([]);
    await tab.close();
    await bookmark.close();
  });

  it('still says how to open Emerald in a browser that never opened the launch URL', async () => {
    const stranger = await (await app.newContext()).newPage();
    await stranger.goto(`${origin()}/`);
    await stranger.getByRole('heading', { name: 'No se puede abrir Emerald' }).waitFor();
    await stranger.getByText('Abre la dirección que mostró «npm run serve»').waitFor();
  });

  it('says to open the new address when the server no longer takes a signed-in tab (restarted with a new token), not "no existe"', async () => {
    const ticket = await app.admin.call('tickets.create', { title: 'Bomba de calor con ruido' });
    const tabContext = await app.newContext();
    const tab = await app.openApp(tabContext);
    await signIn(tab);
    await goTo(tab, '#/tickets');
    await tab.getByText(ticket.title).waitFor();
    // What a restart does to an open tab: its launch cookie is no longer the server's.
    await tabContext.clearCookies();
    await tab.getByText(ticket.title).click();
    await tab.getByRole('heading', { name: 'No se puede abrir Emerald' }).waitFor();
    await tab.getByText('Emerald se reinició con uno nuevo').waitFor();
    expect(await tab.getByText('no existe o ya no tienes acceso').count()).toBe(0);
    await tabContext.close();
  });

  it('refuses calls from a page of another origin, although that browser holds the cookie', async () => {
    const before = (await app.admin.call('tickets.list', {})).items.length;
    const other = await context.newPage();
    await other.goto(foreignUrl);
    const outcomes = (await other.evaluate(
      `(async (api) => {
        const body = JSON.stringify({ title: 'Ticket desde otra web' });
        const results = [];
        try {
          const r = await fetch(api + 'tickets.create', { method: 'POST', credentials: 'include', headers: { 'Content-Type': 'application/json' }, body });
          results.push('cors:' + r.status);
        } catch { results.push('cors:blocked'); }
        // A "simple" request needs no preflight: it reaches the server, which must refuse it by its Origin.
        await fetch(api + 'tickets.create', { method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'Content-Type': 'text/plain' }, body });
        results.push('no-cors:sent');
        return results;
      })(${JSON.stringify(`${origin()}/api/`)})`,
    )) as string[];
    expect(outcomes).toEqual(['cors:blocked', 'no-cors:sent']);
    expect((await app.admin.call('tickets.list', {})).items.length).toBe(before);
    await other.close();
  });

  it('serves the favicon: no 404 while the app loads, /favicon.ico and the linked icons answer with images', async () => {
    const tab = await context.newPage();
    const failed: string[] = [];
    tab.on('response', (response) => {
      if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
    });
    await tab.goto(`${origin()}/`);
    await tab.waitForSelector('nav.sidebar');
    const icons = (await tab.evaluate("[...document.querySelectorAll('link[rel=icon]')].map((l) => l.href)")) as string[];
    expect(icons).toEqual([`${origin()}/favicon.ico`, `${origin()}/favicon.svg`]);
    for (const [url, type] of [[`${origin()}/favicon.ico`, 'image/x-icon'], [`${origin()}/favicon.svg`, 'image/svg+xml']] as const) {
      const answer = await tab.request.get(url);
      expect(answer.status(), url).toBe(200);
      expect(answer.headers()['content-type']).toBe(type);
    }
    expect(failed).toEqual([]);
    await tab.close();
  });
});
