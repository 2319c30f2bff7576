// Dates of Mi día in the UI language, on the company calendar.
import { localDateOf, type LocalDate } from '../../../../electron/contract/zonedTime';
import i18n from '../../i18n';
import { companyZone } from '../../lib/timeZone';

const locale = () => (i18n.language === 'en' ? 'en-GB' : 'es-ES');

/** The day of an overdue visit, short: "lun 30 nov", with its year when that is not this one ("lun 18 ago 2025"). */
export function visitDayLabel(iso: string, now: Date = new Date()): string {
  const zone = companyZone();
  const otherYear = localDateOf(zone, iso).slice(0, 4) !== localDateOf(zone, now).slice(0, 4);
  return new Intl.DateTimeFormat(locale(), { weekday: 'short', day: 'numeric', month: 'short', ...(otherYear ? { year: 'numeric' } : {}), timeZone: zone })
    .format(new Date(iso))
    .replaceAll(',', '');
}

/** Today in the header: "miércoles, 2 de diciembre"; formatted at its UTC noon in UTC, so no zone can shift it. */
export function todayLabel(day: LocalDate): string {
  return new Intl.DateTimeFormat(locale(), { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(`${day}T12:00:00Z`));
}

/** Whether an instant falls on today's company-calendar day (a visit started yesterday says which day). */
export function isToday(iso: string, now: Date = new Date()): boolean {
  const zone = companyZone();
  return localDateOf(zone, iso) === localDateOf(zone, now);
}
