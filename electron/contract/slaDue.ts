// Where an SLA due instant falls for the person reading it: today, tomorrow, yesterday or a date, and the time, on
// the company clock. Pure, so the renderer's due column and the tests read the same days (DST and zones included).
import { addDays, localDateOf, wallClock, type LocalDate } from './zonedTime';

export interface SlaDueWhen {
  /** 'today' | 'tomorrow' | 'yesterday' when it is one of those days in the zone, else null (show `date`). */
  relativeDay: 'today' | 'tomorrow' | 'yesterday' | null;
  date: LocalDate;
  /** 'HH:MM' on the wall clock of the zone. */
  time: string;
  /** The due falls in another year than now (show the year, or '23 dic' reads as this month). */
  otherYear: boolean;
}

export function slaDueWhen(zone: string, dueIso: string, nowMs: number): SlaDueWhen {
  const due = Date.parse(dueIso);
  const date = localDateOf(zone, due);
  const today = localDateOf(zone, nowMs);
  const relativeDay = date === today ? 'today' : date === addDays(today, 1) ? 'tomorrow' : date === addDays(today, -1) ? 'yesterday' : null;
  const wall = wallClock(zone, due);
  const time = `${String(wall.hour).padStart(2, '0')}:${String(wall.minute).padStart(2, '0')}`;
  return { relativeDay, date, time, otherYear: date.slice(0, 4) !== today.slice(0, 4) };
}
