// Writes migrations 0024 and 0031 from the one owner of the full-text schema (tests/domain/search-index.test.ts holds
// the files to it).
import { writeFileSync } from 'node:fs';
import { SEARCH_DOCS_MIGRATION_FILE, SEARCH_MIGRATION_FILE, searchDocsMigrationSql, searchMigrationSql } from '../electron/services/search/schema';
writeFileSync(SEARCH_MIGRATION_FILE, searchMigrationSql());
writeFileSync(SEARCH_DOCS_MIGRATION_FILE, searchDocsMigrationSql());
