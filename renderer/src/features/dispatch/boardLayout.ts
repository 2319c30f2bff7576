// Where things sit on the dispatch board: the days of a window, the hours of the day view, a block's place and length
// on the hour track, lanes for visits that overlap, and the time a drop means. Pure: no React, no API.
import type { BoardClash, BoardWorkOrder } from '../../../../electron/contract/dispatchBoard';
import { addDays, instantOfWallInput, localDateOf, mondayOf, wallClock, type LocalDate } from '../../../../electron/contract/zonedTime';

export type BoardMode = 'day' | 'week';

/** The day view runs from 07:00 to 20:00 on the company clock, in half-hour slots. */
export const DAY_START_HOUR = 7;
export const DAY_END_HOUR = 20;
export const SLOT_MINUTES = 30;
const DAY_SPAN_MINUTES = (DAY_END_HOUR - DAY_START_HOUR) * 60;
/** A visit dropped on a week cell with no time of its own starts at 09:00. */
export const DEFAULT_START = '09:00';

export function boardDays(mode: BoardMode, anchor: LocalDate): LocalDate[] {
  if (mode === 'day') return [anchor];
  const monday = mondayOf(anchor);
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
}

/** The day view's hour columns: 07, 08, … 19. */
export function dayHours(): number[] {
  return Array.from({ length: DAY_END_HOUR - DAY_START_HOUR }, (_, i) => DAY_START_HOUR + i);
}

/** 'HH:MM' on the company clock. */
export function wallTimeOf(zone: string, iso: string): string {
  const wall = wallClock(zone, Date.parse(iso));
  return `${String(wall.hour).padStart(2, '0')}:${String(wall.minute).padStart(2, '0')}`;
}

/** The instant of `day` at `time` ('HH:MM') on the company clock (null for a time that does not exist). */
export function instantAt(zone: string, day: LocalDate, time: string): string | null {
  return instantOfWallInput(zone, `${day}T${time}`);
}

/** Minutes after 07:00 of `day` at which `iso` falls (negative before, may pass the end). */
function minutesIntoDay(zone: string, day: LocalDate, iso: string): number {
  const dayStart = instantAt(zone, day, `${String(DAY_START_HOUR).padStart(2, '0')}:00`);
  return dayStart ? (Date.parse(iso) - Date.parse(dayStart)) / 60_000 : 0;
}

/** A block on the day track as fractions of its width (0..1), clipped to 07:00–20:00; null when wholly outside. */
export function trackPlacement(zone: string, day: LocalDate, wo: Pick<BoardWorkOrder, 'start' | 'end'>): { left: number; width: number; clippedStart: boolean; clippedEnd: boolean } | null {
  const start = minutesIntoDay(zone, day, wo.start);
  const end = minutesIntoDay(zone, day, wo.end);
  if (end <= 0 || start >= DAY_SPAN_MINUTES) return null;
  const from = Math.max(0, start);
  const to = Math.min(DAY_SPAN_MINUTES, end);
  return { left: from / DAY_SPAN_MINUTES, width: Math.max(to - from, 1) / DAY_SPAN_MINUTES, clippedStart: start < 0, clippedEnd: end > DAY_SPAN_MINUTES };
}

/** The time a drop at `fraction` (0..1) of the day track means, snapped to a quarter hour: 'HH:MM'. */
export function timeAtFraction(fraction: number): string {
  const clamped = Math.min(Math.max(fraction, 0), 1);
  const minutes = Math.min(Math.round((clamped * DAY_SPAN_MINUTES) / 15) * 15, DAY_SPAN_MINUTES - 15);
  const total = DAY_START_HOUR * 60 + minutes;
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

/** Lanes for one row: visits that overlap go one under the other (the first lane that is free by then). */
export function laneOf<T extends Pick<BoardWorkOrder, 'id' | 'start' | 'end'>>(items: readonly T[]): { lanes: Map<string, number>; count: number } {
  const ends: number[] = [];
  const lanes = new Map<string, number>();
  for (const item of [...items].sort((a, b) => a.start.localeCompare(b.start) || a.id.localeCompare(b.id))) {
    const start = Date.parse(item.start);
    let lane = ends.findIndex((end) => end <= start);
    if (lane === -1) lane = ends.length;
    ends[lane] = Date.parse(item.end);
    lanes.set(item.id, lane);
  }
  return { lanes, count: Math.max(ends.length, 1) };
}

/** The OTs of one technician on one day (by start on the company calendar), in time order. */
export function itemsOfCell(items: readonly BoardWorkOrder[], zone: string, technicianId: string, day: LocalDate): BoardWorkOrder[] {
  return items.filter((wo) => wo.technicianId === technicianId && localDateOf(zone, wo.start) === day).sort((a, b) => a.start.localeCompare(b.start) || a.id.localeCompare(b.id));
}

/** The OTs of one technician that show on one day's hour track: any that overlap the day's 07:00–20:00. */
export function itemsOnTrack(items: readonly BoardWorkOrder[], zone: string, technicianId: string, day: LocalDate): BoardWorkOrder[] {
  return items.filter((wo) => wo.technicianId === technicianId && trackPlacement(zone, day, wo) !== null);
}

/** For each OT in a clash, the codes of the visits it overlaps. */
export function clashesById(clashes: readonly BoardClash[], items: readonly BoardWorkOrder[]): Map<string, string[]> {
  const codeOf = new Map(items.map((wo) => [wo.id, wo.code]));
  const out = new Map<string, string[]>();
  const add = (id: string, other: string) => out.set(id, [...(out.get(id) ?? []), codeOf.get(other) ?? other]);
  for (const clash of clashes) {
    add(clash.first, clash.second);
    add(clash.second, clash.first);
  }
  return out;
}
