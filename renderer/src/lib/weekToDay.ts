// Día pressed on a week: which day it shows (pure, for the agenda and the dispatch board).
import { addDays, mondayOf, type LocalDate } from '../../../electron/contract/zonedTime';

/**
 * The anchor of the day a week (around `anchor`, null = this week) narrows to: `day`, the one the person was on, when
 * the week holds it; else today when it does (null); else the week's Monday. Never the weekday of today in a week
 * moved to, a day nobody chose.
 */
export function dayOfNarrowedWeek(anchor: LocalDate | null, today: LocalDate, day?: LocalDate | null): LocalDate | null {
  const monday = mondayOf(anchor ?? today);
  const inWeek = (d: LocalDate) => d >= monday && d < addDays(monday, 7);
  if (day && inWeek(day)) return day;
  return inWeek(today) ? null : monday;
}
