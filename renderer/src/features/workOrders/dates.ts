// Calendar arithmetic for the agenda and the schedule dialog. Days are company-zone calendar days (YYYY-MM-DD),
// counted by electron/contract/zonedTime.ts, so the agenda and the schedule dialog show the same days and times on every
// computer. Pure: no React, no API.
import { addDays, daysToRange, instantOfWallInput, localDateOf, mondayOf, wallInputOf, type LocalDate } from '../../../../electron/contract/zonedTime';

export type AgendaMode = 'day' | 'week';

/** Today on the company calendar. */
export function todayIn(zone: string, now: Date = new Date()): LocalDate {
  return localDateOf(zone, now);
}

/**
 * Today on this computer's own calendar (the zone Date uses), from Date's fields: what todayIn(systemTimeZone()) gives,
 * without building an Intl formatter (the page's first one costs ~40 ms, too much before a fresh open's first calls).
 */
export function todayOnThisComputer(now: Date = new Date()): LocalDate {
  const twoDigits = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${twoDigits(now.getMonth() + 1)}-${twoDigits(now.getDate())}`;
}

/** The day an instant falls on, on the company calendar. */
export function dayOf(zone: string, iso: string): LocalDate {
  return localDateOf(zone, iso);
}

/** Weeks start on Monday, as in Spain. */
export function windowOf(mode: AgendaMode, anchor: LocalDate): { days: LocalDate[] } {
  if (mode === 'day') return { days: [anchor] };
  const monday = mondayOf(anchor);
  return { days: Array.from({ length: 7 }, (_, i) => addDays(monday, i)) };
}

/** The instants the agenda asks for: from the start of the first shown day to the start of the day after the last. */
export function agendaRange(mode: AgendaMode, anchor: LocalDate, zone: string): { from: string; to: string } {
  const { days } = windowOf(mode, anchor);
  return daysToRange(zone, days[0] ?? anchor, days[days.length - 1] ?? anchor);
}

/** `<input type="datetime-local">` value ⇄ ISO instant, on the company clock (09:00 means 09:00 at the company). */
export function toLocalInput(iso: string | null | undefined, zone: string): string {
  return wallInputOf(zone, iso ? Date.parse(iso) : Date.now());
}

export function fromLocalInput(value: string, zone: string): string | null {
  return instantOfWallInput(zone, value);
}

/**
 * Where a new plan's time starts: the next whole hour on the company clock (the current minute is already past when
 * the form is sent, and the service would refuse it as scheduled_in_past).
 */
export function nextWholeHourInput(zone: string, now: number = Date.now()): string {
  const thisHour = instantOfWallInput(zone, `${wallInputOf(zone, now).slice(0, 13)}:00`);
  let next = (thisHour ? Date.parse(thisHour) : now) + HOUR_MS;
  // The night the clocks go back a wall time names two instants and reads as the first: go on to one that reads as
  // still to come (at most two more hours).
  for (let step = 0; step < 2 && isPastInput(wallInputOf(zone, next), zone, now); step++) next += HOUR_MS;
  return wallInputOf(zone, next);
}

const HOUR_MS = 60 * 60_000;

/** Whether a typed company-clock time is already past (then, and only then, it may record a visit already made). */
export function isPastInput(value: string, zone: string, now: number = Date.now()): boolean {
  const at = instantOfWallInput(zone, value);
  return at !== null && Date.parse(at) < now;
}
