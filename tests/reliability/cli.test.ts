// CLI: backup, restore and check, and the exact restore command printed when the database cannot be opened.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { originalPath } from '../../db/attachment-files';
import { openDatabase } from '../../db/open';
import { listBackups, validateBackupFile } from '../../db/reliability';
import { runCli } from '../../scripts/cli';
import { damageMiddle, removeTempDirs, tempDir } from './support';

afterAll(removeTempDirs);
afterEach(() => vi.restoreAllMocks());

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  try {
    const code = await runCli(argv);
    return { code, stdout, stderr };
  } finally {
    vi.restoreAllMocks();
  }
}

/** A data folder with a database holding one customer per name. */
function dataFolder(...names: string[]): { dir: string; file: string } {
  const dir = tempDir();
  const file = path.join(dir, 'emerald.db');
  const opened = openDatabase(file);
  const insert = opened.sqlite.prepare('INSERT INTO customers (id, name) VALUES (?, ?)');
  opened.sqlite.transaction(() => names.forEach((name) => insert.run(name, name)))();
  opened.close();
  return { dir, file };
}

function customers(file: string): string[] {
  const sqlite = new Database(file, { readonly: true });
  try {
    return (sqlite.prepare('SELECT name FROM customers ORDER BY name').all() as { name: string }[]).map((r) => r.name);
  } finally {
    sqlite.close();
  }
}

/** Splits `npm run cli -- a "b c"` into the arguments after `--`. */
function argsOf(commandLine: string): string[] {
  const after = commandLine.slice(commandLine.indexOf(' -- ') + 4);
  return [...after.matchAll(/"((?:[^"\\]|\\.)*)"|(\S+)/g)].map((m) => (m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : (m[2] as string)));
}

describe('npm run cli -- backup', () => {
  it('writes a verified backup into DIR/backups', async () => {
    const { dir } = dataFolder('Núñez');
    const result = await cli('backup', '--data-dir', dir);
    expect(result.code).toBe(0);
    const [backup] = listBackups(dir);
    expect(backup).toBeDefined();
    expect(result.stdout).toContain(backup?.path);
    expect(customers(backup?.path as string)).toEqual(['Núñez']);
  });

  it('--out FILE writes there and never overwrites an existing file', async () => {
    const { dir } = dataFolder('Núñez');
    const out = path.join(tempDir(), 'nested', 'copy.db');
    expect((await cli('backup', '--data-dir', dir, '--out', out)).code).toBe(0);
    expect(validateBackupFile(out).path).toBe(out);
    const again = await cli('backup', '--data-dir', dir, '--out', out);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists/);
  });

  it('a folder with no database: exit 1 with a clear message', async () => {
    const result = await cli('backup', '--data-dir', tempDir());
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/there is no Emerald database in/);
  });
});

describe('npm run cli -- check', () => {
  it('a sound database: exit 0', async () => {
    const { dir } = dataFolder('Núñez');
    const result = await cli('check', '--data-dir', dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Integrity check:\s+ok/);
    expect(result.stdout).toMatch(/No problems found/);
    // A read-only look leaves no -wal/-shm behind.
    expect(readdirSync(dir)).toEqual(['emerald.db']);
  });

  it('broken references: exit 1 with a report naming them', async () => {
    const { dir, file } = dataFolder();
    const sqlite = new Database(file);
    sqlite.pragma('foreign_keys = OFF');
    sqlite.prepare("INSERT INTO tickets (id, code, title, creator_id) VALUES ('t1', 'TK-1', 'Huérfano', 'no-such-user')").run();
    sqlite.close();
    const result = await cli('check', '--data-dir', dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/broken reference: tickets row \d+ points to a missing users/);
    expect(result.stderr).toMatch(/1 problem found/);
  });

  it('a damaged file: exit 1 with the integrity problems, and the file is not changed', async () => {
    const { dir, file } = dataFolder(...Array.from({ length: 800 }, (_, i) => `cliente ${i} ${'x'.repeat(100)}`));
    writeFileSync(file, damageMiddle(readFileSync(file)));
    const before = readFileSync(file);
    const result = await cli('check', '--data-dir', dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/integrity|cannot read/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });
});

describe('npm run cli -- restore', () => {
  it('--from a backup: restores it and says where the previous database was kept', async () => {
    const { dir, file } = dataFolder('antes');
    await cli('backup', '--data-dir', dir);
    const db = openDatabase(file);
    db.sqlite.prepare("INSERT INTO customers (id, name) VALUES ('d', 'después')").run();
    db.close();
    const backup = listBackups(dir)[0]?.path as string;
    const result = await cli('restore', '--data-dir', dir, '--from', backup);
    expect(result.code).toBe(0);
    expect(customers(file)).toEqual(['antes']);
    const kept = /kept at (.+)$/m.exec(result.stdout)?.[1] as string;
    expect(customers(kept)).toEqual(['antes', 'después']);
  });

  it('--latest restores the newest good backup; a bad --from is refused with nothing changed', async () => {
    const { dir, file } = dataFolder('antes');
    await cli('backup', '--data-dir', dir);
    const bad = path.join(dir, 'bad.db');
    writeFileSync(bad, 'not a database');
    const refused = await cli('restore', '--data-dir', dir, '--from', bad);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/cannot restore: The data file is not an Emerald database\. \(.*\); nothing was changed/);
    expect((await cli('restore', '--data-dir', dir, '--latest')).code).toBe(0);
    expect(customers(file)).toEqual(['antes']);
    expect((await cli('restore', '--data-dir', dir)).code).toBe(2);
  });

  it('a database that cannot be opened: the error names the exact restore command, and that command works', async () => {
    const { dir, file } = dataFolder(...Array.from({ length: 800 }, (_, i) => `cliente ${i} ${'x'.repeat(100)}`));
    await cli('backup', '--data-dir', dir);
    writeFileSync(file, damageMiddle(readFileSync(file)));

    const failed = await cli('migrate', '--data-dir', dir);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/is damaged/);
    const line = /npm run cli -- restore .+/.exec(failed.stderr)?.[0];
    expect(line).toBe(`npm run cli -- restore --data-dir "${dir}" --from "${listBackups(dir)[0]?.path}"`);

    const restored = await cli(...argsOf(line as string));
    expect(restored.code).toBe(0);
    expect((await cli('migrate', '--data-dir', dir)).code).toBe(0);
    expect(customers(file)).toHaveLength(800);
  });

  it('into a data folder that does not exist yet (a new laptop): creates it private, restores, and counts the files put back', async () => {
    const { dir } = dataFolder('antes');
    await cli('backup', '--data-dir', dir);
    const backup = listBackups(dir)[0]?.path as string;
    const bytes = Buffer.from('una foto');
    const sha = createHash('sha256').update(bytes).digest('hex');
    const carried = new Database(backup);
    carried.exec('CREATE TABLE IF NOT EXISTS backup_files (sha256 TEXT PRIMARY KEY NOT NULL, bytes BLOB NOT NULL)');
    carried.prepare('INSERT INTO backup_files (sha256, bytes) VALUES (?, ?)').run(sha, bytes);
    carried.close();

    const fresh = path.join(tempDir(), 'nuevo', 'data2');
    const result = await cli('restore', '--data-dir', fresh, '--from', backup);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(customers(path.join(fresh, 'emerald.db'))).toEqual(['antes']);
    if (process.platform !== 'win32') expect(statSync(fresh).mode & 0o777).toBe(0o700);
    expect(readFileSync(originalPath(fresh, sha)).equals(bytes)).toBe(true);
    expect(result.stdout).toMatch(/^Put back 1 attachment file from the backup\.$/m);
  });

  it('any other failure is one clear line, without a stack', async () => {
    const { dir } = dataFolder('antes');
    await cli('backup', '--data-dir', dir);
    const backup = listBackups(dir)[0]?.path as string;
    const notAFolder = path.join(tempDir(), 'a-file');
    writeFileSync(notAFolder, 'x');
    const result = await cli('restore', '--data-dir', path.join(notAFolder, 'data'), '--from', backup);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: cannot restore: .+\n$/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('a database that cannot be opened and no backup: says so', async () => {
    const { dir, file } = dataFolder(...Array.from({ length: 800 }, (_, i) => `cliente ${i} ${'x'.repeat(100)}`));
    writeFileSync(file, damageMiddle(readFileSync(file)));
    const failed = await cli('migrate', '--data-dir', dir);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/No usable backup was found/);
  });
});
