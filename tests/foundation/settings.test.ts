// Company and app settings: defaults, validation of every field, and what a bad stored value does.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, readSessionTimeoutMinutes, readSettings } from '../../electron/services/settings';
import { startTestApp, type TestApp } from '../support/backend';
import { expectError, MINUTE } from './helpers';
import { settingsVersions } from '../support/versions';

let app: TestApp;
beforeEach(async () => {
  app = await startTestApp();
});
afterEach(() => app.close());

// The 8-byte PNG signature plus an IHDR start: enough to be recognised as a PNG.
const PNG_BYTES = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const PNG_LOGO = `data:image/png;base64,${PNG_BYTES.toString('base64')}`;
const JPEG_LOGO = `data:image/jpeg;base64,${Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46]).toString('base64')}`;

describe('settings', () => {
  it('starts from the defaults, any signed-in user can read them, only settings:admin can change them', async () => {
    expect(await app.admin.call('settings.get', {})).toEqual({ ...DEFAULT_SETTINGS, versions: {} });
    expect(DEFAULT_SETTINGS.sessionTimeoutMinutes).toBe(30);
    const tech = await app.userWithRole('Técnico', 'tec1');
    expect(await tech.caller.call('settings.get', {})).toEqual({ ...DEFAULT_SETTINGS, versions: {} });
    await expectError(tech.caller, 'settings.update', { versions: await settingsVersions(app.admin), companyName: 'x' }, 'FORBIDDEN');
  });

  it('an update changes only the fields it names and is what later reads return', async () => {
    const updated = await app.admin.call('settings.update', { versions: await settingsVersions(app.admin),
      companyName: '  Servicios Técnicos Ñandú  ',
      ticketPrefix: 'SOP',
      workOrderPrefix: 'VIS2',
      sessionTimeoutMinutes: 45,
      language: 'es',
      companyLogo: PNG_LOGO,
    });
    expect(updated).toEqual({
      ...DEFAULT_SETTINGS,
      companyName: 'Servicios Técnicos Ñandú',
      ticketPrefix: 'SOP',
      workOrderPrefix: 'VIS2',
      sessionTimeoutMinutes: 45,
      language: 'es',
      companyLogo: PNG_LOGO,
      versions: expect.any(Object),
    });
    await app.admin.call('settings.update', { versions: await settingsVersions(app.admin), companyAddress: 'Calle Mayor 1' });
    expect(await app.admin.call('settings.get', {})).toEqual({ ...updated, companyAddress: 'Calle Mayor 1', versions: expect.any(Object) });
    expect((await app.caller().call('auth.status', {})).companyName).toBe('Servicios Técnicos Ñandú');
    await app.admin.call('settings.update', { versions: await settingsVersions(app.admin), companyLogo: JPEG_LOGO });
    expect((await app.admin.call('settings.update', { versions: await settingsVersions(app.admin), companyLogo: null })).companyLogo).toBeNull();
  });

  it.each([
    ['lower-case ticket prefix', { ticketPrefix: 'tk' }],
    ['too long ticket prefix', { ticketPrefix: 'ABCDEFGHI' }],
    ['prefix with a dash', { workOrderPrefix: 'O-T' }],
    ['empty prefix', { workOrderPrefix: '' }],
    ['timeout of 0', { sessionTimeoutMinutes: 0 }],
    ['timeout above a day', { sessionTimeoutMinutes: 24 * 60 + 1 }],
    ['fractional timeout', { sessionTimeoutMinutes: 1.5 }],
    ['timeout as text', { sessionTimeoutMinutes: '30' }],
    ['unknown language', { language: 'fr' }],
    ['logo as a web address', { companyLogo: 'https://example.com/logo.png' }],
    ['SVG logo (can carry script)', { companyLogo: 'data:image/svg+xml;base64,PHN2Zz4=' }],
    ['logo with non-base64 characters', { companyLogo: 'data:image/png;base64,<script>' }],
    ['logo over the size limit', { companyLogo: `data:image/png;base64,${'A'.repeat(700_001)}` }],
    ['unknown key', { theme: 'dark' }],
  ])('refuses a %s with VALIDATION and changes nothing', async (_label, patch) => {
    await expectError(app.admin, 'settings.update', { versions: await settingsVersions(app.admin), ...patch }, 'VALIDATION');
    expect(await app.admin.call('settings.get', {})).toEqual({ ...DEFAULT_SETTINGS, versions: {} });
  });

  it('readSessionTimeoutMinutes agrees with readSettings', async () => {
    const { db } = app.backend.database;
    expect(readSessionTimeoutMinutes(db)).toBe(readSettings(db).sessionTimeoutMinutes);
    await app.admin.call('settings.update', { versions: await settingsVersions(app.admin), sessionTimeoutMinutes: 12 });
    expect(readSessionTimeoutMinutes(db)).toBe(12);
    expect(readSettings(db).sessionTimeoutMinutes).toBe(12);
  });

  it('accepts the timeout bounds 1 and 1440 minutes', async () => {
    expect((await app.admin.call('settings.update', { versions: await settingsVersions(app.admin), sessionTimeoutMinutes: 1 })).sessionTimeoutMinutes).toBe(1);
    expect((await app.admin.call('settings.update', { versions: await settingsVersions(app.admin), sessionTimeoutMinutes: 1440 })).sessionTimeoutMinutes).toBe(1440);
  });

  it('refuses a logo whose bytes are not the PNG or JPEG its data URL claims', async () => {
    const fake = `data:image/png;base64,${Buffer.from('GIF89a, not a png at all').toString('base64')}`;
    await expectError(app.admin, 'settings.update', { versions: await settingsVersions(app.admin), companyLogo: fake }, 'VALIDATION', 'invalid_logo');
    const swapped = `data:image/jpeg;base64,${PNG_BYTES.toString('base64')}`;
    await expectError(app.admin, 'settings.update', { versions: await settingsVersions(app.admin), companyLogo: swapped }, 'VALIDATION', 'invalid_logo');
    expect((await app.admin.call('settings.get', {})).companyLogo).toBeNull();
  });

  it('a stored value of the wrong type falls back to the default, so sessions still expire', async () => {
    const { sqlite } = app.backend.database;
    sqlite.prepare("INSERT INTO settings (key, value) VALUES ('sessionTimeoutMinutes', '\"forever\"')").run();
    sqlite.prepare("INSERT INTO settings (key, value) VALUES ('language', '\"klingon\"')").run();
    const read = await app.admin.call('settings.get', {});
    expect(read.sessionTimeoutMinutes).toBe(DEFAULT_SETTINGS.sessionTimeoutMinutes);
    expect(read.language).toBe(DEFAULT_SETTINGS.language);
    expect(readSessionTimeoutMinutes(app.backend.database.db)).toBe(DEFAULT_SETTINGS.sessionTimeoutMinutes);
    app.clock.advance(DEFAULT_SETTINGS.sessionTimeoutMinutes * MINUTE + 1000);
    await expectError(app.admin, 'auth.me', {}, 'UNAUTHENTICATED', 'session_expired');
  });
});
