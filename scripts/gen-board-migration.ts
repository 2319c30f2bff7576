// Writes migration 0026 from the one owner of the dispatch board's derived table (tests/domain/board-blocks.test.ts holds the file to it).
import { writeFileSync } from 'node:fs';
import { BOARD_BLOCKS_MIGRATION_FILE, boardBlocksMigrationSql } from '../electron/services/workOrders/boardBlocks';
writeFileSync(BOARD_BLOCKS_MIGRATION_FILE, boardBlocksMigrationSql());
