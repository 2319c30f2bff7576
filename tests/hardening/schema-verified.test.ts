// Issue 18.5: a file with Emerald's application_id and version but not its tables passed restore, `check` said
// "No problems found", and the server then died on start with an unhandled "no such table: settings". Restore,
// check and open now verify the schema the file's version promises; start fails with a clear message.
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DatabaseOpenError } from '../../db/errors';
import { defaultMigrationsFolder, schemaVersionOf } from '../../db/migrations';
import { APPLICATION_ID, openDatabase } from '../../db/open';
import { checkDatabase, createBackup, restoreDatabase, RestoreError } from '../../db/reliability';
import { databasePath } from '../../electron/ipc/backend';
import { removeTempDirs, tempDir } from '../db/helpers';
import { bundledScript } from '../support/bundled';

const CURRENT = schemaVersionOf(defaultMigrationsFolder());
const repoRoot = path.resolve(import.meta.dirname, '../..');
afterAll(removeTempDirs);

/** Emerald's identity, none of its tables (one table of its own so the file is not empty). */
function hollowFile(dir = tempDir()): string {
  const file = path.join(dir, 'hueco.db');
  const sqlite = new Database(file);
  sqlite.exec('CREATE TABLE notes (body TEXT)');
  sqlite.pragma(`application_id = ${APPLICATION_ID}`);
  sqlite.pragma(`user_version = ${CURRENT}`);
  sqlite.close();
  return file;
}

/** A real Emerald database that lost its settings table. */
function damagedSchemaFile(): string {
  const file = path.join(tempDir(), 'emerald.db');
  openDatabase(file).close();
  const sqlite = new Database(file);
  sqlite.exec('DROP TABLE settings');
  sqlite.close();
  return file;
}

function thrown(work: () => unknown): unknown {
  try {
    work();
  } catch (error) {
    return error;
  }
  throw new Error('expected a refusal');
}

describe('restore', () => {
  it('refuses a file with Emerald’s identity but none of its tables, and one missing a table, touching nothing', async () => {
    const dir = tempDir();
    const file = databasePath(dir);
    const live = openDatabase(file);
    await createBackup(dir, live.sqlite);
    for (const from of [hollowFile(), damagedSchemaFile()]) {
      const error = thrown(() => restoreDatabase({ file, from }));
      expect(error).toBeInstanceOf(RestoreError);
      expect((error as RestoreError).reason).toBe('missing_schema');
      expect((error as RestoreError).message).toContain('missing table ');
    }
    expect(live.sqlite.prepare('SELECT count(*) AS n FROM settings').get()).toEqual({ n: expect.any(Number) });
    live.close();
  });
});

describe('check', () => {
  it('reports the missing tables instead of "no problems"', () => {
    const hollow = checkDatabase(hollowFile());
    expect(hollow.ok).toBe(false);
    expect(hollow.problems).toContain('missing table settings');
    const damaged = checkDatabase(damagedSchemaFile());
    expect(damaged.ok).toBe(false);
    // Its capture triggers went with the table.
    expect(damaged.problems).toEqual(['missing table settings', ...['insert', 'update', 'delete'].map((op) => `missing trigger tr_sync_settings_${op}`)]);
  });

  it('still finds nothing wrong with a whole database', () => {
    const file = path.join(tempDir(), 'emerald.db');
    openDatabase(file).close();
    expect(checkDatabase(file).problems).toEqual([]);
  });
});

describe('open and start', () => {
  it('openDatabase refuses with a reason and a sentence naming what is missing', () => {
    const hollow = thrown(() => openDatabase(hollowFile()));
    expect(hollow).toBeInstanceOf(DatabaseOpenError);
    expect((hollow as DatabaseOpenError).reason).toBe('missing_schema');
    const damaged = thrown(() => openDatabase(damagedSchemaFile()));
    expect((damaged as DatabaseOpenError).reason).toBe('missing_schema');
    expect((damaged as DatabaseOpenError).message).toContain('missing table settings');
  });

  it('the server started on such a folder exits 1 with one clear line, no stack trace', async () => {
    const file = damagedSchemaFile();
    const child = spawn(process.execPath, [await bundledScript('scripts/serve.ts'), '--port', '0', '--data-dir', path.dirname(file), '--no-build'], {
      cwd: repoRoot,
      env: { ...process.env, EMERALD_NO_MDNS: '1' },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    clearTimeout(timer);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^error: .*missing some of Emerald’s tables.*missing table settings.*\(missing_schema\)\n$/);
    expect(stderr).not.toContain('    at ');
  });
});
