// SLA words for the screens (pure, testable): where a due falls on the company clock and what to say about a clock.
import type { TicketSlaSummary } from '../../../../electron/contract';
import { slaDueWhen } from '../../../../electron/contract/slaDue';
import { slaClockState, slaRemainingMs, type SlaClock, type SlaState } from '../../../../shared/sla';

type T = (key: string, options?: Record<string, unknown>) => string;

/** "hoy 14:30", "mañana 09:00", "3 dic 14:30" on the company clock. */
export function dueWhenText(t: T, zone: string, dueIso: string, nowMs: number, locale: string): string {
  const when = slaDueWhen(zone, dueIso, nowMs);
  const day = when.relativeDay
    ? t(`tickets:sla.day.${when.relativeDay}`)
    : new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(`${when.date}T12:00:00Z`));
  return `${day} ${when.time}`;
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
  const due = t(`tickets:sla.due.${kind}`, { when });
  if (state === 'breached') return { state, text: t('tickets:sla.breachedText', { due, late: duration(Math.max(60, -left) / 1000) }) };
  return { state, text: t('tickets:sla.pendingText', { due, left: duration(left / 1000) }) };
}

/** A list row's chip, short (the row is narrow): the clock that matters now, "En riesgo · Respuesta hoy 14:30". */
export function slaChip(t: T, sla: TicketSlaSummary, nowMs: number, zone: string, locale: string, duration: (seconds: number) => string): SlaLine {
  const state = slaClockState(sla, nowMs);
  if (state === 'met' || state === 'missed') return { state, text: t(`tickets:sla.chip.${state}`) };
  if (state === 'paused') return { state, text: t('tickets:sla.chip.paused', { left: duration(Math.max(0, slaRemainingMs(sla, nowMs)) / 1000) }) };
  const due = t(`tickets:sla.short.${sla.kind}`, { when: sla.dueAt ? dueWhenText(t, zone, sla.dueAt, nowMs, locale) : '' });
  return { state, text: state === 'ok' ? due : `${t(`tickets:sla.state.${state}`)} · ${due}` };
}
