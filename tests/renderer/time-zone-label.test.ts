import { describe, expect, it } from 'vitest';
import { timeZoneLabel } from '../../renderer/src/lib/timeZoneLabel';

const winter = new Date('2026-01-15T12:00:00Z');
const summer = new Date('2026-07-15T12:00:00Z');

describe('a time zone in the settings list', () => {
  it('says its name in the interface language and its offset at that moment', () => {
    expect(timeZoneLabel('Europe/Madrid', 'es', winter)).toBe('Europe/Madrid · GMT+1 · hora de Europa central');
    expect(timeZoneLabel('Europe/Madrid', 'es', summer)).toBe('Europe/Madrid · GMT+2 · hora de Europa central');
    expect(timeZoneLabel('Europe/Madrid', 'en', winter)).toBe('Europe/Madrid · GMT+1 · Central European Time');
    expect(timeZoneLabel('America/Argentina/Buenos_Aires', 'es', winter)).toBe('America/Argentina/Buenos Aires · GMT-3 · hora estándar de Argentina');
  });

  it('names a zone that has no name of its own by its offset once', () => {
    expect(timeZoneLabel('UTC', 'es', winter)).toBe('UTC · GMT+0');
  });
});
