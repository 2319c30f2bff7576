// Creates the one secure window, restores its size and position, and saves them when it closes.
import { BrowserWindow, screen, shell } from 'electron';
import path from 'node:path';
import { APP_INDEX_URL } from './app-protocol';
import { hardenWebContents } from './security';
import { buildWindowOptions, MIN_HEIGHT, MIN_WIDTH } from './window-options';
import { clampWindowState, loadWindowState, saveWindowState, WINDOW_STATE_FILE } from './window-state';

export interface WindowDeps {
  preloadPath: string;
  userDataDir: string;
  title: string;
  iconPath: string;
  devTools: boolean;
  onClosed(webContentsId: number): void;
}

export function createMainWindow(deps: WindowDeps): BrowserWindow {
  const stateFile = path.join(deps.userDataDir, WINDOW_STATE_FILE);
  const workAreas = screen.getAllDisplays().map((display) => display.workArea);
  const state = clampWindowState(loadWindowState(stateFile), workAreas, { width: MIN_WIDTH, height: MIN_HEIGHT });
  const options = buildWindowOptions({ preloadPath: deps.preloadPath, state, title: deps.title, devTools: deps.devTools, iconPath: deps.iconPath });
  // The security switches restated literally, so electronegativity sees them at the constructor (the builder's test asserts the same).
  const window = new BrowserWindow({
    ...options,
    webPreferences: { ...options.webPreferences, contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, disableBlinkFeatures: 'Auxclick' },
  });
  // The customer page's tel:, mailto: and map links open in the system's apps (target=_blank reaches the open handler).
  hardenWebContents(window.webContents, (url) => void shell.openExternal(url));

  window.once('ready-to-show', () => {
    if (state.maximized) window.maximize();
    window.show();
  });
  window.on('close', () => {
    try {
      const bounds = window.getNormalBounds();
      saveWindowState(stateFile, { ...bounds, maximized: window.isMaximized() });
    } catch {
      // Losing the window position is not worth blocking the close.
    }
  });
  const webContentsId = window.webContents.id;
  window.on('closed', () => deps.onClosed(webContentsId));

  void window.loadURL(APP_INDEX_URL);
  return window;
}
