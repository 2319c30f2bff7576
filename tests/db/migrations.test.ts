// Migrations from an empty file, reopening a current file, and upgrading a file an older build wrote.
import type Database from 'better-sqlite3';
import { statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultMigrationsFolder, schemaVersionOf } from '../../db/migrations';
import { APPLICATION_ID, openDatabase } from '../../db/open';
import { newId } from '../../electron/services/ids';
import {
  countRows,
  customObjects,
  declaredTables,
  filesIn,
  freshDatabase,
  olderMigrationsFolder,
  removeTempDirs,
  seedRows,
  tempDir,
} from './helpers';

afterEach(removeTempDirs);

const names = (sqlite: Database.Database, type: string): string[] =>
  (sqlite.prepare('SELECT name FROM sqlite_master WHERE type = ? ORDER BY name').all(type) as { name: string }[]).map((r) => r.name);

describe('migrating an empty file', () => {
  it('creates every table, index, check, trigger and the FTS table the schema and migrations declare', () => {
    const opened = freshDatabase();
    const { sqlite } = opened;
    const tables = names(sqlite, 'table');
    const indexes = names(sqlite, 'index');
    const declared = declaredTables();
    expect(declared.length).toBeGreaterThan(5);
    for (const table of declared) {
      expect(tables).toContain(table.name);
      for (const index of table.indexes) expect(indexes).toContain(index);
      const ddl = (sqlite.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?").get(table.name) as { sql: string }).sql;
      for (const check of table.checks) expect(ddl).toContain(check);
      const fks = sqlite.pragma(`foreign_key_list("${table.name}")`) as unknown[];
      expect(fks).toHaveLength(table.foreignKeys);
    }
    const custom = customObjects();
    expect(custom.triggers.length).toBeGreaterThan(0);
    expect(names(sqlite, 'trigger').sort()).toEqual([...custom.triggers].sort());
    expect(custom.virtualTables).toContain('ticket_search');
    const fts = sqlite.prepare("SELECT sql FROM sqlite_master WHERE name = 'ticket_search'").get() as { sql: string };
    expect(fts.sql).toMatch(/USING fts5/i);
    opened.close();
  });

  it('leaves a sound file stamped as Emerald with the schema version = number of migrations', () => {
    const opened = freshDatabase();
    const { sqlite } = opened;
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(sqlite.pragma('foreign_key_check')).toEqual([]);
    expect(sqlite.pragma('user_version', { simple: true })).toBe(schemaVersionOf(defaultMigrationsFolder()));
    expect(opened.schemaVersion).toBe(schemaVersionOf(defaultMigrationsFolder()));
    expect(sqlite.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(sqlite.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
    expect(opened.preMigrationCopy).toBeNull();
    opened.close();
  });

  it('keeps the FTS index in step with tickets, timeline and customer renames', () => {
    const opened = freshDatabase();
    const { sqlite } = opened;
    const { ticketId } = seedRows(sqlite);
    const hits = (q: string) => (sqlite.prepare('SELECT count(*) AS n FROM ticket_search WHERE ticket_search MATCH ?').get(q) as { n: number }).n;
    expect(hits('impresora')).toBe(1);
    expect(hits('llame')).toBe(1); // remove_diacritics: "llamé" is found without the accent
    sqlite.prepare("UPDATE tickets SET title = 'Escáner atascado' WHERE id = ?").run(ticketId);
    expect(hits('impresora')).toBe(0);
    expect(hits('escaner')).toBe(1);
    // Customer renames (tr_customers_search_rename): the ticket is found by the new name only; another customer's ticket is untouched.
    const customer = (name: string) => {
      const id = newId();
      sqlite.prepare('INSERT INTO customers (id, name) VALUES (?, ?)').run(id, name);
      return id;
    };
    const clinicId = customer('Clínica Norte');
    const workshopId = customer('Taller Sur');
    sqlite.prepare('UPDATE tickets SET customer_id = ? WHERE id = ?').run(clinicId, ticketId);
    const otherTicketId = newId();
    sqlite
      .prepare("INSERT INTO tickets (id, code, title, creator_id, customer_id) VALUES (?, 'TK-2026-000002', 'Puerta rota', (SELECT creator_id FROM tickets WHERE id = ?), ?)")
      .run(otherTicketId, ticketId, workshopId);
    expect(hits('customer:clinica')).toBe(1);
    expect(hits('customer:taller')).toBe(1);
    sqlite.prepare("UPDATE customers SET name = 'Hospital Oeste' WHERE id = ?").run(clinicId);
    expect(hits('customer:clinica')).toBe(0);
    expect(hits('customer:hospital')).toBe(1);
    expect(hits('customer:taller')).toBe(1);
    expect(hits('hospital escaner')).toBe(1);
    sqlite.prepare('DELETE FROM tickets WHERE id = ?').run(otherTicketId);
    sqlite.prepare('DELETE FROM tickets WHERE id = ?').run(ticketId);
    expect(hits('escaner')).toBe(0);
    expect(countRows(sqlite, 'ticket_search_docs')).toBe(0);
    opened.close();
  });
});

describe('reopening and upgrading', () => {
  it('reopening a current file runs no migration and makes no copy', () => {
    const dir = tempDir();
    const file = path.join(dir, 'emerald.db');
    const first = openDatabase(file);
    const applied = countRows(first.sqlite, '__drizzle_migrations');
    seedRows(first.sqlite);
    first.close();
    const before = filesIn(dir);
    const again = openDatabase(file);
    expect(again.preMigrationCopy).toBeNull();
    expect(countRows(again.sqlite, '__drizzle_migrations')).toBe(applied);
    expect(countRows(again.sqlite, 'tickets')).toBe(1);
    again.close();
    expect(filesIn(dir).filter((f) => f.endsWith('.bak'))).toEqual([]);
    expect(filesIn(dir)).toEqual(before);
  });

  it('upgrading a file written by an older build copies it first and keeps every row', () => {
    const dir = tempDir();
    const file = path.join(dir, 'emerald.db');
    const older = openDatabase(file, { migrationsFolder: olderMigrationsFolder(1) });
    expect(older.sqlite.pragma('user_version', { simple: true })).toBe(1);
    expect(older.sqlite.prepare("SELECT name FROM sqlite_master WHERE name = 'ticket_search'").get()).toBeUndefined();
    const { ticketId } = seedRows(older.sqlite);
    const rowsBefore = ['users', 'tickets', 'ticket_timeline', 'work_orders', 'work_order_items'].map((t) => countRows(older.sqlite, t));
    older.close();

    const current = openDatabase(file);
    expect(current.preMigrationCopy).not.toBeNull();
    const copy = current.preMigrationCopy as string;
    expect(path.dirname(copy)).toBe(dir);
    expect(copy).toMatch(/\.bak$/);
    expect(current.sqlite.pragma('user_version', { simple: true })).toBe(schemaVersionOf(defaultMigrationsFolder()));
    const rowsAfter = ['users', 'tickets', 'ticket_timeline', 'work_orders', 'work_order_items'].map((t) => countRows(current.sqlite, t));
    expect(rowsAfter).toEqual(rowsBefore);
    expect(countRows(current.sqlite, 'tickets', 'id = ?', ticketId)).toBe(1);
    expect(current.sqlite.pragma('foreign_key_check')).toEqual([]);
    expect(current.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    // What the upgrade rewrote is in the file itself, not left in the write-ahead log for every read to go through.
    expect(statSync(`${file}-wal`).size).toBe(0);
    current.close();

    // The copy is the old file as it was: version 1, same rows, openable on its own.
    const backup = openDatabase(copy, { readonly: true, migrationsFolder: olderMigrationsFolder(1) });
    expect(backup.sqlite.pragma('user_version', { simple: true })).toBe(1);
    expect(countRows(backup.sqlite, 'tickets', 'id = ?', ticketId)).toBe(1);
    backup.close();
  });

  it('a migration that breaks references is rolled back to the copy and reported as migration_failed', () => {
    const dir = tempDir();
    const file = path.join(dir, 'emerald.db');
    const older = openDatabase(file, { migrationsFolder: olderMigrationsFolder(1) });
    const { ticketId } = seedRows(older.sqlite);
    older.close();
    let caught: unknown;
    try {
      openDatabase(file, {
        // Simulates a rebuild that dropped a parent table's rows while foreign keys were off.
        afterMigrate: (sqlite) => sqlite.prepare('DELETE FROM users').run(),
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({ name: 'DatabaseOpenError', reason: 'migration_failed' });
    const reopened = openDatabase(file, { readonly: true, migrationsFolder: olderMigrationsFolder(1) });
    expect(reopened.sqlite.pragma('user_version', { simple: true })).toBe(1);
    expect(countRows(reopened.sqlite, 'users')).toBe(1);
    expect(countRows(reopened.sqlite, 'tickets', 'id = ?', ticketId)).toBe(1);
    reopened.close();
  });
});
