// One way to write a duration, for the screens and the PDF alike (issue 18: they read differently).
export type DurationLanguage = 'es' | 'en';

const LOCALES: Record<DurationLanguage, string> = { es: 'es-ES', en: 'en-GB' };

/** Building an Intl.NumberFormat costs far more than using one (the board writes thousands of lengths): one per kind. */
const unitFormatters = new Map<string, Intl.NumberFormat>();
function unitFormatter(locale: string, unit: 'day' | 'hour' | 'minute' | 'second', unitDisplay: 'long' | 'short' | 'narrow'): Intl.NumberFormat {
  const key = `${locale}|${unit}|${unitDisplay}`;
  let formatter = unitFormatters.get(key);
  if (!formatter) unitFormatters.set(key, (formatter = new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay })));
  return formatter;
}

/**
 * Seconds as "2 h 5 min" / "2h 5m" (whole minutes, rounded), "45 s" under a minute; `fallback` when missing or invalid.
 * English "short" units read "2 hrs 5 mins" in en-GB; narrow is what people write.
 */
export function formatDuration(seconds: number | null | undefined, language: DurationLanguage, fallback = '—'): string {
  return durationIn(seconds, language, language === 'en' ? 'narrow' : 'short', fallback);
}

/**
 * A length in the fewest characters, for a narrow box (a board block's head): "45min" / "45m", "2h", "1h30", "2h05" as
 * people write them by hand; the box's label carries formatDuration's words.
 */
export function formatNarrowDuration(seconds: number | null | undefined, language: DurationLanguage, fallback = '—'): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 3600) return durationIn(seconds, language, 'narrow', fallback);
  const totalMinutes = Math.round(seconds / 60);
  const hours = unitFormatter(LOCALES[language], 'hour', 'narrow').format(Math.floor(totalMinutes / 60));
  const minutes = totalMinutes % 60;
  return minutes === 0 ? hours : `${hours}${String(minutes).padStart(2, '0')}`;
}

function durationIn(seconds: number | null | undefined, language: DurationLanguage, unitDisplay: 'short' | 'narrow', fallback: string): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return fallback;
  const locale = LOCALES[language];
  const unit = (u: 'hour' | 'minute' | 'second', n: number) => unitFormatter(locale, u, unitDisplay).format(n);
  if (seconds < 60) return unit('second', Math.round(seconds));
  const totalMinutes = Math.round(seconds / 60);
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  const parts = [hours > 0 ? unit('hour', hours) : null, minutes > 0 || hours === 0 ? unit('minute', minutes) : null];
  return parts.filter((p): p is string => p !== null).join(' ');
}

const DAY_FROM_HOURS = 48;

/**
 * Like formatDuration, but a span of 48 h or more reads in days and whole hours: "32 días 6 h" / "32 days 6h"
 * ("774 h 10 min" is hard to read). For spans that can run for weeks (SLA clocks); OT durations keep formatDuration.
 */
export function formatLongDuration(seconds: number | null | undefined, language: DurationLanguage, fallback = '—'): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < DAY_FROM_HOURS * 3600) return formatDuration(seconds, language, fallback);
  const locale = LOCALES[language];
  const totalHours = Math.round(seconds / 3600);
  const days = Math.floor(totalHours / 24);
  const hours = totalHours % 24;
  const dayText = unitFormatter(locale, 'day', 'long').format(days);
  if (hours === 0) return dayText;
  const hourText = unitFormatter(locale, 'hour', language === 'en' ? 'narrow' : 'short').format(hours);
  return `${dayText} ${hourText}`;
}
