// The agenda's day headings (renderer/src/features/workOrders/agendaWords.ts): a heading's first letter is a capital and
// nothing else is (Spanish writes months and weekdays in lower case: "Lunes, 30 nov", never "Lunes, 30 Nov").
import { describe, expect, it, vi } from 'vitest';

const ui = vi.hoisted(() => ({ language: 'es' }));
vi.mock('../../renderer/src/i18n', () => ({ default: ui }));

// Loaded by a path tsc does not follow: the renderer's modules pull in DOM types the Node-side tsconfig lacks.
const wordsModule: string = '../../renderer/src/features/workOrders/agendaWords';
const { dayLabel } = (await import(wordsModule)) as { dayLabel(day: string, style?: Intl.DateTimeFormatOptions): string };

describe('agenda day headings', () => {
  it('capitalises only the first letter in Spanish', () => {
    ui.language = 'es';
    expect(dayLabel('2026-11-30')).toBe('Lunes, 30 nov');
    expect(dayLabel('2026-12-06', { dateStyle: 'medium' })).toBe('6 dic 2026');
  });

  it('leaves English as English writes it', () => {
    ui.language = 'en';
    expect(dayLabel('2026-11-30')).toBe('Monday 30 Nov');
  });
});
