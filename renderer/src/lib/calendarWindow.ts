// A day-or-week window over the company calendar, stepped the same way by the agenda and the dispatch board.
import { addDays, localDateOf, type LocalDate } from '../../../electron/contract/zonedTime';
import { dayOfNarrowedWeek } from './weekToDay';
import { companyZone } from './timeZone';

export type WindowMode = 'day' | 'week';

interface WindowState {
  mode: WindowMode;
  /** A company-calendar day inside the window; null means today. */
  anchor: LocalDate | null;
  load(): Promise<void>;
}

/** setMode / shift / today for a store holding a window; each reloads the store. */
export function calendarWindowActions<S extends WindowState>(set: (partial: Partial<S>) => void, get: () => S) {
  return {
    /** `day`: the day a week narrowed to one day shows, if the week holds it (dayOfNarrowedWeek). */
    setMode(mode: WindowMode, day?: LocalDate | null) {
      const { mode: was, anchor } = get();
      if (mode === 'day' && was === 'week') set({ mode, anchor: dayOfNarrowedWeek(anchor, localDateOf(companyZone(), Date.now()), day) } as Partial<S>);
      else set({ mode } as Partial<S>);
      void get().load();
    },
    shift(steps: number) {
      const { mode, anchor } = get();
      // Whole calendar days, not 24-hour steps: a 23- or 25-hour day never skips or repeats a date.
      set({ anchor: addDays(anchor ?? localDateOf(companyZone(), Date.now()), steps * (mode === 'week' ? 7 : 1)) } as Partial<S>);
      void get().load();
    },
    today() {
      set({ anchor: null } as Partial<S>);
      void get().load();
    },
  };
}
