// Teams for the scenario tests, made the way people make them: the office creates the team (team.create), each
// laptop is a fresh install whose admin joins with an invitation file (team.join; the same admin email becomes one
// user), then takes the office's ops in a first exchange, so everyone signs in anywhere (password hashes replicate).
import type Database from 'better-sqlite3';
import { startDomainApp, type DomainFixture } from '../domain/fixtures';
import { ADMIN, startTestApp, type Caller, type TestApp } from '../support/backend';
import { exchange, memberOf, replayOpLog } from './support';

export const HOUR = 60 * 60 * 1000;

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

/** The office (the founder, with the domain fixture) and `extra` laptops that joined its team (slots 02, 03…). Close them all. */
export async function startTeam(extra: number): Promise<{ f: DomainFixture; office: TestApp; members: TestApp[] }> {
  const f = await startDomainApp();
  // Near the real time: a joining copy's rebuilt baseline is stamped with it, and must not look a day ahead.
  f.app.clock.set(new Date().toISOString());
  await f.admin.call('auth.login', { login: ADMIN.username, password: ADMIN.password });
  for (const [person, username] of [[f.tec1, 'tec1'], [f.tec2, 'tec2']] as const) {
    await person.caller.call('auth.login', { login: username, password: `${username}-password-1` });
  }
  await foundTeam(f.app, 'Oficina');
  const members: TestApp[] = [];
  for (let slot = 2; slot < 2 + extra; slot++) members.push(await joinTeam(f.app, `Portátil ${slot}`));
  return { f, office: f.app, members };
}

export const meet = (a: TestApp, b: TestApp) => exchange(memberOf(a), memberOf(b));

/** Every copy meets every other until nothing moves (two rounds suffice for a full mesh). */
export function meetAll(apps: TestApp[]): void {
  for (let round = 0; round < 2; round++) for (let i = 0; i < apps.length; i++) for (let j = i + 1; j < apps.length; j++) meet(apps[i]!, apps[j]!);
}

/** Time passes on one laptop; sessions idle that long end, so its admin signs in again. */
export async function later(app: TestApp, ms: number): Promise<void> {
  app.clock.advance(ms);
  await app.admin.call('auth.login', { login: ADMIN.username, password: ADMIN.password });
}

/** A ticket with one OT scheduled for a technician now, as the office dispatches it. */
export async function dispatched(f: DomainFixture, technicianId: string, title = 'Router sin conexión') {
  const ticket = await f.admin.call('tickets.create', { title, customerId: f.customerId });
  const requested = await f.admin.call('workOrders.requestVisit', { ticketId: ticket.id, otType: 'repair' });
  const workOrder = await f.admin.call('workOrders.schedule', {
    id: requested.id,
    version: requested.version,
    technicianId,
    scheduledDate: f.app.clock.now().toISOString(),
    // Scenarios dispatch several visits "now"; the scheduling rules have their own tests.
    confirmOverlap: true,
  });
  return { ticket, workOrder };
}
