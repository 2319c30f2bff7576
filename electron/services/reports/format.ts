// Dates, durations and numbers for reports through Intl, in the report's language.
import { formatDuration, formatLongDuration } from '../../contract/duration';
import type { ReportLanguage } from './labels';

const LOCALES: Record<ReportLanguage, string> = { es: 'es-ES', en: 'en-GB' };

export interface Formatter {
  language: ReportLanguage;
  /** "2 mar 2026, 10:30"; the fallback when the value is missing. */
  dateTime(iso: string | null | undefined, fallback?: string): string;
  date(iso: string | null | undefined, fallback?: string): string;
  /** Seconds as "2 h 5 min" (or "45 s" under a minute). */
  duration(seconds: number | null | undefined, fallback?: string): string;
  /** From 48 h on, days and hours ("32 días 6 h"): for SLA spans, which can run for weeks. */
  longDuration(seconds: number | null | undefined, fallback?: string): string;
  integer(n: number): string;
}

/** `timeZone` defaults to the machine's zone: the report shows the times the technician saw. */
export function createFormatter(language: ReportLanguage, timeZone?: string): Formatter {
  const locale = LOCALES[language];
  const zone = timeZone ? { timeZone } : {};
  const dateTimeFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', ...zone });
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', ...zone });
  const numberFormat = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const parse = (iso: string | null | undefined): Date | null => {
    if (!iso) return null;
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? null : d;
  };
  return {
    language,
    dateTime(iso, fallback = '—') {
      const d = parse(iso);
      return d ? dateTimeFormat.format(d) : fallback;
    },
    date(iso, fallback = '—') {
      const d = parse(iso);
      return d ? dateFormat.format(d) : fallback;
    },
    duration(seconds, fallback = '—') {
      return formatDuration(seconds, language, fallback);
    },
    longDuration(seconds, fallback = '—') {
      return formatLongDuration(seconds, language, fallback);
    },
    integer(n) {
      return numberFormat.format(n);
    },
  };
}
