// Shared by the bundle tests: copies put in one team the way team create / invite / join leave them
// (team columns of sync_local, the device's keys, its own team_members row as an op), bulk data, and state probes.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import { recordCapturedOps } from '../../electron/services/sync/capture';
import { syncDigest } from '../../electron/services/sync/digest';
import { newId } from '../../electron/services/ids';
import type { TestApp } from '../support/backend';

export interface TeamInfo {
  teamId: string;
  teamKey: string;
}

/** A write the way inTransaction makes it: the change and its ops in one transaction. */
export function captured(sqlite: Database.Database, authorId: string | null, nowMs: number, work: () => void): void {
  sqlite.transaction(() => {
    work();
    recordCapturedOps(sqlite, authorId, nowMs);
  }).immediate();
}

function keyPair() {
  return generateKeyPairSync('ed25519', { privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
}

export const deviceOf = (sqlite: Database.Database): string => (sqlite.prepare('SELECT device_id FROM sync_local WHERE id = 1').get() as { device_id: string }).device_id;

export const adminIdOf = (sqlite: Database.Database): string | null =>
  (sqlite.prepare("SELECT id FROM users WHERE username = 'admin'").get() as { id: string } | undefined)?.id ?? null;

function enroll(app: TestApp, team: TeamInfo, slot: number, invitationId: string | null): void {
  const sqlite = app.backend.database.sqlite;
  const keys = keyPair();
  const at = app.clock.now().toISOString();
  sqlite
    .prepare('UPDATE sync_local SET team_id = ?, team_name = ?, team_key = ?, slot = ?, private_key = ?, public_key = ? WHERE id = 1')
    .run(team.teamId, 'Servicios Norte', team.teamKey, slot, keys.privateKey, keys.publicKey);
  captured(sqlite, adminIdOf(sqlite), app.clock.now().getTime(), () => {
    sqlite
      .prepare('INSERT INTO team_members (device_id, slot, name, public_key, invitation_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(deviceOf(sqlite), slot, `device ${slot}`, keys.publicKey, invitationId, at, at);
  });
}

/** `team create` on this copy: slot 1, no invitation. */
export function createTeamOn(app: TestApp): TeamInfo {
  const team = { teamId: newId(), teamKey: randomBytes(32).toString('base64') };
  enroll(app, team, 1, null);
  return team;
}

/** `team invite` on this copy: a one-use invitation row (an op the other members receive). */
export function inviteOn(app: TestApp, slot: number): string {
  const sqlite = app.backend.database.sqlite;
  const id = newId();
  const at = app.clock.now().toISOString();
  captured(sqlite, adminIdOf(sqlite), app.clock.now().getTime(), () => {
    sqlite.prepare('INSERT INTO team_invitations (id, slot, expires_at, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run(id, slot, '2099-01-01T00:00:00.000Z', adminIdOf(sqlite), at, at);
  });
  return id;
}

/** `team join` on an empty copy: the team's key, new device keys, its own member row naming the invitation. */
export function joinOn(app: TestApp, team: TeamInfo, invitationId: string, slot: number): void {
  enroll(app, team, slot, invitationId);
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
