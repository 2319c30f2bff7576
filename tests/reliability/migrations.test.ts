// Upgrades: every released fixture and every older schema built on the fly upgrades keeping every row;
// a failed upgrade leaves the original file usable with its data.
import Database from 'better-sqlite3';
import { copyFileSync, cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DatabaseOpenError } from '../../db/errors';
import { defaultMigrationsFolder, readJournal, schemaVersionOf } from '../../db/migrations';
import { openDatabase, type OpenOptions } from '../../db/open';
import { buildFixtureDatabase } from '../../scripts/fixtures/build';
import { FIXTURE_ROWS } from '../../scripts/fixtures/fixture-data';
import { columnsOf, removeTempDirs, sha256, snapshotRows, tempDir } from './support';

const FIXTURES = path.join(import.meta.dirname, '../fixtures');
const CURRENT = schemaVersionOf(defaultMigrationsFolder());
const releasedFixtures = readdirSync(FIXTURES).filter((name) => /^emerald-v\d+\.db$/.test(name));

afterAll(removeTempDirs);

function readOnly<T>(file: string, read: (sqlite: Database.Database) => T): T {
  const sqlite = new Database(file, { readonly: true });
  try {
    return read(sqlite);
  } finally {
    sqlite.close();
  }
}

/** Upgrades `file` and checks that every row it had (in the columns it had) is still there, unchanged. */
function expectUpgradeKeepsEveryRow(file: string, fromVersion: number): void {
  const before = readOnly(file, (sqlite) => {
    expect(sqlite.pragma('user_version', { simple: true })).toBe(fromVersion);
    // The sync bookkeeping is filled by the upgrade itself (the baseline ops): compare the data tables.
    const columns = Object.fromEntries(Object.entries(columnsOf(sqlite)).filter(([table]) => !table.startsWith('sync_')));
    // Files from the fixture generator carry FIXTURE_ROWS; a release's own demo copy (emerald-v8) carries its own rows.
    const generated = sqlite.prepare('SELECT 1 FROM roles WHERE id = ?').get(FIXTURE_ROWS[0]?.values.id) !== undefined;
    return { columns, rows: snapshotRows(sqlite, columns), generated };
  });
  expect(Object.values(before.rows).flat().length).toBeGreaterThan(0);

  const opened = openDatabase(file);
  try {
    expect(opened.schemaVersion).toBe(CURRENT);
    expect(opened.sqlite.pragma('user_version', { simple: true })).toBe(CURRENT);
    expect(opened.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(opened.sqlite.pragma('foreign_key_check')).toEqual([]);
    expect(snapshotRows(opened.sqlite, before.columns)).toEqual(before.rows);
    // And, named explicitly, every fixture row by its key.
    for (const { table, values } of before.generated ? FIXTURE_ROWS : []) {
      const [keyColumn, keyValue] = Object.entries(values)[0] as [string, unknown];
      const row = opened.sqlite.prepare(`SELECT * FROM "${table}" WHERE "${keyColumn}" = ?`).get(keyValue);
      expect(row, `${table} ${String(keyValue)}`).toMatchObject(values);
    }
  } finally {
    opened.close();
  }
}

/** The current migrations plus one more that fails half-way (inside drizzle's migration transaction). */
function migrationsWithBrokenStep(): string {
  const folder = path.join(tempDir(), 'migrations');
  cpSync(defaultMigrationsFolder(), folder, { recursive: true });
  const journalFile = path.join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { idx: number; when: number; tag: string }[] };
  const last = journal.entries[journal.entries.length - 1] as { idx: number; when: number };
  journal.entries.push({ ...last, idx: last.idx + 1, when: last.when + 1, tag: '9999_broken' });
  writeFileSync(journalFile, JSON.stringify(journal, null, 2));
  writeFileSync(
    path.join(folder, '9999_broken.sql'),
    'CREATE TABLE `half_done` (`id` text);\n--> statement-breakpoint\nINSERT INTO `no_such_table` VALUES (1);',
  );
  return folder;
}

describe('released fixtures', () => {
  it('has a fixture for at least one released schema', () => {
    expect(releasedFixtures.length).toBeGreaterThan(0);
  });

  for (const name of releasedFixtures) {
    const version = Number(/v(\d+)/.exec(name)?.[1]);
    it(`${name} (schema ${version}) upgrades to schema ${CURRENT} keeping every row`, () => {
      const file = path.join(tempDir(), 'emerald.db');
      copyFileSync(path.join(FIXTURES, name), file);
      expectUpgradeKeepsEveryRow(file, version);
    });
  }
});

describe('older schemas built on the fly', () => {
  for (let version = 1; version < CURRENT; version++) {
    it(`schema ${version} (first ${version} migration${version > 1 ? 's' : ''}) upgrades keeping every row`, () => {
      const file = path.join(tempDir(), 'emerald.db');
      buildFixtureDatabase(file, version);
      expectUpgradeKeepsEveryRow(file, version);
    });
  }

  it('the fixture generator refuses a schema this build does not know', () => {
    expect(() => buildFixtureDatabase(path.join(tempDir(), 'x.db'), CURRENT + 1)).toThrow(/between 1 and/);
  });
});

describe('a failed upgrade', () => {
  function openExpectingFailure(file: string, options: OpenOptions): DatabaseOpenError {
    try {
      openDatabase(file, options).close();
    } catch (error) {
      if (error instanceof DatabaseOpenError) return error;
      throw error;
    }
    throw new Error('the upgrade unexpectedly succeeded');
  }

  it('failing after the migrations committed: the file is put back from the copy, with every row, and opens later', () => {
    const file = path.join(tempDir(), 'emerald.db');
    buildFixtureDatabase(file, 1);
    const before = readOnly(file, (sqlite) => snapshotRows(sqlite));
    const error = openExpectingFailure(file, {
      afterMigrate: () => {
        throw new Error('simulated failure after the migrations');
      },
    });
    expect(error.reason).toBe('migration_failed');
    expect(error.message).toMatch(/could not be upgraded/);
    readOnly(file, (sqlite) => {
      expect(sqlite.pragma('user_version', { simple: true })).toBe(1);
      expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(snapshotRows(sqlite)).toEqual(before);
    });
    // Nothing was lost: the next start upgrades it for real.
    expectUpgradeKeepsEveryRow(file, 1);
  });

  it('failing inside a migration: rolled back, the file is byte-identical and no copy is left behind', () => {
    const dir = tempDir();
    const file = path.join(dir, 'emerald.db');
    buildFixtureDatabase(file, CURRENT);
    // As the app leaves it: WAL mode, so opening does not rewrite the header.
    const raw = new Database(file);
    raw.pragma('journal_mode = WAL');
    raw.close();
    const fingerprint = sha256(file);
    const error = openExpectingFailure(file, { migrationsFolder: migrationsWithBrokenStep() });
    expect(error.reason).toBe('migration_failed');
    expect(error.message).toMatch(/no such table/);
    expect(sha256(file)).toBe(fingerprint);
    expect(readdirSync(dir).filter((n) => n.endsWith('.bak'))).toEqual([]);
    readOnly(file, (sqlite) => {
      expect(sqlite.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'half_done'").get()).toEqual({ n: 0 });
    });
    expect(readJournal(defaultMigrationsFolder()).length).toBe(CURRENT);
  });
});
