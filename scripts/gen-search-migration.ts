// Writes migration 0024 from the one owner of the full-text schema (tests/db/search-schema.test.ts holds the file to it).
import { writeFileSync } from 'node:fs';
import { SEARCH_MIGRATION_FILE, searchMigrationSql } from '../electron/services/search/schema';
writeFileSync(SEARCH_MIGRATION_FILE, searchMigrationSql());
