// Where a new plan's time starts and when "Registra una visita ya realizada" applies (newcomer's trial: the schedule
// dialog started at the current minute, already past when sent, and kept the checkbox after a future date was typed).
// The company clock decides, whatever zone this computer is in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Dates from '../../renderer/src/features/workOrders/dates';

const previousTz = process.env.TZ;
process.env.TZ = 'America/New_York';

let dates: typeof Dates;
beforeAll(async () => {
  dates = await import('../../renderer/src/features/workOrders/dates');
});
afterAll(() => {
  if (previousTz === undefined) delete process.env.TZ;
  else process.env.TZ = previousTz;
});

const at = (iso: string) => Date.parse(iso);
const DAY = 86_400_000;

describe('a new plan starts at the next whole hour on the company clock', () => {
  it('10:37 in Madrid starts at 11:00; exactly 10:00 starts at 11:00 (10:00 is already now)', () => {
    expect(dates.nextWholeHourInput('Europe/Madrid', at('2026-03-02T09:37:12Z'))).toBe('2026-03-02T11:00');
    expect(dates.nextWholeHourInput('Europe/Madrid', at('2026-03-02T09:00:00Z'))).toBe('2026-03-02T11:00');
  });

  it('late evening rolls to the next day; a half-hour zone still lands on its own whole hour', () => {
    expect(dates.nextWholeHourInput('Europe/Madrid', at('2026-03-02T22:59:00Z'))).toBe('2026-03-03T00:00');
    expect(dates.nextWholeHourInput('Asia/Kolkata', at('2026-03-02T04:10:00Z'))).toBe('2026-03-02T10:00'); // 09:40 there
  });

  it('the night the clocks go forward (Madrid, 29 March 2026 02:00 → 03:00)', () => {
    expect(dates.nextWholeHourInput('Europe/Madrid', at('2026-03-29T00:30:00Z'))).toBe('2026-03-29T03:00'); // 01:30 there
  });

  it('the night the clocks go back (Madrid, 25 October 2026 03:00 → 02:00): 02:00 reads as its first, past, instant', () => {
    expect(dates.nextWholeHourInput('Europe/Madrid', at('2026-10-25T00:30:00Z'))).toBe('2026-10-25T03:00'); // first 02:30 there
    expect(dates.nextWholeHourInput('Europe/Madrid', at('2026-10-25T01:30:00Z'))).toBe('2026-10-25T03:00'); // second 02:30
    expect(dates.nextWholeHourInput('Europe/Madrid', at('2026-10-24T23:30:00Z'))).toBe('2026-10-25T02:00'); // 01:30: 02:00 is ahead
  });

  it('the default is never in the past: every 5 minutes of the days around each clock change, in zones that have them', () => {
    const changes: [string, string[]][] = [
      ['Europe/Madrid', ['2026-03-29', '2026-10-25']],
      ['America/New_York', ['2026-03-08', '2026-11-01']],
      ['Australia/Lord_Howe', ['2026-04-05', '2026-10-04']], // half an hour
      ['Asia/Kolkata', ['2026-06-01']], // none
    ];
    for (const [zone, days] of changes) {
      for (const day of days) {
        for (let now = at(`${day}T00:00:00Z`) - DAY; now < at(`${day}T00:00:00Z`) + 2 * DAY; now += 5 * 60_000) {
          expect(dates.isPastInput(dates.nextWholeHourInput(zone, now), zone, now), `${zone} ${new Date(now).toISOString()}`).toBe(false);
        }
      }
    }
  });
});

describe('isPastInput: the checkbox shows only for a time already gone', () => {
  const now = at('2026-03-02T09:37:00Z'); // 10:37 in Madrid
  it.each([
    ['2026-03-02T10:36', true],
    ['2026-03-02T10:37', false],
    ['2026-03-02T11:00', false],
    ['2026-03-01T18:00', true],
    ['', false],
    ['2026-03-02T', false],
  ])('%s → %s', (value, past) => {
    expect(dates.isPastInput(value, 'Europe/Madrid', now)).toBe(past);
  });
});
