import { writeFileSync } from 'node:fs';
import { syncMigrationSql } from '../electron/services/sync/sqlgen';
writeFileSync('db/migrations/0009_sync_capture.sql', syncMigrationSql(10));
