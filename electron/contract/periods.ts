// Report periods by name ("this month", "last quarter"): one rule for the UI's presets and the CLI's --period.
import { addDays, firstOfMonth, localDateOf, type LocalDate } from './zonedTime';

export const PERIOD_PRESETS = ['this_month', 'last_month', 'this_quarter', 'last_quarter'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

/** Calendar days on the company calendar, both included. */
export interface DayPeriod {
  from: LocalDate;
  to: LocalDate;
}

const monthStart = (year: number, month: number): LocalDate => {
  // Months count from 1; 0 and 13 roll into the neighbouring years.
  const y = year + Math.floor((month - 1) / 12);
  const m = ((((month - 1) % 12) + 12) % 12) + 1;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-01`;
};

/**
 * The days a preset names, seen from `now` in `zone`: whole calendar months and quarters. This month and this quarter
 * run to their last day, not today: the OT list and CSV go by scheduled date, and the visits planned for later this
 * month belong to this month's report (reports by creation or completion date simply find none after today).
 */
export function presetPeriod(preset: PeriodPreset, zone: string, now: number | Date = Date.now()): DayPeriod {
  const today = localDateOf(zone, now);
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const quarterStartMonth = month - ((month - 1) % 3);
  switch (preset) {
    case 'this_month':
      return { from: firstOfMonth(today), to: addDays(monthStart(year, month + 1), -1) };
    case 'last_month':
      return { from: monthStart(year, month - 1), to: addDays(monthStart(year, month), -1) };
    case 'this_quarter':
      return { from: monthStart(year, quarterStartMonth), to: addDays(monthStart(year, quarterStartMonth + 3), -1) };
    case 'last_quarter':
      return { from: monthStart(year, quarterStartMonth - 3), to: addDays(monthStart(year, quarterStartMonth), -1) };
  }
}

/** The preset that names exactly these days today, if one does (so a form can show which one is chosen). */
export function presetOf(period: DayPeriod, zone: string, now: number | Date = Date.now()): PeriodPreset | null {
  return PERIOD_PRESETS.find((preset) => {
    const named = presetPeriod(preset, zone, now);
    return named.from === period.from && named.to === period.to;
  }) ?? null;
}
