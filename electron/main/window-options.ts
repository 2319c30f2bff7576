// The one window's options as a pure function, so its security settings are asserted by a test.
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';
import type { WindowState } from './window-state';

export const MIN_WIDTH = 960;
export const MIN_HEIGHT = 600;

/** DevTools only in development builds: a packaged app gives a user no console into the main window. */
export function buildWebPreferences(preloadPath: string, devTools = false): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    // Middle-click would open links in new windows; denied anyway, but cut off at the source.
    disableBlinkFeatures: 'Auxclick',
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    devTools,
  };
}

export function buildWindowOptions(options: { preloadPath: string; state: WindowState; title: string; devTools?: boolean; iconPath?: string }): BrowserWindowConstructorOptions {
  const { state } = options;
  return {
    title: options.title,
    ...(options.iconPath ? { icon: options.iconPath } : {}),
    width: state.width,
    height: state.height,
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : { center: true }),
    minWidth: MIN_WIDTH,
    minHeight: MIN_HEIGHT,
    // Shown on 'ready-to-show', so the user never sees an empty frame.
    show: false,
    backgroundColor: '#ffffff',
    autoHideMenuBar: false,
    webPreferences: buildWebPreferences(options.preloadPath, options.devTools ?? false),
  };
}
