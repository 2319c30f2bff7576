// Calendar arithmetic for the agenda and the schedule dialog, in the computer's time zone. Pure: no React, no API.

export type AgendaMode = 'day' | 'week';

export function startOfDay(date: Date): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate());
}

/** Weeks start on Monday, as in Spain. */
export function windowOf(mode: AgendaMode, anchor: Date): { from: Date; days: Date[] } {
  const first = startOfDay(anchor);
  if (mode === 'week') first.setDate(first.getDate() - ((first.getDay() + 6) % 7));
  const count = mode === 'week' ? 7 : 1;
  const days = Array.from({ length: count }, (_, i) => new Date(first.getFullYear(), first.getMonth(), first.getDate() + i));
  return { from: first, days };
}

/** The instants the agenda asks for: from the first shown midnight to the midnight after the last shown day. */
export function agendaRange(mode: AgendaMode, anchor: Date): { from: string; to: string } {
  const { from, days } = windowOf(mode, anchor);
  const last = days[days.length - 1] ?? from;
  return { from: from.toISOString(), to: new Date(last.getFullYear(), last.getMonth(), last.getDate() + 1).toISOString() };
}

/** `<input type="datetime-local">` value ⇄ ISO instant, in the computer's time zone. */
export function toLocalInput(iso: string | null | undefined): string {
  const date = iso ? new Date(iso) : new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export function fromLocalInput(value: string): string | null {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
