// Where the dispatch board puts things (renderer/src/features/dispatch/boardLayout.ts): the week's days, a visit on the
// 07:00–20:00 hour track of a Madrid day (a DST day included), the time a drop means, lanes for overlaps, clash codes.
import { describe, expect, it } from 'vitest';
import type { BoardItem } from '../../renderer/src/features/dispatch/boardItems';
import { windowWords, dayHeader } from '../../renderer/src/features/dispatch/boardLabels';
import { boardDays, clashesById, dayHours, dayRangeFor, itemsOfCell, itemsOnTrack, laneOf, timeAtFraction, trackPlacement } from '../../renderer/src/features/dispatch/boardLayout';

const ZONE = 'Europe/Madrid';
const block = (id: string, start: string, end: string, technicianId = 't1') => ({ id, code: `OT-${id}`, start, end, technicianId }) as BoardItem;

describe('dispatch board layout', () => {
  it('a week runs Monday to Sunday around any of its days; a day view is that day', () => {
    expect(boardDays('week', '2026-03-05')).toEqual(['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08']);
    expect(boardDays('day', '2026-03-05')).toEqual(['2026-03-05']);
  });

  it('places a visit on the hour track by the company clock, clipped to 07:00–20:00', () => {
    // 09:00–11:00 in Madrid (UTC+1 in March): 2 of 13 hours in, 2 hours long.
    const place = trackPlacement(ZONE, '2026-03-05', block('a', '2026-03-05T08:00:00.000Z', '2026-03-05T10:00:00.000Z'));
    expect(place?.left).toBeCloseTo(2 / 13);
    expect(place?.width).toBeCloseTo(2 / 13);
    // From 06:00 to 08:00: starts at the track's edge, marked as clipped.
    expect(trackPlacement(ZONE, '2026-03-05', block('b', '2026-03-05T05:00:00.000Z', '2026-03-05T07:00:00.000Z'))).toMatchObject({ left: 0, clippedStart: true });
    // At 21:00: not on the track.
    expect(trackPlacement(ZONE, '2026-03-05', block('c', '2026-03-05T20:00:00.000Z', '2026-03-05T21:00:00.000Z'))).toBeNull();
    // The day the clocks go forward (29 March 2026), 09:00 is 07:00 UTC.
    expect(trackPlacement(ZONE, '2026-03-29', block('d', '2026-03-29T07:00:00.000Z', '2026-03-29T08:00:00.000Z'))?.left).toBeCloseTo(2 / 13);
  });

  it('a drop on the track means a quarter hour between 07:00 and 19:45', () => {
    expect(timeAtFraction(0)).toBe('07:00');
    expect(timeAtFraction(5 / 13)).toBe('12:00');
    expect(timeAtFraction(5 / 13 + 0.004)).toBe('12:00');
    expect(timeAtFraction(5.5 / 13)).toBe('12:30');
    expect(timeAtFraction(1)).toBe('19:45');
    expect(timeAtFraction(-1)).toBe('07:00');
  });

  it('overlapping visits take separate lanes; back-to-back ones share one', () => {
    const { lanes, count } = laneOf([
      block('a', '2026-03-05T08:00:00.000Z', '2026-03-05T10:00:00.000Z'),
      block('b', '2026-03-05T09:00:00.000Z', '2026-03-05T10:00:00.000Z'),
      block('c', '2026-03-05T10:00:00.000Z', '2026-03-05T11:00:00.000Z'),
    ]);
    expect([lanes.get('a'), lanes.get('b'), lanes.get('c')]).toEqual([0, 1, 0]);
    expect(count).toBe(2);
  });

  it('a week cell holds one technician visits of that company day, in time order; clashes name the other visit', () => {
    const items = [
      block('late', '2026-03-05T16:00:00.000Z', '2026-03-05T17:00:00.000Z'),
      block('early', '2026-03-05T08:00:00.000Z', '2026-03-05T09:00:00.000Z'),
      block('midnight', '2026-03-05T23:30:00.000Z', '2026-03-06T00:30:00.000Z'), // 00:30 on the 6th in Madrid
      block('other', '2026-03-05T08:00:00.000Z', '2026-03-05T09:00:00.000Z', 't2'),
    ];
    expect(itemsOfCell(items, ZONE, 't1', '2026-03-05').map((w) => w.id)).toEqual(['early', 'late']);
    expect(itemsOfCell(items, ZONE, 't1', '2026-03-06').map((w) => w.id)).toEqual(['midnight']);
    const clashes = clashesById([{ technicianId: 't1', first: 'early', second: 'late' }], items);
    expect(clashes.get('early')).toEqual(['OT-late']);
    expect(clashes.get('late')).toEqual(['OT-early']);
  });
});

// Second newcomer trial: no visit of a day may be missing from its day view, and Spanish day words are lower-case.
describe('dispatch board: every visit of a day is on its track', () => {
  const day = '2026-12-02';
  // 00:13 in Madrid (UTC+1 in December) on the 2nd.
  const early = [block('a', '2026-12-01T23:13:00.000Z', '2026-12-02T00:13:00.000Z'), block('b', '2026-12-01T23:13:00.000Z', '2026-12-02T01:13:00.000Z', 't2')];

  it('keeps 07:00–20:00 on a day with nothing outside them', () => {
    expect(dayRangeFor([block('a', '2026-12-02T08:00:00.000Z', '2026-12-02T10:00:00.000Z')], ZONE, day)).toEqual({ start: 7, end: 20 });
    expect(dayHours()).toEqual([7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
  });

  it('widens to the earliest start and the latest end, and places the 00:13 visits on the track', () => {
    const range = dayRangeFor(early, ZONE, day);
    expect(range).toEqual({ start: 0, end: 20 });
    expect(dayHours(range)[0]).toBe(0);
    const place = trackPlacement(ZONE, day, early[0] as BoardItem, range);
    expect(place?.left).toBeCloseTo(13 / (20 * 60));
    expect(place?.width).toBeCloseTo(60 / (20 * 60));
    expect(itemsOnTrack(early, ZONE, 't2', day, range).map((w) => w.id)).toEqual(['b']);
    // Without the wider range they would vanish: the bug this guards against.
    expect(trackPlacement(ZONE, day, early[0] as BoardItem)).toBeNull();
    // A drop at the track's start now means midnight.
    expect(timeAtFraction(0, range)).toBe('00:00');
    expect(timeAtFraction(1, range)).toBe('19:45');
  });

  it('an evening visit takes the end to the hour it ends; one past midnight to 24:00; other days do not count', () => {
    expect(dayRangeFor([block('late', '2026-12-02T19:30:00.000Z', '2026-12-02T20:30:00.000Z')], ZONE, day)).toEqual({ start: 7, end: 22 });
    const overnight = dayRangeFor([block('night', '2026-12-02T21:00:00.000Z', '2026-12-02T23:30:00.000Z')], ZONE, day);
    expect(overnight).toEqual({ start: 7, end: 24 });
    expect(timeAtFraction(1, overnight)).toBe('23:45');
    expect(dayRangeFor([block('next', '2026-12-03T01:00:00.000Z', '2026-12-03T02:00:00.000Z')], ZONE, day)).toEqual({ start: 7, end: 20 });
  });
});

describe('dispatch board day words', () => {
  it('Spanish writes day and month names lower-case, English keeps its capitals', () => {
    expect(dayHeader('2026-12-02', 'es')).toBe('mié 2 dic');
    expect(dayHeader('2026-12-02', 'en')).toBe('Wed 2 Dec');
    const week = boardDays('week', '2026-12-02');
    expect(windowWords(week, 'es')).toBe('30 nov – 6 dic 2026');
    expect(windowWords(week, 'en')).toBe('30 Nov 2026 – 6 Dec 2026');
    expect(windowWords(['2026-12-02'], 'es')).toBe('miércoles, 2 de diciembre de 2026');
  });
});
