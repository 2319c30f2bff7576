// The list's tabs with a search's capped counts (issue 17): a status that stopped at the cap reads "1.000+" /
// "1,000+", and a tab summing it ("Pendientes", "Todos") is "at least" its sum; without a cap the counts are exact.
import { describe, expect, it, vi } from 'vitest';

// The formatter reads the UI language from the i18n instance; this test sets it by hand.
const ui = vi.hoisted(() => ({ language: 'es' }));
vi.mock('../../renderer/src/i18n', () => ({ default: ui }));
vi.mock('../../renderer/src/lib/timeZone', () => ({ companyZone: () => 'Europe/Madrid' }));

// Loaded by paths tsc does not follow: the screen modules pull in DOM types the Node-side tsconfig lacks.
const formatModule: string = '../../renderer/src/lib/format';
const filtersModule: string = '../../renderer/src/features/tickets/filters';
const { formatCount } = (await import(formatModule)) as { formatCount(value: number, atLeast?: boolean): string };
type Counts = { counts: Record<string, number>; capped: string[] };
const { tabCount } = (await import(filtersModule)) as { tabCount(counts: Counts | null, tab: string): { count: number; atLeast: boolean } | null };

const tabText = (counts: Counts, tab: string) => {
  const count = tabCount(counts, tab);
  return count && formatCount(count.count, count.atLeast);
};

describe('tab counts', () => {
  const capped: Counts = { counts: { open: 240, in_progress: 12, waiting: 0, closed: 1000 }, capped: ['closed'] };
  const exact: Counts = { counts: { open: 3327, in_progress: 3753, waiting: 4097, closed: 88823 }, capped: [] };

  it('es: "1.000+" for a capped status, its sum with the others in "Todos", thousands grouped', () => {
    ui.language = 'es';
    expect(tabText(capped, 'closed')).toBe('1.000+');
    expect(tabText(capped, 'all')).toBe('1.252+');
    expect(tabText(capped, 'active')).toBe('252');
    expect(tabText(capped, 'waiting')).toBe('0');
    expect(tabText(exact, 'all')).toBe('100.000');
    expect(tabText(exact, 'open')).toBe('3.327');
  });

  it('en: "1,000+" and exact counts without a cap', () => {
    ui.language = 'en';
    expect(tabText(capped, 'closed')).toBe('1,000+');
    expect(tabText(capped, 'all')).toBe('1,252+');
    expect(tabText(exact, 'active')).toBe('11,177');
  });

  it('no counts yet: no number', () => {
    expect(tabCount(null, 'all')).toBeNull();
  });
});
