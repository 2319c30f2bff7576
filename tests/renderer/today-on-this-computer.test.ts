// A fresh open of the board computes this week from Date's own fields (no Intl formatter before its first call): the
// same day the computer's zone gives through Intl, around midnight and in zones far from UTC.
import { afterAll, describe, expect, it } from 'vitest';
import { systemTimeZone } from '../../electron/contract/zonedTime';
import { todayIn, todayOnThisComputer } from '../../renderer/src/features/workOrders/dates';

const previousTz = process.env.TZ;
afterAll(() => {
  if (previousTz === undefined) delete process.env.TZ;
  else process.env.TZ = previousTz;
});

describe('todayOnThisComputer', () => {
  for (const zone of ['UTC', 'Europe/Madrid', 'America/Los_Angeles', 'Pacific/Kiritimati', 'Asia/Tokyo']) {
    it(`is the day Intl gives in ${zone}`, () => {
      process.env.TZ = zone;
      expect(systemTimeZone()).toBe(zone);
      for (const iso of ['2026-12-02T23:30:00Z', '2026-12-02T00:10:00Z', '2026-03-29T01:30:00Z', '2026-10-25T00:59:00Z', '2027-01-01T10:00:00Z']) {
        const now = new Date(iso);
        expect(todayOnThisComputer(now), iso).toBe(todayIn(zone, now));
      }
    });
  }
});
