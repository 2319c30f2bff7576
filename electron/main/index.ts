// The Electron main process: one instance, the database opened before any window, one secure window on app://.
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session } from 'electron';
import { DatabaseOpenError } from '../../db/errors';
import { RESTORABLE_FAILURES } from '../../db/failures';
import { latestBackup, restoreDatabase } from '../../db/reliability';
import { createBackend, databasePath, type Backend } from '../ipc/backend';
import { registerIpcDispatcher, type IpcDispatcher } from '../ipc/electron-dispatch';
import { manageTelemetrySocket, type TelemetrySocketManager } from '../ipc/telemetry-socket';
import { startNetRuntime, type NetRuntime } from '../services/sync/background/runtime';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, createAppRequestHandler, isAppUrl } from './app-protocol';
import { buildMenuTemplate } from './menu';
import {
  databaseErrorDialog,
  languageFor,
  restoreFailedDialog,
  restoreOfferDialog,
  unexpectedErrorDialog,
  type DialogText,
  type Language,
} from './messages';
import { resolveDataDir, resolveShellPaths, type ShellPaths } from './paths';
import { hardenSession, hardenWebContents } from './security';
import { createMainWindow } from './window';

// Both must run before 'ready': every renderer sandboxed whatever its options; app:// a standard, secure origin.
app.enableSandbox();
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

let backend: Backend | null = null;
let dispatcher: IpcDispatcher | null = null;
let telemetrySocket: TelemetrySocketManager | null = null;
let mainWindow: BrowserWindow | null = null;
let net: NetRuntime | null = null;
let pathsForReopen: ShellPaths | null = null;

function showFatal(text: DialogText): void {
  dialog.showMessageBoxSync({ type: 'error', title: text.title, message: text.message, detail: text.detail, buttons: ['OK'], noLink: true });
}

/** After a refused open: offer the newest checked backup; true when it was restored. */
function offerRestore(language: Language, dataDir: string, migrationsFolder: string): boolean {
  const backup = latestBackup(dataDir, migrationsFolder);
  if (!backup) return false;
  const text = restoreOfferDialog(language, backup.createdAt);
  const choice = dialog.showMessageBoxSync({
    type: 'question',
    title: text.title,
    message: text.message,
    detail: text.detail,
    buttons: [text.restoreButton, text.quitButton],
    defaultId: 0,
    cancelId: 1,
    noLink: true,
  });
  if (choice !== 0) return false;
  try {
    restoreDatabase({ file: databasePath(dataDir), from: backup.path, openOptions: { migrationsFolder } }).database.close();
    return true;
  } catch (error) {
    showFatal(restoreFailedDialog(language, error));
    return false;
  }
}

/**
 * The after-start check found the file damaged: the words and the restore offer a refused open gets, once the
 * database is closed (a restore replaces it); Emerald starts again on the restored copy, or quits as it did before.
 */
async function damagedAfterStart(language: Language, dataDir: string, migrationsFolder: string): Promise<void> {
  const text = databaseErrorDialog('corrupt', language, databasePath(dataDir));
  await dialog.showMessageBox({ type: 'error', title: text.title, message: text.message, detail: text.detail, buttons: ['OK'], noLink: true });
  void net?.close();
  net = null;
  dispatcher?.dispose();
  dispatcher = null;
  backend?.close();
  backend = null;
  if (offerRestore(language, dataDir, migrationsFolder)) app.relaunch();
  app.exit(1);
}

/** The database opens before any window exists: a refused file ends in a dialog, never in a blank window. */
function openBackend(language: Language, migrationsFolder: string, mayRestore = true): Backend | null {
  const dataDir = resolveDataDir(process.env, app.getPath('userData'));
  const log = (message: string, error?: unknown) => console.error(message, error);
  try {
    // The window first: the integrity check and the checked start-up copy (the last 7 kept) run in the job worker after.
    const opened = createBackend({ dataDir, migrationsFolder, log, startupJobs: { backup: true } });
    void opened.startup.then((report) => {
      if (report && !report.integrity.ok && backend === opened) void damagedAfterStart(language, dataDir, migrationsFolder);
    });
    return opened;
  } catch (error) {
    showFatal(error instanceof DatabaseOpenError ? databaseErrorDialog(error.reason, language, error.path) : unexpectedErrorDialog(language, error));
    if (mayRestore && error instanceof DatabaseOpenError && RESTORABLE_FAILURES.includes(error.reason) && offerRestore(language, dataDir, migrationsFolder)) {
      return openBackend(language, migrationsFolder, false);
    }
    return null;
  }
}

function openWindow(paths: Pick<ShellPaths, 'preloadPath' | 'iconPath'>): void {
  mainWindow = createMainWindow({
    preloadPath: paths.preloadPath,
    iconPath: paths.iconPath,
    userDataDir: app.getPath('userData'),
    title: app.getName(),
    devTools: !app.isPackaged,
    onClosed: (webContentsId) => {
      dispatcher?.forget(webContentsId);
      mainWindow = null;
    },
  });
}

async function start(): Promise<void> {
  await app.whenReady();
  const language = languageFor(app.getLocale());
  const paths = resolveShellPaths({ isPackaged: app.isPackaged, appPath: app.getAppPath(), resourcesPath: process.resourcesPath, mainDir: __dirname });
  // Anything else that opens a database (backup restore, workers) finds the same migrations as the bundle.
  process.env.EMERALD_MIGRATIONS_DIR = paths.migrationsFolder;
  backend = openBackend(language, paths.migrationsFolder);
  if (!backend) {
    app.exit(1);
    return;
  }
  hardenSession(session.defaultSession);
  protocol.handle(APP_SCHEME, createAppRequestHandler(paths.staticDir));
  dispatcher = registerIpcDispatcher({
    ipcMain,
    backend,
    windows: () => BrowserWindow.getAllWindows().map((window) => window.webContents),
    isAppUrl,
    log: (message, error) => console.error(message, error),
  });
  // The loopback ingestion socket runs only while its setting is on (off by default).
  telemetrySocket = manageTelemetrySocket(backend, (message, error) => (error ? console.error(message, error) : console.log(message)));
  // LAN sync lives in the main process: background rounds with the hub, and the hub itself while hub mode is on.
  net = startNetRuntime(
    { db: backend.database.db, sqlite: backend.database.sqlite, clock: backend.clock, events: backend.events, dataDir: resolveDataDir(process.env, app.getPath('userData')) },
    { log: (message, error) => (error ? console.error(message, error) : console.log(message)) },
  );
  pathsForReopen = paths;
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate({ language, platform: process.platform, appName: app.getName(), developer: !app.isPackaged })));
  openWindow(paths);

  app.on('activate', () => {
    if (!mainWindow) openWindow(paths);
  });
}

if (!app.requestSingleInstanceLock()) {
  // Another Emerald owns the database: hand over to it (it focuses its window) and leave.
  app.quit();
} else {
  app.on('second-instance', () => {
    // A window closed while the hub kept running: starting Emerald again brings the window back.
    if (!mainWindow && pathsForReopen) return openWindow(pathsForReopen);
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  // Every webContents, including any we did not create ourselves, gets the same locks.
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('window-all-closed', () => {
    // There is no tray: while this laptop is the team's hub, closing the window keeps the process (and the hub) running.
    if (net?.hubState().running) return;
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => {
    void net?.close();
    net = null;
    dispatcher?.dispose();
    dispatcher = null;
    void telemetrySocket?.close();
    telemetrySocket = null;
    backend?.close();
    backend = null;
  });
  start().catch((error: unknown) => {
    showFatal(unexpectedErrorDialog(languageFor(app.getLocale()), error));
    app.exit(1);
  });
}
