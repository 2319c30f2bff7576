// The one owner of the full-text schema: the FTS5 table, its triggers and how to fill it from the tables. Migration 0024
// is generated from here (scripts/gen-search-migration.ts), `cli reindex` rebuilds from here; nothing else copies it.
//
// One index row per thing a person wrote: the ticket's own row (code and aliases, title, description, customer) and
// one row per timeline event (telemetry readings are numbers nobody searches for). A new note inserts its own row and
// never rewrites the ticket's history. The FTS rowid carries the ticket: rowid = doc_id * DOC_SPAN + ordinal, where
// doc_id is the ticket's stable key in ticket_search_docs (VACUUM may renumber plain rowids), ordinal 0 is the
// ticket's row and 1, 2, … its events in order; so a match names its ticket without a lookup, and a ticket's rows
// are one rowid range.
import type Database from 'better-sqlite3';
import { migrationFileText } from '../sql';

/** Rowids per ticket: 2^24, room for 16 million searchable events in one ticket. */
export const DOC_SPAN = 16_777_216;
/** The first and last rowid of the ticket whose doc_id is the SQL expression `doc`. Integer arithmetic, so FTS5
 * takes them as a rowid range (a REAL bound would make it scan the whole table). */
export const docFirstRowid = (doc: string) => `(${doc}) * ${DOC_SPAN}`;
export const docLastRowid = (doc: string) => `(${doc}) * ${DOC_SPAN} + ${DOC_SPAN - 1}`;
/** The ticket doc_id of an FTS rowid (SQL). */
export const docOfRowid = (rowid: string) => `(${rowid}) / ${DOC_SPAN}`;

/**
 * The ticket's columns its doc row keeps beside the key, so a search sorts and filters its matches without reading
 * every matching ticket: migration 0024 kept the first two, 0031 (searchDocsMigrationSql) added the filters'.
 */
const DOC_COLUMNS_0024 = ['updated_at', 'status'] as const;
export const SEARCH_DOC_COLUMNS = [...DOC_COLUMNS_0024, 'priority', 'category_id', 'assigned_to_id'] as const;
type DocColumns = readonly string[];
const quoted = (columns: DocColumns, prefix = '') => columns.map((c) => `${prefix}\`${c}\``).join(', ');

const docOfTicket = (ticketId: string) => `(SELECT \`doc_id\` FROM \`ticket_search_docs\` WHERE \`ticket_id\` = ${ticketId})`;

/** The code column: the ticket's code, then codes it or its OTs had before joining a team (code_aliases). */
function codeText(row: 'new' | 't'): string {
  const id = row === 'new' ? 'new.`id`' : 't.`id`';
  const code = row === 'new' ? 'new.`code`' : 't.`code`';
  return `${code} || coalesce((SELECT ' ' || group_concat(a.\`code\`, ' ') FROM \`code_aliases\` a
			WHERE (a.\`entity\` = 'tickets' AND a.\`row_id\` = ${id})
			   OR (a.\`entity\` = 'work_orders' AND a.\`row_id\` IN (SELECT w.\`id\` FROM \`work_orders\` w WHERE w.\`ticket_id\` = ${id}))), '')`;
}

const customerName = (customerId: string) => `coalesce((SELECT \`name\` FROM \`customers\` WHERE \`id\` = ${customerId}), '')`;

export const SEARCH_TABLE_SQL = `CREATE VIRTUAL TABLE \`ticket_search\` USING fts5(
	code, title, description, customer, timeline, event_id UNINDEXED,
	tokenize = 'unicode61 remove_diacritics 2',
	prefix = '2 3'
)`;

/** The next free rowid of a ticket: after its last row (FTS5 seeks the range from its end). */
const nextRowid = (doc: string) =>
  `coalesce((SELECT s.rowid FROM \`ticket_search\` s WHERE s.rowid >= ${docFirstRowid(doc)} AND s.rowid <= ${docLastRowid(doc)} ORDER BY s.rowid DESC LIMIT 1), ${docFirstRowid(doc)}) + 1`;

/** The triggers that keep the index in step with every write (same transaction), with doc rows keeping `docColumns`. */
const searchTriggers = (docColumns: DocColumns): Readonly<Record<string, string>> => ({
  tr_tickets_search_insert: `CREATE TRIGGER \`tr_tickets_search_insert\` AFTER INSERT ON \`tickets\` BEGIN
	INSERT INTO \`ticket_search_docs\` (\`ticket_id\`, ${quoted(docColumns)}) VALUES (new.\`id\`, ${quoted(docColumns, 'new.')});
	INSERT INTO \`ticket_search\` (rowid, code, title, description, customer, timeline)
	VALUES (${docFirstRowid(docOfTicket('new.`id`'))}, ${codeText('new')}, new.\`title\`, new.\`description\`, ${customerName('new.`customer_id`')}, '');
END`,
  tr_tickets_search_update: `CREATE TRIGGER \`tr_tickets_search_update\` AFTER UPDATE OF \`code\`, \`title\`, \`description\`, \`customer_id\` ON \`tickets\` BEGIN
	UPDATE \`ticket_search\` SET code = ${codeText('new')}, title = new.\`title\`, description = new.\`description\`,
		customer = ${customerName('new.`customer_id`')}
	WHERE rowid = ${docFirstRowid(docOfTicket('new.`id`'))};
END`,
  // Before the delete: the ticket's doc row (and so its rowid range) goes with the ticket.
  tr_tickets_search_delete: `CREATE TRIGGER \`tr_tickets_search_delete\` BEFORE DELETE ON \`tickets\` BEGIN
	DELETE FROM \`ticket_search\` WHERE rowid >= ${docFirstRowid(docOfTicket('old.`id`'))} AND rowid <= ${docLastRowid(docOfTicket('old.`id`'))};
END`,
  // A search sorts and filters its matches by the ticket's columns kept beside its key.
  tr_tickets_search_docs_sync: `CREATE TRIGGER \`tr_tickets_search_docs_sync\` AFTER UPDATE OF ${quoted(docColumns)} ON \`tickets\` BEGIN
	UPDATE \`ticket_search_docs\` SET ${docColumns.map((c) => `\`${c}\` = new.\`${c}\``).join(', ')} WHERE \`ticket_id\` = new.\`id\`;
END`,
  // One row for the new event, whatever the ticket's history.
  tr_ticket_timeline_search_insert: `CREATE TRIGGER \`tr_ticket_timeline_search_insert\` AFTER INSERT ON \`ticket_timeline\`
WHEN new.\`event_type\` <> 'telemetry' BEGIN
	INSERT INTO \`ticket_search\` (rowid, timeline, event_id)
	SELECT ${nextRowid('d.`doc_id`')}, new.\`content\`, new.\`id\`
	FROM \`ticket_search_docs\` d WHERE d.\`ticket_id\` = new.\`ticket_id\`;
END`,
  tr_ticket_timeline_search_delete: `CREATE TRIGGER \`tr_ticket_timeline_search_delete\` AFTER DELETE ON \`ticket_timeline\`
WHEN old.\`event_type\` <> 'telemetry' BEGIN
	DELETE FROM \`ticket_search\` WHERE rowid >= ${docFirstRowid(docOfTicket('old.`ticket_id`'))}
		AND rowid <= ${docLastRowid(docOfTicket('old.`ticket_id`'))} AND event_id = old.\`id\`;
END`,
  tr_customers_search_rename: `CREATE TRIGGER \`tr_customers_search_rename\` AFTER UPDATE OF \`name\` ON \`customers\` BEGIN
	UPDATE \`ticket_search\` SET customer = new.\`name\`
	WHERE rowid IN (SELECT ${docFirstRowid('d.`doc_id`')} FROM \`ticket_search_docs\` d JOIN \`tickets\` t ON t.\`id\` = d.\`ticket_id\` WHERE t.\`customer_id\` = new.\`id\`);
END`,
  tr_code_aliases_search_insert: `CREATE TRIGGER \`tr_code_aliases_search_insert\` AFTER INSERT ON \`code_aliases\` BEGIN
	UPDATE \`ticket_search\` SET code = code || ' ' || new.\`code\`
	WHERE rowid = ${docFirstRowid(docOfTicket(aliasTicket('new')))};
END`,
  tr_code_aliases_search_delete: `CREATE TRIGGER \`tr_code_aliases_search_delete\` AFTER DELETE ON \`code_aliases\` BEGIN
	UPDATE \`ticket_search\` SET code = (SELECT ${codeText('t')} FROM \`tickets\` t WHERE t.\`id\` = ${aliasTicket('old')})
	WHERE rowid = ${docFirstRowid(docOfTicket(aliasTicket('old')))};
END`,
});

/** Name → CREATE statement of each search trigger, as the schema stands now. */
export const SEARCH_TRIGGERS = searchTriggers(SEARCH_DOC_COLUMNS);

/** The ticket an alias belongs to (its own, or its OT's ticket). */
function aliasTicket(row: 'new' | 'old'): string {
  return `(CASE ${row}.\`entity\` WHEN 'tickets' THEN ${row}.\`row_id\`
		WHEN 'work_orders' THEN (SELECT w.\`ticket_id\` FROM \`work_orders\` w WHERE w.\`id\` = ${row}.\`row_id\`) END)`;
}

/** Every search trigger any migration ever made, so a rebuild starts clean (0006's was renamed in 0007). */
const PAST_TRIGGERS = ['tr_tickets_search_docs_updated_at'];

/** The kept columns of every doc row, fresh from its ticket. */
const refreshDocsSql = (docColumns: DocColumns) =>
  `UPDATE \`ticket_search_docs\` SET (${quoted(docColumns)}) = (SELECT ${quoted(docColumns, 't.')} FROM \`tickets\` t WHERE t.\`id\` = \`ticket_search_docs\`.\`ticket_id\`)`;
/** Doc rows for tickets that have none (databases made before 0001 never got them), and fresh kept columns for all. */
const fillDocsSql = (docColumns: DocColumns) => [
  `INSERT INTO \`ticket_search_docs\` (\`ticket_id\`, ${quoted(docColumns)})
	SELECT t.\`id\`, ${quoted(docColumns, 't.')} FROM \`tickets\` t
	WHERE NOT EXISTS (SELECT 1 FROM \`ticket_search_docs\` d WHERE d.\`ticket_id\` = t.\`id\`) ORDER BY t.\`created_at\`, t.\`id\``,
  refreshDocsSql(docColumns),
];
const FILL_DOCS_SQL = fillDocsSql(SEARCH_DOC_COLUMNS);

/** The index rows of the tickets whose doc_id lies in [@fromDoc, @toDoc]: each ticket's row, then its events in order. */
export const FILL_ROWS_SQL = [
  `INSERT INTO \`ticket_search\` (rowid, code, title, description, customer, timeline)
	SELECT ${docFirstRowid('d.`doc_id`')}, ${codeText('t')}, t.\`title\`, t.\`description\`, ${customerName('t.`customer_id`')}, ''
	FROM \`ticket_search_docs\` d JOIN \`tickets\` t ON t.\`id\` = d.\`ticket_id\`
	WHERE d.\`doc_id\` BETWEEN @fromDoc AND @toDoc ORDER BY d.\`doc_id\``,
  `INSERT INTO \`ticket_search\` (rowid, timeline, event_id)
	SELECT ${docFirstRowid('d.`doc_id`')} + row_number() OVER (PARTITION BY d.\`doc_id\` ORDER BY e.\`created_at\`, e.\`id\`), e.\`content\`, e.\`id\`
	FROM \`ticket_search_docs\` d JOIN \`ticket_timeline\` e ON e.\`ticket_id\` = d.\`ticket_id\`
	WHERE d.\`doc_id\` BETWEEN @fromDoc AND @toDoc AND e.\`event_type\` <> 'telemetry' ORDER BY 1`,
];

/** Merges the index's segments into one: searches read one b-tree per term instead of many. */
export const OPTIMIZE_SQL = "INSERT INTO `ticket_search` (`ticket_search`) VALUES ('optimize')";

const dropTriggers = () => [...Object.keys(SEARCH_TRIGGERS), ...PAST_TRIGGERS].map((name) => `DROP TRIGGER IF EXISTS \`${name}\``);

/**
 * The statements of migration 0024: the per-event table in place of the per-ticket one, filled from the tables (which
 * also indexes what databases from the first schema never indexed), and the triggers. Written to the SQL file by
 * scripts/gen-search-migration.ts; a test holds the file to this.
 */
export function searchMigrationStatements(): string[] {
  const fillAll = FILL_ROWS_SQL.map((sql) => sql.replace('BETWEEN @fromDoc AND @toDoc', 'IS NOT NULL'));
  const triggers = Object.values(searchTriggers(DOC_COLUMNS_0024));
  return [...dropTriggers(), 'DROP TABLE IF EXISTS `ticket_search`', SEARCH_TABLE_SQL, ...fillDocsSql(DOC_COLUMNS_0024), ...fillAll, OPTIMIZE_SQL, ...triggers];
}

export const SEARCH_MIGRATION_FILE = 'db/migrations/0024_search_per_event.sql';

export const SEARCH_DOCS_MIGRATION_FILE = 'db/migrations/0031_search_docs_filters.sql';

/** Migration 0031: doc rows keep the filters' columns too (a filtered search reads no ticket row), filled, and the triggers. */
export function searchDocsMigrationSql(): string {
  const added = SEARCH_DOC_COLUMNS.filter((c) => !(DOC_COLUMNS_0024 as readonly string[]).includes(c));
  const statements = [
    ...added.map((c) => `ALTER TABLE \`ticket_search_docs\` ADD \`${c}\` text`),
    refreshDocsSql(SEARCH_DOC_COLUMNS),
    ...dropTriggers(),
    ...Object.values(SEARCH_TRIGGERS),
  ];
  const header = `-- Generated by scripts/gen-search-migration.ts from electron/services/search/schema.ts: each ticket's doc row keeps
-- its priority, category and assignee beside its status, so a search filtered by them reads no ticket row.
`;
  return migrationFileText(header, statements);
}

export function searchMigrationSql(): string {
  const header = `-- Generated by scripts/gen-search-migration.ts from electron/services/search/schema.ts (the one owner of the
-- full-text schema): one index row per ticket and per timeline event instead of one row holding the whole timeline,
-- filled from the tables (databases from the first schema never indexed their tickets), then the triggers.
`;
  return migrationFileText(header, searchMigrationStatements());
}

export interface ReindexProgress {
  done: number;
  total: number;
}

/** Tickets indexed per step of a rebuild (one progress report each). */
const REBUILD_STEP = 2000;

/**
 * Rebuilds the whole index and its triggers from this module, in one transaction (a failure leaves the old index).
 * Returns how many tickets and index rows it wrote.
 */
export function rebuildSearchIndex(sqlite: Database.Database, onProgress?: (p: ReindexProgress) => void): { tickets: number; rows: number } {
  return sqlite.transaction(() => {
    const steps = rebuildSearchIndexSteps(sqlite);
    for (let next = steps.next(); ; next = steps.next()) {
      if (next.done) return next.value;
      onProgress?.(next.value);
    }
  })();
}

/**
 * The rebuild as steps, for a caller that owns the transaction: each yield is a progress point between chunks of
 * `step` tickets (the job worker turns its event loop there, so a cancel can roll the whole rebuild back).
 */
export function* rebuildSearchIndexSteps(sqlite: Database.Database, step = REBUILD_STEP): Generator<ReindexProgress, { tickets: number; rows: number }> {
  for (const sql of dropTriggers()) sqlite.exec(sql);
  sqlite.exec('DROP TABLE IF EXISTS `ticket_search`');
  sqlite.exec(SEARCH_TABLE_SQL);
  // Docs of tickets deleted with triggers off would point nowhere.
  sqlite.exec('DELETE FROM `ticket_search_docs` WHERE `ticket_id` NOT IN (SELECT `id` FROM `tickets`)');
  for (const sql of FILL_DOCS_SQL) sqlite.exec(sql);
  const docs = sqlite.prepare('SELECT `doc_id` AS doc FROM `ticket_search_docs` ORDER BY `doc_id`').pluck().all() as number[];
  const fill = FILL_ROWS_SQL.map((sql) => sqlite.prepare(sql));
  yield { done: 0, total: docs.length };
  for (let i = 0; i < docs.length; i += step) {
    const chunk = docs.slice(i, i + step);
    const range = { fromDoc: chunk[0], toDoc: chunk[chunk.length - 1] };
    for (const statement of fill) statement.run(range);
    yield { done: i + chunk.length, total: docs.length };
  }
  sqlite.exec(OPTIMIZE_SQL);
  for (const sql of Object.values(SEARCH_TRIGGERS)) sqlite.exec(sql);
  const rows = (sqlite.prepare('SELECT count(*) AS n FROM `ticket_search`').get() as { n: number }).n;
  return { tickets: docs.length, rows };
}
