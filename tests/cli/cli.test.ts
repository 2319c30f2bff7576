// The command line as a script would use it: real processes, exit codes, stderr, and the file checked by the sqlite3 tool.
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultMigrationsFolder, schemaVersionOf } from '../../db/migrations';
import { openDatabase } from '../../db/open';
import { commands } from '../../scripts/commands';
import { olderMigrationsFolder, removeTempDirs } from '../db/helpers';
import { bundledScript } from '../support/bundled';

// Each test starts real processes; on a loaded 2-core machine one start can take several seconds.
vi.setConfig({ testTimeout: 180_000 });

const root = fileURLToPath(new URL('../..', import.meta.url));
// scripts/cli.ts bundled once for the file (support/bundled.ts): each run is `node <bundle>`, not a tsx start.
const cliScript = await bundledScript('scripts/cli.ts');
const dirs: string[] = [];
afterEach(() => {
  removeTempDirs();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'emerald-cli-'));
  dirs.push(dir);
  return dir;
}

function cli(...args: string[]) {
  return cliWithEnv({}, ...args);
}

function cliWithEnv(extra: Record<string, string>, ...args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  if (!extra.EMERALD_DATA_DIR) delete env.EMERALD_DATA_DIR;
  const run = spawnSync(process.execPath, [cliScript, ...args], { cwd: root, env, encoding: 'utf8', timeout: 60_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function sqlite3(file: string, sql: string): string {
  const run = spawnSync('sqlite3', [file, sql], { encoding: 'utf8' });
  expect(run.error, 'the sqlite3 command-line tool must be installed').toBeUndefined();
  expect(run.status, run.stderr).toBe(0);
  return run.stdout.trim();
}

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('cli migrate', () => {
  it('creates a sound database the sqlite3 tool agrees with, and a second run changes nothing', () => {
    const dir = tempDir();
    const first = cli('migrate', '--data-dir', dir);
    expect(first.status, first.stderr).toBe(0);
    const file = path.join(dir, 'emerald.db');
    expect(first.stdout).toContain(file);
    expect(sqlite3(file, 'PRAGMA integrity_check;')).toBe('ok');
    expect(sqlite3(file, 'PRAGMA foreign_key_check;')).toBe('');
    expect(Number(sqlite3(file, 'PRAGMA user_version;'))).toBe(schemaVersionOf(defaultMigrationsFolder()));
    expect(sqlite3(file, "SELECT count(*) FROM sqlite_master WHERE name IN ('users', 'tickets', 'ticket_search');")).toBe('3');

    const second = cli('migrate', `--data-dir=${dir}`);
    expect(second.status, second.stderr).toBe(0);
    expect(readdirSync(dir).filter((f) => f.endsWith('.bak'))).toEqual([]);
  });

  it('upgrades a file from an older build (data folder from EMERALD_DATA_DIR), keeping a copy it names', () => {
    const dir = tempDir();
    const file = path.join(dir, 'emerald.db');
    const older = openDatabase(file, { migrationsFolder: olderMigrationsFolder(1) });
    older.sqlite.prepare("INSERT INTO customers (id, name) VALUES ('c1', 'Cliente antiguo')").run();
    older.close();
    const run = cliWithEnv({ EMERALD_DATA_DIR: dir }, 'migrate');
    expect(run.status, run.stderr).toBe(0);
    const copy = readdirSync(dir).find((f) => f.endsWith('.bak'));
    expect(copy).toBeDefined();
    expect(run.stdout).toContain(copy as string);
    expect(sqlite3(file, 'SELECT name FROM customers;')).toBe('Cliente antiguo');
    expect(Number(sqlite3(file, 'PRAGMA user_version;'))).toBe(schemaVersionOf(defaultMigrationsFolder()));
    expect(sqlite3(path.join(dir, copy as string), 'PRAGMA user_version;')).toBe('1');
  });

  it('refuses a file from a newer Emerald with exit 1 and the reason, leaving it untouched', () => {
    const dir = tempDir();
    expect(cli('migrate', '--data-dir', dir).status).toBe(0);
    const file = path.join(dir, 'emerald.db');
    const db = new Database(file);
    db.pragma('user_version = 999');
    db.close();
    const before = sha256(file);
    const run = cli('migrate', '--data-dir', dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/newer version of Emerald/);
    expect(run.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
    expect(sha256(file)).toBe(before);
  });

  it('refuses a SQLite file that is not Emerald with exit 1', () => {
    const dir = tempDir();
    const db = new Database(path.join(dir, 'emerald.db'));
    db.exec('CREATE TABLE notes (body TEXT)');
    db.close();
    const run = cli('migrate', '--data-dir', dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/not an Emerald database/);
  });
});

describe('cli usage', () => {
  it('help exits 0 and lists every command', () => {
    for (const args of [['help'], [], ['migrate', '--help']]) {
      const run = cli(...args);
      expect(run.status, args.join(' ')).toBe(0);
      expect(commands.length).toBeGreaterThan(0);
      for (const command of commands) expect(run.stdout).toContain(command.usage);
      expect(run.stdout).toContain('help');
    }
  });

  it('an unknown command exits 2 with a clear message on stderr', () => {
    const run = cli('frobnicate');
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/unknown command "frobnicate"/);
    expect(run.stdout).toBe('');
  });

  it('migrate without --data-dir, or with an empty flag, exits 2 and says what is missing', () => {
    const missing = cli('migrate');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/--data-dir/);
    const empty = cli('migrate', '--data-dir');
    expect(empty.status).toBe(2);
    expect(empty.stderr).toMatch(/--data-dir needs a value/);
  });
});
