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
  // The bulk path indexes each ticket once after the batch: the search text matches the source's, line for line.
  const searchText = (db: typeof sqlite) =>
    (db.prepare('SELECT d.ticket_id AS id, s.code, s.title, s.timeline FROM ticket_search s JOIN ticket_search_docs d ON d.doc_id = s.rowid ORDER BY d.ticket_id').all() as {
      timeline: string;
    }[]).map((row) => ({ ...row, timeline: row.timeline.split('\n').sort() }));
  expect(searchText(copy.sqlite)).toEqual(searchText(sqlite));
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
