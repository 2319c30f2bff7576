// Calendar days in the company's time zone: where a day starts, which day or year an instant falls in, month ranges.
// Pure (no Node, no DOM): the services, the CLI and the renderer all count days with it. A zone's offset at an instant
// is always read from Intl.DateTimeFormat (the tz database), never computed by hand, so DST changes, zones that move
// their offset, and days that start at 01:00 or do not exist at all (Pacific/Apia skipped 30 Dec 2011) come out right.
// Days are half-open: [startOfDay(d), startOfDay(d + 1)).

/** 'YYYY-MM-DD', a calendar day with no zone. */
export type LocalDate = string;

const DAY_MS = 24 * 3600_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      era: 'short',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** A valid IANA zone name this runtime knows ('Europe/Madrid', 'UTC'); checked by Intl, not by a list. */
export function isValidTimeZone(zone: unknown): zone is string {
  if (typeof zone !== 'string' || zone.length === 0 || zone.length > 64) return false;
  // A zone that already has a formatter was valid; building a DateTimeFormat to ask again costs more than a query.
  if (formatters.has(zone)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

let systemZone: { tz: string | undefined; zone: string } | null = null;

/** The zone of the computer this runs on (the default company zone); UTC when the runtime cannot tell. */
export function systemTimeZone(): string {
  // Building a DateTimeFormat to ask costs about 0.4 ms, and every code and day count without a stored company zone asks:
  // asked once, again only when the process's TZ changes (tests set it; Node reads it on assignment).
  const tz = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.TZ;
  if (systemZone === null || systemZone.tz !== tz) {
    const zone = new Intl.DateTimeFormat().resolvedOptions().timeZone;
    systemZone = { tz, zone: isValidTimeZone(zone) ? zone : 'UTC' };
  }
  return systemZone.zone;
}

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** What a clock on the wall in `zone` shows at `instant`. */
export function wallClock(zone: string, instant: number | Date): WallClock {
  const parts = formatterFor(zone).formatToParts(typeof instant === 'number' ? instant : instant.getTime());
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((part) => part.type === type)?.value ?? NaN);
  const era = parts.find((part) => part.type === 'era')?.value ?? 'AD';
  const year = era === 'BC' || era === 'B' ? 1 - get('year') : get('year');
  return { year, month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
}

/** The zone's offset from UTC at `instant`, in minutes (Madrid in summer: 120), as Intl reports it. */
export function zoneOffsetMinutes(zone: string, instant: number | Date): number {
  const at = typeof instant === 'number' ? instant : instant.getTime();
  const wall = wallClock(zone, at);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return Math.round((asUtc - (at - (((at % 1000) + 1000) % 1000))) / 60_000);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function formatDate(year: number, month: number, day: number): LocalDate {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

function parseDate(date: LocalDate): { year: number; month: number; day: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) throw new RangeError(`no such day: ${date}`);
  return { year, month, day };
}

export function isLocalDate(value: unknown): value is LocalDate {
  if (typeof value !== 'string') return false;
  try {
    parseDate(value);
    return true;
  } catch {
    return false;
  }
}

/** The calendar day `instant` falls in, in `zone`. */
export function localDateOf(zone: string, instant: number | Date | string): LocalDate {
  const at = typeof instant === 'string' ? Date.parse(instant) : instant;
  const wall = wallClock(zone, at);
  return formatDate(wall.year, wall.month, wall.day);
}

const QUARTER_MS = 15 * 60_000;
const MAX_QUARTER_DAYS = 100_000;
const quarterDays = new Map<string, Map<number, LocalDate>>();

/**
 * localDateOf for many instants (a board's or a list's rows): every zone's offset since 2000 is a whole number of
 * quarter hours, so the instants of one UTC-aligned quarter hour fall on one local day, looked up in Intl once and kept
 * (per zone, across calls; a day never changes its instants). Not for codes or day counts at arbitrary instants: a few
 * zones once changed their clocks at 00:01, which this rounds to the quarter hour.
 */
export function dayOfQuarterHour(zone: string, instant: number): LocalDate {
  const quarter = Math.floor(instant / QUARTER_MS);
  let days = quarterDays.get(zone);
  if (!days) {
    days = new Map();
    quarterDays.set(zone, days);
  }
  let day = days.get(quarter);
  if (day === undefined) {
    day = localDateOf(zone, quarter * QUARTER_MS);
    // Bounded: a long-running process that dates years of rows keeps the most recent ones.
    if (days.size >= MAX_QUARTER_DAYS) days.clear();
    days.set(quarter, day);
  }
  return day;
}

/** The year of `instant` in `zone` (the year in ticket and OT codes). */
export function localYearOf(zone: string, instant: number | Date | string): number {
  return Number(localDateOf(zone, instant).slice(0, 4));
}

/** Calendar arithmetic on days, no zone involved. */
export function addDays(date: LocalDate, days: number): LocalDate {
  const { year, month, day } = parseDate(date);
  const next = new Date(Date.UTC(year, month - 1, day + days));
  return formatDate(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate());
}

/** Monday of the week `date` is in (weeks start on Monday, as in Spain). */
export function mondayOf(date: LocalDate): LocalDate {
  const { year, month, day } = parseDate(date);
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return addDays(date, -((weekday + 6) % 7));
}

/** The first day of `date`'s month. */
export function firstOfMonth(date: LocalDate): LocalDate {
  return `${date.slice(0, 7)}-01`;
}

const dateIsOnOrAfter = (zone: string, at: number, date: LocalDate) => localDateOf(zone, at) >= date;

/**
 * The first instant (ms) whose day in `zone` is `date` or later: where that day starts. Usually its 00:00; a day
 * whose midnight falls in a DST gap starts when the clocks jump; a day the zone skipped starts (and ends) where the
 * next one starts.
 */
export function startOfDayMs(zone: string, date: LocalDate): number {
  const { year, month, day } = parseDate(date);
  const midnightUtc = Date.UTC(year, month - 1, day);
  // Fast path: midnight at the offset Intl reports near it, accepted only if it is exactly the boundary.
  let guess = midnightUtc - zoneOffsetMinutes(zone, midnightUtc) * 60_000;
  guess = midnightUtc - zoneOffsetMinutes(zone, guess) * 60_000;
  if (dateIsOnOrAfter(zone, guess, date) && !dateIsOnOrAfter(zone, guess - 1, date)) return guess;
  // Otherwise search: offsets lie within ±14 h (plus margin), and the day only moves forward around a boundary.
  let low = midnightUtc - 16 * 3600_000;
  let high = midnightUtc + 16 * 3600_000;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (dateIsOnOrAfter(zone, middle, date)) high = middle;
    else low = middle;
  }
  return high;
}

export function startOfDayIso(zone: string, date: LocalDate): string {
  return new Date(startOfDayMs(zone, date)).toISOString();
}

/** The instants of the days [from, to] inclusive, as the half-open [start of from, start of the day after to). */
export function daysToRange(zone: string, from: LocalDate, to: LocalDate): { from: string; to: string } {
  return { from: startOfDayIso(zone, from), to: startOfDayIso(zone, addDays(to, 1)) };
}

/** The whole month of `date`: [its 1st, the next month's 1st). */
export function monthRange(zone: string, date: LocalDate): { from: string; to: string } {
  const first = firstOfMonth(date);
  const { year, month } = parseDate(first);
  const next = month === 12 ? formatDate(year + 1, 1, 1) : formatDate(year, month + 1, 1);
  return { from: startOfDayIso(zone, first), to: startOfDayIso(zone, next) };
}

/** The last day inside the half-open range ending at `toExclusive` (the day before the end's day, if it starts it). */
export function lastDayBefore(zone: string, toExclusive: number | string): LocalDate {
  const at = typeof toExclusive === 'string' ? Date.parse(toExclusive) : toExclusive;
  return localDateOf(zone, at - 1);
}

/** How long `date` lasts in `zone` (23 h, 25 h, 24 h, or 0 for a skipped day). */
export function dayLengthMs(zone: string, date: LocalDate): number {
  return startOfDayMs(zone, addDays(date, 1)) - startOfDayMs(zone, date);
}

/** A file name's stamp on the company clock: 'YYYYMMDDHHmmss' (what the company's wall clock showed). */
export function fileStampOf(zone: string, instant: number | Date): string {
  const wall = wallClock(zone, instant);
  return `${formatDate(wall.year, wall.month, wall.day).replace(/-/g, '')}${pad(wall.hour)}${pad(wall.minute)}${pad(wall.second)}`;
}

/** What an `<input type="datetime-local">` shows for `instant` on the company clock: 'YYYY-MM-DDTHH:mm'. */
export function wallInputOf(zone: string, instant: number | Date | string): string {
  const wall = wallClock(zone, typeof instant === 'string' ? Date.parse(instant) : instant);
  return `${formatDate(wall.year, wall.month, wall.day)}T${pad(wall.hour)}:${pad(wall.minute)}`;
}

/**
 * The instant a company-clock wall time names ('YYYY-MM-DDTHH:mm'), or null if it is not one. A time the clocks
 * showed twice (autumn) is the first; a time they skipped (spring) moves forward by the gap, as browsers do.
 */
export function instantOfWallInput(zone: string, value: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!match || !isLocalDate(`${match[1]}-${match[2]}-${match[3]}`)) return null;
  const [hour, minute] = [Number(match[4]), Number(match[5])];
  if (hour > 23 || minute > 59) return null;
  const asUtc = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), hour, minute);
  const before = zoneOffsetMinutes(zone, asUtc - DAY_MS);
  const after = zoneOffsetMinutes(zone, asUtc + DAY_MS);
  const candidates = [...new Set([before, after, zoneOffsetMinutes(zone, asUtc)])].map((offset) => asUtc - offset * 60_000);
  const exact = candidates.filter((at) => wallInputOf(zone, at) === value).sort((a, b) => a - b);
  const at = exact[0] ?? asUtc - before * 60_000;
  return new Date(at).toISOString();
}

export const ONE_DAY_MS = DAY_MS;
