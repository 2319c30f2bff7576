// Local derived tables (board_blocks, ticket_status_counts, telemetry_readings, work_order_queue): filled from the
// replicated tables and kept in step by triggers, never replicated. Each is built by the same statements in its generated
// migration and `cli reindex`.
import type Database from 'better-sqlite3';
import { migrationFileText } from './sql';

export interface DerivedTable {
  name: string;
  createSql: string;
  fillSql: string;
  /** CREATE INDEX statements, run after the fill (one sorted build instead of an insert per row). */
  indexes?: string[];
  /** Trigger name → its CREATE TRIGGER statement. */
  triggers: Record<string, string>;
}

/** The statements in order: old triggers and table dropped (its indexes with it), table created and filled, indexes and triggers created. */
export function derivedTableStatements(table: DerivedTable): string[] {
  return [
    ...Object.keys(table.triggers).map((name) => `DROP TRIGGER IF EXISTS \`${name}\``),
    `DROP TABLE IF EXISTS \`${table.name}\``,
    table.createSql,
    table.fillSql,
    ...(table.indexes ?? []),
    ...Object.values(table.triggers),
  ];
}

/** Empties and refills the table and re-creates its triggers in one transaction; answers what `countSql` reads after. */
export function rebuildDerivedTable(sqlite: Database.Database, table: DerivedTable, countSql: string): number {
  return sqlite.transaction(() => {
    for (const statement of derivedTableStatements(table)) sqlite.exec(statement);
    return (sqlite.prepare(countSql).get() as { n: number }).n;
  })();
}

/** The migration file's text: its comment head, then the statements with drizzle's breakpoints. */
export function derivedTableMigrationSql(head: string, table: DerivedTable): string {
  return migrationFileText(head, derivedTableStatements(table));
}
