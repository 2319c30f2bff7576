// The native menu template and the localized startup dialogs, in both languages.
import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import type { DatabaseOpenFailure } from '../../db/errors';
import { buildMenuTemplate } from '../../electron/main/menu';
import { DATABASE_FAILURES, databaseErrorDialog, languageFor, unexpectedErrorDialog } from '../../electron/main/messages';
import { resolveDataDir, resolveShellPaths } from '../../electron/main/paths';

const ALL_REASONS: DatabaseOpenFailure[] = ['missing', 'newer_version', 'not_emerald', 'locked', 'corrupt', 'missing_schema', 'unreadable', 'same_file', 'read_only', 'disk_full', 'migration_failed'];

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu as MenuItemConstructorOptions[]) : [])]);
}

describe('language', () => {
  it.each([
    ['es', 'es'],
    ['es-ES', 'es'],
    ['es-419', 'es'],
    ['es_MX', 'es'],
    ['ES-ar', 'es'],
    ['en-US', 'en'],
    ['pt-BR', 'en'],
    ['est', 'en'],
    ['', 'en'],
  ])('%s → %s', (locale, language) => {
    expect(languageFor(locale)).toBe(language);
  });
});

describe('database dialogs', () => {
  it('covers every DatabaseOpenError reason', () => {
    expect([...DATABASE_FAILURES].sort()).toEqual([...ALL_REASONS].sort());
  });

  it.each(ALL_REASONS)('%s has its own Spanish and English text naming the file', (reason) => {
    const es = databaseErrorDialog(reason, 'es', '/datos/emerald.db');
    const en = databaseErrorDialog(reason, 'en', '/data/emerald.db');
    expect(es.title).toBe('Emerald no puede abrir sus datos');
    expect(en.title).toBe('Emerald cannot open its data');
    expect(es.detail).toContain('Archivo: /datos/emerald.db');
    expect(en.detail).toContain('File: /data/emerald.db');
    expect(es.message).not.toBe(en.message);
    const others = ALL_REASONS.filter((other) => other !== reason);
    for (const other of others) expect(databaseErrorDialog(other, 'es', 'f').message).not.toBe(es.message);
  });

  it('says the file was not changed for the reasons where Emerald refuses to touch it', () => {
    for (const reason of ['newer_version', 'not_emerald', 'corrupt'] as const) {
      expect(databaseErrorDialog(reason, 'es', 'f').detail).toContain('no se ha modificado');
      expect(databaseErrorDialog(reason, 'en', 'f').detail).toContain('has not been changed');
    }
    expect(databaseErrorDialog('newer_version', 'es', 'f').message).toContain('versión más reciente');
    expect(databaseErrorDialog('locked', 'en', 'f').message).toContain('in use');
  });

  it('words an unexpected failure with its message', () => {
    expect(unexpectedErrorDialog('es', new Error('boom'))).toEqual({ title: 'Emerald no pudo iniciarse', message: 'Se produjo un error inesperado al iniciar.', detail: 'boom' });
  });
});

describe('menu template', () => {
  it('is in Spanish for Spanish users and English otherwise, with no developer items in a packaged app', () => {
    const es = buildMenuTemplate({ language: 'es', platform: 'linux', appName: 'Emerald', developer: false });
    const en = buildMenuTemplate({ language: 'en', platform: 'linux', appName: 'Emerald', developer: false });
    expect(es.map((item) => item.label)).toEqual(['Archivo', 'Edición', 'Ver', 'Ventana', 'Ayuda']);
    expect(en.map((item) => item.label)).toEqual(['File', 'Edit', 'View', 'Window', 'Help']);
    const roles = flatten(es).map((item) => item.role).filter(Boolean);
    expect(roles).toEqual(expect.arrayContaining(['quit', 'close', 'undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'zoomIn', 'zoomOut', 'resetZoom']));
    expect(roles).not.toContain('toggleDevTools');
    expect(roles).not.toContain('reload');
    expect(flatten(es).find((item) => item.role === 'copy')?.label).toBe('Copiar');
    expect(flatten(en).find((item) => item.role === 'copy')?.label).toBe('Copy');
    for (const item of flatten(es)) if (item.type !== 'separator') expect(item.label, String(item.role)).toBeTruthy();
  });

  it('adds developer items in development and the app menu on macOS', () => {
    const dev = flatten(buildMenuTemplate({ language: 'en', platform: 'linux', appName: 'Emerald', developer: true }));
    expect(dev.map((item) => item.role)).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
    const mac = buildMenuTemplate({ language: 'es', platform: 'darwin', appName: 'Emerald', developer: false });
    expect(mac[0]?.label).toBe('Emerald');
    expect(flatten([mac[0] as MenuItemConstructorOptions]).map((item) => item.role)).toContain('quit');
    expect(flatten([mac[1] as MenuItemConstructorOptions]).map((item) => item.role)).not.toContain('quit');
  });
});

describe('shell paths', () => {
  it('finds the renderer, preload and migrations in development and when packaged', () => {
    expect(resolveShellPaths({ isPackaged: false, appPath: '/repo', resourcesPath: '/electron/resources', mainDir: '/repo/dist-electron' })).toEqual({
      staticDir: '/repo/dist',
      preloadPath: '/repo/dist-electron/preload.cjs',
      migrationsFolder: '/repo/db/migrations',
      iconPath: '/repo/build/icons/512x512.png',
    });
    expect(resolveShellPaths({ isPackaged: true, appPath: '/opt/Emerald/resources/app.asar', resourcesPath: '/opt/Emerald/resources', mainDir: '/opt/Emerald/resources/app.asar/dist-electron' })).toEqual({
      staticDir: '/opt/Emerald/resources/app.asar/dist',
      preloadPath: '/opt/Emerald/resources/app.asar/dist-electron/preload.cjs',
      migrationsFolder: '/opt/Emerald/resources/migrations',
      iconPath: '/opt/Emerald/resources/icon.png',
    });
  });

  it('uses EMERALD_DATA_DIR over the user-data folder', () => {
    expect(resolveDataDir({}, '/home/u/.config/Emerald')).toBe('/home/u/.config/Emerald');
    expect(resolveDataDir({ EMERALD_DATA_DIR: '  ' }, '/home/u/.config/Emerald')).toBe('/home/u/.config/Emerald');
    expect(resolveDataDir({ EMERALD_DATA_DIR: '/srv/emerald' }, '/home/u/.config/Emerald')).toBe('/srv/emerald');
  });
});
