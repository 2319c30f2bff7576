// Calendar arithmetic behind the agenda, the schedule dialog and report periods, in Spanish local time (DST included).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Dates from '../../renderer/src/features/workOrders/dates';
import type * as Period from '../../renderer/src/features/reports/period';

// The agenda is used in Spain, where a week can last 7 days and 1 hour; set before any date code runs.
const previousTz = process.env.TZ;
process.env.TZ = 'Europe/Madrid';

let dates: typeof Dates;
let period: typeof Period;

beforeAll(async () => {
  dates = await import('../../renderer/src/features/workOrders/dates');
  period = await import('../../renderer/src/features/reports/period');
});

afterAll(() => {
  if (previousTz === undefined) delete process.env.TZ;
  else process.env.TZ = previousTz;
});

const day = (d: Date) => [d.getFullYear(), d.getMonth() + 1, d.getDate()];

describe('agenda window', () => {
  it('starts the week on Monday, also when the anchor is a Sunday evening', () => {
    const { days } = dates.windowOf('week', new Date(2026, 10, 29, 22, 15));
    expect(days.map(day)).toEqual([
      [2026, 11, 23],
      [2026, 11, 24],
      [2026, 11, 25],
      [2026, 11, 26],
      [2026, 11, 27],
      [2026, 11, 28],
      [2026, 11, 29],
    ]);
  });

  it('shows one day in day mode', () => {
    expect(dates.windowOf('day', new Date(2026, 0, 1, 0, 0)).days.map(day)).toEqual([[2026, 1, 1]]);
  });

  it('asks for whole local days across the end of summer time', () => {
    // 19–25 Oct 2026: clocks go back on Sunday the 25th, so the week lasts 169 hours.
    const range = dates.agendaRange('week', new Date(2026, 9, 21, 12));
    expect(range).toEqual({ from: '2026-10-18T22:00:00.000Z', to: '2026-10-25T23:00:00.000Z' });
    expect((Date.parse(range.to) - Date.parse(range.from)) / 3_600_000).toBe(169);
  });
});

describe('datetime-local fields', () => {
  it('round-trip an instant through the local wall clock', () => {
    expect(dates.toLocalInput('2026-07-01T07:30:00.000Z')).toBe('2026-07-01T09:30');
    expect(dates.fromLocalInput('2026-07-01T09:30')).toBe('2026-07-01T07:30:00.000Z');
    expect(dates.fromLocalInput('2026-12-01T09:30')).toBe('2026-12-01T08:30:00.000Z');
  });

  it('refuse an empty or broken value', () => {
    expect(dates.fromLocalInput('')).toBeNull();
    expect(dates.fromLocalInput('mañana')).toBeNull();
  });
});

describe('report periods', () => {
  it('include both chosen days', () => {
    expect(period.periodToInstants({ from: '2026-11-01', to: '2026-11-30' })).toEqual({
      from: '2026-10-31T23:00:00.000Z',
      to: '2026-11-30T23:00:00.000Z',
    });
  });

  it('accept a single day and refuse a reversed or incomplete period', () => {
    expect(period.periodToInstants({ from: '2026-11-29', to: '2026-11-29' })).toEqual({ from: '2026-11-28T23:00:00.000Z', to: '2026-11-29T23:00:00.000Z' });
    expect(period.periodToInstants({ from: '2026-11-30', to: '2026-11-01' })).toBeNull();
    expect(period.periodToInstants({ from: '', to: '2026-11-01' })).toBeNull();
  });

  it('default to the 1st of this month up to today', () => {
    expect(period.thisMonth(new Date(2026, 1, 17, 10))).toEqual({ from: '2026-02-01', to: '2026-02-17' });
  });
});
