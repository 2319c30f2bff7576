// Shared by the database tests: temp folders, freshly migrated files, raw fixtures, file fingerprints.
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { is } from 'drizzle-orm';
import { SQLiteTable, getTableConfig } from 'drizzle-orm/sqlite-core';
import { defaultMigrationsFolder, readJournal } from '../../db/migrations';
import { openDatabase, type OpenedDatabase } from '../../db/open';
import * as schema from '../../db/schema';
import { newId } from '../../electron/services/ids';

const made: string[] = [];

export function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'emerald-db-'));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export function freshDatabase(): OpenedDatabase & { dir: string } {
  const dir = tempDir();
  return Object.assign(openDatabase(path.join(dir, 'emerald.db')), { dir });
}

export function fingerprint(file: string): { sha256: string; size: number } {
  const bytes = readFileSync(file);
  return { sha256: createHash('sha256').update(bytes).digest('hex'), size: statSync(file).size };
}

export function filesIn(dir: string): string[] {
  return readdirSync(dir).sort();
}

/** The drizzle tables the schema declares, with the names of their indexes, checks and foreign keys. */
export function declaredTables() {
  return (Object.values(schema) as unknown[])
    .filter((value): value is SQLiteTable => is(value, SQLiteTable))
    .map((table) => {
      const config = getTableConfig(table);
      return {
        name: config.name,
        indexes: config.indexes.map((i) => i.config.name),
        checks: config.checks.map((c) => c.name),
        foreignKeys: config.foreignKeys.length,
      };
    });
}

/** Names of the triggers and virtual tables the custom migrations create (drizzle's schema cannot express them). */
export function customObjects(migrationsFolder = defaultMigrationsFolder()): { triggers: string[]; virtualTables: string[] } {
  // Replayed in order: a later migration may drop a trigger and create it again.
  const triggers = new Set<string>();
  const virtualTables: string[] = [];
  for (const entry of readJournal(migrationsFolder)) {
    const text = readFileSync(path.join(migrationsFolder, `${entry.tag}.sql`), 'utf8');
    for (const m of text.matchAll(/(CREATE|DROP) TRIGGER\s+(?:IF EXISTS\s+)?`?(\w+)`?/gi)) {
      if ((m[1] as string).toUpperCase() === 'CREATE') triggers.add(m[2] as string);
      else triggers.delete(m[2] as string);
    }
    for (const m of text.matchAll(/CREATE VIRTUAL TABLE\s+`?(\w+)`?/gi)) virtualTables.push(m[1] as string);
  }
  return { triggers: [...triggers], virtualTables };
}

/** A copy of the migrations folder that knows only the first `count` migrations (an older build of Emerald). */
export function olderMigrationsFolder(count: number): string {
  const folder = path.join(tempDir(), 'migrations');
  cpSync(defaultMigrationsFolder(), folder, { recursive: true });
  const journalFile = path.join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: unknown[] };
  journal.entries = journal.entries.slice(0, count);
  writeFileSync(journalFile, JSON.stringify(journal, null, 2));
  return folder;
}

/** Minimal rows written by raw SQL, so constraint tests do not depend on any service. */
export function seedRows(sqlite: Database.Database) {
  const roleId = newId();
  const userId = newId();
  const ticketId = newId();
  const workOrderId = newId();
  sqlite.prepare("INSERT INTO roles (id, name, permissions) VALUES (?, 'Técnico', '[\"tickets:read\"]')").run(roleId);
  sqlite
    .prepare("INSERT INTO users (id, email, username, full_name, password_hash, role_id) VALUES (?, 'u@example.com', 'u', 'U', 'x', ?)")
    .run(userId, roleId);
  sqlite
    .prepare("INSERT INTO tickets (id, code, title, creator_id) VALUES (?, 'TK-2026-000001', 'Impresora no imprime', ?)")
    .run(ticketId, userId);
  sqlite
    .prepare("INSERT INTO ticket_timeline (id, ticket_id, author_id, event_type, content) VALUES (?, ?, ?, 'note', 'llamé al cliente')")
    .run(newId(), ticketId, userId);
  sqlite
    .prepare("INSERT INTO work_orders (id, code, ticket_id, technician_id, ot_type) VALUES (?, 'OT-2026-000001', ?, ?, 'repair')")
    .run(workOrderId, ticketId, userId);
  sqlite
    .prepare("INSERT INTO work_order_items (id, work_order_id, serial_number) VALUES (?, ?, 'SN-1')")
    .run(newId(), workOrderId);
  return { roleId, userId, ticketId, workOrderId };
}

export function countRows(sqlite: Database.Database, table: string, where = '1 = 1', ...params: unknown[]): number {
  return (sqlite.prepare(`SELECT count(*) AS n FROM "${table}" WHERE ${where}`).get(...params) as { n: number }).n;
}
