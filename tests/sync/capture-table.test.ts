// sync_capture is keyed by the plain rowid (migration 0025): no sqlite_sequence row written per captured write, ops
// still in the order their changes were made, and an upgraded file keeps its triggers and any row it held.
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/open';
import { buildFixtureDatabase } from '../../scripts/fixtures/build';
import { recordCapturedOps } from '../../electron/services/sync/capture';
import { removeTempDirs, tempDir } from '../db/helpers';
import { startTestApp } from '../support/backend';

afterAll(removeTempDirs);

const BEFORE_0025 = 24;

describe('sync_capture without AUTOINCREMENT', () => {
  it('writes no sqlite_sequence row and turns the changes into ops in the order they were made', async () => {
    const app = await startTestApp();
    try {
      const sqlite = app.backend.database.sqlite;
      const table = sqlite.prepare("SELECT sql FROM sqlite_master WHERE name = 'sync_capture'").get() as { sql: string };
      expect(table.sql).not.toMatch(/AUTOINCREMENT/i);
      const { seq: from } = sqlite.prepare('SELECT max(seq) AS seq FROM sync_ops').get() as { seq: number };
      const ticket = await app.admin.call('tickets.create', { title: 'Caldera', description: 'No arranca' });
      const ops = sqlite.prepare('SELECT entity, row_id, kind FROM sync_ops WHERE seq > ? ORDER BY seq').all(from) as { entity: string; row_id: string; kind: string }[];
      // The ticket before its first event, as the service wrote them.
      expect(ops.map((op) => `${op.entity} ${op.kind}`)).toEqual(['tickets insert', 'ticket_timeline insert']);
      expect(ops[0]?.row_id).toBe(ticket.id);
      expect(sqlite.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'sqlite_sequence'").get()).toEqual({ n: 1 });
      expect(sqlite.prepare("SELECT count(*) AS n FROM sqlite_sequence WHERE name = 'sync_capture'").get()).toEqual({ n: 0 });
      expect(sqlite.prepare('SELECT count(*) AS n FROM sync_capture').get()).toEqual({ n: 0 });
    } finally {
      app.close();
    }
  });

  it('an upgraded file keeps a row it held and its capture triggers still fill the table', () => {
    const file = path.join(tempDir(), 'emerald.db');
    buildFixtureDatabase(file, BEFORE_0025);
    const held = 'SELECT id, entity, row_id, kind, old_values, new_values FROM sync_capture ORDER BY id';
    const raw = new Database(file);
    raw.prepare("INSERT INTO sync_capture (entity, row_id, kind, old_values, new_values) VALUES ('customers', 'c-left', 'delete', NULL, NULL)").run();
    const before = raw.prepare(held).all();
    raw.close();

    const opened = openDatabase(file);
    try {
      const { sqlite } = opened;
      expect(sqlite.prepare(held).all()).toEqual(before);
      expect(before).toContainEqual(expect.objectContaining({ entity: 'customers', row_id: 'c-left', kind: 'delete' }));
      expect(sqlite.prepare("SELECT count(*) AS n FROM sqlite_sequence WHERE name = 'sync_capture'").get()).toEqual({ n: 0 });
      sqlite.prepare('DELETE FROM sync_capture').run();
      sqlite.transaction(() => {
        sqlite.prepare("INSERT INTO ticket_categories (id, name) VALUES ('cat-new', 'Climatización')").run();
        expect(sqlite.prepare('SELECT entity, row_id, kind FROM sync_capture').all()).toEqual([{ entity: 'ticket_categories', row_id: 'cat-new', kind: 'insert' }]);
        expect(recordCapturedOps(sqlite, null, Date.now())).toBe(1);
      })();
      expect(sqlite.prepare("SELECT kind FROM sync_ops WHERE entity = 'ticket_categories' AND row_id = 'cat-new'").all()).toEqual([{ kind: 'insert' }]);
    } finally {
      opened.close();
    }
  });
});
