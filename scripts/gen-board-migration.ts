// Writes the migrations of local derived tables from their one owner each: 0026 (the dispatch board's blocks) and
// 0028 (tickets per status). tests/domain/board-blocks.test.ts and status-counts.test.ts hold the files to them.
import { writeFileSync } from 'node:fs';
import { STATUS_COUNTS_MIGRATION_FILE, statusCountsMigrationSql } from '../electron/services/tickets/statusCounts';
import { BOARD_BLOCKS_MIGRATION_FILE, boardBlocksMigrationSql } from '../electron/services/workOrders/boardBlocks';
writeFileSync(BOARD_BLOCKS_MIGRATION_FILE, boardBlocksMigrationSql());
writeFileSync(STATUS_COUNTS_MIGRATION_FILE, statusCountsMigrationSql());
