// Día after a week moved to with › showed the weekday of today in that week (a Saturday nobody chose; a keyboard-only
// trial, 2026-12-05). A week narrowed to a day shows the day the person was on, today if the week holds it, else Monday.
import { describe, expect, it } from 'vitest';
import { dayOfNarrowedWeek } from '../../renderer/src/lib/weekToDay';

// Saturday 5 December 2026.
const TODAY = '2026-12-05';

describe('a week narrowed to a day', () => {
  it('in a later week: the day the person was on, else that week’s Monday, never that week’s Saturday', () => {
    expect(dayOfNarrowedWeek('2026-12-12', TODAY, '2026-12-11')).toBe('2026-12-11');
    expect(dayOfNarrowedWeek('2026-12-12', TODAY)).toBe('2026-12-07');
    expect(dayOfNarrowedWeek('2026-12-12', TODAY, '2026-12-20')).toBe('2026-12-07');
  });

  it('in this week: today (null), unless the person was on another of its days', () => {
    expect(dayOfNarrowedWeek(null, TODAY)).toBeNull();
    expect(dayOfNarrowedWeek('2026-12-01', TODAY)).toBeNull();
    expect(dayOfNarrowedWeek(null, TODAY, '2026-12-03')).toBe('2026-12-03');
  });
});
