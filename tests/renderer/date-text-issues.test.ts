// Issue 18 trial: what the date and time boxes say about half-typed or impossible text (shown under the part at fault).
import { describe, expect, it } from 'vitest';
import { dateTextIssue, dateTimeTextIssues } from '../../renderer/src/lib/dateText';

describe('date text issues', () => {
  it('an empty box is the form’s business; a real day has no issue', () => {
    expect(dateTextIssue('')).toBeNull();
    expect(dateTextIssue('  ')).toBeNull();
    expect(dateTextIssue('30/11/2026')).toBeNull();
  });

  it('a day-first date that names no day does not exist; anything else has the wrong shape', () => {
    expect(dateTextIssue('31/11/2026')).toBe('date_not_a_day');
    expect(dateTextIssue('29/02/2026')).toBe('date_not_a_day');
    expect(dateTextIssue('13/13/2026')).toBe('date_not_a_day');
    expect(dateTextIssue('02/')).toBe('date_format');
    expect(dateTextIssue('02/03')).toBeNull();
    expect(dateTextIssue('mañana')).toBe('date_format');
  });
});

describe('date and time issues', () => {
  it('both empty: nothing to say', () => {
    expect(dateTimeTextIssues('', '')).toEqual({ date: null, time: null });
  });

  it('a date without a time asks for the time, a time without a date for the date', () => {
    expect(dateTimeTextIssues('30/11/2026', '')).toEqual({ date: null, time: 'time_missing' });
    expect(dateTimeTextIssues('', '10:30')).toEqual({ date: 'date_missing', time: null });
  });

  it('each part is judged on its own', () => {
    expect(dateTimeTextIssues('31/11/2026', '10:30')).toEqual({ date: 'date_not_a_day', time: null });
    expect(dateTimeTextIssues('30/11/2026', '25:00')).toEqual({ date: null, time: 'time_format' });
    expect(dateTimeTextIssues('31/11/2026', '10:7')).toEqual({ date: 'date_not_a_day', time: 'time_format' });
    expect(dateTimeTextIssues('30/11/2026', '0930')).toEqual({ date: null, time: null });
  });
});
