// Shared by the bundle tests: copies put in one team with the team service (create, invite, join),
// bulk data written the way the write path writes it, and probes of the replicated state.
import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import { recordCapturedOps } from '../../electron/services/sync/capture';
import { syncDigest } from '../../electron/services/sync/digest';
import { newId } from '../../electron/services/ids';
import { joinTeam } from '../../electron/services/sync/teamJoin';
import type { TestApp } from '../support/backend';

/** A write the way inTransaction makes it: the change and its ops in one transaction. */
export function captured(sqlite: Database.Database, authorId: string | null, nowMs: number, work: () => void): void {
  sqlite.transaction(() => {
    work();
    recordCapturedOps(sqlite, authorId, nowMs);
  }).immediate();
}

export const deviceOf = (sqlite: Database.Database): string => (sqlite.prepare('SELECT device_id FROM sync_local WHERE id = 1').get() as { device_id: string }).device_id;

export const adminIdOf = (sqlite: Database.Database): string | null =>
  (sqlite.prepare("SELECT id FROM users WHERE username = 'admin'").get() as { id: string } | undefined)?.id ?? null;

/** `team create` on this copy (slot 01), by its signed-in admin. */
export async function createTeamOn(app: TestApp): Promise<void> {
  await app.admin.call('team.create', { name: 'Servicios Norte', deviceName: 'Oficina' });
}

/** `team invite` on this copy: the .eminvite file's text. */
export async function inviteOn(app: TestApp, memberName = 'Portátil'): Promise<string> {
  return Buffer.from((await app.admin.call('team.invite', { memberName })).bytes).toString('utf8');
}

/** `team join` into a folder nobody set up yet (as `npm run cli -- team join` does): it knows no other member. */
export function joinOn(app: TestApp, invite: string, deviceName = 'Portátil'): void {
  const { database, clock, events } = app.backend;
  joinTeam({ db: database.db, sqlite: database.sqlite, actor: null, clock, events }, { invite, deviceName });
}

/** n customers written in one transaction: n insert ops of this device. */
export function bulkCustomers(app: TestApp, n: number, prefix = 'Cliente'): void {
  const sqlite = app.backend.database.sqlite;
  const at = app.clock.now().toISOString();
  captured(sqlite, adminIdOf(sqlite), app.clock.now().getTime(), () => {
    const insert = sqlite.prepare('INSERT INTO customers (id, name, notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?)');
    for (let i = 0; i < n; i++) insert.run(newId(), `${prefix} ${i} ${randomBytes(3).toString('hex')}`, `nota ${i}`, at, at);
  });
}

/** What "unchanged" means for a refused bundle: the replicated state, the op log and this copy's bookkeeping. */
export function replicatedState(sqlite: Database.Database) {
  const count = (sql: string) => (sqlite.prepare(sql).get() as { n: number }).n;
  return {
    digest: syncDigest(sqlite),
    ops: count('SELECT count(*) AS n FROM sync_ops'),
    clocks: count('SELECT count(*) AS n FROM sync_clocks'),
    conflicts: count('SELECT count(*) AS n FROM sync_conflicts'),
    local: sqlite.prepare('SELECT last_hlc, next_seq, vector_floor, last_import_at FROM sync_local WHERE id = 1').get(),
  };
}
