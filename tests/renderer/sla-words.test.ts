// The SLA words on screen (renderer/src/features/tickets/sla.ts), in Spanish and English: a list chip and the
// detail's two lines for every state, on the company clock (a due past midnight in Madrid is "mañana").
import { readFileSync } from 'node:fs';
import path from 'node:path';
import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatDuration, formatLongDuration } from '../../electron/contract/duration';
import { slaChip, slaLine } from '../../renderer/src/features/tickets/sla';
import { withSharedWords } from '../../renderer/src/i18n/sharedWords';
import { DEFAULT_SLA_TARGETS, computeTicketSla, slaClockState, type SlaEventInput } from '../../shared/sla';

const LOCALES = path.resolve('renderer/src/i18n/locales');
const LANGS = ['es', 'en'] as const;
type Lang = (typeof LANGS)[number];
const load = (lang: Lang, ns: string) => withSharedWords(lang, ns, JSON.parse(readFileSync(path.join(LOCALES, lang, `${ns}.json`), 'utf8')) as Record<string, unknown>);
const t = {} as Record<Lang, TFunction>;
const LOCALE: Record<Lang, string> = { es: 'es-ES', en: 'en-GB' };
const ZONE = 'Europe/Madrid';
const H = 3600_000;
const created = '2026-06-10T20:00:00.000Z'; // 22:00 in Madrid
const T0 = Date.parse(created);
const at = (hours: number) => new Date(T0 + hours * H).toISOString();
const move = (hours: number, from: string, to: string): SlaEventInput => ({ eventType: 'status_change', authorId: 'u', createdAt: at(hours), metaData: { from, to } });

beforeAll(async () => {
  for (const lang of LANGS) {
    const instance = i18next.createInstance();
    await instance.init({ lng: lang, resources: { [lang]: { common: load(lang, 'common'), tickets: load(lang, 'tickets') } }, ns: ['common', 'tickets'], defaultNS: 'tickets', interpolation: { escapeValue: false } });
    t[lang] = instance.t;
  }
});

const words = (lang: Lang) => ({ t: t[lang] as unknown as (key: string, options?: Record<string, unknown>) => string, duration: (s: number) => formatLongDuration(s, lang) });

describe('SLA words', () => {
  it('a pending first response: due tomorrow 00:00 in Madrid (2 h after 22:00), at risk, then overdue', () => {
    const sla = computeTicketSla({ createdAt: created, status: 'open', priority: 'critical' }, [], { ...DEFAULT_SLA_TARGETS, critical: { responseMinutes: 120, resolutionMinutes: 480 } });
    const summary = (nowMs: number) => ({ kind: 'response' as const, ...sla.response, state: slaClockState(sla.response, nowMs) });
    const line = (lang: Lang, nowMs: number) => slaLine(words(lang).t, 'response', sla.response, nowMs, ZONE, LOCALE[lang], words(lang).duration);
    const chip = (lang: Lang, nowMs: number) => slaChip(words(lang).t, summary(nowMs), nowMs, ZONE, LOCALE[lang], words(lang).duration);
    expect(line('es', T0 + H)).toEqual({ state: 'ok', text: 'Responder antes de mañana 00:00 · quedan 1 h' });
    expect(line('en', T0 + H)).toEqual({ state: 'ok', text: 'Respond by tomorrow 00:00 · 1h left' });
    // The list chip is compact: the state and the shortest useful time (the sentence goes to its title).
    expect(chip('es', T0 + H)).toEqual({ state: 'ok', text: 'Vence mañana' });
    expect(chip('en', T0 + H)).toEqual({ state: 'ok', text: 'Due tomorrow' });
    // Due today (22:00 on the same day in UTC): the time alone.
    expect(slaChip(words('es').t, summary(T0 + H), T0 + H, 'UTC', 'es-ES', words('es').duration)).toEqual({ state: 'ok', text: 'Vence 22:00' });
    expect(chip('es', T0 + 1.6 * H)).toEqual({ state: 'at_risk', text: 'En riesgo · 24 min' });
    expect(chip('en', T0 + 1.6 * H)).toEqual({ state: 'at_risk', text: 'At risk · 24m' });
    // Past midnight in Madrid the due day is today.
    expect(line('es', T0 + 2.5 * H)).toEqual({ state: 'breached', text: 'Respuesta vencida (plazo: hoy 00:00) · 30 min tarde' });
    expect(line('en', T0 + 2.5 * H)).toEqual({ state: 'breached', text: 'Response overdue (due today 00:00) · 30m late' });
    expect(chip('es', T0 + 2.5 * H).text).toBe('Vencido');
    expect(chip('en', T0 + 2.5 * H).text).toBe('Overdue');
  });

  it('paused while waiting, and the outcome once answered or closed', () => {
    const events = [move(1, 'open', 'in_progress'), move(2, 'in_progress', 'waiting')];
    const sla = computeTicketSla({ createdAt: created, status: 'waiting', priority: 'high' }, events, DEFAULT_SLA_TARGETS);
    const { t: es, duration } = words('es');
    expect(slaLine(es, 'resolution', sla.resolution, T0 + 50 * H, ZONE, 'es-ES', duration)).toEqual({ state: 'paused', text: 'En pausa mientras está En espera · quedan 22 h' });
    expect(slaLine(es, 'response', sla.response, T0 + 50 * H, ZONE, 'es-ES', duration)).toEqual({ state: 'met', text: 'Respondido en 1 h · cumplido' });
    const en = words('en');
    expect(slaLine(en.t, 'response', sla.response, T0 + 50 * H, ZONE, 'en-GB', en.duration).text).toBe('Answered in 1h · met');
    const summary = { kind: 'resolution' as const, ...sla.resolution, state: 'paused' as const };
    expect(slaChip(en.t, summary, T0 + 50 * H, ZONE, 'en-GB', en.duration)).toEqual({ state: 'paused', text: 'Paused' });
  });

  // The newcomer's trial: "Resolución vencida (plazo: 21 jun 23:55) · 4 días 3 h tarde" five months later read as wrong.
  it('overdue, then a long wait En espera: the lateness says it leaves the wait out', () => {
    const targets = { ...DEFAULT_SLA_TARGETS, critical: { responseMinutes: 120, resolutionMinutes: 480 } };
    const events = [move(1, 'open', 'in_progress'), move(10, 'in_progress', 'waiting')];
    const sla = computeTicketSla({ createdAt: created, status: 'waiting', priority: 'critical' }, events, targets);
    const { t: es, duration } = words('es');
    // Overdue at 8 h (06:00 on 11 June in Madrid), two hours running past it, then months waiting.
    const running = computeTicketSla({ createdAt: created, status: 'in_progress', priority: 'critical' }, events.slice(0, 1), targets);
    expect(slaLine(es, 'resolution', running.resolution, T0 + 9 * H, ZONE, 'es-ES', duration).text).toBe('Resolución vencida (plazo: hoy 06:00) · 1 h tarde');
    expect(slaLine(es, 'resolution', sla.resolution, T0 + 3000 * H, ZONE, 'es-ES', duration)).toEqual({
      state: 'breached',
      text: 'Resolución vencida (plazo: 11 jun 06:00) · 2 h tarde sin contar el tiempo En espera',
    });
    const en = words('en');
    expect(slaLine(en.t, 'resolution', sla.resolution, T0 + 3000 * H, ZONE, 'en-GB', en.duration).text).toBe(
      'Resolution overdue (due 11 Jun 06:00) · 2h late, not counting time spent Waiting',
    );
  });

  it('a due in another year shows the year; a due this year or tomorrow across New Year does not need it', () => {
    const sla = computeTicketSla({ createdAt: '2024-12-20T19:54:00.000Z', status: 'open', priority: 'low' }, [], DEFAULT_SLA_TARGETS);
    const now = Date.parse('2026-12-02T00:20:00.000Z');
    const { t: es, duration } = words('es');
    const line = slaLine(es, 'response', sla.response, now, ZONE, 'es-ES', duration);
    expect(line.text).toMatch(/^Respuesta vencida \(plazo: 21 dic 2024 20:54\) · /);
    const en = words('en');
    expect(slaLine(en.t, 'response', sla.response, now, ZONE, 'en-GB', en.duration).text).toMatch(/^Response overdue \(due 21 Dec 2024 20:54\) · /);
    // This year: no year; next year, not tomorrow: the year.
    const soon = computeTicketSla({ createdAt: '2026-12-02T00:00:00.000Z', status: 'open', priority: 'low' }, [], DEFAULT_SLA_TARGETS);
    expect(slaLine(es, 'resolution', soon.resolution, Date.parse('2026-12-02T00:00:00.000Z'), ZONE, 'es-ES', duration).text).toBe('Resolver antes de 9 dic 01:00 · quedan 7 días');
    const late = computeTicketSla({ createdAt: '2026-12-30T00:00:00.000Z', status: 'open', priority: 'low' }, [], DEFAULT_SLA_TARGETS);
    expect(slaLine(es, 'resolution', late.resolution, Date.parse('2026-12-30T00:00:00.000Z'), ZONE, 'es-ES', duration).text).toBe('Resolver antes de 6 ene 2027 01:00 · quedan 7 días');
    const summary = { kind: 'resolution' as const, ...late.resolution, state: 'ok' as const };
    expect(slaChip(es, summary, Date.parse('2026-12-30T00:00:00.000Z'), ZONE, 'es-ES', duration).text).toBe('Vence 6 ene 2027');
    expect(slaChip(es, { ...summary, ...soon.resolution }, Date.parse('2026-12-02T00:00:00.000Z'), ZONE, 'es-ES', duration).text).toBe('Vence 9 dic');
  });

  it('spans from 48 h on read in days and hours ("32 días 6 h tarde", "Resuelto en 33 días 6 h")', () => {
    const late = 774 * 3600 + 10 * 60;
    expect(formatLongDuration(late, 'es')).toBe('32 días 6 h');
    expect(formatLongDuration(late, 'en')).toBe('32 days 6h');
    expect(formatLongDuration(798 * 3600 + 11 * 60, 'es')).toBe('33 días 6 h');
    expect(formatLongDuration(72 * 3600, 'es')).toBe('3 días');
    expect(formatLongDuration(72 * 3600, 'en')).toBe('3 days');
    // Under 48 h the usual hours and minutes.
    expect(formatLongDuration(47 * 3600 + 59 * 60, 'es')).toBe(formatDuration(47 * 3600 + 59 * 60, 'es'));
    expect(formatLongDuration(47 * 3600 + 59 * 60, 'es')).toBe('47 h 59 min');
    // A ticket closed 798 h after it opened, and an open one 774 h past its first-response target.
    const closed = computeTicketSla({ createdAt: created, status: 'closed', priority: 'low' }, [{ eventType: 'closed', authorId: 'u', createdAt: at(798 + 11 / 60), metaData: null }], DEFAULT_SLA_TARGETS);
    const { t: es, duration } = words('es');
    expect(slaLine(es, 'resolution', closed.resolution, T0 + 900 * H, ZONE, 'es-ES', duration).text).toBe('Resuelto en 33 días 6 h · incumplido');
    const open = computeTicketSla({ createdAt: created, status: 'open', priority: 'critical' }, [], DEFAULT_SLA_TARGETS);
    expect(slaLine(es, 'response', open.response, T0 + (775 + 10 / 60) * H, ZONE, 'es-ES', duration).text).toMatch(/ · 32 días 6 h tarde$/);
    const en = words('en');
    expect(slaLine(en.t, 'response', open.response, T0 + (775 + 10 / 60) * H, ZONE, 'en-GB', en.duration).text).toMatch(/ · 32 days 6h late$/);
  });
});
