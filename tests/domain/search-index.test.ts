// The full-text index with one owner (electron/services/search/schema.ts): one row per ticket and per timeline event,
// the migration generated from the module, results per ticket, and databases from the first schema found after upgrade.
import { copyFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/open';
import {
  DOC_SPAN,
  rebuildSearchIndex,
  SEARCH_DOCS_MIGRATION_FILE,
  SEARCH_MIGRATION_FILE,
  searchDocsMigrationSql,
  searchMigrationSql,
} from '../../electron/services/search/schema';
import { buildFixtureDatabase } from '../../scripts/fixtures/build';
import { olderMigrationsFolder, removeTempDirs, seedRows, tempDir } from '../db/helpers';
import { newId } from '../../electron/services/ids';
import { startDomainApp, type DomainFixture } from './fixtures';
import BetterSqlite3 from 'better-sqlite3';
import type Database from 'better-sqlite3';

const ROOT = path.join(import.meta.dirname, '../..');

interface IndexRow {
  rowid: number;
  code: string | null;
  title: string | null;
  timeline: string | null;
  event_id: string | null;
}
const indexRows = (sqlite: Database.Database) =>
  sqlite.prepare('SELECT rowid, code, title, timeline, event_id FROM ticket_search ORDER BY rowid').all() as IndexRow[];

/** Each ticket's index text by ticket id: its own row and its events' texts (sorted), independent of rowids. */
function indexByTicket(sqlite: Database.Database): Record<string, { code: string | null; title: string | null; events: string[] }> {
  const docs = new Map((sqlite.prepare('SELECT doc_id, ticket_id FROM ticket_search_docs').all() as { doc_id: number; ticket_id: string }[]).map((d) => [d.doc_id, d.ticket_id]));
  const out: Record<string, { code: string | null; title: string | null; events: string[] }> = {};
  for (const row of indexRows(sqlite)) {
    const ticketId = docs.get(Math.floor(row.rowid / DOC_SPAN)) as string;
    const entry = (out[ticketId] ??= { code: null, title: null, events: [] });
    if (row.rowid % DOC_SPAN === 0) Object.assign(entry, { code: row.code, title: row.title });
    else entry.events.push(row.timeline ?? '');
  }
  for (const entry of Object.values(out)) entry.events.sort();
  return out;
}

const ids = (page: { items: { id: string }[] }) => page.items.map((t) => t.id).sort();

afterAll(removeTempDirs);

describe('the search schema module', () => {
  it('is what migration 0024 runs: the SQL file is generated from it (npx tsx scripts/gen-search-migration.ts)', () => {
    expect(readFileSync(path.join(ROOT, SEARCH_MIGRATION_FILE), 'utf8')).toBe(searchMigrationSql());
  });

  it('is what migration 0031 runs, which fills the filters each doc row keeps from its ticket', () => {
    expect(readFileSync(path.join(ROOT, SEARCH_DOCS_MIGRATION_FILE), 'utf8')).toBe(searchDocsMigrationSql());
    const file = path.join(tempDir(), 'emerald.db');
    const older = openDatabase(file, { migrationsFolder: olderMigrationsFolder(31) });
    const { userId } = seedRows(older.sqlite);
    const categoryId = newId();
    older.sqlite.prepare("INSERT INTO ticket_categories (id, name) VALUES (?, 'Redes')").run(categoryId);
    older.sqlite
      .prepare("INSERT INTO tickets (id, code, title, creator_id, priority, category_id, assigned_to_id) VALUES (?, 'TK-2026-000002', 'Router caído', ?, 'critical', ?, ?)")
      .run(newId(), userId, categoryId, userId);
    older.close();
    const current = openDatabase(file);
    try {
      const docs = current.sqlite
        .prepare('SELECT d.priority, d.category_id AS categoryId, d.assigned_to_id AS assignedToId FROM ticket_search_docs d ORDER BY d.doc_id')
        .all();
      expect(docs).toEqual([
        { priority: 'medium', categoryId: null, assignedToId: null },
        { priority: 'critical', categoryId, assignedToId: userId },
      ]);
    } finally {
      current.close();
    }
  });
});

describe('one index row per timeline event', () => {
  let f: DomainFixture;
  let sqlite: Database.Database;
  let busyOther: string;
  beforeAll(async () => {
    f = await startDomainApp();
    sqlite = f.app.backend.database.sqlite;
    busyOther = (await f.admin.call('tickets.create', { title: 'Fax averiado', customerId: f.customerId })).id;
  });
  afterAll(() => f.app.close());

  it('a note adds exactly its own row: no other index row of the ticket or of any other ticket is written', async () => {
    const busy = await f.admin.call('tickets.create', { title: 'Impresora con historial', customerId: f.customerId });
    const other = await f.admin.call('tickets.create', { title: 'Router caído', customerId: f.customerId });
    for (let i = 0; i < 40; i++) await f.admin.call('tickets.addNote', { id: busy.id, content: `Revisión número ${i}` });
    await f.admin.call('tickets.addNote', { id: other.id, content: 'Cambio de fuente' });
    const before = indexRows(sqlite);
    const changesBefore = sqlite.prepare('SELECT total_changes() AS n').get() as { n: number };
    await f.admin.call('tickets.addNote', { id: busy.id, content: 'Tóner sustituido por el técnico' });
    const after = indexRows(sqlite);
    const added = after.filter((row) => !before.some((b) => b.rowid === row.rowid));
    expect(added).toHaveLength(1);
    expect(added[0]?.timeline).toBe('Tóner sustituido por el técnico');
    // Every row that was there is there unchanged, the ticket's own row and its 41 earlier events included.
    expect(after.filter((row) => before.some((b) => b.rowid === row.rowid))).toEqual(before);
    expect((sqlite.prepare('SELECT total_changes() AS n').get() as { n: number }).n).toBeGreaterThan(changesBefore.n);
    expect(ids(await f.admin.call('tickets.list', { q: 'toner sustituido' }))).toEqual([busy.id]);
    expect(() => sqlite.exec("INSERT INTO ticket_search (ticket_search) VALUES ('integrity-check')")).not.toThrow();
  });

  it('a ticket matches by its own text or any of its events, every term somewhere in the ticket', async () => {
    const a = await f.admin.call('tickets.create', { title: 'Escáner atascado', description: 'No alimenta hojas', customerId: f.customerId });
    const b = await f.admin.call('tickets.create', { title: 'Escáner lento', customerId: f.customerId });
    await f.admin.call('tickets.addNote', { id: a.id, content: 'Rodillo gastado' });
    await f.admin.call('tickets.addNote', { id: b.id, content: 'Controlador actualizado' });
    expect(ids(await f.admin.call('tickets.list', { q: 'escaner' }))).toEqual([a.id, b.id].sort());
    expect(ids(await f.admin.call('tickets.list', { q: 'rodillo' }))).toEqual([a.id]);
    // Title and a note together; neither row alone holds both words.
    expect(ids(await f.admin.call('tickets.list', { q: 'escaner rodillo' }))).toEqual([a.id]);
    expect(ids(await f.admin.call('tickets.list', { q: 'rodillo controlador' }))).toEqual([]);
    const counts = await f.admin.call('tickets.counts', { q: 'escaner' });
    expect(Object.values(counts.counts).reduce((s, n) => s + n, 0)).toBe(2);
    // A ticket found through many of its events is still one result.
    for (let i = 0; i < 3; i++) await f.admin.call('tickets.addNote', { id: a.id, content: `Rodillo limpiado ${i}` });
    expect((await f.admin.call('tickets.list', { q: 'rodillo' })).items.map((t) => t.id)).toEqual([a.id]);
  });

  it('the matches kept for the list, its counts and its pages are found again after any write, here or on another connection', async () => {
    const t = await f.admin.call('tickets.create', { title: 'Centralita sin tono', customerId: f.customerId });
    expect(ids(await f.admin.call('tickets.list', { q: 'zafiro' }))).toEqual([]);
    await f.admin.call('tickets.addNote', { id: t.id, content: 'Cable zafiro sustituido' });
    expect(ids(await f.admin.call('tickets.list', { q: 'zafiro' }))).toEqual([t.id]);
    expect((await f.admin.call('tickets.counts', { q: 'zafiro' })).counts.open).toBe(1);
    // Another connection (the job worker has its own) commits a note: this connection's kept matches are stale.
    const other = new BetterSqlite3(path.join(f.app.dir, 'emerald.db'));
    try {
      other.prepare(
        "INSERT INTO ticket_timeline (id, ticket_id, author_id, event_type, content, meta_data, created_at, updated_at) VALUES ('ev-other', ?, NULL, 'note', 'Otro zafiro', NULL, '2026-03-02T10:00:00.000Z', '2026-03-02T10:00:00.000Z')",
      ).run(busyOther);
      other.prepare('DELETE FROM sync_capture').run();
    } finally {
      other.close();
    }
    expect(ids(await f.admin.call('tickets.list', { q: 'zafiro' }))).toEqual([t.id, busyOther].sort());
  });

  it('deleting an event or a ticket removes its rows and nothing else', async () => {
    const t = await f.admin.call('tickets.create', { title: 'Monitor sin imagen', customerId: f.customerId });
    await f.admin.call('tickets.addNote', { id: t.id, content: 'Cable HDMI defectuoso' });
    const doc = (sqlite.prepare('SELECT doc_id FROM ticket_search_docs WHERE ticket_id = ?').get(t.id) as { doc_id: number }).doc_id;
    const rowsOf = () => (sqlite.prepare('SELECT count(*) AS n FROM ticket_search WHERE rowid BETWEEN ? AND ?').get(BigInt(doc) * BigInt(DOC_SPAN), BigInt(doc) * BigInt(DOC_SPAN) + BigInt(DOC_SPAN - 1)) as { n: number }).n;
    const eventsBefore = rowsOf();
    const others = indexRows(sqlite).filter((row) => Math.floor(row.rowid / DOC_SPAN) !== doc);
    // Raw deletes on a throwaway database: the triggers are what is tested (the app never deletes timeline events).
    sqlite.transaction(() => {
      sqlite.prepare("DELETE FROM ticket_timeline WHERE ticket_id = ? AND content = 'Cable HDMI defectuoso'").run(t.id);
    })();
    expect(rowsOf()).toBe(eventsBefore - 1);
    sqlite.transaction(() => {
      sqlite.prepare('DELETE FROM ticket_timeline WHERE ticket_id = ?').run(t.id);
      sqlite.prepare('DELETE FROM ticket_sla WHERE ticket_id = ?').run(t.id);
      sqlite.prepare('DELETE FROM tickets WHERE id = ?').run(t.id);
      sqlite.prepare('DELETE FROM sync_capture').run();
    })();
    expect(rowsOf()).toBe(0);
    expect(indexRows(sqlite).filter((row) => Math.floor(row.rowid / DOC_SPAN) !== doc)).toEqual(others);
  });

  it('a rebuild from the module gives the same index the triggers built', () => {
    const live = indexByTicket(sqlite);
    const { tickets, rows } = rebuildSearchIndex(sqlite);
    expect(tickets).toBe(Object.keys(live).length);
    expect(rows).toBe(indexRows(sqlite).length);
    expect(indexByTicket(sqlite)).toEqual(live);
  });
});

describe('databases that never indexed their tickets', () => {
  it('a file from the first schema (before the index existed) finds its tickets after the upgrade', () => {
    const file = path.join(tempDir(), 'emerald.db');
    buildFixtureDatabase(file, 1);
    const opened = openDatabase(file);
    try {
      const search = (word: string) =>
        opened.sqlite.prepare('SELECT DISTINCT d.ticket_id FROM ticket_search s JOIN ticket_search_docs d ON d.doc_id = s.rowid / 16777216 WHERE ticket_search MATCH ?').all(word);
      const tickets = (opened.sqlite.prepare('SELECT count(*) AS n FROM tickets').get() as { n: number }).n;
      expect(tickets).toBeGreaterThan(0);
      expect(search('"impresora"*')).toHaveLength(1);
      // The note every fixture ticket has, and each ticket's own code.
      expect(search('"visita"*')).toHaveLength(tickets);
      expect(search('"tk 2026 000002"*')).toHaveLength(1);
    } finally {
      opened.close();
    }
  });

  it('tests/fixtures/emerald-v2.db finds its tickets after the upgrade, by title and by timeline', () => {
    const file = path.join(tempDir(), 'emerald.db');
    copyFileSync(path.join(import.meta.dirname, '../fixtures/emerald-v2.db'), file);
    const opened = openDatabase(file);
    try {
      const search = (word: string) =>
        opened.sqlite.prepare('SELECT DISTINCT d.ticket_id FROM ticket_search s JOIN ticket_search_docs d ON d.doc_id = s.rowid / 16777216 WHERE ticket_search MATCH ?').all(word);
      expect(search('"impresora"*')).toHaveLength(1);
      expect(search('"fusor"*')).toHaveLength(1);
      expect(search('"visita"*')).toHaveLength(3);
    } finally {
      opened.close();
    }
  });
});
