// board_blocks: local derived data for the dispatch board (not replicated, not in the sync digest, like the search
// index). One row per OT the board can show (a technician, a date, planned/running/done) holding what its block needs,
// its ticket's customer with that customer's name and town included, keyed by technician and date: a busy week is one
// range per technician of this table alone, where reading it from work_orders joined each OT to its ticket and customer
// cost ~2/3 of the board's SQL time, and looking up the ~1,300 customers a busy week names a fifth of the board call.
// Triggers keep it in step with work_orders, tickets.customer_id and the customers' names and towns in the same
// statement, whoever writes (services, remote ops applied with capture off); its migration is generated from here
// (scripts/gen-board-migration.ts) and `cli reindex` rebuilds it (rebuildBoardBlocks).
import type Database from 'better-sqlite3';
import { derivedTableMigrationSql, rebuildDerivedTable, type DerivedTable } from '../derivedTables';

export const BOARD_BLOCKS_TABLE_SQL = `CREATE TABLE \`board_blocks\` (
	\`technician_id\` text NOT NULL,
	\`scheduled_date\` text NOT NULL,
	\`id\` text NOT NULL,
	\`status\` text NOT NULL,
	\`ot_type\` text NOT NULL,
	\`estimated_minutes\` integer,
	\`started_at\` text,
	\`version\` integer NOT NULL,
	\`code\` text NOT NULL,
	\`ticket_id\` text NOT NULL,
	\`customer_id\` text,
	\`customer_name\` text,
	\`customer_town\` text,
	CONSTRAINT \`pk_board_blocks\` PRIMARY KEY(\`technician_id\`, \`scheduled_date\`, \`id\`)
) WITHOUT ROWID`;

const COLUMNS = '`technician_id`, `scheduled_date`, `id`, `status`, `ot_type`, `estimated_minutes`, `started_at`, `version`, `code`, `ticket_id`, `customer_id`, `customer_name`, `customer_town`';

/** The OTs the board shows (board.ts reads these statuses): a row of `w` (new, old or a table alias) is on it. */
const onBoard = (w: string) =>
  `${w}.\`technician_id\` IS NOT NULL AND ${w}.\`scheduled_date\` IS NOT NULL AND ${w}.\`status\` IN ('scheduled', 'in_progress', 'completed')`;

/** The block of row `w`: its columns, then its ticket's customer with that customer's name and town (aliases t and c). */
const blockValues = (w: string) =>
  `${w}.\`technician_id\`, ${w}.\`scheduled_date\`, ${w}.\`id\`, ${w}.\`status\`, ${w}.\`ot_type\`, ${w}.\`estimated_minutes\`, ${w}.\`started_at\`, ${w}.\`version\`, ${w}.\`code\`, ${w}.\`ticket_id\`, t.\`customer_id\`, c.\`name\`, c.\`town\``;

/** The ticket of `ticketId` and its customer, each found by its key; outer joins: a block is written even without them. */
const customerOf = (ticketId: string) => `LEFT JOIN \`tickets\` t ON t.\`id\` = ${ticketId} LEFT JOIN \`customers\` c ON c.\`id\` = t.\`customer_id\``;

const removeOld = 'DELETE FROM `board_blocks` WHERE `technician_id` = old.`technician_id` AND `scheduled_date` = old.`scheduled_date` AND `id` = old.`id`;';
const insertNew = `INSERT OR REPLACE INTO \`board_blocks\` (${COLUMNS}) SELECT ${blockValues('new')} FROM (SELECT 1) ${customerOf('new.`ticket_id`')} WHERE ${onBoard('new')};`;

/** The columns of work_orders a block holds: an update of anything else (notes, work done, timestamps) leaves it. */
const BLOCK_COLUMNS = '`technician_id`, `scheduled_date`, `status`, `ot_type`, `estimated_minutes`, `started_at`, `version`, `code`, `ticket_id`';

export const BOARD_BLOCKS_TRIGGERS: Record<string, string> = {
  tr_work_orders_board_insert: `CREATE TRIGGER \`tr_work_orders_board_insert\` AFTER INSERT ON \`work_orders\` WHEN ${onBoard('new')} BEGIN
	${insertNew}
END`,
  tr_work_orders_board_update: `CREATE TRIGGER \`tr_work_orders_board_update\` AFTER UPDATE OF ${BLOCK_COLUMNS} ON \`work_orders\` BEGIN
	${removeOld}
	${insertNew}
END`,
  tr_work_orders_board_delete: `CREATE TRIGGER \`tr_work_orders_board_delete\` AFTER DELETE ON \`work_orders\` WHEN ${onBoard('old')} BEGIN
	${removeOld}
END`,
  // A ticket given another customer (or none) renames its OTs' blocks; found through ix_work_orders_ticket_id, then
  // each block by its key.
  tr_tickets_board_customer: `CREATE TRIGGER \`tr_tickets_board_customer\` AFTER UPDATE OF \`customer_id\` ON \`tickets\` WHEN old.\`customer_id\` IS NOT new.\`customer_id\` BEGIN
	UPDATE \`board_blocks\` SET \`customer_id\` = new.\`customer_id\`,
		\`customer_name\` = (SELECT \`name\` FROM \`customers\` WHERE \`id\` = new.\`customer_id\`),
		\`customer_town\` = (SELECT \`town\` FROM \`customers\` WHERE \`id\` = new.\`customer_id\`)
	WHERE (\`technician_id\`, \`scheduled_date\`, \`id\`) IN (SELECT w.\`technician_id\`, w.\`scheduled_date\`, w.\`id\` FROM \`work_orders\` w WHERE w.\`ticket_id\` = new.\`id\`);
END`,
  // A customer renamed or moved to another town: the blocks of its tickets' OTs, found through
  // ix_tickets_customer_id_updated_at and ix_work_orders_ticket_id, then each block by its key.
  tr_customers_board_name: `CREATE TRIGGER \`tr_customers_board_name\` AFTER UPDATE OF \`name\`, \`town\` ON \`customers\` WHEN old.\`name\` IS NOT new.\`name\` OR old.\`town\` IS NOT new.\`town\` BEGIN
	UPDATE \`board_blocks\` SET \`customer_name\` = new.\`name\`, \`customer_town\` = new.\`town\`
	WHERE (\`technician_id\`, \`scheduled_date\`, \`id\`) IN (SELECT w.\`technician_id\`, w.\`scheduled_date\`, w.\`id\` FROM \`tickets\` t JOIN \`work_orders\` w ON w.\`ticket_id\` = t.\`id\` WHERE t.\`customer_id\` = new.\`id\`);
END`,
};

/** The blocks as work_orders, tickets and customers say they are. */
const BLOCKS_FROM_TABLES = `SELECT ${blockValues('w')}
FROM \`work_orders\` w ${customerOf('w.`ticket_id`')}
WHERE ${onBoard('w')}`;

/** Fills the table from work_orders, tickets and customers (the migration's backfill, and reindex after emptying it). */
export const BOARD_BLOCKS_FILL_SQL = `INSERT INTO \`board_blocks\` (${COLUMNS})\n${BLOCKS_FROM_TABLES}`;

/** How many blocks differ from what the tables say (missing, extra or stale): 0 when the triggers kept it in step. */
export function boardBlocksDrift(sqlite: Database.Database): number {
  const table = `SELECT ${COLUMNS} FROM \`board_blocks\``;
  const row = sqlite.prepare(`SELECT (SELECT count(*) FROM (${table} EXCEPT ${BLOCKS_FROM_TABLES})) + (SELECT count(*) FROM (${BLOCKS_FROM_TABLES} EXCEPT ${table})) AS n`).get() as { n: number };
  return row.n;
}

const BOARD_BLOCKS: DerivedTable = { name: 'board_blocks', createSql: BOARD_BLOCKS_TABLE_SQL, fillSql: BOARD_BLOCKS_FILL_SQL, triggers: BOARD_BLOCKS_TRIGGERS };

/** Empties and refills the table and re-creates its triggers, in one transaction (`cli reindex`). */
export const rebuildBoardBlocks = (sqlite: Database.Database): number => rebuildDerivedTable(sqlite, BOARD_BLOCKS, 'SELECT count(*) AS n FROM `board_blocks`');

/**
 * Where scripts/gen-board-migration.ts writes the migration (tests/domain/board-blocks.test.ts holds the file to it).
 * 0026 built the table without the customer's name and town and stays as it shipped; 0032 builds it again from here.
 */
export const BOARD_BLOCKS_MIGRATION_FILE = 'db/migrations/0032_board_blocks_customer.sql';

export function boardBlocksMigrationSql(): string {
  const head = `-- Generated by scripts/gen-board-migration.ts from electron/services/workOrders/boardBlocks.ts: the dispatch board's
-- derived blocks (local, not replicated) with their customers' names and towns, filled from work_orders, tickets and
-- customers, then the triggers that keep them in step.
`;
  return derivedTableMigrationSql(head, BOARD_BLOCKS);
}
