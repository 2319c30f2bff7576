// Dates, times, numbers and durations through Intl, in the UI language; dates and times on the company clock.
import { formatDuration as formatDurationIn, formatLongDuration as formatLongDurationIn } from '../../../electron/contract/duration';
import i18n from '../i18n';
import { companyZone } from './timeZone';

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

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

// One per language (every ticket row shows its last activity this way).
const relativeFormatters = new Map<string, Intl.RelativeTimeFormat>();
function relativeFormatter(lang: string): Intl.RelativeTimeFormat {
  return kept(relativeFormatters, lang, () => new Intl.RelativeTimeFormat(lang, { numeric: 'auto' }));
}

/** "hace 5 minutos" / "5 minutes ago". */
export function formatRelative(iso: string, now: Date = new Date()): string {
  const seconds = (new Date(iso).getTime() - now.getTime()) / 1000;
  const rtf = relativeFormatter(locale());
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return rtf.format(Math.round(seconds / size), unit);
  }
  return rtf.format(0, 'minute');
}

/** Seconds → "1 h 5 min", written as the PDF reports write it (one formatter for both). */
export function formatDuration(totalSeconds: number | null | undefined): string {
  return formatDurationIn(totalSeconds, i18n.language === 'en' ? 'en' : 'es');
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
