// Where things sit on the dispatch board: the days of a window, the hours of the day view, a block's place and length
// on the hour track, lanes for visits that overlap, and the time a drop means. Pure: no React, no API.
import type { BoardClash, BoardTechnician } from '../../../../electron/contract/dispatchBoard';
import { addDays, instantOfWallInput, localDateOf, mondayOf, wallClock, type LocalDate } from '../../../../electron/contract/zonedTime';

export type BoardMode = 'day' | 'week';

/** A block's time on the board: ISO instants. */
export interface Timed {
  start: string;
  end: string;
}
/** A block with its id and technician. */
type Placed = Timed & { id: string; technicianId: string };

/** The day view runs from 07:00 to 20:00 on the company clock, wider on a day with visits outside those hours. */
export const DAY_START_HOUR = 7;
export const DAY_END_HOUR = 20;
export const SLOT_MINUTES = 30;
/** A visit dropped on a week cell with no time of its own starts at 09:00. */
export const DEFAULT_START = '09:00';

/** The hours a day view shows: from `start`:00 to `end`:00 (end 24 is the next midnight). */
export interface DayRange {
  start: number;
  end: number;
}
export const DEFAULT_DAY_RANGE: DayRange = { start: DAY_START_HOUR, end: DAY_END_HOUR };
const spanOf = (range: DayRange) => (range.end - range.start) * 60;
const hh = (hour: number) => String(hour).padStart(2, '0');

// A row's height as dispatch.css draws it, known before it is drawn (the board places its rows once, measuring none).
/** A lane of the day view's track. */
export const LANE_PX = 46;
/** Every body row's bottom line. */
const ROW_LINE_PX = 1;
/** A week block's height in a wide window: --board-week-block, which BoardGrid reads (it changes with the width). */
export const WEEK_BLOCK_PX = 74;
const WEEK_CELL_MIN_PX = 64;
const WEEK_CELL_PADDING_PX = 6;
const WEEK_BLOCK_GAP_PX = 4;

/** A week row: its busiest day's blocks stacked in a cell (padding, gaps), at least a cell's height, and its line. */
export function weekRowPx(blocks: number, blockPx: number): number {
  const stacked = WEEK_CELL_PADDING_PX + blocks * blockPx + Math.max(blocks - 1, 0) * WEEK_BLOCK_GAP_PX;
  return Math.max(WEEK_CELL_MIN_PX, stacked) + ROW_LINE_PX;
}

/** A day row: its lanes, 4 px above and below them, and its line. */
export function dayRowPx(lanes: number): number {
  return lanes * LANE_PX + 8 + ROW_LINE_PX;
}

/** Why a row may not be given visits (it is on the board only for those it holds), or null for a technician's row. */
export type RowStanding = 'deactivated' | 'withoutPermission';

export function rowStanding(tech: Pick<BoardTechnician, 'deactivated' | 'withoutPermission'>): RowStanding | null {
  return tech.deactivated ? 'deactivated' : tech.withoutPermission ? 'withoutPermission' : null;
}

/**
 * A marked row (rowStanding) is at least a week cell tall in both views, so its header (the name on one line, the
 * note on at most two: dispatch.css) fits a one-lane day row too.
 */
export function technicianRowPx(px: number, marked: boolean): number {
  return marked ? Math.max(px, WEEK_CELL_MIN_PX + ROW_LINE_PX) : px;
}

export function boardDays(mode: BoardMode, anchor: LocalDate): LocalDate[] {
  if (mode === 'day') return [anchor];
  const monday = mondayOf(anchor);
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
}

/** The day view's hour columns: 07, 08, … 19 (or the wider range's). */
export function dayHours(range: DayRange = DEFAULT_DAY_RANGE): number[] {
  return Array.from({ length: range.end - range.start }, (_, i) => range.start + i);
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

/** The instant `hour`:00 of `day` (24 is the next day's midnight; an hour skipped by DST falls to the next one). */
function hourInstant(zone: string, day: LocalDate, hour: number): number | null {
  const at = hour >= 24 ? instantAt(zone, addDays(day, 1), '00:00') : (instantAt(zone, day, `${hh(hour)}:00`) ?? instantAt(zone, day, `${hh(hour + 1)}:00`));
  return at ? Date.parse(at) : null;
}

/** Minutes after the range's first hour of `day` at which `iso` falls (negative before, may pass the end). */
function minutesIntoDay(zone: string, day: LocalDate, iso: string, range: DayRange): number {
  const dayStart = hourInstant(zone, day, range.start);
  return dayStart !== null ? (Date.parse(iso) - dayStart) / 60_000 : 0;
}

/**
 * The hours a day view must show so that no visit of that day is hidden: 07:00–20:00, widened to the hour the
 * earliest visit starts and the hour the latest one ends (a visit that runs past midnight takes the track to 24:00).
 */
export function dayRangeFor(items: readonly Timed[], zone: string, day: LocalDate): DayRange {
  const midnight = hourInstant(zone, day, 0);
  const nextMidnight = hourInstant(zone, day, 24);
  if (midnight === null || nextMidnight === null) return DEFAULT_DAY_RANGE;
  let { start, end } = DEFAULT_DAY_RANGE;
  for (const wo of items) {
    const from = Date.parse(wo.start);
    const to = Math.max(Date.parse(wo.end), from + 60_000);
    if (to <= midnight || from >= nextMidnight) continue;
    const startWall = from <= midnight ? 0 : wallClock(zone, from).hour;
    const endWall = to >= nextMidnight ? 24 : wallClock(zone, to - 1).hour + 1;
    start = Math.min(start, startWall);
    end = Math.max(end, endWall);
  }
  return { start, end };
}

/** A block on the day track as fractions of its width (0..1), clipped to the range; null when wholly outside. */
export function trackPlacement(
  zone: string,
  day: LocalDate,
  wo: Timed,
  range: DayRange = DEFAULT_DAY_RANGE,
): { left: number; width: number; clippedStart: boolean; clippedEnd: boolean } | null {
  const span = spanOf(range);
  const start = minutesIntoDay(zone, day, wo.start, range);
  const end = minutesIntoDay(zone, day, wo.end, range);
  if (end <= 0 || start >= span) return null;
  const from = Math.max(0, start);
  const to = Math.min(span, end);
  return { left: from / span, width: Math.max(to - from, 1) / span, clippedStart: start < 0, clippedEnd: end > span };
}

/** The time a drop at `fraction` (0..1) of the day track means, snapped to a quarter hour: 'HH:MM'. */
export function timeAtFraction(fraction: number, range: DayRange = DEFAULT_DAY_RANGE): string {
  const span = spanOf(range);
  const clamped = Math.min(Math.max(fraction, 0), 1);
  const minutes = Math.min(Math.round((clamped * span) / 15) * 15, span - 15);
  const total = range.start * 60 + minutes;
  return `${hh(Math.floor(total / 60))}:${String(total % 60).padStart(2, '0')}`;
}

/** Lanes for one row: visits that overlap go one under the other (the first lane that is free by then). */
export function laneOf<T extends Timed & { id: string }>(items: readonly T[]): { lanes: Map<string, number>; count: number } {
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
export function itemsOfCell<T extends Placed>(items: readonly T[], zone: string, technicianId: string, day: LocalDate): T[] {
  return items.filter((wo) => wo.technicianId === technicianId && localDateOf(zone, wo.start) === day).sort((a, b) => a.start.localeCompare(b.start) || a.id.localeCompare(b.id));
}

/** The OTs of one technician that show on one day's hour track: any that overlap the day's range. */
export function itemsOnTrack<T extends Placed>(items: readonly T[], zone: string, technicianId: string, day: LocalDate, range: DayRange = DEFAULT_DAY_RANGE): T[] {
  return items.filter((wo) => wo.technicianId === technicianId && trackPlacement(zone, day, wo, range) !== null);
}

/** For each OT in a clash, the codes of the visits it overlaps. */
export function clashesById(clashes: readonly BoardClash[], items: readonly { id: string; code: string }[]): Map<string, string[]> {
  const codeOf = new Map(items.map((wo) => [wo.id, wo.code]));
  const out = new Map<string, string[]>();
  const add = (id: string, other: string) => out.set(id, [...(out.get(id) ?? []), codeOf.get(other) ?? other]);
  for (const clash of clashes) {
    add(clash.first, clash.second);
    add(clash.second, clash.first);
  }
  return out;
}
