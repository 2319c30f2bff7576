// LAN sync end to end: a hub and two members, each a browser-mode process (`scripts/serve.ts`) with its own data folder
// and port on loopback. The hub shows a pairing code; one member pairs through the API, the other through the UI;
// all three edit while background sync runs and converge to one digest; a change on member 1 appears on member 2's
// open page without reload; the hub is SIGKILLed mid-sync and restarted; the hub is stopped for a while, the footer
// says so, and the members catch up when it returns.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN } from '../support/backend';
import { freePort } from '../../scripts/freePort';
import { pollUntil, startServe, type ServeProcess, type ServeOptions } from './serve-process';
import { goTo, launchBrowser, saveScreenshot, seriousA11yViolations, signIn, VIEWPORT } from './support';

// Shorter than the shipped 30 s interval and 5 min backoff cap, so a stopped hub is retried within seconds here.
const TIMINGS = { EMERALD_SYNC_INTERVAL_MS: '3000', EMERALD_SYNC_BACKOFF_CAP_MS: '3000' };
const CONVERGE_MS = 60_000;

const dirs: string[] = [];
const running = new Set<ServeProcess>();
let browser: Browser;
let hubOptions: ServeOptions;
let hub: ServeProcess;
let member1: ServeProcess;
let member2: ServeProcess;
let hubUrl: string;
let hubFingerprint = '';
let hubPage: Page;
let memberPage: Page;

const dir = (name: string) => {
  const made = mkdtempSync(path.join(tmpdir(), `emerald-net-${name}-`));
  dirs.push(made);
  return made;
};

async function serve(options: ServeOptions): Promise<ServeProcess> {
  const started = await startServe({ ...options, env: { ...TIMINGS, ...options.env } });
  running.add(started);
  return started;
}

async function stop(process: ServeProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  await process.stop(signal);
  running.delete(process);
}

/** First run of a fresh copy: its own administrator (another person than the hub's, so no account merges on pairing). */
async function setUp(process: ServeProcess, who: { username: string; email: string; fullName: string }): Promise<void> {
  const password = `${who.username}-clave-larga-1`;
  await process.call('auth.setup', { username: who.username, email: who.email, fullName: who.fullName, password, companyName: 'Servicios Norte' });
  await process.call('auth.login', { login: who.username, password });
}

async function signInAgain(process: ServeProcess, login: string, password: string): Promise<void> {
  await process.call('auth.login', { login, password });
}

const digest = async (process: ServeProcess) => (await process.call<{ digest: string }>('sync.digest')).digest;

async function digests(): Promise<string[]> {
  return Promise.all([hub, member1, member2].map((process) => digest(process)));
}

async function expectConverged(deadlineMs = CONVERGE_MS): Promise<void> {
  const last = await pollUntil(digests, (values) => new Set(values).size === 1, deadlineMs, 500);
  expect(new Set(last).size, `digests: ${last.join(' ')}`).toBe(1);
}

async function openSignedIn(process: ServeProcess, login: string, password: string): Promise<Page> {
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'es-ES', timezoneId: 'Europe/Madrid', colorScheme: 'light' });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  await page.goto(process.url);
  await page.waitForSelector('.auth-screen, .app');
  await signIn(page, login, password);
  return page;
}

beforeAll(async () => {
  browser = await launchBrowser();
  const port = await freePort();
  hubUrl = `https://127.0.0.1:${port}`;
  hubOptions = { dataDir: dir('hub'), hub: `127.0.0.1:${port}` };
  hub = await serve(hubOptions);
  hubOptions.token = hub.token;
  hubOptions.port = hub.port;
  await hub.call('auth.setup', { ...ADMIN, companyName: 'Servicios Norte' });
  await hub.call('auth.login', { login: ADMIN.username, password: ADMIN.password });
  await hub.call('team.create', { name: 'Servicios Norte', deviceName: 'Oficina' });
  // The switch was on before the team existed: the hub starts as soon as it can.
  const state = await pollUntil(() => hub.call<{ running: boolean }>('team.hubGet'), (value) => value.running, 20_000);
  expect(state.running).toBe(true);

  member1 = await serve({ dataDir: dir('m1') });
  await setUp(member1, { username: 'tomas', email: 'tomas@norte.example', fullName: 'Tomás Vidal' });
  member2 = await serve({ dataDir: dir('m2') });
  await setUp(member2, { username: 'lucia', email: 'lucia@norte.example', fullName: 'Lucía Martín' });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all([...running].map((process) => process.stop('SIGKILL')));
  for (const made of dirs) rmSync(made, { recursive: true, force: true });
});

describe('LAN sync across processes', () => {
  it('pairs member 1 through the API with a code from the hub, and shows the same fingerprint on both', async () => {
    const code = await hub.call<{ code: string; fingerprint: string; urls: string[] }>('team.pairCode');
    expect(code.urls).toEqual([hubUrl]);
    hubFingerprint = code.fingerprint;
    const paired = await member1.call<{ fingerprint: string; joined: boolean }>('team.pairWithHub', { url: hubUrl, code: code.code, deviceName: 'Portátil de Tomás' });
    expect(paired).toMatchObject({ fingerprint: hubFingerprint, joined: true });
    // Joining may have given member 1 the team's users: sign in again as its own administrator.
    await signInAgain(member1, 'tomas', 'tomas-clave-larga-1');
    // A used code is refused.
    await expect(member2.call('team.pairWithHub', { url: hubUrl, code: code.code })).rejects.toMatchObject({ reason: 'bad_code' });
  }, 60_000);

  it('the hub screen makes a code with its countdown and fingerprint; member 2 pairs by typing it', async () => {
    hubPage = await openSignedIn(hub, ADMIN.username, ADMIN.password);
    await goTo(hubPage, '#/admin/team');
    const section = hubPage.getByRole('region', { name: 'Sincronización en red' });
    await section.waitFor();
    await expect.poll(() => section.getByTestId('hub-status').textContent(), { timeout: 20_000 }).toContain('Hub activo');
    await section.getByRole('button', { name: 'Generar código de emparejamiento' }).click();
    const code = (await hubPage.getByTestId('pairing-code').textContent())?.trim() ?? '';
    expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    expect(await hubPage.getByTestId('hub-fingerprint').textContent()).toBe(hubFingerprint);
    await expect.poll(() => hubPage.locator('.net-code').textContent()).toContain('Caduca en');
    expect(await seriousA11yViolations(hubPage, '.net-sync')).toEqual([]);
    // The code opens where the admin looks: focused, so in view even below the fold of a laptop screen.
    expect(await hubPage.evaluate("document.activeElement?.getAttribute('data-testid')")).toBe('pairing-code-panel');
    const codeBottom = await hubPage.getByTestId('pairing-code').boundingBox();
    expect((codeBottom?.y ?? Infinity) + (codeBottom?.height ?? 0)).toBeLessThanOrEqual(hubPage.viewportSize()?.height ?? 0);
    await saveScreenshot(hubPage, 'team-net-hub-code');

    memberPage = await openSignedIn(member2, 'lucia', 'lucia-clave-larga-1');
    await goTo(memberPage, '#/admin/team');
    const pair = memberPage.getByRole('form', { name: 'Emparejar con un hub' });
    await pair.getByLabel('Dirección del hub').fill(hubUrl);
    await pair.getByLabel('Nombre de este ordenador').fill('Portátil de Lucía');
    // Lucía's own account joins the team: the card lists it and asks to confirm first.
    await pair.getByLabel('Entendido: estas cuentas se unen al equipo').check();
    // Keyboard only: the code field, then Enter submits.
    await pair.getByLabel('Código de emparejamiento').fill(code.toLowerCase());
    await pair.getByLabel('Código de emparejamiento').press('Enter');
    // Joined: the screen turns into the team's, with the hub it syncs with and the hub's fingerprint to compare.
    const net = memberPage.getByRole('region', { name: 'Sincronización en red' });
    await expect.poll(() => net.textContent(), { timeout: 60_000 }).toContain(hubFingerprint);
    await expect.poll(() => memberPage.locator('.sync-footer').textContent(), { timeout: 30_000 }).toContain('Sincronizado');
    // The hub's screen, left open, no longer offers the code as valid once it was used.
    await expect.poll(() => hubPage.locator('.net-code').textContent(), { timeout: 15_000 }).toContain('Código usado');
    expect(await hubPage.getByTestId('pairing-code').textContent()).not.toContain(code);
    // The figures beside "Sincronizado" agree with it: everything sent, and sent at some time (not "nunca").
    const fact = (label: string) => memberPage.locator('.team-overview dt', { hasText: label }).locator('xpath=following-sibling::dd[1]');
    await expect.poll(() => fact('Cambios sin enviar').textContent(), { timeout: 30_000 }).toBe('0');
    expect(await fact('Último envío').textContent()).not.toBe('nunca');
    expect(await fact('Última recepción').textContent()).not.toBe('nunca');
    expect(await memberPage.locator('.team-overview').textContent()).toContain('Portátil de Lucía');
    await memberPage.locator('.toast').first().waitFor({ state: 'detached', timeout: 15_000 });
    // From the top: the team's figures and the hub this laptop syncs with, side by side with the footer.
    // Page-side code as a string: this file is type-checked for Node, without the DOM library.
    await memberPage.evaluate(
      `(() => { for (let at = document.querySelector('.team-overview')?.parentElement; at; at = at.parentElement) at.scrollTop = 0; window.scrollTo(0, 0); })()`,
    );
    await saveScreenshot(memberPage, 'team-net-member-paired');
    // Miembros marks the hub, and revoking it says what that does to the office's sync (cancelled here).
    await memberPage.locator('.team-members tr', { hasText: 'Oficina' }).getByText('hub del equipo').waitFor();
    expect(await memberPage.locator('.team-members tr', { hasText: 'Portátil de Tomás' }).textContent()).not.toContain('hub del equipo');
    await memberPage.getByRole('button', { name: 'Revocar a Oficina' }).click();
    const confirm = memberPage.getByRole('dialog');
    await confirm.getByText(/^Oficina es el hub del equipo\. .*emparejarse con otro hub/).waitFor();
    await confirm.getByRole('button', { name: 'Cancelar' }).click();
    await confirm.waitFor({ state: 'detached' });
    expect((await member2.call<{ members: { name: string; revokedAt: string | null }[] }>('team.status')).members.find((m) => m.name === 'Oficina')?.revokedAt).toBeNull();
  }, 180_000);

  it('all three edit while background sync runs and converge to one digest', async () => {
    await member1.call('tickets.create', { title: 'Portátil: caldera del Hotel Miramar pierde presión', priority: 'high' });
    await member2.call('customers.create', { name: 'Panadería La Espiga', phone: '955 00 11 22' });
    await hub.call('tickets.create', { title: 'Oficina: revisar extintores de la nave' });
    await member1.call('customers.create', { name: 'Taller Ruiz' });
    await expectConverged();
    const titles = (await member2.call<{ items: { title: string }[] }>('tickets.list', {})).items.map((ticket) => ticket.title);
    expect(titles).toEqual(expect.arrayContaining(['Portátil: caldera del Hotel Miramar pierde presión', 'Oficina: revisar extintores de la nave']));
  }, 120_000);

  it('a ticket made on member 1 appears on member 2’s open list without reload', async () => {
    await goTo(memberPage, '#/tickets');
    await memberPage.locator('.app').waitFor();
    const marker = await memberPage.evaluate('window.__notReloaded = true');
    expect(marker).toBe(true);
    await member1.call('tickets.create', { title: 'Clínica Sonrisa: el compresor no arranca' });
    await memberPage.getByText('Clínica Sonrisa: el compresor no arranca').first().waitFor({ timeout: 45_000 });
    expect(await memberPage.evaluate('window.__notReloaded === true')).toBe(true);
  }, 90_000);

  it('the hub killed (SIGKILL) in the middle of a sync and restarted: nothing lost, convergence', async () => {
    for (let i = 0; i < 40; i++) await member1.call('customers.create', { name: `Cliente de ruta ${String(i + 1).padStart(2, '0')}` });
    await stop(hub, 'SIGKILL');
    for (let i = 0; i < 5; i++) await member2.call('customers.create', { name: `Cliente de Lucía ${i + 1}` });
    hub = await serve(hubOptions);
    await signInAgain(hub, ADMIN.username, ADMIN.password);
    await expectConverged();
    const names = (await hub.call<{ name: string }[]>('customers.list', {})).map((customer) => customer.name);
    expect(names.filter((name) => name.startsWith('Cliente de ruta'))).toHaveLength(40);
    expect(names.filter((name) => name.startsWith('Cliente de Lucía'))).toHaveLength(5);
  }, 180_000);

  it('with the hub stopped the members keep working and the footer says since when; they catch up when it returns', async () => {
    await stop(hub, 'SIGTERM');
    await member2.call('tickets.create', { title: 'Sin hub: aviso de Lucía' });
    await member1.call('tickets.create', { title: 'Sin hub: aviso de Tomás' });
    await expect.poll(() => memberPage.locator('.sync-footer').textContent(), { timeout: 30_000 }).toMatch(/Hub sin conexión desde \d{1,2}:\d{2}/);
    // The line above says its time the same way (a clock time, not "este minuto" beside "desde …").
    expect(await memberPage.locator('.sync-footer').textContent()).toMatch(/^Último intercambio: \d{1,2}:\d{2}Hub sin conexión/);
    const status = await member2.call<{ state: string; pending: number }>('sync.status');
    expect(status.state).toBe('unreachable');
    expect(status.pending).toBeGreaterThan(0);
    await memberPage.locator('.sync-footer').screenshot({ path: path.join(tmpdir(), 'emerald-screenshots-net-footer.png') });
    // Retrying from the footer runs a round at once: with the hub still away, it says so again.
    const retry = memberPage.locator('.sync-footer').getByRole('button', { name: 'Reintentar' });
    await retry.click();
    await expect.poll(() => retry.textContent()).toBe('Reintentar');
    expect(await memberPage.locator('.sync-footer').textContent()).toMatch(/Hub sin conexión desde/);
    // Equipo's "Sincronizar ahora" runs the same round and says why it failed beside the button.
    await goTo(memberPage, '#/admin/team');
    await memberPage.getByRole('button', { name: 'Sincronizar ahora' }).click();
    await expect.poll(() => memberPage.getByTestId('sync-now-problem').textContent()).toContain('No se pudo sincronizar: el hub no responde');
    await goTo(memberPage, '#/tickets');

    hub = await serve(hubOptions);
    await signInAgain(hub, ADMIN.username, ADMIN.password);
    await expectConverged();
    await expect.poll(() => memberPage.locator('.sync-footer').textContent(), { timeout: 30_000 }).toContain('Sincronizado');
  }, 180_000);
});
