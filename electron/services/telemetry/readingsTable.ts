// telemetry_readings: every reading of every telemetry event, one row each (local derived data like board_blocks: not
// replicated, not in the digest). Triggers on ticket_timeline keep it in step whoever writes the event (services,
// remote ops applied with capture off), so the chart and the readings pages read an index instead of parsing each
// event's JSON on every call. Migration 0029 is generated from here (scripts/gen-board-migration.ts); `cli reindex`
// rebuilds it (rebuildTelemetryReadings).
import type Database from 'better-sqlite3';
import { derivedTableMigrationSql, rebuildDerivedTable, type DerivedTable } from '../derivedTables';

// Keyed for the chart (one range per metric and unit, in time order); ix_telemetry_readings_time serves the pages.
// measured_at is the text as stored (order and filters compare it, as before); measured_ms is what the chart plots.
const TABLE_SQL = `CREATE TABLE \`telemetry_readings\` (
	\`ticket_id\` text NOT NULL,
	\`metric\` text NOT NULL,
	\`unit\` text NOT NULL,
	\`measured_at\` text NOT NULL,
	\`event_id\` text NOT NULL,
	\`idx\` integer NOT NULL,
	\`measured_ms\` integer,
	\`value\` real NOT NULL,
	\`source\` text NOT NULL,
	CONSTRAINT \`pk_telemetry_readings\` PRIMARY KEY(\`ticket_id\`, \`metric\`, \`unit\`, \`measured_at\`, \`event_id\`, \`idx\`)
) WITHOUT ROWID`;

const TIME_INDEX_SQL = 'CREATE INDEX `ix_telemetry_readings_time` ON `telemetry_readings` (`ticket_id`, `measured_at`, `event_id`, `idx`)';

const KEY = '`ticket_id`, `metric`, `unit`, `measured_at`, `event_id`, `idx`';
const COLUMNS = `${KEY}, \`measured_ms\`, \`value\`, \`source\``;

const textOr = (field: string) => `CASE WHEN json_type(r.value, '$.${field}') = 'text' THEN json_extract(r.value, '$.${field}') ELSE '' END`;
const keyOf = (e: string) => `${e}.\`ticket_id\`, json_extract(r.value, '$.metric'), ${textOr('unit')}, json_extract(r.value, '$.measuredAt'), ${e}.\`id\`, r.key`;
const restOf = `CAST(round(unixepoch(json_extract(r.value, '$.measuredAt'), 'subsec') * 1000) AS INTEGER), json_extract(r.value, '$.value'), ${textOr('source')}`;

/**
 * The readings of event row `e` (new, old or a table alias) that count: an object with a text metric, a numeric
 * value and a text measuredAt (others are skipped, as the chart always skipped them); unit and source default to ''.
 */
const readingsOf = (e: string, columns: string, events = '') => `SELECT ${columns}
FROM ${events}json_each(CASE WHEN json_type(${e}.\`meta_data\`, '$.readings') = 'array' THEN ${e}.\`meta_data\` END, '$.readings') r
WHERE r.type = 'object' AND json_type(r.value, '$.metric') = 'text' AND json_type(r.value, '$.value') IN ('integer', 'real')
	AND json_type(r.value, '$.measuredAt') = 'text'`;

const isTelemetry = (e: string) => `${e}.\`event_type\` = 'telemetry'`;

/** Each of the old event's readings found by its whole key (an index on event_id would cost every import a third b-tree). */
const removeOld = `DELETE FROM \`telemetry_readings\` WHERE (${KEY}) IN (${readingsOf('old', keyOf('old'))});`;
const insertNew = `INSERT OR REPLACE INTO \`telemetry_readings\` (${COLUMNS}) ${readingsOf('new', `${keyOf('new')}, ${restOf}`)};`;

// The timeline is append-only (tr_ticket_timeline_no_update refuses any change to an event's type or readings): an
// event arrives or goes (its ticket deleted), nothing else.
const TRIGGERS: Record<string, string> = {
  tr_ticket_timeline_readings_insert: `CREATE TRIGGER \`tr_ticket_timeline_readings_insert\` AFTER INSERT ON \`ticket_timeline\` WHEN ${isTelemetry('new')} BEGIN
	${insertNew}
END`,
  tr_ticket_timeline_readings_delete: `CREATE TRIGGER \`tr_ticket_timeline_readings_delete\` AFTER DELETE ON \`ticket_timeline\` WHEN ${isTelemetry('old')} BEGIN
	${removeOld}
END`,
};

/** Every reading as the events hold it (the backfill, reindex and the drift check). */
const READINGS_FROM_EVENTS = `${readingsOf('e', `${keyOf('e')}, ${restOf}`, '`ticket_timeline` e, ')} AND ${isTelemetry('e')}`;

const FILL_SQL = `INSERT INTO \`telemetry_readings\` (${COLUMNS})\n${READINGS_FROM_EVENTS}`;

const TELEMETRY_READINGS: DerivedTable = { name: 'telemetry_readings', createSql: TABLE_SQL, fillSql: FILL_SQL, indexes: [TIME_INDEX_SQL], triggers: TRIGGERS };

/** Readings kept that the events do not hold (or hold otherwise), plus readings the events hold that are missing: 0 when in step. */
export function telemetryReadingsDrift(sqlite: Database.Database): number {
  const table = `SELECT ${COLUMNS} FROM \`telemetry_readings\``;
  const row = sqlite.prepare(`SELECT (SELECT count(*) FROM (${table} EXCEPT ${READINGS_FROM_EVENTS})) + (SELECT count(*) FROM (${READINGS_FROM_EVENTS} EXCEPT ${table})) AS n`).get() as { n: number };
  return row.n;
}

/** Empties and refills the table and re-creates its index and triggers, in one transaction (`cli reindex`); answers the readings kept. */
export const rebuildTelemetryReadings = (sqlite: Database.Database): number => rebuildDerivedTable(sqlite, TELEMETRY_READINGS, 'SELECT count(*) AS n FROM `telemetry_readings`');

/** Where scripts/gen-board-migration.ts writes the migration (tests/telemetry/readings-table.test.ts holds the file to it). */
export const TELEMETRY_READINGS_MIGRATION_FILE = 'db/migrations/0029_telemetry_readings.sql';

export function telemetryReadingsMigrationSql(): string {
  const head = `-- Generated by scripts/gen-board-migration.ts from electron/services/telemetry/readingsTable.ts: one row per reading of
-- the telemetry events (local derived data, not replicated), backfilled from ticket_timeline, then the triggers.
`;
  return derivedTableMigrationSql(head, TELEMETRY_READINGS);
}
