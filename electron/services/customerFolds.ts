// customer_folds: each customer's name, contact, email and phone folded as search and the duplicate-customer rule
// compare them (fold(): case and accents away; the name trimmed too, the rule's key). Local derived data like
// board_blocks (not replicated, not in the digest). fold() is the app's own function, which a trigger may not call
// (the file must stay writable by any SQLite tool), so the triggers only mark a row unknown (name_fold NULL). Writes
// fold the marked rows in their own transaction, the app folds what is left when it starts, and a search folds a row
// still marked as it reads it. Before, every customer write folded every customer's name twice (~25 ms at 5,000
// customers) and every search every customer's four fields (~30 ms).
import type Database from 'better-sqlite3';
import { derivedTableMigrationSql, rebuildDerivedTable, type DerivedTable } from './derivedTables';
import { limitSql, prepared } from './sql';

/** Each searched fold and what it folds of the customer `c` (the name trimmed too: the duplicate rule's key). */
const FOLDS: Readonly<Record<string, string>> = {
  name_fold: 'fold(trim(c.name))',
  contact_name_fold: 'fold(c.contact_name)',
  email_fold: 'fold(c.email)',
  phone_fold: 'fold(c.phone)',
};
/** What people type or store between a phone's digits: spaces (a no-break one too), dots, dashes, slashes, parentheses. */
const PHONE_SEPARATORS = [' ', '\u00a0', '.', '-', '/', '(', ')'];
const sqlCharacter = (c: string) => (c.charCodeAt(0) < 0x80 ? `'${c}'` : `char(${c.charCodeAt(0)})`);
/** SQL: the folded phone `column` without its separators ('+34 (965) 12-34-56' → '+34965123456'). */
const phoneKeySql = (column: string) => PHONE_SEPARATORS.reduce((inner, c) => `replace(${inner}, ${sqlCharacter(c)}, '')`, `fold(${column})`);
/** The phone key of the customer `c`, in SQL (the bench's hand-written search reads it too). */
export const PHONE_KEY = phoneKeySql('c.phone');
/**
 * Every kept column and how it is made: the folds, the phone's key (what a phone-like search compares: '965123456'
 * finds '965 123 456' and '965 12 34 56' finds '965123456'), then the list's sort key.
 */
const KEPT: Readonly<Record<string, string>> = { ...FOLDS, phone_key: PHONE_KEY, name_sort: 'lower(c.name)' };
const FOLD_COLUMNS = Object.keys(FOLDS);

const TABLE_SQL = `CREATE TABLE \`customer_folds\` (
	\`customer_id\` text PRIMARY KEY NOT NULL,
${Object.keys(KEPT)
  .map((column) => `\t\`${column}\` text`)
  .join(',\n')}
) WITHOUT ROWID, STRICT`;

// Every row starts unknown: the app folds them all when it starts (a few ms per thousand customers).
const FILL_SQL = 'INSERT INTO `customer_folds` (`customer_id`) SELECT `id` FROM `customers`';

// The name keys (the unknown rows, NULL, sort first: finding them is one probe); then the search's, in the catalog's
// order with every folded field in it: a search reads this index alone and stops at the limit.
const INDEXES = [
  'CREATE INDEX `ix_customer_folds_name` ON `customer_folds` (`name_fold`, `customer_id`)',
  `CREATE INDEX \`ix_customer_folds_search\` ON \`customer_folds\` (${['name_sort', ...FOLD_COLUMNS, 'phone_key', 'customer_id'].map((c) => `\`${c}\``).join(', ')})`,
];

const markUnknown = (row: 'new') => `INSERT OR REPLACE INTO \`customer_folds\` (\`customer_id\`) VALUES (${row}.\`id\`);`;
const forget = (row: 'old') => `DELETE FROM \`customer_folds\` WHERE \`customer_id\` = ${row}.\`id\`;`;
const FOLDED = ['id', 'name', 'contact_name', 'email', 'phone'];

const TRIGGERS: Record<string, string> = {
  tr_customers_folds_insert: `CREATE TRIGGER \`tr_customers_folds_insert\` AFTER INSERT ON \`customers\` BEGIN
	${markUnknown('new')}
END`,
  tr_customers_folds_update: `CREATE TRIGGER \`tr_customers_folds_update\` AFTER UPDATE OF ${FOLDED.map((c) => `\`${c}\``).join(', ')} ON \`customers\` WHEN ${FOLDED.map((c) => `old.\`${c}\` IS NOT new.\`${c}\``).join(' OR ')} BEGIN
	${forget('old')}
	${markUnknown('new')}
END`,
  tr_customers_folds_delete: `CREATE TRIGGER \`tr_customers_folds_delete\` AFTER DELETE ON \`customers\` BEGIN
	${forget('old')}
END`,
};

const CUSTOMER_FOLDS: DerivedTable = { name: 'customer_folds', createSql: TABLE_SQL, fillSql: FILL_SQL, indexes: INDEXES, triggers: TRIGGERS };

/**
 * Folds the rows the triggers marked unknown (nothing to do costs one index probe). Run by writes before they read the
 * name keys (the seen bases, the duplicate rule), inside their transaction: it writes.
 */
export function refreshCustomerFolds(sqlite: Database.Database): void {
  // Only when a row is marked: an UPDATE takes the write lock even when it changes nothing.
  if (!prepared(sqlite, 'SELECT 1 FROM customer_folds WHERE name_fold IS NULL LIMIT 1').get()) return;
  const start = performance.now();
  prepared(
    sqlite,
    `UPDATE customer_folds SET (${Object.keys(KEPT).join(', ')}) =
       (SELECT ${Object.values(KEPT).join(', ')} FROM customers c WHERE c.id = customer_folds.customer_id)
     WHERE name_fold IS NULL`,
  ).run();
  customerFoldTime.ms += performance.now() - start;
}

/**
 * Milliseconds this thread spent folding marked customers: the search index's upkeep, which a write does whether or
 * not it logs ops. The write bench leaves it out of the op log's cost, as it does the SLA refresh.
 */
export const customerFoldTime = { ms: 0 };

/**
 * At start: folds what writes made around the app left marked, unless another connection is writing (a CLI import,
 * a job worker's bundle): then it leaves them, as the next customer write and every search handle marked rows, rather
 * than hold the start up for the busy timeout and fail it.
 */
export function foldLeftoverCustomers(sqlite: Database.Database): void {
  const busyTimeout = sqlite.pragma('busy_timeout', { simple: true }) as number;
  sqlite.pragma('busy_timeout = 0');
  try {
    refreshCustomerFolds(sqlite);
  } catch (error) {
    if (!(error instanceof Error && 'code' in error && String(error.code).startsWith('SQLITE_BUSY'))) throw error;
  } finally {
    sqlite.pragma(`busy_timeout = ${busyTimeout}`);
  }
}

/** The ids of the customers whose name folds to the key SQL `key` computes (sync/seen.ts). */
export const customersOfKeySql = (key: string) => `SELECT customer_id AS id FROM customer_folds WHERE name_fold = ${key}`;
/** The name keys of the customers whose ids are the JSON array `?` (sync/conflicts.ts). */
export const KEYS_OF_CUSTOMERS_SQL = 'SELECT DISTINCT name_fold AS name FROM customer_folds WHERE customer_id IN (SELECT value FROM json_each(?))';
/** (key, id) of every customer with one of the name keys in the JSON array `?` (sync/conflicts.ts groups them by key). */
export const CUSTOMERS_OF_KEYS_SQL = 'SELECT name_fold AS key, customer_id AS id FROM customer_folds WHERE name_fold IN (SELECT value FROM json_each(?))';
/** SQL: any of `columns` LIKE the statement's @pattern (or, for a phone-like search, `phoneKey` LIKE its @key). */
const anyLike = (columns: readonly string[], phoneKey: string | null) =>
  [...columns.map((column) => `${column} LIKE @pattern ESCAPE '\\'`), ...(phoneKey === null ? [] : [`${phoneKey} LIKE @key ESCAPE '\\'`])].join(' OR ');
/**
 * What a phone-like search compares with phone_key: the query's digits (and a leading +) when it holds nothing else
 * but separators, else null (a text search, left as it was). A leading +CC or 00CC of the company's country
 * (`countryCode()`, asked only then) is dropped, so '+34 965 123 456' finds '965 123 456' as well.
 */
export function phoneSearchKey(query: string, countryCode: () => string | null): string | null {
  let key = Array.from(query.trim()).filter((c) => !PHONE_SEPARATORS.includes(c)).join('');
  if (!/^\+?\d+$/.test(key)) return null;
  const code = key.startsWith('+') || key.startsWith('00') ? countryCode() : null;
  const prefix = code ? [`+${code}`, `00${code}`].find((p) => key.startsWith(p) && key.length > p.length) : undefined;
  if (prefix) key = key.slice(prefix.length);
  return key;
}

/**
 * A country's calling code from the company's own phone when written the international way, the code set apart
 * ('+34 965 000 000', '0034 965…', '(+34) 965…' → '34'); else null ('965 000 000', '+34965000000').
 */
export function callingCodeOf(phone: string): string | null {
  return /^\s*\(?\s*(?:\+|00)(\d{1,3})[\s.\-/)]/.exec(phone)?.[1] ?? null;
}

/**
 * The SQL of the customer catalog's search: the customers with the folded LIKE @pattern in their name, contact, email
 * or phone, or, when `byPhoneKey` (a phone-like search), the key @key in their phone's key; the first `limit` in the
 * list's order (lower(name)), their columns named as the catalog's rows. The folded ones are read from
 * ix_customer_folds_search alone; any marked unknown since are folded as they are read. A read never folds the marked
 * rows into the table: writing would wait for another connection's write (a bundle import in the job worker).
 */
export const customerSearchSql = (limit: number, byPhoneKey: boolean): string => `SELECT id, name, contact_name AS contactName, phone, email, address, town, notes, version,
    created_at AS createdAt, updated_at AS updatedAt
  FROM customers WHERE id IN (
    SELECT customer_id FROM (SELECT customer_id FROM customer_folds WHERE ${anyLike(FOLD_COLUMNS, byPhoneKey ? 'phone_key' : null)} ORDER BY name_sort ${limitSql(limit)})
    UNION ALL
    SELECT f.customer_id FROM customer_folds f JOIN customers c ON c.id = f.customer_id WHERE f.name_fold IS NULL AND (${anyLike(Object.values(FOLDS), byPhoneKey ? PHONE_KEY : null)}))
  ORDER BY lower(name) ${limitSql(limit)}`;

/** Customers whose kept folds (once refreshed) are not their folded fields, or who have none, or rows of no customer: 0 when in step. */
export function customerFoldsDrift(sqlite: Database.Database): number {
  refreshCustomerFolds(sqlite);
  const query = `SELECT
    (SELECT count(*) FROM customers c LEFT JOIN customer_folds f ON f.customer_id = c.id
      WHERE f.customer_id IS NULL OR ${Object.entries(KEPT)
        .map(([column, made]) => `f.${column} IS NOT ${made}`)
        .join(' OR ')})
    + (SELECT count(*) FROM customer_folds f WHERE NOT EXISTS (SELECT 1 FROM customers c WHERE c.id = f.customer_id)) AS n`;
  return (sqlite.prepare(query).get() as { n: number }).n;
}

/** Empties and refills the table and re-creates its triggers, in one transaction (`cli reindex`); answers the customers marked. */
export const rebuildCustomerFolds = (sqlite: Database.Database): number => rebuildDerivedTable(sqlite, CUSTOMER_FOLDS, 'SELECT count(*) AS n FROM customer_folds');

/**
 * Where scripts/gen-board-migration.ts writes the migration (tests/domain/customer-folds.test.ts holds the file to it):
 * 0036 added phone_key (0033 built the table first and stays as it shipped). Every row starts unknown again.
 */
export const CUSTOMER_FOLDS_MIGRATION_FILE = 'db/migrations/0036_customer_folds_phone_key.sql';

export function customerFoldsMigrationSql(): string {
  const head = `-- Generated by scripts/gen-board-migration.ts from electron/services/customerFolds.ts: each customer's folded name,
-- contact, email and phone for search and the duplicate-customer rule, and now its phone's key (the folded phone
-- without separators, for a search by phone as typed or as caller ID shows it). Local derived data, not replicated;
-- the table is built again with every row marked unknown, and the app folds them when it starts (0033's rows had no key).
`;
  return derivedTableMigrationSql(head, CUSTOMER_FOLDS);
}
