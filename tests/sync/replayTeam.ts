// Teams for the sync tests, built without the team service: the first copy is an ordinary install, every other
// member starts as an empty install that replays the first one's op log, so users, roles and catalogs share ids
// (password hashes replicate, so everyone signs in anywhere). Slots and names are set as joining would set them.
import type Database from 'better-sqlite3';
import { recordCapturedOps } from '../../electron/services/sync/capture';
import { ADMIN, startTestApp, type Caller, type TestApp } from '../support/backend';
import { replayOpLog } from './support';

export const TEAM_ID = '0123456789abcdef0123456789abcdef';

const deviceOf = (sqlite: Database.Database) => (sqlite.prepare('SELECT device_id FROM sync_local WHERE id = 1').get() as { device_id: string }).device_id;

function joinLocally(sqlite: Database.Database, slot: number, name: string): void {
  sqlite.prepare('UPDATE sync_local SET team_id = ?, team_name = ?, slot = ?, device_name = ? WHERE id = 1').run(TEAM_ID, 'Servicios Norte', slot, name);
  // Plain code counters far apart too, so codes stay distinct whether or not codes carry the slot.
  const year = new Date().getUTCFullYear();
  for (const y of [year - 1, year, year + 1, 2026]) {
    for (const kind of ['ticket:TK', 'workOrder:OT']) {
      sqlite.prepare('INSERT OR IGNORE INTO code_sequences (scope, last_value, created_at, updated_at) VALUES (?, ?, ?, ?)').run(`${kind}:${y}`, slot * 1000, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z');
    }
  }
}

/** The member row an admin writes when a device joins: a replicated op authored by the first copy's admin. */
function addMember(founder: TestApp, deviceId: string, slot: number, name: string): void {
  const sqlite = founder.backend.database.sqlite;
  const admin = sqlite.prepare('SELECT id FROM users WHERE username = ?').get(ADMIN.username) as { id: string };
  const at = founder.clock.now().toISOString();
  sqlite.transaction(() => {
    sqlite
      .prepare('INSERT INTO team_members (device_id, slot, name, public_key, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(deviceId, slot, name, `key-${deviceId}`, at, at);
    recordCapturedOps(sqlite, admin.id, founder.clock.now().getTime());
  })();
}

/** Makes `founder` the team's first member (slot 1). Call once, before adding others. */
export function foundTeam(founder: TestApp, name = 'Oficina'): void {
  const sqlite = founder.backend.database.sqlite;
  joinLocally(sqlite, 1, name);
  addMember(founder, deviceOf(sqlite), 1, name);
}

/** A new member: an empty install that replays the founder's log; its admin caller is signed in as the founder's admin. */
export async function joinByReplay(founder: TestApp, slot: number, name: string): Promise<TestApp> {
  const member = await startTestApp({ setup: false });
  member.clock.set(founder.clock.now().toISOString());
  const sqlite = member.backend.database.sqlite;
  addMember(founder, deviceOf(sqlite), slot, name);
  const outcome = replayOpLog(founder.backend.database.sqlite, sqlite, member.clock.now().getTime());
  if (outcome.setAside.length > 0) throw new Error(`replay set ops aside: ${JSON.stringify(outcome.setAside)}`);
  joinLocally(sqlite, slot, name);
  await member.admin.call('auth.login', { login: ADMIN.username, password: ADMIN.password });
  return member;
}

/** A caller on `app` signed in as an existing user (test users' passwords are `<username>-password-1`). */
export async function signIn(app: TestApp, username: string): Promise<Caller> {
  const caller = app.caller();
  await caller.call('auth.login', { login: username, password: `${username}-password-1` });
  return caller;
}

export function deviceIdOf(app: TestApp): string {
  return deviceOf(app.backend.database.sqlite);
}
