// Teams for the scenario tests, made the way people make them: the office creates the team (team.create), each
// laptop is a fresh install whose admin joins with an invitation file (team.join; the same admin email becomes one
// user), then takes the office's ops in a first exchange, so everyone signs in anywhere (password hashes replicate).
import type Database from 'better-sqlite3';
import { ADMIN, startTestApp, type Caller, type TestApp } from '../support/backend';
import { replayOpLog } from './support';

const sqliteOf = (app: TestApp): Database.Database => app.backend.database.sqlite;

/** Makes `founder` the team's first member (slot 01). */
export async function foundTeam(founder: TestApp, deviceName = 'Oficina'): Promise<void> {
  await founder.admin.call('team.create', { name: 'Servicios Norte', deviceName });
}

/** A new member: a fresh install at the founder's time that joins with an invitation and receives the founder's ops. */
export async function joinTeam(founder: TestApp, deviceName: string): Promise<TestApp> {
  const invitation = await founder.admin.call('team.invite', { memberName: deviceName });
  const member = await startTestApp();
  member.clock.set(founder.clock.now().toISOString());
  await member.admin.call('auth.login', { login: ADMIN.username, password: ADMIN.password });
  await member.admin.call('team.join', { invite: Buffer.from(invitation.bytes).toString('utf8'), deviceName });
  const outcome = replayOpLog(sqliteOf(founder), sqliteOf(member), member.clock.now().getTime());
  if (outcome.setAside.length > 0) throw new Error(`the first exchange set ops aside: ${JSON.stringify(outcome.setAside)}`);
  return member;
}

/** A caller on `app` signed in as an existing user (test users' passwords are `<username>-password-1`). */
export async function signIn(app: TestApp, username: string): Promise<Caller> {
  const caller = app.caller();
  await caller.call('auth.login', { login: username, password: `${username}-password-1` });
  return caller;
}
