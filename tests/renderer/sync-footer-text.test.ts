// LAN trial (issue 13): offline, the footer said only "Hub sin conexión desde 17:19" without how many changes wait, and
// "Último intercambio" ignored network rounds. The footer's wording in both languages, without a window.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  lastExchangeOf,
  lastExchangeText,
  netLineText,
  noOtherMemberYet,
  nothingFromTeamYet,
  ownChangesText,
  syncNowProblem,
} from '../../renderer/src/features/team/syncFooterText';
import { sentNotConfirmed } from '../../electron/contract/teamCounts';

const LOCALES = path.resolve('renderer/src/i18n/locales');
const load = (lang: string, ns: string) => JSON.parse(readFileSync(path.join(LOCALES, lang, `${ns}.json`), 'utf8')) as Record<string, unknown>;
const translators = {} as Record<'es' | 'en', TFunction>;

beforeAll(async () => {
  for (const lang of ['es', 'en'] as const) {
    const instance = i18next.createInstance();
    await instance.init({ lng: lang, resources: { [lang]: { team: load(lang, 'team') } }, ns: ['team'], defaultNS: 'team', interpolation: { escapeValue: false }, returnNull: false });
    translators[lang] = instance.t;
  }
});

const since = '2026-03-02T17:19:00.000Z';
const FORMAT = { time: () => '17:19', number: (n: number) => String(n) };
const time = '17:19';

describe('LAN trial: the sync footer’s words', () => {
  it('offline: since when and how many changes wait', () => {
    expect(netLineText({ state: 'unreachable', pending: 3, unreachableSince: since }, translators.es, FORMAT)).toBe(`Hub sin conexión desde ${time} · 3 cambios esperando`);
    expect(netLineText({ state: 'unreachable', pending: 1, unreachableSince: since }, translators.es, FORMAT)).toBe(`Hub sin conexión desde ${time} · 1 cambio esperando`);
    expect(netLineText({ state: 'unreachable', pending: 0, unreachableSince: since }, translators.es, FORMAT)).toBe(`Hub sin conexión desde ${time}`);
    expect(netLineText({ state: 'unreachable', pending: 2, unreachableSince: since }, translators.en, FORMAT)).toBe(`Hub unreachable since ${time} · 2 changes waiting`);
  });

  it('offline, the last exchange is a time of day like the "desde" under it, not "este minuto"', () => {
    const clock = { time: (iso: string) => iso.slice(11, 16), number: String };
    const relative = () => 'este minuto';
    const last = '2026-03-02T17:18:00.000Z';
    expect(lastExchangeText(last, { state: 'unreachable' }, translators.es, clock, relative)).toBe('Último intercambio: 17:18');
    expect(lastExchangeText(last, { state: 'synced' }, translators.es, clock, relative)).toBe('Último intercambio: este minuto');
    expect(lastExchangeText(last, null, translators.es, clock, relative)).toBe('Último intercambio: este minuto');
    expect(lastExchangeText(null, { state: 'unreachable' }, translators.en, clock, relative)).toBe(translators.en('footer.neverExchanged'));
  });

  it('a round with nothing of ours to send says it runs, not "0 cambios"', () => {
    expect(netLineText({ state: 'syncing', pending: 0, unreachableSince: null }, translators.es, FORMAT)).toBe('Sincronizando…');
    expect(netLineText({ state: 'syncing', pending: 2, unreachableSince: null }, translators.es, FORMAT)).toBe('Sincronizando 2 cambios');
    expect(netLineText({ state: 'synced', pending: 1, unreachableSince: null }, translators.es, FORMAT)).toBe('Sincronizando 1 cambio');
    expect(netLineText({ state: 'syncing', pending: 0, unreachableSince: null }, translators.en, FORMAT)).toBe('Syncing…');
  });

  it('the last exchange counts network rounds, not only bundle files', () => {
    expect(lastExchangeOf({ lastExchangeAt: '2026-03-02T09:00:00.000Z' }, { lastSyncAt: '2026-03-02T17:18:59.000Z' })).toBe('2026-03-02T17:18:59.000Z');
    expect(lastExchangeOf({ lastExchangeAt: '2026-03-02T09:00:00.000Z' }, null)).toBe('2026-03-02T09:00:00.000Z');
    expect(lastExchangeOf({ lastExchangeAt: null }, { lastSyncAt: null })).toBeNull();
  });

  it('own changes: not sent, then sent in a file nobody confirmed yet, then all sent; a revoked copy says so first', () => {
    const members = [{ isSelf: true }, { isSelf: false }];
    const own = (unsentOps: number, unconfirmedOps: number, revokedAt: string | null = null, lang: 'es' | 'en' = 'es') =>
      ownChangesText({ unsentOps, unconfirmedOps, device: { revokedAt }, members, isFounder: true }, translators[lang], FORMAT);
    expect(own(2, 2)).toEqual({ text: '2 cambios sin enviar', bad: false });
    expect(own(0, 3)).toEqual({ text: '3 cambios enviados, sin confirmar', bad: false });
    expect(own(0, 1, null, 'en')).toEqual({ text: '1 change sent, not confirmed', bad: false });
    expect(own(0, 0)).toEqual({ text: 'Todo enviado', bad: false });
    expect(own(2, 5, since)).toEqual({ text: 'Este ordenador fue revocado: el equipo ya no acepta sus cambios', bad: true });
    expect(own(0, 0, since, 'en').text).toBe('This computer was revoked: the team no longer accepts its changes');
  });

  it('"Enviados sin confirmar" on Equipo counts only what went out: beside "Cambios sin enviar", nothing counted twice', () => {
    expect(sentNotConfirmed({ unsentOps: 2, unconfirmedOps: 5 })).toBe(3);
    expect(sentNotConfirmed({ unsentOps: 4, unconfirmedOps: 4 })).toBe(0);
    expect(sentNotConfirmed({ unsentOps: 0, unconfirmedOps: 7 })).toBe(7);
  });

  it('a team nobody else has joined yet: its changes wait for the first member, not "64 cambios sin enviar"', () => {
    const alone = (unsentOps: number, lang: 'es' | 'en' = 'es', revokedAt: string | null = null) =>
      ownChangesText({ unsentOps, unconfirmedOps: unsentOps, device: { revokedAt }, members: [{ isSelf: true }], isFounder: true }, translators[lang], FORMAT);
    expect(alone(64)).toEqual({ text: '64 cambios, esperando al primer miembro', bad: false });
    expect(alone(1, 'en')).toEqual({ text: '1 change, waiting for the first member', bad: false });
    expect(alone(0)).toEqual({ text: 'Todo enviado', bad: false });
    expect(alone(3, 'es', since).bad).toBe(true);
    expect(noOtherMemberYet({ isFounder: true, members: [] })).toBe(true);
    expect(noOtherMemberYet({ isFounder: true, members: [{ isSelf: true }, { isSelf: false }] })).toBe(false);
  });

  it('a member that joined and imported nothing yet is not told nobody else is in the team (a trial read it so)', () => {
    const joined = { isFounder: false, members: [{ isSelf: true }] };
    expect(noOtherMemberYet(joined)).toBe(false);
    expect(nothingFromTeamYet(joined)).toBe(true);
    expect(nothingFromTeamYet({ isFounder: false, members: [{ isSelf: true }, { isSelf: false }] })).toBe(false);
    expect(nothingFromTeamYet({ isFounder: true, members: [{ isSelf: true }] })).toBe(false);
    // Its changes are simply not sent yet: the founder is there to receive them.
    expect(ownChangesText({ unsentOps: 3, unconfirmedOps: 3, device: { revokedAt: null }, ...joined }, translators.es, FORMAT).text).toBe('3 cambios sin enviar');
  });

  it('"Sincronizar ahora" with the hub down says why next to the button; a good round says nothing', () => {
    const hub = { name: 'Oficina', url: 'https://127.0.0.1:18443', fingerprint: 'AB12' };
    expect(syncNowProblem({ state: 'unreachable', reason: 'unreachable', hub }, translators.es)).toBe('No se pudo sincronizar: el hub no responde (https://127.0.0.1:18443)');
    expect(syncNowProblem({ state: 'unreachable', reason: 'unreachable', hub }, translators.en)).toMatch(/^Could not sync: .+ \(https:\/\/127\.0\.0\.1:18443\)$/);
    expect(syncNowProblem({ state: 'refused', reason: 'revoked', hub }, translators.es)).toBe('No se pudo sincronizar: este ordenador fue revocado (https://127.0.0.1:18443)');
    expect(syncNowProblem({ state: 'synced', hub }, translators.es)).toBeNull();
  });
});
