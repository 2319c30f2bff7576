// Does a file hold the schema its user_version claims? A file with Emerald's application_id and version but missing
// tables (a hand-made or half-copied file) passed every other check, then failed later with "no such table".
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readJournal } from './migrations';

export interface SchemaShape {
  /** Table name → its column names. */
  tables: Map<string, string[]>;
  triggers: Set<string>;
}

const expectedByVersion = new Map<string, SchemaShape>();

/** The schema the first `version` migrations build, read from an in-memory database (built once per process). */
export function expectedSchema(migrationsFolder: string, version: number): SchemaShape {
  const key = `${path.resolve(migrationsFolder)}#${version}`;
  const cached = expectedByVersion.get(key);
  if (cached) return cached;
  const memory = new Database(':memory:');
  try {
    // Migrations may call fold() (the search folding open.ts registers); with no rows its result never matters.
    memory.function('fold', { deterministic: true }, (text: unknown) => text);
    for (const entry of readJournal(migrationsFolder).slice(0, version)) {
      const sql = readFileSync(path.join(migrationsFolder, `${entry.tag}.sql`), 'utf8');
      for (const statement of sql.split('--> statement-breakpoint')) if (statement.trim()) memory.exec(statement);
    }
    const shape = readSchema(memory);
    expectedByVersion.set(key, shape);
    return shape;
  } finally {
    memory.close();
  }
}

export function readSchema(sqlite: Database.Database): SchemaShape {
  const rows = sqlite
    .prepare("SELECT type, name FROM sqlite_master WHERE type IN ('table', 'trigger') AND name NOT LIKE 'sqlite_%'")
    .all() as { type: string; name: string }[];
  const tables = new Map<string, string[]>();
  const triggers = new Set<string>();
  for (const { type, name } of rows) {
    if (type === 'trigger') triggers.add(name);
    else tables.set(name, (sqlite.pragma(`table_info(${JSON.stringify(name)})`) as { name: string }[]).map((c) => c.name));
  }
  return { tables, triggers };
}

/** One plain line per table, column or trigger the file lacks for its version; empty when the schema is whole.
 *  Extra tables or columns are not problems (drizzle's own bookkeeping table, say). */
export function schemaProblems(sqlite: Database.Database, migrationsFolder: string, version: number): string[] {
  const expected = expectedSchema(migrationsFolder, version);
  const actual = readSchema(sqlite);
  const problems: string[] = [];
  for (const [table, columns] of expected.tables) {
    const present = actual.tables.get(table);
    if (!present) {
      problems.push(`missing table ${table}`);
      continue;
    }
    const missing = columns.filter((column) => !present.includes(column));
    if (missing.length > 0) problems.push(`table ${table} lacks column${missing.length === 1 ? '' : 's'} ${missing.join(', ')}`);
  }
  for (const trigger of expected.triggers) if (!actual.triggers.has(trigger)) problems.push(`missing trigger ${trigger}`);
  return problems;
}

/** The problems as one short clause for an error message: the first few, then how many more. */
export function summarizeSchemaProblems(problems: readonly string[], shown = 3): string {
  const head = problems.slice(0, shown).join('; ');
  return problems.length > shown ? `${head}; and ${problems.length - shown} more` : head;
}

/** How a file with schema problems is refused (open, restore and check alike): Emerald's identity and version
 *  without what that version promises, whether one table or all of them are missing. */
export function schemaFailure(problems: readonly string[]): 'missing_schema' | null {
  return problems.length === 0 ? null : 'missing_schema';
}
