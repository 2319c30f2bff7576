// The agenda's days in the UI language (the header's range and each day's heading). No React, no API.
import type { LocalDate } from '../../../../electron/contract/zonedTime';
import i18n from '../../i18n';

/**
 * A company-calendar day as words, its first letter capital as a heading's ("Lunes, 30 nov", not CSS's "Lunes, 30 Nov");
 * formatted at its UTC noon in UTC, so the computer's own zone cannot shift it.
 */
export function dayLabel(day: LocalDate, style: Intl.DateTimeFormatOptions = { weekday: 'long', day: 'numeric', month: 'short' }): string {
  const lang = i18n.language === 'en' ? 'en-GB' : 'es-ES';
  const words = new Intl.DateTimeFormat(lang, { ...style, timeZone: 'UTC' }).format(new Date(`${day}T12:00:00Z`));
  return words.charAt(0).toLocaleUpperCase(lang) + words.slice(1);
}
