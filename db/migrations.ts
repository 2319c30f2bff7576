// Reads drizzle-kit's journal: the list of migrations this build of Emerald knows.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface JournalEntry {
  idx: number;
  when: number;
  tag: string;
}

/** The migrations folder beside this file (tsx/vitest). Bundled builds pass their own path. */
export function defaultMigrationsFolder(): string {
  return process.env.EMERALD_MIGRATIONS_DIR ?? fileURLToPath(new URL('./migrations', import.meta.url));
}

export function readJournal(migrationsFolder: string): JournalEntry[] {
  const raw = readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8');
  const journal = JSON.parse(raw) as { entries: JournalEntry[] };
  return journal.entries;
}

/** The schema version a build writes into PRAGMA user_version: how many migrations it knows. */
export function schemaVersionOf(migrationsFolder: string): number {
  return readJournal(migrationsFolder).length;
}
