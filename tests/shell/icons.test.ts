// The app icon: one SVG source, committed PNG/ICO sizes made from it, referenced by electron-builder, the window and
// the renderer build (favicon), so no page load asks for a /favicon.ico that is not there.
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveShellPaths } from '../../electron/main/paths';
import { buildWindowOptions } from '../../electron/main/window-options';
import { DEFAULT_WINDOW_STATE } from '../../electron/main/window-state';
import { icoFromPngs, PNG_SIZES } from '../../scripts/make-icons';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const at = (...parts: string[]) => path.join(repoRoot, ...parts);

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** The sizes an .ico directory lists, each image checked to be a PNG of that size. */
function icoSizes(ico: Buffer): number[] {
  expect(ico.readUInt16LE(0)).toBe(0);
  expect(ico.readUInt16LE(2)).toBe(1);
  const sizes: number[] = [];
  for (let i = 0; i < ico.readUInt16LE(4); i += 1) {
    const entry = 6 + 16 * i;
    const size = ico.readUInt8(entry) || 256;
    const image = ico.subarray(ico.readUInt32LE(entry + 12), ico.readUInt32LE(entry + 12) + ico.readUInt32LE(entry + 8));
    expect(pngSize(image)).toEqual({ width: size, height: size });
    sizes.push(size);
  }
  return sizes;
}

describe('app icon', () => {
  it('has every PNG size committed, square and of its named size, plus the 1024 px macOS source', () => {
    expect(readFileSync(at('build', 'icon.svg'), 'utf8')).toContain('<svg');
    for (const size of PNG_SIZES) {
      expect(pngSize(readFileSync(at('build', 'icons', `${size}x${size}.png`)))).toEqual({ width: size, height: size });
    }
    expect(pngSize(readFileSync(at('build', 'icon.png')))).toEqual({ width: 1024, height: 1024 });
  });

  it('has a Windows .ico up to 256 px and a favicon for the renderer build', () => {
    expect(icoSizes(readFileSync(at('build', 'icon.ico')))).toEqual([16, 24, 32, 48, 64, 128, 256]);
    expect(icoSizes(readFileSync(at('renderer', 'public', 'favicon.ico')))).toEqual([16, 32, 48]);
    expect(readFileSync(at('renderer', 'public', 'favicon.svg'), 'utf8')).toBe(readFileSync(at('build', 'icon.svg'), 'utf8'));
    const html = readFileSync(at('renderer', 'index.html'), 'utf8');
    expect(html).toContain('<link rel="icon" href="./favicon.ico"');
    expect(html).toContain('<link rel="icon" href="./favicon.svg" type="image/svg+xml"');
  });

  it('writes an .ico directory that points at each PNG', () => {
    const png = readFileSync(at('build', 'icons', '16x16.png'));
    const big = readFileSync(at('build', 'icons', '256x256.png'));
    expect(icoSizes(icoFromPngs([{ size: 16, png }, { size: 256, png: big }]))).toEqual([16, 256]);
  });

  it('is referenced by electron-builder for every platform and shipped for the Linux window', () => {
    const config = structuredClone(createRequire(at('package.json'))(at('build', 'electron-builder.config.cjs'))) as {
      icon: string;
      linux: { icon: string };
      win: { icon: string };
      mac: { icon: string };
      extraResources: { from: string; to: string }[];
    };
    expect(config.icon).toBe('build/icon.png');
    expect(config.linux.icon).toBe('build/icons');
    expect(config.win.icon).toBe('build/icon.ico');
    expect(config.mac.icon).toBe('build/icon.png');
    for (const file of [config.icon, config.win.icon, config.mac.icon, config.linux.icon]) expect(existsSync(at(file)), file).toBe(true);
    expect(config.extraResources).toContainEqual({ from: 'build/icons/512x512.png', to: 'icon.png' });
  });

  it('is the BrowserWindow icon, from the repo in development and from resources when packaged', () => {
    const dev = resolveShellPaths({ isPackaged: false, appPath: repoRoot, resourcesPath: '/electron/resources', mainDir: at('dist-electron') });
    expect(existsSync(dev.iconPath)).toBe(true);
    expect(resolveShellPaths({ isPackaged: true, appPath: '/opt/E/resources/app.asar', resourcesPath: '/opt/E/resources', mainDir: '/x' }).iconPath).toBe('/opt/E/resources/icon.png');
    expect(buildWindowOptions({ preloadPath: '/p.cjs', title: 'Emerald', state: DEFAULT_WINDOW_STATE, iconPath: dev.iconPath }).icon).toBe(dev.iconPath);
  });
});
