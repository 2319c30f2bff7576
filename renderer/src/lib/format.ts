// Dates, times, numbers and durations through Intl, in the UI language; dates and times on the company clock.
import { formatDuration as formatDurationIn, formatLongDuration as formatLongDurationIn, formatNarrowDuration as formatNarrowDurationIn } from '../../../electron/contract/duration';
import i18n from '../i18n';
import { companyZone } from './timeZone';
import { localDateOf } from '../../../electron/contract/zonedTime';

const locale = () => (i18n.language === 'en' ? 'en-GB' : 'es-ES');

/** Building an Intl formatter costs far more than using one (a board draws thousands of times): each kept by what made it. */
function kept<T>(formatters: Map<string, T>, key: string, make: () => T): T {
  let formatter = formatters.get(key);
  if (formatter === undefined) formatters.set(key, (formatter = make()));
  return formatter;
}

const DATE_STYLES: Record<'dateTime' | 'date' | 'time', Intl.DateTimeFormatOptions> = {
  dateTime: { dateStyle: 'medium', timeStyle: 'short' },
  date: { dateStyle: 'medium' },
  time: { timeStyle: 'short' },
};

// One per language, zone and style.
const dateFormatters = new Map<string, Intl.DateTimeFormat>();
function dateFormatter(style: 'dateTime' | 'date' | 'time'): Intl.DateTimeFormat {
  const lang = locale();
  const timeZone = companyZone();
  return kept(dateFormatters, `${lang}|${timeZone}|${style}`, () => new Intl.DateTimeFormat(lang, { ...DATE_STYLES[style], timeZone }));
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return dateFormatter('dateTime').format(new Date(iso));
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  return dateFormatter('date').format(new Date(iso));
}

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return dateFormatter('time').format(new Date(iso));
}

const DAY_MS = 24 * 3600 * 1000;

// One per language and style (every ticket row shows its last activity this way).
const relativeFormatters = new Map<string, Intl.RelativeTimeFormat>();
function relativeFormatter(lang: string, numeric: 'auto' | 'always' = 'auto'): Intl.RelativeTimeFormat {
  return kept(relativeFormatters, `${lang}|${numeric}`, () => new Intl.RelativeTimeFormat(lang, { numeric }));
}

/** Whole calendar months from `earlier` to `later` (4 Dec → 3 Jun is 5, → 4 Jun is 6). */
function wholeMonthsBetween(earlier: Date, later: Date): number {
  const months = (later.getUTCFullYear() - earlier.getUTCFullYear()) * 12 + later.getUTCMonth() - earlier.getUTCMonth();
  const shifted = new Date(earlier);
  shifted.setUTCMonth(earlier.getUTCMonth() + months);
  return shifted.getTime() > later.getTime() ? months - 1 : months;
}

/** Calendar days from `now` to `then` on the company calendar (yesterday is -1, whatever the hours). */
function calendarDaysBetween(now: Date, then: Date): number {
  const zone = companyZone();
  return Math.round((Date.parse(localDateOf(zone, then)) - Date.parse(localDateOf(zone, now))) / DAY_MS);
}

/**
 * "hace 5 minutos" / "5 minutes ago", "hace 20 horas", "ayer", "anteayer", "hace 1 semana", "hace 11 meses", "hace 1
 * año". Under a day by the clock, the nearest hour or minute; from a day on, calendar days on the company calendar
 * ("ayer" is yesterday's date, not 24 h ago); weeks, months and years whole, never rounded up, and always a number:
 * "la semana pasada" or "el año pasado" would read as the calendar's, which 8 days or 14 months ago need not be.
 */
export function formatRelative(iso: string, now: Date = new Date()): string {
  const then = new Date(iso);
  const seconds = (then.getTime() - now.getTime()) / 1000;
  const sign = seconds < 0 ? -1 : 1;
  const months = sign < 0 ? wholeMonthsBetween(then, now) : wholeMonthsBetween(now, then);
  if (months >= 12) return relativeFormatter(locale(), 'always').format(sign * Math.floor(months / 12), 'year');
  if (months >= 1) return relativeFormatter(locale(), 'always').format(sign * months, 'month');
  if (Math.abs(seconds) >= DAY_MS / 1000) {
    const days = calendarDaysBetween(now, then);
    if (Math.abs(days) >= 7) return relativeFormatter(locale(), 'always').format(Math.trunc(days / 7), 'week');
    return relativeFormatter(locale()).format(days, 'day');
  }
  if (Math.abs(seconds) >= 3600) return relativeFormatter(locale()).format(Math.round(seconds / 3600), 'hour');
  return relativeFormatter(locale()).format(Math.abs(seconds) < 60 ? 0 : Math.round(seconds / 60), 'minute');
}

/** Seconds → "1 h 5 min", written as the PDF reports write it (one formatter for both). */
export function formatDuration(totalSeconds: number | null | undefined): string {
  return formatDurationIn(totalSeconds, i18n.language === 'en' ? 'en' : 'es');
}

/** Seconds in the fewest characters ("1h30", "45min"), for a narrow box; the full words go in its label. */
export function formatNarrowDuration(totalSeconds: number | null | undefined): string {
  return formatNarrowDurationIn(totalSeconds, i18n.language === 'en' ? 'en' : 'es');
}

/** Seconds for spans that can run for weeks (SLA): from 48 h on, "32 días 6 h". */
export function formatLongDuration(totalSeconds: number | null | undefined): string {
  return formatLongDurationIn(totalSeconds, i18n.language === 'en' ? 'en' : 'es');
}

// One per language and grouping (the list's tabs format their counts on every render of a fresh open).
const numberFormatters = new Map<string, Intl.NumberFormat>();
function numberFormatter(lang: string, grouping: 'default' | 'always'): Intl.NumberFormat {
  return kept(numberFormatters, `${lang}|${grouping}`, () => new Intl.NumberFormat(lang, grouping === 'always' ? { useGrouping: 'always' } : {}));
}

export function formatNumber(value: number): string {
  return numberFormatter(locale(), 'default').format(value);
}

/** A count as the list's tabs show it, thousands always grouped: "1.000" / "1,000", and "1.000+" when it is at least that. */
export function formatCount(value: number, atLeast = false): string {
  return `${numberFormatter(locale(), 'always').format(value)}${atLeast ? '+' : ''}`;
}

/**
 * A page's first date formatter loads the language's calendar data (~40 ms in Chromium, the largest single cost of the
 * list's first render); main.tsx builds the first screen's formatters while its answers are on their way instead.
 */
export function prepareFormatters(): void {
  dateFormatter('dateTime');
  relativeFormatter(locale());
  numberFormatter(locale(), 'always');
}
