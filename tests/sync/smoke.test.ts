import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { openDatabase } from '../../db/open';
import { applyRemoteOps, opsMissingFrom, readVector } from '../../electron/services/sync/apply';
import { recordCapturedOps } from '../../electron/services/sync/capture';
import { syncDigest } from '../../electron/services/sync/digest';
import { captureTriggerNames } from '../../electron/services/sync/sqlgen';
import { generateDemoData } from '../../scripts/demo/generate';
import { startDomainApp } from '../domain/fixtures';
import { startTestApp } from '../support/backend';
import { tempDir, removeTempDirs } from '../db/helpers';

afterAll(removeTempDirs);

it('replays the op log into an empty copy', async () => {
  const f = await startDomainApp();
  const ticket = await f.admin.call('tickets.create', { title: 'Impresora', description: 'No imprime', customerId: f.customerId });
  await f.admin.call('tickets.addNote', { id: ticket.id, content: 'Llamé al cliente' });
  const wo = await f.admin.call('workOrders.requestVisit', { ticketId: ticket.id, otType: 'repair' });
  const a = f.app.backend.database.sqlite;
  expect((a.prepare('SELECT count(*) n FROM sync_capture').get() as { n: number }).n).toBe(0);
  const b = openDatabase(path.join(tempDir(), 'b.db'));
  const pages = [...opsMissingFrom(a, readVector(b.sqlite))];
  const outcome = b.sqlite.transaction(() => applyRemoteOps(b.sqlite, pages.flat(), Date.now()))();
  expect(outcome.setAside).toEqual([]);
  expect(syncDigest(b.sqlite)).toBe(syncDigest(a));
  expect(wo.code).toMatch(/^OT-/);
  b.close();
  f.app.close();
});

it('demo data are ops of this device too: nothing left in the capture table, and a replay gives the same state', async () => {
  const app = await startTestApp();
  const sqlite = app.backend.database.sqlite;
  await generateDemoData(sqlite, { tickets: 40, technicians: 2, seed: 3, now: app.clock.now() });
  expect((sqlite.prepare('SELECT count(*) n FROM sync_capture').get() as { n: number }).n).toBe(0);
  const copy = openDatabase(path.join(tempDir(), 'copy.db'));
  const outcome = copy.sqlite.transaction(() => applyRemoteOps(copy.sqlite, [...opsMissingFrom(sqlite, {})].flat(), Date.now()))();
  expect(outcome.setAside).toEqual([]);
  expect(syncDigest(copy.sqlite)).toBe(syncDigest(sqlite));
  // The bulk path indexes every event as it lands: each ticket's index rows (its own and one per event, one rowid
  // range: services/search/schema.ts) hold the same text as the source's.
  const searchText = (db: typeof sqlite) => {
    const rows = db
      .prepare(
        `SELECT d.ticket_id AS id, s.code, s.title, s.timeline, s.rowid % 16777216 AS ordinal FROM ticket_search_docs d JOIN ticket_search s
         ON s.rowid BETWEEN d.doc_id * 16777216 AND d.doc_id * 16777216 + 16777215 ORDER BY d.ticket_id, s.timeline`,
      )
      .all() as { id: string; code: string | null; title: string | null; timeline: string; ordinal: number }[];
    const byTicket = new Map<string, { code: string | null; title: string | null; events: string[] }>();
    for (const row of rows) {
      const ticket = byTicket.get(row.id) ?? { code: null, title: null, events: [] };
      if (row.ordinal === 0) Object.assign(ticket, { code: row.code, title: row.title });
      else ticket.events.push(row.timeline);
      byTicket.set(row.id, ticket);
    }
    return [...byTicket.entries()];
  };
  const indexed = searchText(sqlite);
  expect(indexed.length).toBe((sqlite.prepare('SELECT count(*) AS n FROM tickets').get() as { n: number }).n);
  expect(indexed.every(([, ticket]) => ticket.code !== null && ticket.events.length > 0)).toBe(true);
  expect(searchText(copy.sqlite)).toEqual(indexed);
  // The bulk path set the capture triggers aside: they are all back, and a local write on the copy is an op again.
  const triggers = copy.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name IN (SELECT value FROM json_each(?))").all(JSON.stringify(captureTriggerNames()));
  expect(triggers).toHaveLength(captureTriggerNames().length);
  copy.sqlite.transaction(() => {
    copy.sqlite.prepare("UPDATE customers SET phone = '600 000 000' WHERE id = (SELECT min(id) FROM customers)").run();
    expect(recordCapturedOps(copy.sqlite, null, Date.now())).toBe(1);
  })();
  copy.close();
  app.close();
});
