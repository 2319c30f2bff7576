// The PostgreSQL hub's schema: applies db/pg/migrations/NNNN_*.sql in order, each in its own transaction and
// recorded, under an advisory lock so two hub processes starting at once never migrate twice. A database that
// a newer Emerald already migrated is refused untouched (reason 'newer_schema').
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { AppError } from '../../electron/contract/errors';

export interface PgMigration {
  version: number;
  name: string;
  sql: string;
}

/** Session-level advisory lock held while migrating ('emerald' + 'pg migrate'). */
const MIGRATION_LOCK = 7_020_515_001;
const MIGRATION_FILE = /^(\d{4})_[a-z0-9_]+\.sql$/;

export function defaultPgMigrationsFolder(): string {
  return process.env.EMERALD_PG_MIGRATIONS_DIR ?? fileURLToPath(new URL('./migrations', import.meta.url));
}

/** The migrations this build knows, in order; numbers must run 1, 2, 3… without a hole or a repeat. */
export function readPgMigrations(folder = defaultPgMigrationsFolder()): PgMigration[] {
  const migrations = readdirSync(folder)
    .filter((file) => MIGRATION_FILE.test(file))
    .sort()
    .map((file) => ({ version: Number(file.slice(0, 4)), name: file.replace(/\.sql$/, ''), sql: readFileSync(path.join(folder, file), 'utf8') }));
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) throw new Error(`PostgreSQL migrations out of order at ${migration.name}: expected number ${index + 1}`);
  });
  return migrations;
}

/** The schema version this build writes: how many PostgreSQL migrations it knows. */
export function pgSchemaVersion(folder = defaultPgMigrationsFolder()): number {
  return readPgMigrations(folder).length;
}

async function recordedVersion(client: pg.ClientBase): Promise<number> {
  const { rows } = await client.query<{ version: number | null }>('SELECT max(version) AS version FROM emerald_schema_migrations');
  return rows[0]?.version ?? 0;
}

export function newerSchemaError(recorded: number, known: number): AppError {
  return new AppError('CONFLICT', `this PostgreSQL database was set up by a newer version of Emerald (schema ${recorded}, this build knows ${known}); update Emerald first`, {
    reason: 'newer_schema',
    recorded,
    known,
  });
}

export interface PgMigrateResult {
  /** The schema version the database is at now. */
  version: number;
  /** Versions applied by this call (empty when the database was current, or another process migrated it). */
  applied: number[];
}

/** Brings the database at `target` (a pool, a client, or a connection URL) up to this build's schema. */
export async function migratePostgres(target: pg.Pool | pg.ClientBase | string, folder = defaultPgMigrationsFolder()): Promise<PgMigrateResult> {
  const migrations = readPgMigrations(folder);
  const owned = typeof target === 'string' ? new pg.Client({ connectionString: target }) : null;
  if (owned) await owned.connect();
  const client: pg.ClientBase = owned ?? (target instanceof pg.Pool ? await target.connect() : (target as pg.ClientBase));
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await client.query(
        `CREATE TABLE IF NOT EXISTS emerald_schema_migrations (
           version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
      );
      const recorded = await recordedVersion(client);
      if (recorded > migrations.length) throw newerSchemaError(recorded, migrations.length);
      const applied: number[] = [];
      for (const migration of migrations.slice(recorded)) {
        await client.query('BEGIN');
        try {
          await client.query(migration.sql);
          await client.query('INSERT INTO emerald_schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        }
        applied.push(migration.version);
      }
      return { version: migrations.length, applied };
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    if (owned) await owned.end();
    else if (target instanceof pg.Pool) (client as pg.PoolClient).release();
  }
}
