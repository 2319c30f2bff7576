// Issue 18 polish: a duration reads the same on screen and in the PDF, in both languages (one formatter for both).
import { describe, expect, it, vi } from 'vitest';
import { createFormatter } from '../../electron/services/reports/format';

// The screen formatter reads the UI language from the i18n instance; this test sets it by hand.
const ui = vi.hoisted(() => ({ language: 'es' }));
vi.mock('../../renderer/src/i18n', () => ({ default: ui }));
vi.mock('../../renderer/src/lib/timeZone', () => ({ companyZone: () => 'Europe/Madrid' }));

// Loaded by a path tsc does not follow: the screen module pulls in DOM types the Node-side tsconfig lacks.
const screenFormat: string = '../../renderer/src/lib/format';
const { formatDuration } = (await import(screenFormat)) as { formatDuration(seconds: number | null): string };

const SAMPLES = [null, 0, 1, 45, 59, 60, 89, 90, 119, 3599, 3600, 3629, 3631, 3930, 7199, 86_400 + 125, 40 * 3600];

describe('durations on screen and in the PDF', () => {
  for (const language of ['es', 'en'] as const) {
    it(`${language}: the same text for every duration`, () => {
      ui.language = language;
      const pdf = createFormatter(language);
      for (const seconds of SAMPLES) expect(formatDuration(seconds), `${seconds} s`).toBe(pdf.duration(seconds));
    });
  }

  it('reads as people write it', () => {
    ui.language = 'es';
    expect(formatDuration(45)).toBe('45 s');
    expect(formatDuration(3930)).toBe('1 h 6 min');
    ui.language = 'en';
    expect(formatDuration(3930)).toBe('1h 6m');
  });
});

describe("a board block's length, in the fewest characters", () => {
  // The newcomer's trial: a week block's head showed "1 h 30 r", the length cut by its narrow box.
  it('writes hours and minutes as people write them by hand, in both languages', async () => {
    const { formatNarrowDuration } = await import('../../electron/contract/duration');
    expect(['es', 'en'].map((language) => [45 * 60, 3600, 90 * 60, 125 * 60, 8 * 3600].map((s) => formatNarrowDuration(s, language as 'es' | 'en')))).toEqual([
      ['45min', '1h', '1h30', '2h05', '8h'],
      ['45m', '1h', '1h30', '2h05', '8h'],
    ]);
    expect(formatNarrowDuration(null, 'es')).toBe('—');
  });
});
