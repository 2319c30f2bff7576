// customer_name_keys (services/sync/customerNameKeys.ts): the duplicate-customer rule's folded names, kept by triggers
// that mark a key unknown and by the app folding the marked ones. Checked against fold(trim(name)) of every customer
// (the oracle) through the app's writes and writes made around it, read through its index only, rebuilt by `reindex`,
// and its migration file is the one generated from its owner.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../../electron/services/ids';
import {
  CUSTOMER_NAME_KEYS_MIGRATION_FILE,
  CUSTOMERS_OF_KEY_SQL,
  CUSTOMERS_OF_KEYS_SQL,
  customerNameKeysDrift,
  customerNameKeysMigrationSql,
  KEYS_OF_CUSTOMERS_SQL,
  rebuildCustomerNameKeys,
  refreshCustomerNameKeys,
} from '../../electron/services/sync/customerNameKeys';
import { startTestApp, type TestApp } from '../support/backend';

let app: TestApp | null = null;
afterEach(() => app?.close());

const keyOf = (sqlite: TestApp['backend']['database']['sqlite'], id: string) =>
  (sqlite.prepare('SELECT name_key FROM customer_name_keys WHERE customer_id = ?').get(id) as { name_key: string | null } | undefined)?.name_key;

describe('customer_name_keys', () => {
  it('follows customers made, renamed and deleted by the app and around it; refreshed keys are every folded name', async () => {
    app = await startTestApp();
    const sqlite = app.backend.database.sqlite;
    const bar = await app.admin.call('customers.create', { name: ' Bar Pepé ' });
    expect(keyOf(sqlite, bar.id)).toBe('bar pepe');
    const renamed = await app.admin.call('customers.update', { id: bar.id, version: bar.version, name: 'Ferretería LUNA' });
    expect(keyOf(sqlite, bar.id)).toBe('ferreteria luna');
    // A change that leaves the name alone keeps the key as it was (no refold).
    await app.admin.call('customers.update', { id: bar.id, version: renamed.version, phone: '600111222' });
    expect(keyOf(sqlite, bar.id)).toBe('ferreteria luna');

    // Written around the app (a repair by hand, a bulk load): the triggers mark the keys, the next read folds them.
    const byHand = newId();
    sqlite.prepare('INSERT INTO customers (id, name) VALUES (?, ?)').run(byHand, 'Ñandú  Óptica');
    expect(keyOf(sqlite, byHand)).toBeNull();
    sqlite.prepare('UPDATE customers SET name = ? WHERE id = ?').run('FERRETERIA LUNA ', bar.id);
    expect(keyOf(sqlite, bar.id)).toBeNull();
    refreshCustomerNameKeys(sqlite);
    expect(keyOf(sqlite, byHand)).toBe('nandu  optica');
    expect(keyOf(sqlite, bar.id)).toBe('ferreteria luna');
    sqlite.prepare('DELETE FROM customers WHERE id = ?').run(byHand);
    expect(keyOf(sqlite, byHand)).toBeUndefined();
    expect(customerNameKeysDrift(sqlite)).toBe(0);

    // The drift check itself sees a key gone wrong.
    sqlite.prepare("UPDATE customer_name_keys SET name_key = 'otro' WHERE customer_id = ?").run(bar.id);
    expect(customerNameKeysDrift(sqlite)).toBe(1);
    // reindex: every key marked again, then folded at the next read.
    const customers = (sqlite.prepare('SELECT count(*) AS n FROM customers').get() as { n: number }).n;
    expect(rebuildCustomerNameKeys(sqlite)).toBe(customers);
    expect(keyOf(sqlite, bar.id)).toBeNull();
    expect(customerNameKeysDrift(sqlite)).toBe(0);
  });

  it('a name written around the app still counts as seen by the next customer of that name', async () => {
    app = await startTestApp();
    const sqlite = app.backend.database.sqlite;
    const earlier = newId();
    sqlite.prepare('INSERT INTO customers (id, name) VALUES (?, ?)').run(earlier, 'Talleres Núñez');
    const made = await app.admin.call('customers.create', { name: 'TALLERES NUNEZ' });
    const op = sqlite.prepare("SELECT base FROM sync_ops WHERE entity = 'customers' AND row_id = ? AND kind = 'insert'").get(made.id) as { base: string };
    expect(JSON.parse(JSON.parse(op.base)['seen:name'] as string)).toEqual([earlier]);
  });

  it('is read through its index: no lookup reads or folds the customers table', async () => {
    app = await startTestApp();
    const sqlite = app.backend.database.sqlite;
    const plan = (sql: string, param: unknown) => (sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(param) as { detail: string }[]).map((row) => row.detail).join('\n');
    expect(plan(CUSTOMERS_OF_KEY_SQL, 'bar pepe')).toMatch(/SEARCH customer_name_keys USING COVERING INDEX ix_customer_name_keys_key \(name_key=\?\)/);
    expect(plan(CUSTOMERS_OF_KEYS_SQL, '[]')).toMatch(/SEARCH customer_name_keys USING COVERING INDEX ix_customer_name_keys_key \(name_key=\?\)/);
    expect(plan(KEYS_OF_CUSTOMERS_SQL, '[]')).toMatch(/SEARCH customer_name_keys USING PRIMARY KEY \(customer_id=\?\)/);
    for (const sql of [CUSTOMERS_OF_KEY_SQL, CUSTOMERS_OF_KEYS_SQL, KEYS_OF_CUSTOMERS_SQL]) expect(plan(sql, '[]')).not.toMatch(/\bcustomers\b/);
  });

  it('migration 0033 is the file generated from its owner', () => {
    expect(readFileSync(CUSTOMER_NAME_KEYS_MIGRATION_FILE, 'utf8')).toBe(customerNameKeysMigrationSql());
  });
});
