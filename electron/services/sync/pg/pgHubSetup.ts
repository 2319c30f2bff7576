// Opening and founding the central hub's database. Opening refuses, untouched, a database that is not Emerald's
// (tables of something else) or that a newer Emerald set up; otherwise it brings the schema up to date. `init`
// founds a team whose first member is the hub: the laptop's own code creates it (first admin, default roles, the
// founder's membership) in a throwaway SQLite copy, and those ops are merged into PostgreSQL as the hub device's.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { migratePostgres, newerSchemaError, pgSchemaVersion } from '../../../../db/pg/migrate';
import { openDatabase } from '../../../../db/open';
import { AppError } from '../../../contract';
import type { setupInput } from '../../../contract/auth';
import { setup } from '../../auth';
import { systemClock, type Clock, type ServiceContext } from '../../context';
import { EventBus } from '../../events';
import { loadActor } from '../../users';
import { opsMissingFrom } from '../apply';
import type { OpRecord } from '../capture';
import { fingerprintOf } from '../net/links';
import { createTeam } from '../team';
import { pgApplyOps } from './pgApply';
import { inPgTransaction, isUnavailable, openHubPool } from './pgHubDb';
import { noTeamYet } from './pgHubIdentity';
import { pgRun } from './pgSql';
import type { z } from 'zod';

async function tableExists(pool: pg.Pool, name: string): Promise<boolean> {
  const { rows } = await pool.query<{ found: string | null }>('SELECT to_regclass($1) AS found', [name]);
  return rows[0]?.found !== null;
}

/** Before anything is written: another program's database, or a newer Emerald's, is refused as it is. */
async function assertOurs(pool: pg.Pool): Promise<void> {
  if (!(await tableExists(pool, 'public.emerald_schema_migrations'))) {
    const { rows } = await pool.query<{ n: number }>("SELECT count(*)::integer AS n FROM pg_tables WHERE schemaname = 'public'");
    if ((rows[0]?.n ?? 0) > 0) {
      throw new AppError('CONFLICT', 'this PostgreSQL database already holds tables of something other than an Emerald hub; give the hub a database of its own', {
        reason: 'not_emerald_database',
      });
    }
    return;
  }
  const { rows } = await pool.query<{ version: number | null }>('SELECT max(version) AS version FROM emerald_schema_migrations');
  const recorded = rows[0]?.version ?? 0;
  const known = pgSchemaVersion();
  if (recorded > known) throw newerSchemaError(recorded, known);
}

export interface OpenHubDatabaseOptions {
  /** When given, a database holding another team is refused (reason foreign_team). */
  teamId?: string;
  /** Serving and pairing need a founded team: an empty database is refused (not_in_team) before anything is written. */
  requireTeam?: boolean;
  poolSize?: number;
}

/** PostgreSQL's refusals an admin causes by a mistake in the URL or the setup, in words that say what to do. */
function setupMistake(error: unknown, url: string): AppError | null {
  const code = (error as { code?: unknown }).code;
  const where = redacted(url);
  if (code === '28P01' || code === '28000') {
    return new AppError('CONFLICT', `PostgreSQL refused the user or password of ${where}; check them (a password holding @ # / : or % must be percent-encoded, e.g. @ as %40, or given in PGPASSWORD instead)`, {
      reason: 'database_login_failed',
    });
  }
  if (code === '3D000') {
    return new AppError('CONFLICT', `there is no such database at ${where}; create it first (CREATE DATABASE … OWNER …) or fix its name`, { reason: 'database_missing' });
  }
  if (code === '42501') {
    return new AppError('CONFLICT', `the user of ${where} may not use the hub's tables (they belong to another role, as after a pg_restore run as another user); restore with pg_restore --no-owner --role=THAT_USER, or connect as the tables' owner`, {
      reason: 'database_permission',
    });
  }
  if (code === 'ENOTFOUND' && url.indexOf('@') !== url.lastIndexOf('@')) {
    return new AppError('CONFLICT', `cannot reach PostgreSQL at ${where}: the URL holds "@" twice; percent-encode the password's special characters (@ as %40) or give it in PGPASSWORD`, {
      reason: 'database_unreachable',
    });
  }
  return null;
}

/** A pool on a database checked and migrated for the hub. Refusals are AppErrors with a reason; the pool is ended then. */
export async function openHubDatabase(url: string, options: OpenHubDatabaseOptions = {}): Promise<pg.Pool> {
  const pool = openHubPool(url, options.poolSize);
  try {
    if (options.requireTeam && !(await tableExists(pool, 'public.emerald_schema_migrations'))) {
      await assertOurs(pool);
      throw noTeamYet();
    }
    await assertOurs(pool);
    await migratePostgres(pool);
    if (options.teamId) {
      const { rows } = await pool.query<{ team_id: string; team_name: string }>('SELECT team_id, team_name FROM hub_identity WHERE id = 1');
      const team = rows[0];
      if (team && team.team_id !== options.teamId) {
        throw new AppError('CONFLICT', `this PostgreSQL database holds another team ("${team.team_name}", ${team.team_id}), not ${options.teamId}`, { reason: 'foreign_team' });
      }
    }
    return pool;
  } catch (error) {
    await pool.end().catch(() => undefined);
    const mistake = setupMistake(error, url);
    if (mistake) throw mistake;
    if (isUnavailable(error)) {
      throw new AppError('CONFLICT', `cannot reach PostgreSQL at ${redacted(url)}: ${(error as Error).message}`, { reason: 'database_unreachable' });
    }
    throw error;
  }
}

/**
 * The URL without its password, for messages and logs. Cut at the last "@" rather than parsed: a password holding an
 * unencoded "@", "#" or "/" parses as part of the host, and a parser would print it.
 */
export function redacted(url: string): string {
  const scheme = url.indexOf('://');
  const at = url.lastIndexOf('@');
  if (scheme < 0 || at < scheme) return url;
  const credentials = url.slice(scheme + 3, at);
  const colon = credentials.indexOf(':');
  return colon < 0 ? url : `${url.slice(0, scheme + 3)}${credentials.slice(0, colon)}:***${url.slice(at)}`;
}

export interface InitHubInput {
  teamName: string;
  /** The hub's name as the team's members list shows it. */
  deviceName: string;
  /** The team's first administrator (full access): makes the pairing codes, signs in on any laptop. */
  admin: z.output<typeof setupInput>;
  clock?: Clock;
}

export interface InitHubResult {
  teamId: string;
  teamName: string;
  deviceId: string;
  fingerprint: string;
  adminUsername: string;
}

interface FoundedTeam {
  ops: OpRecord[];
  local: { device_id: string; device_name: string; team_id: string; team_name: string; team_key: string; slot: number; private_key: string; public_key: string; last_hlc: string; next_seq: number };
}

/** The team as a laptop founds it, in a throwaway copy: its ops and the founder device's identity. */
async function foundTeam(input: InitHubInput): Promise<FoundedTeam> {
  const dir = mkdtempSync(path.join(tmpdir(), 'emerald-hub-init-'));
  const database = openDatabase(path.join(dir, 'emerald.db'));
  try {
    const base = { db: database.db, sqlite: database.sqlite, clock: input.clock ?? systemClock, events: new EventBus(() => undefined), dataDir: dir };
    const admin = await setup({ ...base, actor: null }, input.admin);
    const ctx: ServiceContext = { ...base, actor: loadActor(database.sqlite, admin.id) };
    createTeam(ctx, { name: input.teamName, deviceName: input.deviceName });
    const ops = [...opsMissingFrom(database.sqlite, {}, 2000)].flat();
    const local = database.sqlite
      .prepare('SELECT device_id, device_name, team_id, team_name, team_key, slot, private_key, public_key, last_hlc, next_seq FROM sync_local WHERE id = 1')
      .get() as FoundedTeam['local'];
    return { ops, local };
  } finally {
    database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Founds the team on an opened hub database; refuses one that holds a team or ops already. */
export async function initPgHub(pool: pg.Pool, input: InitHubInput): Promise<InitHubResult> {
  const refuseHeld = async (client: pg.PoolClient) => {
    const [team] = await pgRun<{ team_name: string; team_id: string }>(client, 'SELECT team_name, team_id FROM hub_identity WHERE id = 1');
    if (team) throw new AppError('CONFLICT', `this PostgreSQL database already holds the team "${team.team_name}" (${team.team_id})`, { reason: 'already_in_team' });
    const [op] = await pgRun(client, 'SELECT 1 FROM sync_ops LIMIT 1');
    if (op) throw new AppError('CONFLICT', 'this PostgreSQL database already holds team data; give the new team a database of its own', { reason: 'not_empty' });
  };
  await inPgTransaction(pool, refuseHeld, 'read committed', true);
  const founded = await foundTeam(input);
  const { local } = founded;
  const clock = input.clock ?? systemClock;
  await inPgTransaction(pool, async (client) => {
    await refuseHeld(client);
    const at = clock.now().toISOString();
    // The identity first: a second init racing this one fails on its primary key.
    await pgRun(
      client,
      `INSERT INTO hub_identity (id, device_id, device_name, team_id, team_name, team_key, slot, private_key, public_key, last_hlc, next_seq, created_at, updated_at)
       VALUES (1, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)`,
      [local.device_id, local.device_name, local.team_id, local.team_name, local.team_key, local.slot, local.private_key, local.public_key, local.last_hlc, local.next_seq, at],
    );
    await pgApplyOps(client, founded.ops, clock.now().getTime());
    const [held] = await pgRun<{ n: number }>(client, "SELECT count(*)::integer AS n FROM sync_ops WHERE status <> 'applied'");
    if ((held?.n ?? 0) > 0) throw new AppError('INTERNAL', 'the new team\'s first ops did not all apply on PostgreSQL', { reason: 'init_failed' });
  });
  return { teamId: local.team_id, teamName: local.team_name, deviceId: local.device_id, fingerprint: fingerprintOf(local.public_key), adminUsername: input.admin.username };
}
