// The window's security options and its remembered size and position.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildWebPreferences, buildWindowOptions, MIN_HEIGHT, MIN_WIDTH } from '../../electron/main/window-options';
import { clampWindowState, DEFAULT_WINDOW_STATE, loadWindowState, parseWindowState, saveWindowState, type Rect } from '../../electron/main/window-state';

describe('webPreferences', () => {
  it('isolates and sandboxes the renderer, with no Node and web security on', () => {
    const prefs = buildWebPreferences('/app/dist-electron/preload.cjs');
    expect(prefs).toMatchObject({
      preload: '/app/dist-electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      disableBlinkFeatures: 'Auxclick',
      webviewTag: false,
      devTools: false,
    });
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs).not.toHaveProperty('additionalArguments');
    expect(buildWebPreferences('/p', true).devTools).toBe(true);
  });

  it('starts hidden at the remembered bounds, or centered when there is no position', () => {
    const placed = buildWindowOptions({ preloadPath: '/p.cjs', title: 'Emerald', state: { x: 10, y: 20, width: 1000, height: 700, maximized: false } });
    expect(placed).toMatchObject({ x: 10, y: 20, width: 1000, height: 700, show: false, minWidth: MIN_WIDTH, minHeight: MIN_HEIGHT });
    expect(placed.webPreferences).toEqual(buildWebPreferences('/p.cjs'));
    const centered = buildWindowOptions({ preloadPath: '/p.cjs', title: 'Emerald', state: DEFAULT_WINDOW_STATE });
    expect(centered.center).toBe(true);
    expect(centered).not.toHaveProperty('x');
  });
});

describe('window state', () => {
  const laptop: Rect = { x: 0, y: 0, width: 1920, height: 1040 };
  const rightMonitor: Rect = { x: 1920, y: 0, width: 2560, height: 1400 };
  const min = { width: MIN_WIDTH, height: MIN_HEIGHT };

  it('parses what it saved and falls back field by field on junk', () => {
    expect(parseWindowState({ x: 5, y: 6, width: 1100, height: 750, maximized: true })).toEqual({ x: 5, y: 6, width: 1100, height: 750, maximized: true });
    expect(parseWindowState(null)).toEqual(DEFAULT_WINDOW_STATE);
    expect(parseWindowState({ x: 'a', y: 3, width: -4, height: 1.5, maximized: 'yes' })).toEqual(DEFAULT_WINDOW_STATE);
    expect(parseWindowState({ x: 3, width: 900 })).toEqual({ ...DEFAULT_WINDOW_STATE, width: 900 });
  });

  it('keeps a window that is on a screen where it was', () => {
    const state = { x: 2000, y: 100, width: 1400, height: 900, maximized: false };
    expect(clampWindowState(state, [laptop, rightMonitor], min)).toEqual(state);
  });

  it('drops the position of a window whose monitor is gone, and shrinks it to the screens left', () => {
    const state = { x: 2000, y: 100, width: 2400, height: 1300, maximized: true };
    expect(clampWindowState(state, [laptop], min)).toEqual({ width: 1920, height: 1040, maximized: true });
  });

  it('pulls a window hanging over an edge back inside its screen and enforces the minimum size', () => {
    expect(clampWindowState({ x: 1800, y: 10, width: 400, height: 300, maximized: false }, [laptop], min)).toEqual({
      x: 1920 - MIN_WIDTH,
      y: 10,
      width: MIN_WIDTH,
      height: MIN_HEIGHT,
      maximized: false,
    });
  });

  it('centers a window whose title bar would be above every screen (unreachable to drag)', () => {
    expect(clampWindowState({ x: 100, y: -500, width: 1000, height: 700, maximized: false }, [laptop], min)).toEqual({ width: 1000, height: 700, maximized: false });
  });

  it('saves atomically and loads back; a missing or broken file gives the defaults', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'emerald-window-'));
    try {
      const file = path.join(dir, 'nested', 'window-state.json');
      expect(loadWindowState(file)).toEqual(DEFAULT_WINDOW_STATE);
      saveWindowState(file, { x: 40, y: 50, width: 1200, height: 820, maximized: false });
      expect(loadWindowState(file)).toEqual({ x: 40, y: 50, width: 1200, height: 820, maximized: false });
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ x: 40, y: 50, width: 1200, height: 820, maximized: false });
      writeFileSync(file, '{not json');
      expect(loadWindowState(file)).toEqual(DEFAULT_WINDOW_STATE);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
