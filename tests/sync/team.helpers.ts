// Shared by the team tests: apps on real files with clocks near the wall clock (baseline ops are stamped with
// the real time), invitation files as text, and op exchange between two copies.
import type Database from 'better-sqlite3';
import type { FilePayload } from '../../electron/contract';
import { applyRemoteOps, opsMissingFrom, readVector, type ApplyOutcome } from '../../electron/services/sync/apply';
import { ADMIN, startTestApp, type TestApp } from '../support/backend';

/** A test app whose clock starts at the real time, so its ops and a copy's baseline ops share one timeline. */
export async function startNowApp(options: { setup?: boolean } = {}): Promise<TestApp> {
  const app = await startTestApp({ setup: false });
  app.clock.set(new Date().toISOString());
  if (options.setup !== false) {
    await app.admin.call('auth.setup', ADMIN);
    await app.admin.call('auth.login', { login: ADMIN.username, password: ADMIN.password });
  }
  return app;
}

export const sqliteOf = (app: TestApp): Database.Database => app.backend.database.sqlite;

export const fileText = (file: FilePayload): string => Buffer.from(file.bytes).toString('utf8');

/** Sends `to` every op of `from` it lacks, as a bundle would, and applies them at `to`'s time. */
export function sendOps(from: TestApp, to: TestApp): ApplyOutcome {
  const target = sqliteOf(to);
  const ops = [...opsMissingFrom(sqliteOf(from), readVector(target))].flat();
  return target.transaction(() => applyRemoteOps(target, ops, to.clock.now().getTime()))();
}

/** Both ways, twice: what two members have after meeting. */
export function exchange(a: TestApp, b: TestApp): void {
  for (let round = 0; round < 2; round++) {
    sendOps(a, b);
    sendOps(b, a);
  }
}

export function count(sqlite: Database.Database, sql: string, ...params: unknown[]): number {
  return (sqlite.prepare(sql).get(...params) as { n: number }).n;
}

/** Row counts of the tables a join must keep whole. */
export function dataCounts(sqlite: Database.Database): Record<string, number> {
  const tables = ['tickets', 'ticket_timeline', 'work_orders', 'work_order_items', 'customers', 'users', 'roles', 'ticket_categories', 'products'];
  return Object.fromEntries(tables.map((table) => [table, count(sqlite, `SELECT count(*) AS n FROM ${table}`)]));
}

export function allCodes(sqlite: Database.Database): string[] {
  return (sqlite.prepare('SELECT code FROM tickets UNION ALL SELECT code FROM work_orders').all() as { code: string }[]).map((row) => row.code);
}
