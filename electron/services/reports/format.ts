// Dates, durations and numbers for reports through Intl, in the report's language.
import { formatDuration, formatLongDuration } from '../../contract/duration';
import type { ProductUnit } from '../../../shared/enums';
import type { ReportLanguage } from './labels';

const LOCALES: Record<ReportLanguage, string> = { es: 'es-ES', en: 'en-GB' };

/** The word after a counted part's number ("ud." as on the OT screen; English says unit/units); kg, m, l print as such. */
const COUNT_WORDS: Record<ReportLanguage, (one: boolean) => string> = {
  es: () => 'ud.',
  en: (one) => (one ? 'unit' : 'units'),
};

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
  /** Up to three decimals in the language's way ("1,5" / "1.5"). */
  decimal(n: number): string;
  /** A part's quantity with its unit word, so no number stands bare: "1 ud.", "1,5 kg" / "1 unit", "2 units". */
  quantity(n: number, unit: ProductUnit): string;
}

/** `timeZone` defaults to the machine's zone: the report shows the times the technician saw. */
export function createFormatter(language: ReportLanguage, timeZone?: string): Formatter {
  const locale = LOCALES[language];
  const zone = timeZone ? { timeZone } : {};
  const dateTimeFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', ...zone });
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', ...zone });
  const numberFormat = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const decimalFormat = new Intl.NumberFormat(locale, { maximumFractionDigits: 3 });
  const plural = new Intl.PluralRules(locale);
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
    decimal(n) {
      return decimalFormat.format(n);
    },
    quantity(n, unit) {
      const amount = decimalFormat.format(n);
      return `${amount} ${unit === 'unit' ? COUNT_WORDS[language](plural.select(n) === 'one') : unit}`;
    },
  };
}
