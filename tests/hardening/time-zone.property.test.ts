// Issue 18.16: the company-zone day arithmetic (electron/contract/zonedTime.ts) holds across DST changes, zones
// whose midnight falls in a gap (America/Santiago), a day a zone skipped (Pacific/Apia, 30 Dec 2011), half-hour and
// 45-minute offsets, and the extremes (+14, −11). Properties, not a hand-written table of offsets.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  dayLengthMs,
  dayOfQuarterHour,
  instantOfWallInput,
  daysToRange,
  isValidTimeZone,
  localDateOf,
  localYearOf,
  monthRange,
  startOfDayIso,
  startOfDayMs,
  wallClock,
  wallInputOf,
  zoneOffsetMinutes,
} from '../../electron/contract/zonedTime';

const ZONES = [
  'Europe/Madrid',
  'America/Santiago',
  'Pacific/Apia',
  'Australia/Lord_Howe',
  'Asia/Kathmandu',
  'America/St_Johns',
  'Pacific/Kiritimati',
  'Pacific/Pago_Pago',
  'UTC',
] as const;
const HOUR = 3600_000;
const FROM = Date.UTC(2000, 0, 2);
const TO = Date.UTC(2099, 11, 30);

const zone = fc.constantFrom(...ZONES);
const instant = fc.integer({ min: FROM, max: TO });
const day = instant.map((t) => new Date(t).toISOString().slice(0, 10));

describe('zonedTime properties', () => {
  it('every instant lies in the day it is dated, [start of that day, start of the next)', () => {
    fc.assert(
      fc.property(zone, instant, (z, t) => {
        const date = localDateOf(z, t);
        expect(startOfDayMs(z, date)).toBeLessThanOrEqual(t);
        expect(startOfDayMs(z, addDays(date, 1))).toBeGreaterThan(t);
      }),
      { numRuns: 400 },
    );
  });

  it('a day starts at its first instant: the instant before belongs to an earlier day', () => {
    fc.assert(
      fc.property(zone, day, (z, date) => {
        const start = startOfDayMs(z, date);
        expect(localDateOf(z, start - 1) < date).toBe(true);
        expect(localDateOf(z, start) >= date).toBe(true);
        // Days follow each other without gaps or overlaps, and last between 0 (skipped) and 26 hours.
        const length = dayLengthMs(z, date);
        expect(length).toBeGreaterThanOrEqual(0);
        expect(length).toBeLessThanOrEqual(26 * HOUR);
      }),
      { numRuns: 400 },
    );
  });

  it('the offset is what the wall clock shows minus UTC, and the year of codes is the wall clock’s year', () => {
    fc.assert(
      fc.property(zone, instant, (z, t) => {
        const wall = wallClock(z, t);
        const second = Math.floor(t / 1000) * 1000;
        expect(Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second) - second).toBe(zoneOffsetMinutes(z, t) * 60_000);
        expect(localYearOf(z, t)).toBe(wall.year);
      }),
      { numRuns: 300 },
    );
  });

  it('a wall time read back from an instant names that instant again (to the minute), but for a repeated hour', () => {
    fc.assert(
      fc.property(zone, instant, (z, t) => {
        const minute = Math.floor(t / 60_000) * 60_000;
        const wall = wallInputOf(z, minute);
        const back = Date.parse(instantOfWallInput(z, wall) ?? '');
        // The autumn hour shows twice; its wall time names the first of the two instants.
        expect(back === minute || (back < minute && wallInputOf(z, back) === wall)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('around each DST change of the year, the days on either side still partition time', () => {
    fc.assert(
      fc.property(zone, fc.integer({ min: 2000, max: 2098 }), (z, year) => {
        let previous = zoneOffsetMinutes(z, Date.UTC(year, 0, 1));
        for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 6 * HOUR) {
          const offset = zoneOffsetMinutes(z, t);
          if (offset !== previous) {
            for (const date of [localDateOf(z, t - 6 * HOUR), localDateOf(z, t)]) {
              const start = startOfDayMs(z, date);
              expect(localDateOf(z, start - 1) < date).toBe(true);
              expect(startOfDayMs(z, addDays(date, 1))).toBeGreaterThanOrEqual(start);
            }
          }
          previous = offset;
        }
      }),
      { numRuns: 20 },
    );
  });
  it('dayOfQuarterHour (kept per quarter hour, for many rows) names the same day as localDateOf, around midnight too', () => {
    // From 2012: St John's changed its clocks at 00:01 until 2011, which a quarter hour cannot tell apart.
    const since2012 = fc.integer({ min: Date.UTC(2012, 0, 1), max: TO });
    fc.assert(
      fc.property(zone, since2012, fc.integer({ min: -20, max: 20 }), (z, t, minutes) => {
        // Near the zone's own midnight, where a wrong quarter hour would show.
        const midnight = startOfDayMs(z, localDateOf(z, t));
        const at = midnight + minutes * 60_000 + (t % 60_000);
        expect(dayOfQuarterHour(z, at)).toBe(localDateOf(z, at));
        expect(dayOfQuarterHour(z, t)).toBe(localDateOf(z, t));
      }),
      { numRuns: 400 },
    );
  });
});

describe('zonedTime examples', () => {
  it('Madrid: March 2026 starts on 28 Feb in UTC, its DST day has 23 hours and October’s 25', () => {
    expect(monthRange('Europe/Madrid', '2026-03-15')).toEqual({ from: '2026-02-28T23:00:00.000Z', to: '2026-03-31T22:00:00.000Z' });
    expect(localDateOf('Europe/Madrid', '2026-02-28T23:00:00.000Z')).toBe('2026-03-01');
    expect(dayLengthMs('Europe/Madrid', '2026-03-29')).toBe(23 * HOUR);
    expect(dayLengthMs('Europe/Madrid', '2026-10-25')).toBe(25 * HOUR);
    expect(localYearOf('Europe/Madrid', '2026-12-31T23:30:00.000Z')).toBe(2027);
  });

  it('Santiago: the day DST starts begins at 01:00, its midnight never happened', () => {
    const start = startOfDayIso('America/Santiago', '2026-09-06');
    expect(wallClock('America/Santiago', Date.parse(start))).toMatchObject({ day: 6, hour: 1, minute: 0 });
    expect(dayLengthMs('America/Santiago', '2026-09-06')).toBe(23 * HOUR);
  });

  it('Apia skipped 30 December 2011: that day lasts nothing and the 29th runs into the 31st', () => {
    expect(dayLengthMs('Pacific/Apia', '2011-12-30')).toBe(0);
    expect(daysToRange('Pacific/Apia', '2011-12-29', '2011-12-30').to).toBe(startOfDayIso('Pacific/Apia', '2011-12-31'));
  });

  it('checks zone names with Intl', () => {
    expect(isValidTimeZone('Europe/Madrid')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Europe/Atlantis')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
    expect(isValidTimeZone(42)).toBe(false);
  });
});
