// SLA words for the screens (pure, testable): where a due falls on the company clock and what to say about a clock.
import type { TicketSlaSummary } from '../../../../electron/contract';
import { slaDueWhen, type SlaDueWhen } from '../../../../electron/contract/slaDue';
import { slaClockState, slaRemainingMs, type SlaClock, type SlaState } from '../../../../shared/sla';

type T = (key: string, options?: Record<string, unknown>) => string;

const MINUTE_MS = 60_000;

// Making an Intl formatter costs far more than using one, and every list row's chip asks: one per language and form.
const dayFormatters = new Map<string, Intl.DateTimeFormat>();

/** "3 dic", or "23 dic 2024" when not this year on the company clock (else it reads as this month). */
function dayText(when: SlaDueWhen, locale: string): string {
  const key = `${locale}|${when.otherYear ? 'year' : ''}`;
  let formatter = dayFormatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC', ...(when.otherYear ? { year: 'numeric' } : {}) });
    dayFormatters.set(key, formatter);
  }
  return formatter.format(new Date(`${when.date}T12:00:00Z`));
}

/** "hoy 14:30", "mañana 09:00", "3 dic 14:30", "23 dic 2024 20:54" on the company clock. */
export function dueWhenText(t: T, zone: string, dueIso: string, nowMs: number, locale: string): string {
  const when = slaDueWhen(zone, dueIso, nowMs);
  const day = when.relativeDay ? t(`tickets:sla.day.${when.relativeDay}`) : dayText(when, locale);
  return `${day} ${when.time}`;
}

/** The shortest useful due for a list chip: "14:30" today, else the day alone ("mañana", "3 dic", "23 dic 2024"). */
function chipWhenText(t: T, zone: string, dueIso: string, nowMs: number, locale: string): string {
  const when = slaDueWhen(zone, dueIso, nowMs);
  if (when.relativeDay === 'today') return when.time;
  return when.relativeDay ? t(`tickets:sla.day.${when.relativeDay}`) : dayText(when, locale);
}

export interface SlaLine {
  state: SlaState;
  /** The whole sentence, in words (never colour alone). */
  text: string;
}

/**
 * One clock as a sentence: "Respuesta antes de hoy 14:30 · quedan 25 min", "Vencido: resolver antes de ayer 10:00",
 * "En pausa mientras está En espera · quedan 5 h", "Respondido en 45 min · cumplido".
 */
export function slaLine(
  t: T,
  kind: 'response' | 'resolution',
  clock: SlaClock,
  nowMs: number,
  zone: string,
  locale: string,
  duration: (seconds: number) => string,
): SlaLine {
  const state = slaClockState(clock, nowMs);
  const left = slaRemainingMs(clock, nowMs);
  if (state === 'met' || state === 'missed') {
    return { state, text: t(`tickets:sla.done.${kind}`, { duration: duration(clock.elapsedMs / 1000), outcome: t(`tickets:sla.state.${state}`) }) };
  }
  if (state === 'paused') return { state, text: t('tickets:sla.pausedLeft', { left: duration(Math.max(0, left) / 1000) }) };
  const when = clock.dueAt ? dueWhenText(t, zone, clock.dueAt, nowMs, locale) : '';
  // Past due, "Resolver antes de ayer" would read as "before the day before yesterday": say it is overdue, then when.
  // The lateness counts running time only: after a wait En espera it is far less than the time since the due, and says so.
  if (state === 'breached') {
    const waitedSinceDue = clock.dueAt !== null && nowMs - Date.parse(clock.dueAt) - -left > MINUTE_MS;
    return { state, text: t(`tickets:sla.${waitedSinceDue ? 'breachedWaited' : 'breached'}.${kind}`, { when, late: duration(Math.max(60, -left) / 1000) }) };
  }
  const due = t(`tickets:sla.due.${kind}`, { when });
  return { state, text: t('tickets:sla.pendingText', { due, left: duration(left / 1000) }) };
}

/**
 * A list row's chip, compact (the row is narrow and the customer needs the room): "Vencido", "Vence 14:30",
 * "En riesgo · 45 min", "En pausa". The whole sentence (slaLine) goes in its title and to screen readers.
 */
export function slaChip(t: T, sla: TicketSlaSummary, nowMs: number, zone: string, locale: string, duration: (seconds: number) => string): SlaLine {
  const state = slaClockState(sla, nowMs);
  if (state === 'met' || state === 'missed' || state === 'paused' || state === 'breached') return { state, text: t(`tickets:sla.chip.${state}`) };
  if (state === 'at_risk') return { state, text: t('tickets:sla.chip.at_risk', { left: duration(Math.max(0, slaRemainingMs(sla, nowMs)) / 1000) }) };
  return { state, text: t('tickets:sla.chip.ok', { when: sla.dueAt ? chipWhenText(t, zone, sla.dueAt, nowMs, locale) : '' }) };
}
