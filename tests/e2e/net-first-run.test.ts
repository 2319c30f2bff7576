// LAN trial findings 1a and 1b (issue 13), in Chromium against browser-mode processes on loopback (as net-sync.test.ts
// starts them): a fresh laptop joins the team from the first-run screen, before any administrator exists on it, and
// signs in with the team account; a laptop that already has its own accounts sees which of them will join the team,
// and how, and must confirm before pairing; an http:// address and a wrong code are answered with what to do.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN } from '../support/backend';
import { freePort } from '../../scripts/freePort';
import { pollUntil, startServe, type ServeProcess } from './serve-process';
import { launchBrowser, saveScreenshot, seriousA11yViolations, signIn, VIEWPORT } from './support';

const dirs: string[] = [];
const running = new Set<ServeProcess>();
let browser: Browser;
let hub: ServeProcess;
let hubUrl: string;

const dir = (name: string) => {
  const made = mkdtempSync(path.join(tmpdir(), `emerald-first-run-${name}-`));
  dirs.push(made);
  return made;
};

async function serve(options: Parameters<typeof startServe>[0]): Promise<ServeProcess> {
  const started = await startServe(options);
  running.add(started);
  return started;
}

async function openPage(process: ServeProcess): Promise<Page> {
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'es-ES', timezoneId: 'Europe/Madrid', colorScheme: 'light' });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  await page.goto(process.url);
  await page.waitForSelector('.auth-screen, .app');
  return page;
}

const newCode = async () => hub.call<{ code: string; fingerprint: string }>('team.pairCode');

interface MemberRow {
  name: string;
}
interface UserRow {
  username: string;
  isSuperuser: boolean;
}

beforeAll(async () => {
  browser = await launchBrowser();
  const port = await freePort();
  hubUrl = `https://127.0.0.1:${port}`;
  hub = await serve({ dataDir: dir('hub'), hub: `127.0.0.1:${port}` });
  await hub.call('auth.setup', { ...ADMIN, companyName: 'Servicios Norte' });
  await hub.call('auth.login', { login: ADMIN.username, password: ADMIN.password });
  await hub.call('team.create', { name: 'Servicios Norte', deviceName: 'Oficina' });
  const state = await pollUntil(() => hub.call<{ running: boolean }>('team.hubGet'), (value) => value.running, 20_000);
  expect(state.running).toBe(true);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all([...running].map((process) => process.stop('SIGKILL')));
  for (const made of dirs) rmSync(made, { recursive: true, force: true });
});

describe('joining the team from a laptop', () => {
  it('a fresh laptop pairs from the first-run screen, with no administrator of its own, and signs in with the team account', async () => {
    const laptop = await serve({ dataDir: dir('fresh') });
    const page = await openPage(laptop);
    await page.screenshot({ path: path.join(tmpdir(), 'emerald-screenshots-first-run-choice.png') });
    // An invitation file is not used here: the screen says where it is (a trial looked for it on this screen).
    await page.getByText(/^¿Te han dado un archivo de invitación \(\.eminvite\)\? Crea aquí el administrador/).waitFor();
    await page.getByRole('button', { name: 'Unirse a un equipo (emparejar con el hub de la oficina)' }).click();
    const pair = page.getByRole('form', { name: 'Emparejar con un hub' });
    const { code, fingerprint } = await newCode();
    await pair.getByLabel('Dirección del hub').fill(hubUrl);
    await pair.getByLabel('Código de emparejamiento').fill(code);
    await pair.getByLabel('Nombre de este ordenador').fill('Portátil de Tomás');
    expect(await seriousA11yViolations(page, '.auth-card')).toEqual([]);
    await saveScreenshot(page, 'team-net-first-run-join');
    await pair.getByRole('button', { name: 'Emparejar' }).click();
    await expect.poll(() => page.getByTestId('paired-fingerprint').textContent(), { timeout: 60_000 }).toBe(fingerprint);
    expect(await seriousA11yViolations(page, '.auth-card')).toEqual([]);
    await page.screenshot({ path: path.join(tmpdir(), 'emerald-screenshots-first-run-paired.png') });

    await page.getByRole('button', { name: 'Iniciar sesión con tu cuenta del equipo' }).click();
    await page.waitForSelector('.auth-card form input[type="password"]');
    await signIn(page, ADMIN.username, ADMIN.password);
    expect(await page.locator('.sidebar').textContent()).toContain(ADMIN.fullName);

    // The office lists the laptop by its name; no account of the laptop's own joined the team.
    const office = await hub.call<{ members: MemberRow[] }>('team.status');
    expect(office.members.map((member) => member.name)).toContain('Portátil de Tomás');
    const users = await hub.call<UserRow[]>('users.list', { includeInactive: true });
    expect(users.map((user) => user.username)).toEqual([ADMIN.username]);
  }, 180_000);

  it('a laptop with its own accounts lists them and how they join, and pairs only once that is confirmed', async () => {
    const laptop = await serve({ dataDir: dir('own') });
    const lucia = { username: 'lucia', email: 'lucia@portatil.example', fullName: 'Lucía Martín', password: 'lucia-clave-larga-1', companyName: 'Servicios Norte' };
    await laptop.call('auth.setup', lucia);
    const page = await openPage(laptop);
    await signIn(page, lucia.username, lucia.password);
    await page.evaluate(`window.location.hash = '#/admin/team'`);
    const pair = page.getByRole('form', { name: 'Emparejar con un hub' });
    const accounts = pair.getByRole('list', { name: 'Cuentas que se unirán al equipo' });
    await expect.poll(() => accounts.textContent()).toContain('lucia@portatil.example');
    expect(await accounts.textContent()).toContain('Administrador principal: lo será en todo el equipo');
    expect(await pair.getByTestId('joining-accounts').textContent()).toContain('Una cuenta con el mismo correo que una del equipo pasa a ser la del equipo');

    // A person's slips, each answered in Spanish with what to do (a README-only trial, session 30): http:// for
    // https://, a wrong code; and a new attempt starts without the last one's refusal.
    await pair.getByLabel('Dirección del hub').fill(hubUrl.replace('https://', 'http://'));
    await pair.getByLabel('Código de emparejamiento').fill('ZZZZ-ZZZZ');
    await pair.getByLabel('Nombre de este ordenador').fill('Portátil de Lucía');
    await pair.getByLabel('Entendido: estas cuentas se unen al equipo').check();
    await pair.getByRole('button', { name: 'Emparejar' }).click();
    await pair.getByText('empieza por https://, no http://').waitFor();
    await pair.getByLabel('Dirección del hub').fill(hubUrl);
    await pair.getByRole('button', { name: 'Emparejar' }).click();
    await pair.getByText('genera uno nuevo en el hub').waitFor();
    await pair.getByLabel('Código de emparejamiento').fill('');
    await pair.getByRole('button', { name: 'Emparejar' }).click();
    await pair.getByText('Escribe el código que muestra el hub.').waitFor();
    expect(await pair.getByText('genera uno nuevo en el hub').count()).toBe(0);
    await pair.getByLabel('Entendido: estas cuentas se unen al equipo').uncheck();

    const { code, fingerprint } = await newCode();
    await pair.getByLabel('Dirección del hub').fill(hubUrl);
    await pair.getByLabel('Código de emparejamiento').fill(code);
    await pair.getByLabel('Nombre de este ordenador').fill('Portátil de Lucía');
    await pair.getByRole('button', { name: 'Emparejar' }).click();
    await pair.getByText('Confirma que estas cuentas se unen al equipo.').waitFor();
    await pair.getByTestId('joining-accounts').screenshot({ path: path.join(tmpdir(), 'emerald-screenshots-join-accounts.png') });
    expect((await hub.call<{ members: MemberRow[] }>('team.status')).members.map((m) => m.name)).not.toContain('Portátil de Lucía');

    await pair.getByLabel('Entendido: estas cuentas se unen al equipo').check();
    await pair.getByRole('button', { name: 'Emparejar' }).click();
    // Joined: the screen turns into the team's, with the hub's fingerprint to compare.
    const net = page.getByRole('region', { name: 'Sincronización en red' });
    await expect.poll(() => net.textContent(), { timeout: 60_000 }).toContain(fingerprint);
    // As the card said: another e-mail joins as it is, a Superusuario of this laptop is one for the whole team.
    const joined = await pollUntil(
      () => hub.call<UserRow[]>('users.list', { includeInactive: true }),
      (users) => users.some((user) => user.username === 'lucia'),
      30_000,
    );
    expect(joined.find((user) => user.username === 'lucia')).toMatchObject({ isSuperuser: true });
  }, 180_000);
});
