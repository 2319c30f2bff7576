// The Electron main process: one instance, the database opened (in the engine worker) before any window, one secure
// window on app://. This thread never runs SQL: the engine worker answers every call (DESIGN: "Where the work runs").
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session } from 'electron';
import { DatabaseOpenError } from '../../db/errors';
import { RESTORABLE_FAILURES } from '../../db/failures';
import { restoreDatabase, type BackupInfo } from '../../db/reliability';
import { JobWorker, latestRestorableBackup } from '../services/jobs';
import { databasePath } from '../ipc/backend';
import { startEngineWorker, type EngineWorkerHost } from '../ipc/engine/worker-host';
import { registerIpcDispatcher, type IpcDispatcher } from '../ipc/electron-dispatch';
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

let engine: EngineWorkerHost | null = null;
let dispatcher: IpcDispatcher | null = null;
let mainWindow: BrowserWindow | null = null;
let pathsForReopen: ShellPaths | null = null;

function showFatal(text: DialogText): void {
  dialog.showMessageBoxSync({ type: 'error', title: text.title, message: text.message, detail: text.detail, buttons: ['OK'], noLink: true });
}

/**
 * The newest backup a restore would accept; its checks (a full integrity_check of each candidate) run in a job worker
 * of their own, so the window (after a failed after-start check) keeps painting meanwhile.
 */
async function latestCheckedBackup(dataDir: string, migrationsFolder: string): Promise<BackupInfo | null> {
  const checks = new JobWorker({ databaseFile: databasePath(dataDir), dataDir });
  try {
    return await latestRestorableBackup(checks, dataDir, migrationsFolder);
  } finally {
    await checks.close();
  }
}

/** After a refused open: offer the newest checked backup; true when it was restored. */
async function offerRestore(language: Language, dataDir: string, migrationsFolder: string): Promise<boolean> {
  const backup = await latestCheckedBackup(dataDir, migrationsFolder);
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
    // Checked above in the job worker; the swap (snapshot, keep the current file, rename) runs here.
    restoreDatabase({ file: databasePath(dataDir), from: backup.path, checked: backup, openOptions: { migrationsFolder } }).database.close();
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
  dispatcher?.dispose();
  dispatcher = null;
  const closing = engine;
  engine = null;
  await closing?.close();
  if (await offerRestore(language, dataDir, migrationsFolder)) app.relaunch();
  app.exit(1);
}

/**
 * The database opens (in the engine worker) before any window exists: a refused file ends in a dialog, never in a blank
 * window. The worker's DatabaseOpenError arrives rebuilt with its reason, so the words are the same as before.
 */
async function openEngine(language: Language, migrationsFolder: string, opening: Promise<EngineWorkerHost>, mayRestore = true): Promise<EngineWorkerHost | null> {
  const dataDir = resolveDataDir(process.env, app.getPath('userData'));
  try {
    const opened = await opening;
    void opened.startup.then((report) => {
      if (report && !report.integrity.ok && engine === opened) void damagedAfterStart(language, dataDir, migrationsFolder);
    });
    return opened;
  } catch (error) {
    showFatal(error instanceof DatabaseOpenError ? databaseErrorDialog(error.reason, language, error.path) : unexpectedErrorDialog(language, error));
    if (mayRestore && error instanceof DatabaseOpenError && RESTORABLE_FAILURES.includes(error.reason) && (await offerRestore(language, dataDir, migrationsFolder))) {
      return openEngine(language, migrationsFolder, startEngine(migrationsFolder), false);
    }
    return null;
  }
}

/**
 * The window first: the integrity check and the checked start-up copy (the last 7 kept) run in the job worker after.
 * The engine also runs LAN sync (background rounds, the hub while its switch is on) and the telemetry socket.
 */
function startEngine(migrationsFolder: string): Promise<EngineWorkerHost> {
  const dataDir = resolveDataDir(process.env, app.getPath('userData'));
  const log = (message: string, error?: unknown) => (error === undefined ? console.log(message) : console.error(message, error));
  return startEngineWorker({ dataDir, migrationsFolder, startupJobs: { backup: true }, telemetrySocket: true, net: { mdns: true }, log });
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
  const paths = resolveShellPaths({ isPackaged: app.isPackaged, appPath: app.getAppPath(), resourcesPath: process.resourcesPath, mainDir: __dirname });
  // Anything else that opens a database (backup restore, workers) finds the same migrations as the bundle.
  process.env.EMERALD_MIGRATIONS_DIR = paths.migrationsFolder;
  // The engine worker opens the database while Electron gets ready: the first screen waits for the longer of the two.
  const opening = startEngine(paths.migrationsFolder);
  opening.catch(() => undefined); // awaited below, once dialogs can be shown
  await app.whenReady();
  const language = languageFor(app.getLocale());
  engine = await openEngine(language, paths.migrationsFolder, opening);
  if (!engine) {
    app.exit(1);
    return;
  }
  hardenSession(session.defaultSession);
  protocol.handle(APP_SCHEME, createAppRequestHandler(paths.staticDir));
  dispatcher = registerIpcDispatcher({
    ipcMain,
    backend: engine,
    windows: () => BrowserWindow.getAllWindows().map((window) => window.webContents),
    isAppUrl,
    log: (message, error) => console.error(message, error),
  });
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
    void (engine?.hubRunning() ?? Promise.resolve(false)).then((hubRunning) => {
      if (!hubRunning && process.platform !== 'darwin') app.quit();
    });
  });
  app.on('will-quit', (event) => {
    dispatcher?.dispose();
    dispatcher = null;
    if (!engine) return;
    // The engine closes LAN sync, the socket and the database in its thread first; then quitting goes on.
    event.preventDefault();
    const closing = engine;
    engine = null;
    void closing.close().finally(() => app.quit());
  });
  start().catch((error: unknown) => {
    showFatal(unexpectedErrorDialog(languageFor(app.getLocale()), error));
    app.exit(1);
  });
}
