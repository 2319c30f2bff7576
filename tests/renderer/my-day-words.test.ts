// Mi día's day of an overdue visit (renderer/src/features/myDay/words.ts): short, on the company calendar, with the
// year when the visit is of another year than today (a visit of August 2025 must not read as this August).
import { describe, expect, it, vi } from 'vitest';

const ui = vi.hoisted(() => ({ language: 'es' }));
vi.mock('../../renderer/src/i18n', () => ({ default: ui }));
vi.mock('../../renderer/src/lib/timeZone', () => ({ companyZone: () => 'Europe/Madrid' }));

// Loaded by a path tsc does not follow: the screen modules pull in DOM types the Node-side tsconfig lacks.
const wordsModule: string = '../../renderer/src/features/myDay/words';
const { visitDayLabel } = (await import(wordsModule)) as { visitDayLabel(iso: string, now?: Date): string };

const NOW = new Date('2026-12-04T10:00:00Z');

describe('Mi día: the day of an overdue visit', () => {
  it('names the year only for another year than today, in Spanish and English', () => {
    ui.language = 'es';
    expect(visitDayLabel('2026-11-30T08:00:00Z', NOW)).toBe('lun 30 nov');
    expect(visitDayLabel('2025-08-18T11:00:00Z', NOW)).toBe('lun 18 ago 2025');
    ui.language = 'en';
    expect(visitDayLabel('2026-11-30T08:00:00Z', NOW)).toBe('Mon 30 Nov');
    expect(visitDayLabel('2025-08-18T11:00:00Z', NOW)).toBe('Mon 18 Aug 2025');
  });

  it('reads the year on the company calendar: New Year in Madrid comes before it does in UTC', () => {
    ui.language = 'es';
    // 23:30 UTC on 31 December is already 1 January in Madrid: this year, no year shown.
    expect(visitDayLabel('2025-12-31T23:30:00Z', new Date('2026-01-02T10:00:00Z'))).toBe('jue 1 ene');
  });
});
