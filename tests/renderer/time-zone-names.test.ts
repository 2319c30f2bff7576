// Issue 18 (polish): the company time-zone picker listed old IANA spellings (Europe/Kiev, Asia/Calcutta,
// America/Buenos_Aires) beside current ones. It offers current names only; a stored old name still works.
import { describe, expect, it } from 'vitest';
import { canonicalTimeZone, isOldTimeZoneName, timeZoneChoices } from '../../electron/contract/timeZoneNames';
import { isValidTimeZone, wallClock } from '../../electron/contract/zonedTime';

const known = Intl.supportedValuesOf('timeZone');

describe('time-zone picker names', () => {
  it('lists no old spelling, and the current names in their place', () => {
    // This runtime's list is CLDR's: it does hold the old spellings, which is why the mapping exists.
    expect(known).toContain('Europe/Kiev');
    const choices = timeZoneChoices(known, 'Europe/Madrid');
    for (const old of ['Europe/Kiev', 'Asia/Calcutta', 'America/Buenos_Aires', 'Asia/Saigon', 'America/Godthab', 'Atlantic/Faeroe']) expect(choices).not.toContain(old);
    expect(choices).toEqual(expect.arrayContaining(['Europe/Kyiv', 'Asia/Kolkata', 'America/Argentina/Buenos_Aires', 'Asia/Ho_Chi_Minh', 'America/Nuuk', 'Atlantic/Faroe', 'UTC', 'Europe/Madrid']));
    expect(choices.filter(isOldTimeZoneName)).toEqual([]);
    expect(new Set(choices).size).toBe(choices.length);
    // Zones of other countries merged in tzdb are still offered under their own names.
    expect(choices).toEqual(expect.arrayContaining(['Europe/Amsterdam', 'Europe/Bratislava', 'Europe/Vatican']));
  });

  it('every offered name is one the backend accepts and keeps the clock of the old name', () => {
    const instant = Date.UTC(2026, 6, 1, 12);
    for (const zone of timeZoneChoices(known, 'UTC')) expect(isValidTimeZone(zone), zone).toBe(true);
    for (const old of known.filter(isOldTimeZoneName)) expect(wallClock(canonicalTimeZone(old), instant), old).toEqual(wallClock(old, instant));
  });

  it('a stored old name is shown as its current name and is offered once', () => {
    expect(canonicalTimeZone('Europe/Kiev')).toBe('Europe/Kyiv');
    expect(canonicalTimeZone('Europe/Madrid')).toBe('Europe/Madrid');
    const choices = timeZoneChoices(known, 'Europe/Kiev');
    expect(choices.filter((z) => z === 'Europe/Kyiv')).toHaveLength(1);
    expect(choices).not.toContain('Europe/Kiev');
  });
});
