// Shared by the sync tests: empty copies, replaying one copy's op log into another, and table-by-table comparison.
import type Database from 'better-sqlite3';
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { Permission } from '../../shared/enums';
import { openDatabase, type OpenedDatabase } from '../../db/open';
import { createBackend, databasePath, type Backend } from '../../electron/ipc/backend';
import { applyRemoteOps, opsMissingFrom, readVector, type ApplyOutcome } from '../../electron/services/sync/apply';
import type { OpRecord } from '../../electron/services/sync/capture';
import { replicatedRows } from '../../electron/services/sync/digest';
import { REPLICATED_ENTITIES } from '../../electron/services/sync/entities';
import { tempDir } from '../db/helpers';
import { ADMIN, Caller, TestClock } from '../support/backend';
import { settingsVersions } from '../support/versions';

/** A freshly migrated database with no setup and no rows: what a replay starts from. */
export function openEmptyCopy(name = 'empty.db'): OpenedDatabase {
  return openDatabase(path.join(tempDir(), name));
}

/** Sends `target` every op of `source` it lacks (the whole log for an empty copy) in one transaction. */
export function replayOpLog(source: Database.Database, target: Database.Database, nowMs: number): ApplyOutcome {
  const pages = [...opsMissingFrom(source, readVector(target))];
  return target.transaction(() => applyRemoteOps(target, pages.flat(), nowMs))();
}

/** Rows of one replicated table, in the columns that travel, ordered by key. */
export function replicatedTable(sqlite: Database.Database, table: string): unknown[][] {
  return [...replicatedRows(sqlite, table)];
}

/** Table by table, so a failure names the table whose replicated rows differ. */
export function expectSameReplicatedRows(actual: Database.Database, expected: Database.Database, label = ''): void {
  for (const { table } of REPLICATED_ENTITIES) {
    expect(replicatedTable(actual, table), `${label}${table}`).toEqual(replicatedTable(expected, table));
  }
}

/** Changes the triggers saw that no transaction turned into ops: must be zero between writes. */
export function pendingCaptureCount(sqlite: Database.Database): number {
  return (sqlite.prepare('SELECT count(*) AS n FROM sync_capture').get() as { n: number }).n;
}

/** Ops the copy keeps aside (never applied), with their reason and what they carry (for a readable failure). */
export function opsSetAside(sqlite: Database.Database): { device_id: string; seq: number; entity: string; status: string; kind: string; row_id: string; fields: string }[] {
  return sqlite.prepare("SELECT device_id, seq, entity, status, kind, row_id, fields FROM sync_ops WHERE status <> 'applied' ORDER BY device_id, seq").all() as {
    device_id: string;
    seq: number;
    entity: string;
    status: string;
    kind: string;
    row_id: string;
    fields: string;
  }[];
}

export function opCount(sqlite: Database.Database): number {
  return (sqlite.prepare('SELECT count(*) AS n FROM sync_ops').get() as { n: number }).n;
}

/** What an exchange needs of a member: its database and the time on its own clock. */
export interface SyncMember {
  sqlite: Database.Database;
  now(): number;
}

/** A test app as a sync member (its TestClock is its wall clock). */
export function memberOf(app: { backend: { database: { sqlite: Database.Database } }; clock: { now(): Date } }): SyncMember {
  return { sqlite: app.backend.database.sqlite, now: () => app.clock.now().getTime() };
}

/** One meeting of two members, as a LAN sync or two bundles would be: each applies, at its own clock, what it lacks of the other. */
export function exchange(a: SyncMember, b: SyncMember): { toA: ApplyOutcome; toB: ApplyOutcome } {
  const toB = replayOpLog(a.sqlite, b.sqlite, b.now());
  const toA = replayOpLog(b.sqlite, a.sqlite, a.now());
  return { toA, toB };
}

// ---------------------------------------------------------------------------------------------------------------
// A simulated team for the property test and scenarios: one seed copy with users of every role and a few catalog
// rows, members started from it on their own files, each with its own backend, clock and device.

/** The team's people: the admin, one per default role, and a clerk whose custom role the admin edits. */
export const TEAM_PEOPLE = ['admin', 'sup', 'agent', 'tec1', 'tec2', 'store'] as const;
export type TeamPerson = (typeof TEAM_PEOPLE)[number];
const PERSON_ROLE: Record<Exclude<TeamPerson, 'admin'>, string> = { sup: 'Supervisor', agent: 'Agente', tec1: 'Técnico', tec2: 'Técnico', store: 'Almacén' };
/** The custom role of `store`, created at seed time. */
export const STORE_ROLE = { name: 'Almacén', permissions: ['catalog:write', 'tickets:read'] as Permission[] };

export interface TeamSeed {
  /** One file per member, all of one team: [0] founded it, the others joined with an invitation each. */
  files: string[];
  people: Record<TeamPerson, string>;
  startedAt: Date;
}

/** An install signed in as its admin (the same email on every install: joining makes it one user). */
async function install(dataDir: string, clock: TestClock): Promise<{ backend: Backend; admin: Caller }> {
  const backend = createBackend({ dataDir, clock });
  const admin = new Caller(backend);
  await admin.call('auth.setup', ADMIN);
  await admin.call('auth.login', { login: ADMIN.username, password: ADMIN.password });
  return { backend, admin };
}

/**
 * Builds the team once, the way people do: the founder sets up users of every role, a few catalog rows and two
 * tickets, creates the team (slot 01) and invites the others; each of them is a fresh install whose admin joins
 * (slots 02, 03…) and takes the founder's ops in a first exchange. Each run copies the files.
 */
export async function buildTeamSeed(members: number): Promise<TeamSeed> {
  const dir = tempDir();
  // Near the real time: a joining copy stamps its rebuilt baseline with it.
  const clock = new TestClock(new Date());
  const founder = await install(path.join(dir, 'm0'), clock);
  const admin = founder.admin;
  await admin.call('settings.update', { versions: await settingsVersions(admin), companyName: 'Servicios Norte', sessionTimeoutMinutes: 24 * 60 });
  await admin.call('roles.create', STORE_ROLE);
  const roles = await admin.call('roles.list', {});
  const people = { admin: (await admin.call('auth.me', {})).user.id } as Record<TeamPerson, string>;
  for (const [person, roleName] of Object.entries(PERSON_ROLE) as [Exclude<TeamPerson, 'admin'>, string][]) {
    const roleId = roles.find((role) => role.name === roleName)?.id ?? null;
    const user = await admin.call('users.create', { email: `${person}@example.com`, username: person, password: `${person}-password-1`, fullName: person, roleId });
    people[person] = user.id;
  }
  const customer = await admin.call('customers.create', { name: 'Clínica Dental Sonrisa' });
  await admin.call('categories.create', { name: 'Impresoras' });
  await admin.call('products.create', { sku: 'RTR-100', name: 'Router industrial', tracksSerial: true });
  await admin.call('products.create', { sku: 'CBL-5M', name: 'Cable de red 5 m' });
  // Two tickets with an OT each, so the first random edits have something to act on.
  for (const title of ['Impresora no imprime', 'Router sin conexión']) {
    const ticket = await admin.call('tickets.create', { title, customerId: customer.id });
    await admin.call('workOrders.requestVisit', { ticketId: ticket.id, otType: 'repair', technicianId: people.tec1, scheduledDate: clock.now().toISOString() });
  }
  await admin.call('team.create', { name: 'Servicios Norte', deviceName: 'member 0' });
  const files = [databasePath(path.join(dir, 'm0'))];
  for (let index = 1; index < members; index++) {
    const invitation = await admin.call('team.invite', { memberName: `member ${index}` });
    const joiner = await install(path.join(dir, `m${index}`), clock);
    await joiner.admin.call('team.join', { invite: Buffer.from(invitation.bytes).toString('utf8'), deviceName: `member ${index}` });
    const outcome = replayOpLog(founder.backend.database.sqlite, joiner.backend.database.sqlite, clock.now().getTime());
    if (outcome.setAside.length > 0) throw new Error(`member ${index}: the first exchange set ops aside`);
    joiner.backend.close();
    files.push(databasePath(path.join(dir, `m${index}`)));
  }
  founder.backend.close();
  return { files, people, startedAt: clock.now() };
}

export interface TeamMember {
  index: number;
  deviceId: string;
  backend: Backend;
  clock: TestClock;
  sqlite: Database.Database;
  /** A caller signed in as one of the team's people on this member (a fresh session: idle expiry never bites). */
  as(person: TeamPerson): Caller;
  /** The same for any user id (a user created during the run). */
  asUser(userId: string): Caller;
  close(): void;
}

/** Member `index` on a copy of its seed file, with its own backend and its clock at `clockAt`. */
export function startTeamMember(seed: TeamSeed, index: number, clockAt: Date): TeamMember {
  const dataDir = tempDir();
  const file = seed.files[index];
  if (!file) throw new Error(`the seed has no member ${index}`);
  copyFileSync(file, databasePath(dataDir));
  const clock = new TestClock(clockAt);
  const backend = createBackend({ dataDir, clock });
  const { device_id: deviceId } = backend.database.sqlite.prepare('SELECT device_id FROM sync_local WHERE id = 1').get() as { device_id: string };
  return {
    index,
    deviceId,
    backend,
    clock,
    sqlite: backend.database.sqlite,
    as(person) {
      return this.asUser(seed.people[person]);
    },
    asUser(userId) {
      const caller = new Caller(backend);
      caller.token = backend.sessions.create(userId);
      return caller;
    },
    close: () => backend.close(),
  };
}

/** The pages `from` would send `to` now: every op `to` lacks, oldest clock first. */
export function pagesFor(from: Database.Database, to: Database.Database, pageSize: number): OpRecord[][] {
  return [...opsMissingFrom(from, readVector(to), pageSize)];
}

/** Imports pages as one bundle: one transaction, one applyRemoteOps per page (as a streaming import does). */
export function importPages(to: Database.Database, pages: readonly OpRecord[][], nowMs: number): ApplyOutcome {
  const total: ApplyOutcome = { applied: 0, duplicates: 0, gaps: 0, setAside: [], touched: [] };
  to.transaction(() => {
    for (const page of pages) {
      const outcome = applyRemoteOps(to, page, nowMs);
      total.applied += outcome.applied;
      total.duplicates += outcome.duplicates;
      total.gaps += outcome.gaps;
      total.setAside.push(...outcome.setAside);
    }
  })();
  return total;
}

class SimulatedCrash extends Error {}

/** A crash in the middle of an import: a prefix applied inside the transaction, then rolled back by a throw. */
export function crashMidImport(to: Database.Database, pages: readonly OpRecord[][], nowMs: number): void {
  try {
    to.transaction(() => {
      for (const page of pages) applyRemoteOps(to, page, nowMs);
      throw new SimulatedCrash();
    })();
  } catch (error) {
    if (!(error instanceof SimulatedCrash)) throw error;
  }
}
