// The bundled main process (dist-electron/main.cjs as built by build:electron) run in plain Node against a fake
// 'electron' module: the real startup path, database, IPC and protocol wiring, without the Electron binary.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, databasePath } from '../../electron/ipc/backend';
import { createBackup } from '../../db/reliability';
import { CONTENT_SECURITY_POLICY } from '../../electron/ipc/http/csp';
import { APPLICATION_ID } from '../../db/open';
import { buildShell } from '../../scripts/build-electron';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const harness = path.join(import.meta.dirname, 'fixtures', 'main-harness.cjs');
// Inside the repo's node_modules, so the bundle resolves better-sqlite3 and argon2 like dist-electron/ does.
const outDir = mkdtempSync(path.join(repoRoot, 'node_modules', '.emerald-main-bundle-'));
const scratch = mkdtempSync(path.join(tmpdir(), 'emerald-main-'));
let mainBundle: string;

beforeAll(async () => {
  mainBundle = (await buildShell(outDir)).main;
}, 120_000);

afterAll(() => {
  rmSync(outDir, { recursive: true, force: true });
  rmSync(scratch, { recursive: true, force: true });
});

interface Report {
  harnessError?: string;
  outcome: 'window' | 'exit';
  privilegedBeforeReady: boolean;
  sandboxEnabledBeforeReady: boolean;
  privilegedSchemes: Array<{ scheme: string; privileges: Record<string, boolean> }>;
  windows: Array<{ options: { show: boolean; webPreferences: Record<string, unknown> }; url: string }>;
  ipcChannels: string[];
  protocolSchemes: string[];
  menuLabels: string[] | null;
  dialogs: Array<{ type: string; title: string; message: string; detail: string }>;
  exitCode: number | null;
  appEvents: string[];
  setup?: { ok: boolean };
  login?: { ok: boolean };
  customer?: { ok: boolean; value: { id: string } };
  foreign?: { ok: boolean; error: { code: string } };
  sent?: Array<{ channel: string; payload: { entity: string; id: string } }>;
  windowOpen?: unknown;
  permissionGranted?: boolean[];
  protocolIndex?: { status: number; csp: string };
}

async function runMain(name: string, dataDir: string, locale = 'es-ES'): Promise<Report> {
  const userData = path.join(scratch, name, 'userData');
  mkdirSync(userData, { recursive: true });
  const reportFile = path.join(scratch, name, 'report.json');
  await promisify(execFile)(process.execPath, [harness, mainBundle], {
    cwd: repoRoot,
    timeout: 60_000,
    env: { ...process.env, EMERALD_DATA_DIR: dataDir, FAKE_USER_DATA: userData, FAKE_APP_PATH: repoRoot, FAKE_LOCALE: locale, HARNESS_REPORT: reportFile },
  });
  const report = JSON.parse(readFileSync(reportFile, 'utf8')) as Report;
  if (report.harnessError) throw new Error(report.harnessError);
  return report;
}

describe('bundled main process', () => {
  it('opens the database, then one secure window on app://, with IPC, protocol, menu and hardening wired', async () => {
    const dataDir = path.join(scratch, 'fresh-data');
    const report = await runMain('fresh', dataDir);
    expect(report.outcome).toBe('window');
    expect(report.privilegedBeforeReady).toBe(true);
    expect(report.sandboxEnabledBeforeReady).toBe(true);
    expect(report.privilegedSchemes).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
    expect(report.windows).toHaveLength(1);
    const [window] = report.windows as [Report['windows'][number]];
    expect(window.url).toBe('app://emerald/index.html');
    expect(window.options.show).toBe(false);
    expect(window.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(window.options.webPreferences.preload).toBe(path.join(outDir, 'preload.cjs'));
    expect(existsSync(String(window.options.webPreferences.preload))).toBe(true);
    expect(report.ipcChannels).toEqual(['emerald:invoke']);
    expect(report.protocolSchemes).toEqual(['app']);
    expect(report.menuLabels).toEqual(['Archivo', 'Edición', 'Ver', 'Ventana', 'Ayuda']);
    expect(report.appEvents).toEqual(expect.arrayContaining(['second-instance', 'web-contents-created', 'window-all-closed', 'will-quit']));

    expect(report.setup?.ok).toBe(true);
    expect(report.login).toEqual({ ok: true, value: expect.anything() });
    expect(JSON.stringify(report.login)).not.toMatch(/token/i);
    expect(report.customer?.ok).toBe(true);
    expect(report.foreign?.error.code).toBe('FORBIDDEN');
    expect(report.sent).toContainEqual({ channel: 'emerald:event', payload: expect.objectContaining({ entity: 'customer', id: report.customer?.value.id }) });
    expect(report.windowOpen).toEqual({ action: 'deny' });
    expect(report.permissionGranted).toEqual([false]);
    expect(report.protocolIndex?.csp).toBe(CONTENT_SECURITY_POLICY);
    expect(report.protocolIndex?.status).toBe(200);

    // will-quit closed the database cleanly: the file opens and holds what the window wrote.
    const db = new Database(databasePath(dataDir), { readonly: true });
    try {
      expect(db.prepare('SELECT count(*) AS n FROM customers').get()).toEqual({ n: 1 });
    } finally {
      db.close();
    }
  });

  const refusals: Array<[string, (file: string) => void, string, string]> = [
    [
      'newer_version',
      (file) => {
        const db = new Database(file);
        db.pragma(`application_id = ${APPLICATION_ID}`);
        db.pragma('user_version = 999');
        db.exec('CREATE TABLE from_the_future (x)');
        db.close();
      },
      'Los datos fueron guardados por una versión más reciente de Emerald.',
      'The data was saved by a newer version of Emerald.',
    ],
    [
      'corrupt',
      (file) => writeFileSync(file, Buffer.alloc(8192, 0x5a)),
      'La base de datos está dañada y no se puede abrir.',
      'The database is damaged and cannot be opened.',
    ],
  ];

  it.each(refusals)('refuses a %s database with a dialog in the user language, no window, and the file untouched', async (reason, prepare, spanish, english) => {
    for (const [locale, message] of [
      ['es-419', spanish],
      ['en-GB', english],
    ] as const) {
      const dataDir = path.join(scratch, `${reason}-${locale}`);
      mkdirSync(dataDir, { recursive: true });
      prepare(databasePath(dataDir));
      const before = readFileSync(databasePath(dataDir));
      const report = await runMain(`${reason}-${locale}`, dataDir, locale);
      expect(report.outcome).toBe('exit');
      expect(report.exitCode).toBe(1);
      expect(report.windows).toEqual([]);
      expect(report.dialogs).toHaveLength(1);
      expect(report.dialogs[0]).toMatchObject({ type: 'error', message });
      expect(report.dialogs[0]?.detail).toContain(databasePath(dataDir));
      expect(readFileSync(databasePath(dataDir)).equals(before)).toBe(true);
    }
  });

  it('offers the newest checked backup for a damaged database and, when accepted, opens the restored data', async () => {
    const dataDir = path.join(scratch, 'restorable');
    const source = path.join(scratch, 'restorable-source');
    const good = createBackend({ dataDir: source });
    good.database.sqlite.prepare("INSERT INTO customers (id, name) VALUES ('0190c0de-0000-7000-8000-000000000001', 'Taller restaurado')").run();
    mkdirSync(dataDir, { recursive: true });
    await createBackup(dataDir, good.database.sqlite);
    good.close();
    writeFileSync(databasePath(dataDir), Buffer.alloc(8192, 0x5a));

    const report = await runMain('restorable', dataDir, 'es-ES');
    expect(report.dialogs.map((d) => d.type)).toEqual(['error', 'question']);
    expect(report.dialogs[1]?.title).toBe('Restaurar una copia de seguridad');
    expect(report.outcome).toBe('window');
    const db = new Database(databasePath(dataDir), { readonly: true });
    try {
      expect(db.prepare('SELECT name FROM customers').all()).toContainEqual({ name: 'Taller restaurado' });
    } finally {
      db.close();
    }
    // The damaged file was kept aside, not overwritten.
    expect(readdirSync(dataDir).some((f) => f.includes('before-restore'))).toBe(true);
  });

  it('refuses a database another program holds locked, with the "in use" dialog and no window', async () => {
    const dataDir = path.join(scratch, 'locked');
    mkdirSync(dataDir, { recursive: true });
    const holder = new Database(databasePath(dataDir));
    try {
      // Exclusive locking mode keeps the write lock after the first write, until this connection closes.
      holder.pragma('locking_mode = EXCLUSIVE');
      holder.exec('CREATE TABLE held (x)');
      const report = await runMain('locked', dataDir, 'es-ES');
      expect(report.outcome).toBe('exit');
      expect(report.windows).toEqual([]);
      expect(report.dialogs[0]).toMatchObject({ type: 'error', message: 'La base de datos está en uso por otro programa.' });
    } finally {
      holder.close();
    }
  });
});
