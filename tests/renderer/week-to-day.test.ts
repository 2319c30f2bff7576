// Día after a week moved to with › showed the weekday of today in that week (a Saturday nobody chose; a keyboard-only
// trial, 2026-12-05). A week narrowed to a day shows the day the person was on, today if the week holds it, else Monday.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { calendarWindowActions, type WindowMode } from '../../renderer/src/lib/calendarWindow';

// The company's zone without a signed-in session behind it.
vi.mock('../../renderer/src/lib/timeZone', () => ({ companyZone: () => 'Europe/Madrid' }));

interface State {
  mode: WindowMode;
  anchor: string | null;
  load(): Promise<void>;
}

function windowStore(initial: Pick<State, 'mode' | 'anchor'>) {
  let state: State = { ...initial, load: async () => undefined };
  const actions = calendarWindowActions<State>(
    (partial) => {
      state = { ...state, ...partial };
    },
    () => state,
  );
  return { actions, state: () => state };
}

describe('a week narrowed to a day', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    // Saturday 5 December 2026, midday in Madrid.
    vi.setSystemTime(new Date('2026-12-05T11:00:00Z'));
  });
  afterEach(() => vi.useRealTimers());

  it('in a later week: the day the person was on, else that week’s Monday, never that week’s Saturday', () => {
    const later = windowStore({ mode: 'week', anchor: '2026-12-12' });
    later.actions.setMode('day', '2026-12-11');
    expect(later.state()).toMatchObject({ mode: 'day', anchor: '2026-12-11' });

    const noCell = windowStore({ mode: 'week', anchor: '2026-12-12' });
    noCell.actions.setMode('day');
    expect(noCell.state()).toMatchObject({ mode: 'day', anchor: '2026-12-07' });

    const cellElsewhere = windowStore({ mode: 'week', anchor: '2026-12-12' });
    cellElsewhere.actions.setMode('day', '2026-12-20');
    expect(cellElsewhere.state().anchor).toBe('2026-12-07');
  });

  it('in this week: today, unless the person was on another of its days', () => {
    const thisWeek = windowStore({ mode: 'week', anchor: null });
    thisWeek.actions.setMode('day');
    expect(thisWeek.state()).toMatchObject({ mode: 'day', anchor: null });
    const onThursday = windowStore({ mode: 'week', anchor: null });
    onThursday.actions.setMode('day', '2026-12-03');
    expect(onThursday.state().anchor).toBe('2026-12-03');
  });

  it('a day widened to its week keeps the day, so the week is the one around it', () => {
    const day = windowStore({ mode: 'day', anchor: '2026-12-11' });
    day.actions.setMode('week');
    expect(day.state()).toMatchObject({ mode: 'week', anchor: '2026-12-11' });
  });
});
