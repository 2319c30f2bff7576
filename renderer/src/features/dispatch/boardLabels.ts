// The board's day words: column headers and the window's range. Spanish writes day and month names lower-case
// ("mié 2 dic", "30 nov – 6 dic 2026"), as the agenda and the other Spanish screens do; English keeps its capitals.
import type { LocalDate } from '../../../../electron/contract/zonedTime';

const localeOf = (lang: string) => (lang === 'en' ? 'en-GB' : 'es-ES');
/** Noon UTC, formatted in UTC, so this computer's zone cannot shift the company-calendar day. */
const noonOf = (day: LocalDate) => new Date(`${day}T12:00:00Z`);

/** One formatter per language and style (every drawn cell's label names its day; building one costs far more than using it). */
const formatters = new Map<string, Intl.DateTimeFormat>();

export function dayWords(day: LocalDate, lang: string, style: Intl.DateTimeFormatOptions): string {
  const key = `${lang}|${JSON.stringify(style)}`;
  let formatter = formatters.get(key);
  if (!formatter) formatters.set(key, (formatter = new Intl.DateTimeFormat(localeOf(lang), { ...style, timeZone: 'UTC' })));
  return formatter.format(noonOf(day));
}

/** A week column's header: 'mié 2 dic' / 'Wed 2 Dec'. */
export function dayHeader(day: LocalDate, lang: string): string {
  const words = dayWords(day, lang, { weekday: 'short', day: 'numeric', month: 'short' });
  // es-ES puts a comma after the weekday ('mié, 2 dic'); a header reads without it.
  return lang === 'en' ? words : words.replace(',', '');
}

/** The window beside the arrows: a week as a range ('30 nov – 6 dic 2026'), a day in full ('miércoles, 2 de diciembre de 2026'). */
export function windowWords(days: readonly LocalDate[], lang: string): string {
  const first = days[0] as LocalDate;
  const last = days[days.length - 1] as LocalDate;
  if (days.length === 1) return dayWords(first, lang, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
  if (lang === 'en') return `${dayWords(first, lang, { dateStyle: 'medium' })} – ${dayWords(last, lang, { dateStyle: 'medium' })}`;
  const format = new Intl.DateTimeFormat(localeOf(lang), { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  // formatRange puts thin spaces around the dash; the rest of the UI writes plain ones.
  return format.formatRange(noonOf(first), noonOf(last)).replace(/[\u2009\u202f]/g, ' ');
}
