// Calendar arithmetic behind the agenda, the schedule dialog and report periods: days of the company zone (here
// Europe/Madrid, DST included) whatever zone the computer is in (18.16), the datetime-local fields' wall times too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Dates from '../../renderer/src/features/workOrders/dates';
import type * as Period from '../../renderer/src/features/reports/period';

// This computer is in New York; the company is in Madrid. Set before any date code runs: nothing may follow it.
const previousTz = process.env.TZ;
process.env.TZ = 'America/New_York';

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

const MADRID = 'Europe/Madrid';

describe('agenda window', () => {
  it('starts the week on Monday, also when the anchor is a Sunday evening', () => {
    // Sunday 29 Nov 2026, 22:15 in Madrid: 21:15 UTC, still the 29th there whatever the computer's zone.
    const anchor = dates.todayIn(MADRID, new Date('2026-11-29T21:15:00.000Z'));
    expect(anchor).toBe('2026-11-29');
    expect(dates.windowOf('week', anchor).days).toEqual(['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29']);
  });

  it('shows one day in day mode, and dates an OT by the company calendar', () => {
    expect(dates.windowOf('day', '2026-01-01').days).toEqual(['2026-01-01']);
    // 23:30 UTC on 31 Dec is already New Year's Day in Madrid.
    expect(dates.dayOf(MADRID, '2026-12-31T23:30:00.000Z')).toBe('2027-01-01');
  });

  it('asks for whole company days across the end of summer time', () => {
    // 19–25 Oct 2026: clocks go back on Sunday the 25th, so the week lasts 169 hours.
    const range = dates.agendaRange('week', '2026-10-21', MADRID);
    expect(range).toEqual({ from: '2026-10-18T22:00:00.000Z', to: '2026-10-25T23:00:00.000Z' });
    expect((Date.parse(range.to) - Date.parse(range.from)) / 3_600_000).toBe(169);
  });
});

describe('datetime-local fields', () => {
  it('round-trip an instant through the company wall clock', () => {
    expect(dates.toLocalInput('2026-07-01T07:30:00.000Z', MADRID)).toBe('2026-07-01T09:30');
    expect(dates.fromLocalInput('2026-07-01T09:30', MADRID)).toBe('2026-07-01T07:30:00.000Z');
    expect(dates.fromLocalInput('2026-12-01T09:30', MADRID)).toBe('2026-12-01T08:30:00.000Z');
  });

  it('read a skipped spring time forward and a repeated autumn time as its first occurrence', () => {
    expect(dates.fromLocalInput('2026-03-29T02:30', MADRID)).toBe('2026-03-29T01:30:00.000Z'); // shows 03:30
    expect(dates.fromLocalInput('2026-10-25T02:30', MADRID)).toBe('2026-10-25T00:30:00.000Z');
  });

  it('refuse an empty or broken value', () => {
    expect(dates.fromLocalInput('', MADRID)).toBeNull();
    expect(dates.fromLocalInput('mañana', MADRID)).toBeNull();
    expect(dates.fromLocalInput('2026-02-30T10:00', MADRID)).toBeNull();
  });
});

describe('report periods', () => {
  it('include both chosen days', () => {
    expect(period.periodToInstants({ from: '2026-11-01', to: '2026-11-30' }, MADRID)).toEqual({
      from: '2026-10-31T23:00:00.000Z',
      to: '2026-11-30T23:00:00.000Z',
    });
  });

  it('accept a single day and refuse a reversed or incomplete period', () => {
    expect(period.periodToInstants({ from: '2026-11-29', to: '2026-11-29' }, MADRID)).toEqual({ from: '2026-11-28T23:00:00.000Z', to: '2026-11-29T23:00:00.000Z' });
    expect(period.periodToInstants({ from: '2026-11-30', to: '2026-11-01' }, MADRID)).toBeNull();
    expect(period.periodToInstants({ from: '', to: '2026-11-01' }, MADRID)).toBeNull();
  });

  it('default to this whole month, its visits still to come included', () => {
    expect(period.thisMonth(MADRID, new Date('2026-02-17T10:00:00.000Z'))).toEqual({ from: '2026-02-01', to: '2026-02-28' });
  });

  it('follow the company zone, not the computer’s: March in Santiago from a Madrid computer', () => {
    expect(period.periodToInstants({ from: '2026-03-01', to: '2026-03-31' }, 'America/Santiago')).toEqual({
      from: '2026-03-01T03:00:00.000Z',
      to: '2026-04-01T03:00:00.000Z',
    });
    expect(period.thisMonth('Pacific/Kiritimati', new Date('2026-02-28T11:00:00.000Z'))).toEqual({ from: '2026-03-01', to: '2026-03-31' });
  });
});
