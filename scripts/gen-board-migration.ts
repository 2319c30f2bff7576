// Writes the migrations of local derived tables from their one owner each: 0032 (the dispatch board's blocks; 0026 built
// them first and stays as it shipped), 0028 (tickets per status), 0029 (telemetry readings), 0030 (the dispatch
// queue's order) and 0036 (customers' folded fields with the phone's key; 0033 built them first and stays as it
// shipped). Each table's test holds its file to what is written here.
import { writeFileSync } from 'node:fs';
import { CUSTOMER_FOLDS_MIGRATION_FILE, customerFoldsMigrationSql } from '../electron/services/customerFolds';
import { TELEMETRY_READINGS_MIGRATION_FILE, telemetryReadingsMigrationSql } from '../electron/services/telemetry/readingsTable';
import { STATUS_COUNTS_MIGRATION_FILE, statusCountsMigrationSql } from '../electron/services/tickets/statusCounts';
import { BOARD_BLOCKS_MIGRATION_FILE, boardBlocksMigrationSql } from '../electron/services/workOrders/boardBlocks';
import { WORK_ORDER_QUEUE_MIGRATION_FILE, workOrderQueueMigrationSql } from '../electron/services/workOrders/queueTable';
writeFileSync(BOARD_BLOCKS_MIGRATION_FILE, boardBlocksMigrationSql());
writeFileSync(STATUS_COUNTS_MIGRATION_FILE, statusCountsMigrationSql());
writeFileSync(TELEMETRY_READINGS_MIGRATION_FILE, telemetryReadingsMigrationSql());
writeFileSync(WORK_ORDER_QUEUE_MIGRATION_FILE, workOrderQueueMigrationSql());
writeFileSync(CUSTOMER_FOLDS_MIGRATION_FILE, customerFoldsMigrationSql());
