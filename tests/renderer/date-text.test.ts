// Issue 18 polish: dates typed and shown day first (dd/mm/aaaa) and times on 24 hours, whatever the browser's language.
import { describe, expect, it } from 'vitest';
import { isoDateOfText, textOfIsoDate, timeOfText } from '../../renderer/src/lib/dateText';

describe('day-first date text', () => {
  it('reads what people type, day first', () => {
    expect(isoDateOfText('02/03/2026')).toBe('2026-03-02');
    expect(isoDateOfText('2/3/2026')).toBe('2026-03-02');
    expect(isoDateOfText(' 2-3-26 ')).toBe('2026-03-02');
    expect(isoDateOfText('15.03.2026')).toBe('2026-03-15');
    expect(isoDateOfText('29/02/2028')).toBe('2028-02-29');
    // The digits alone, as a time's '0905' is read: day and month two each, the year four or two.
    expect(isoDateOfText('07122026')).toBe('2026-12-07');
    expect(isoDateOfText(' 071226 ')).toBe('2026-12-07');
  });

  it('gives a day and month typed alone the year of today', () => {
    const today = new Date(2027, 0, 15);
    expect(isoDateOfText('7/12', today)).toBe('2027-12-07');
    expect(isoDateOfText(' 07-01 ', today)).toBe('2027-01-07');
    expect(isoDateOfText('29/02', today)).toBeNull();
    expect(isoDateOfText('29/02', new Date(2028, 5, 1))).toBe('2028-02-29');
  });

  it('refuses days that do not exist and half-typed text', () => {
    for (const text of ['31/02/2026', '29/02/2026', '13/13/2026', '00/01/2026', '02/', '2026-03-02', '', 'mañana', '31022026', '7122026', '20261207']) expect(isoDateOfText(text), text).toBeNull();
  });

  it('writes a native value back day first, and round-trips', () => {
    expect(textOfIsoDate('2026-03-02')).toBe('02/03/2026');
    expect(textOfIsoDate('')).toBe('');
    for (const iso of ['2026-01-31', '2026-12-01', '2000-02-29']) expect(isoDateOfText(textOfIsoDate(iso))).toBe(iso);
  });

  it('reads times on 24 hours', () => {
    expect(timeOfText('9:30')).toBe('09:30');
    expect(timeOfText('09.30')).toBe('09:30');
    expect(timeOfText('0930')).toBe('09:30');
    expect(timeOfText('23:59')).toBe('23:59');
    // An hour alone is on the hour.
    expect(timeOfText('9')).toBe('09:00');
    expect(timeOfText(' 14h ')).toBe('14:00');
    for (const text of ['24:00', '24', '9:60', '9:3', 'nueve', '']) expect(timeOfText(text), text).toBeNull();
  });
});
