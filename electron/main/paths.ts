// Where the shell finds things, for a development run (`electron .` in the repo) and for a packaged app.
import path from 'node:path';

export interface ShellPaths {
  /** The built renderer (Vite's dist/). */
  staticDir: string;
  /** The bundled preload next to the bundled main (dist-electron/preload.cjs). */
  preloadPath: string;
  /** Drizzle's migrations: db/migrations in the repo, resources/migrations when packaged (extraResources). */
  migrationsFolder: string;
  /** The window icon (Linux shows it; Windows and macOS take the packaged executable's icon). */
  iconPath: string;
}

export interface PathInputs {
  isPackaged: boolean;
  /** app.getAppPath(): the repo root in development, resources/app.asar when packaged. */
  appPath: string;
  /** process.resourcesPath. */
  resourcesPath: string;
  /** The folder of the running main bundle (dist-electron). */
  mainDir: string;
}

export function resolveShellPaths(inputs: PathInputs): ShellPaths {
  return {
    staticDir: path.join(inputs.appPath, 'dist'),
    preloadPath: path.join(inputs.mainDir, 'preload.cjs'),
    migrationsFolder: inputs.isPackaged ? path.join(inputs.resourcesPath, 'migrations') : path.join(inputs.appPath, 'db', 'migrations'),
    // electron-builder copies build/icons/512x512.png to resources/icon.png (extraResources).
    iconPath: inputs.isPackaged ? path.join(inputs.resourcesPath, 'icon.png') : path.join(inputs.appPath, 'build', 'icons', '512x512.png'),
  };
}

/** EMERALD_DATA_DIR wins (tests, several installs side by side); otherwise the OS user-data folder. */
export function resolveDataDir(env: Readonly<Record<string, string | undefined>>, userDataPath: string): string {
  const override = env.EMERALD_DATA_DIR?.trim();
  return override ? path.resolve(override) : userDataPath;
}
