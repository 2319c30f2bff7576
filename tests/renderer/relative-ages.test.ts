// Relative ages (renderer/src/lib/format.ts formatRelative): a queue card's or a row's age never overstates how old it
// is, and one age reads one way: 361 days is 11 months, 14 and 19 months are 1 year, 25 months 2 years; days are the
// company calendar's (yesterday is yesterday's date) and weeks whole.
import { describe, expect, it, vi } from 'vitest';

const ui = vi.hoisted(() => ({ language: 'es' }));
vi.mock('../../renderer/src/i18n', () => ({ default: ui }));
vi.mock('../../renderer/src/lib/timeZone', () => ({ companyZone: () => 'Europe/Madrid' }));

// Loaded by a path tsc does not follow: the renderer's modules pull in DOM types the Node-side tsconfig lacks.
const formatModule: string = '../../renderer/src/lib/format';
const { formatRelative } = (await import(formatModule)) as { formatRelative(iso: string, now?: Date): string };

const NOW = new Date('2026-12-04T10:00:00Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 24 * 3600 * 1000).toISOString();

describe('relative ages', () => {
  it('counts months and years whole, in Spanish', () => {
    ui.language = 'es';
    expect(formatRelative('2025-12-08T10:00:00Z', NOW)).toBe('hace 11 meses');
    expect(formatRelative('2025-12-04T09:00:00Z', NOW)).toBe('hace 1 año');
    expect(formatRelative('2025-10-01T10:00:00Z', NOW)).toBe('hace 1 año');
    expect(formatRelative('2025-05-04T10:00:00Z', NOW)).toBe('hace 1 año');
    expect(formatRelative('2024-11-01T10:00:00Z', NOW)).toBe('hace 2 años');
    expect(formatRelative(daysAgo(45), NOW)).toBe('hace 1 mes');
    expect(formatRelative(daysAgo(59), NOW)).toBe('hace 1 mes');
  });

  it('counts days on the company calendar and weeks whole; hours and minutes to the nearest', () => {
    ui.language = 'es';
    expect(formatRelative(daysAgo(13), NOW)).toBe('hace 1 semana');
    expect(formatRelative(daysAgo(25), NOW)).toBe('hace 3 semanas');
    // 8 days ago is not "la semana pasada" (that reads as the calendar's last week).
    expect(formatRelative(daysAgo(8), NOW)).toBe('hace 1 semana');
    expect(formatRelative(daysAgo(1), NOW)).toBe('ayer');
    // 36 h before 11:00 in Madrid is 23:00 two days back: "anteayer", not "ayer".
    expect(formatRelative(new Date(NOW.getTime() - 36 * 3600_000).toISOString(), NOW)).toBe('anteayer');
    expect(formatRelative(new Date(NOW.getTime() - 20 * 3600_000).toISOString(), NOW)).toBe('hace 20 horas');
    expect(formatRelative(new Date(NOW.getTime() - 5 * 60_000).toISOString(), NOW)).toBe('hace 5 minutos');
    expect(formatRelative(NOW.toISOString(), NOW)).toBe('este minuto');
  });

  it('says the same in English, and forward in time', () => {
    ui.language = 'en';
    expect(formatRelative('2025-05-04T10:00:00Z', NOW)).toBe('1 year ago');
    expect(formatRelative('2025-12-08T10:00:00Z', NOW)).toBe('11 months ago');
    expect(formatRelative('2027-06-04T10:00:00Z', NOW)).toBe('in 6 months');
    expect(formatRelative(new Date(NOW.getTime() + 2 * 3600_000).toISOString(), NOW)).toBe('in 2 hours');
  });
});
