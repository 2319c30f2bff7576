// customer_folds (services/customerFolds.ts): each customer's folded name (the duplicate-customer rule's key),
// contact, email and phone, kept by triggers that mark a row unknown and by the app folding the marked ones. Checked
// against folding every customer again (the oracle) through the app's writes and writes made around it; the name keys
// read through the index only; the catalog's search against folding every field in JavaScript; rebuilt by `reindex`;
// its migration file is the one generated from its owner (search by phone: customer-phone-search.test.ts).
import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createBackend } from '../../electron/ipc/backend';
import { newId } from '../../electron/services/ids';
import { foldForSearch } from '../../db/open';
import {
  CUSTOMER_FOLDS_MIGRATION_FILE,
  customersOfKeySql,
  CUSTOMERS_OF_KEYS_SQL,
  customerFoldsDrift,
  customerSearchSql,
  customerFoldsMigrationSql,
  KEYS_OF_CUSTOMERS_SQL,
  rebuildCustomerFolds,
  refreshCustomerFolds,
} from '../../electron/services/customerFolds';
import { SEEN_KEYS } from '../../electron/services/sync/seen';
import { startTestApp, type TestApp } from '../support/backend';

let app: TestApp | null = null;
afterEach(() => app?.close());

const keyOf = (sqlite: TestApp['backend']['database']['sqlite'], id: string) =>
  (sqlite.prepare('SELECT name_fold FROM customer_folds WHERE customer_id = ?').get(id) as { name_fold: string | null } | undefined)?.name_fold;

describe('customer_folds', () => {
  it('follows customers made, renamed and deleted by the app and around it; refreshed keys are every folded name', async () => {
    app = await startTestApp();
    const sqlite = app.backend.database.sqlite;
    const bar = await app.admin.call('customers.create', { name: ' Bar Pepé ' });
    expect(keyOf(sqlite, bar.id)).toBe('bar pepe');
    const renamed = await app.admin.call('customers.update', { id: bar.id, version: bar.version, name: 'Ferretería LUNA' });
    expect(keyOf(sqlite, bar.id)).toBe('ferreteria luna');
    // A new phone is folded by the write itself (searches never write); a field no fold holds changes nothing.
    const phoned = await app.admin.call('customers.update', { id: bar.id, version: renamed.version, phone: '600 111 222' });
    expect(sqlite.prepare('SELECT name_fold, phone_fold FROM customer_folds WHERE customer_id = ?').get(bar.id)).toEqual({ name_fold: 'ferreteria luna', phone_fold: '600 111 222' });
    await app.admin.call('customers.update', { id: bar.id, version: phoned.version, notes: 'Abre a las 8' });
    expect(keyOf(sqlite, bar.id)).toBe('ferreteria luna');

    // Written around the app (a repair by hand, a bulk load): the triggers mark the keys, the next read folds them.
    const byHand = newId();
    sqlite.prepare('INSERT INTO customers (id, name) VALUES (?, ?)').run(byHand, 'Ñandú  Óptica');
    expect(keyOf(sqlite, byHand)).toBeNull();
    sqlite.prepare('UPDATE customers SET name = ? WHERE id = ?').run('FERRETERIA LUNA ', bar.id);
    expect(keyOf(sqlite, bar.id)).toBeNull();
    refreshCustomerFolds(sqlite);
    expect(keyOf(sqlite, byHand)).toBe('nandu  optica');
    expect(keyOf(sqlite, bar.id)).toBe('ferreteria luna');
    sqlite.prepare('DELETE FROM customers WHERE id = ?').run(byHand);
    expect(keyOf(sqlite, byHand)).toBeUndefined();
    expect(customerFoldsDrift(sqlite)).toBe(0);

    // The drift check itself sees a key gone wrong.
    sqlite.prepare("UPDATE customer_folds SET phone_fold = 'otro' WHERE customer_id = ?").run(bar.id);
    expect(customerFoldsDrift(sqlite)).toBe(1);
    // reindex: every key marked again, then folded at the next read.
    const customers = (sqlite.prepare('SELECT count(*) AS n FROM customers').get() as { n: number }).n;
    expect(rebuildCustomerFolds(sqlite)).toBe(customers);
    expect(keyOf(sqlite, bar.id)).toBeNull();
    expect(customerFoldsDrift(sqlite)).toBe(0);
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
    const plan = (statement: string, param: unknown) => (sqlite.prepare(`EXPLAIN QUERY PLAN ${statement}`).all(param) as { detail: string }[]).map((row) => row.detail).join('\n');
    // As seen.ts asks it: the key computed from the name in the statement.
    const ofKey = customersOfKeySql(SEEN_KEYS.customers!.keyOf('?'));
    expect(plan(ofKey, ' Bar Pepé ')).toMatch(/SEARCH customer_folds USING COVERING INDEX ix_customer_folds_name \(name_fold=\?\)/);
    expect(plan(CUSTOMERS_OF_KEYS_SQL, '[]')).toMatch(/SEARCH customer_folds USING COVERING INDEX ix_customer_folds_name \(name_fold=\?\)/);
    expect(plan(KEYS_OF_CUSTOMERS_SQL, '[]')).toMatch(/SEARCH customer_folds USING PRIMARY KEY \(customer_id=\?\)/);
    for (const statement of [ofKey, CUSTOMERS_OF_KEYS_SQL, KEYS_OF_CUSTOMERS_SQL]) expect(plan(statement, '[]')).not.toMatch(/\bcustomers\b/);
    // The search walks its covering index in the list's order and stops at the limit: no sort of every match, only
    // the last sort of the few rows found (at most the limit, and any customers still marked). A phone-like search
    // (its phone key compared too) as well.
    for (const phoneKey of [null, '965123']) {
      const params = phoneKey === null ? { pattern: '%a%' } : { pattern: '%a%', key: `%${phoneKey}%` };
      const rows = app.backend.database.sqlite.prepare(`EXPLAIN QUERY PLAN ${customerSearchSql(20, phoneKey !== null)}`).all(params) as { parent: number; detail: string }[];
      const search = rows.map((row) => row.detail).join('\n');
      expect(search).toMatch(/SCAN customer_folds USING COVERING INDEX ix_customer_folds_search/);
      const sorts = rows.filter((row) => row.detail.includes('TEMP B-TREE'));
      expect(sorts).toEqual([expect.objectContaining({ parent: 0, detail: 'USE TEMP B-TREE FOR ORDER BY' })]);
    }
  });

  it('the catalog search finds what folding every field again finds, customers written around the app included', async () => {
    app = await startTestApp();
    const sqlite = app.backend.database.sqlite;
    const people = [
      { name: 'Ferretería Núñez', contactName: 'Ángela Ruiz', email: 'compras@nunez.es', phone: '954 111 222' },
      { name: 'BAR PEPE', contactName: null, email: null, phone: '600100100' },
      { name: 'Óptica 100% Visión', contactName: 'José María', email: 'jm@optica.es', phone: null },
      { name: 'Talleres_Sur', contactName: 'angela ruíz', email: null, phone: null },
    ];
    const made = [];
    for (const person of people) made.push(await app.admin.call('customers.create', person));
    await app.admin.call('customers.update', { id: made[1]!.id, version: made[1]!.version, contactName: 'Pepe Núñez' });
    sqlite.prepare('INSERT INTO customers (id, name, email) VALUES (?, ?, ?)').run(newId(), 'Clínica Dental', 'NUNEZ@clinica.es');
    sqlite.prepare('UPDATE customers SET phone = ? WHERE id = ?').run('955 000 111', made[3]!.id);

    const all = sqlite.prepare('SELECT id, name, contact_name, email, phone FROM customers').all() as Record<string, string | null>[];
    const oracle = (q: string) =>
      all
        .filter((c) => [c.name, c.contact_name, c.email, c.phone].some((field) => field !== null && foldForSearch(field as string).includes(foldForSearch(q.trim()))))
        .map((c) => c.id)
        .sort();
    for (const q of ['nuñez', 'NUNEZ', 'angela', ' ruiz ', '100%', 'res_s', '955 000', 'pepe', 'ó', 'nadie']) {
      const found = (await app.admin.call('customers.list', { q, limit: 500 })).map((c) => c.id).sort();
      expect(found, q).toEqual(oracle(q));
    }
    expect((await app.admin.call('customers.list', { q: 'nunez', limit: 500 })).length).toBe(3);
    // Cut at the limit in the list's order (lower(name)), a row still marked unknown (written around the app) included.
    expect((await app.admin.call('customers.list', { q: 'nunez', limit: 2 })).map((c) => c.name)).toEqual(['BAR PEPE', 'Clínica Dental']);
    expect((await app.admin.call('customers.list', { q: 'a', limit: 3 })).map((c) => c.name)).toEqual(
      all
        .filter((c) => oracle('a').includes(c.id as string))
        .map((c) => c.name as string)
        .sort((x, y) => (x.toLowerCase() < y.toLowerCase() ? -1 : 1))
        .slice(0, 3),
    );
  });

  it('a search never writes: it answers while another connection holds the write lock, rows marked unknown included', async () => {
    app = await startTestApp();
    const sqlite = app.backend.database.sqlite;
    await app.admin.call('customers.create', { name: 'Bar Pepe' });
    // Written around the app, so still marked unknown when the search comes.
    sqlite.prepare('INSERT INTO customers (id, name, phone) VALUES (?, ?, ?)').run(newId(), 'Peña Pepé', '955 123 456');
    const other = new Database(app.backend.database.path);
    try {
      other.exec('BEGIN IMMEDIATE'); // as a bundle import in the job worker holds it
      const found = await app.admin.envelope('customers.list', { q: 'PEPE' });
      expect(found.ok && (found.value as { name: string }[]).map((c) => c.name)).toEqual(['Bar Pepe', 'Peña Pepé']);
      const byPhone = await app.admin.envelope('customers.list', { q: '955 123' });
      expect(byPhone.ok && (byPhone.value as { name: string }[]).map((c) => c.name)).toEqual(['Peña Pepé']);
      other.exec('ROLLBACK');
    } finally {
      other.close();
    }
  });

  it('rows marked unknown (by the upgrade, or written around the app) are folded when the app starts', async () => {
    app = await startTestApp();
    const byHand = newId();
    app.backend.database.sqlite.prepare('INSERT INTO customers (id, name) VALUES (?, ?)').run(byHand, 'Óptica Ñ');
    expect(keyOf(app.backend.database.sqlite, byHand)).toBeNull();
    // The app started again on the same folder (a second engine on the file stands for it here).
    const backend = createBackend({ dataDir: app.dir, log: () => undefined });
    try {
      expect(keyOf(backend.database.sqlite, byHand)).toBe('optica n');
    } finally {
      backend.close();
    }
  });

  it('the app starts while another connection writes: it folds nothing then, and a marked row is still found and folded later', async () => {
    app = await startTestApp();
    const byHand = newId();
    app.backend.database.sqlite.prepare('INSERT INTO customers (id, name) VALUES (?, ?)').run(byHand, 'Óptica Ñ');
    const other = new Database(app.backend.database.path);
    let second: ReturnType<typeof createBackend> | null = null;
    try {
      other.exec('BEGIN IMMEDIATE'); // a CLI import, or the job worker's bundle, holds the write lock
      // Before, the start's fold waited the busy timeout for the lock and failed the start with SQLITE_BUSY.
      second = createBackend({ dataDir: app.dir, log: () => undefined });
      expect(keyOf(second.database.sqlite, byHand)).toBeNull();
      const found = await app.admin.envelope('customers.list', { q: 'optica' });
      expect(found.ok && (found.value as { name: string }[]).map((c) => c.name)).toEqual(['Óptica Ñ']);
      other.exec('ROLLBACK');
      await app.admin.call('customers.create', { name: 'Bar Pepe' });
      expect(keyOf(second.database.sqlite, byHand)).toBe('optica n');
    } finally {
      other.close();
      second?.close();
    }
  });

  it('migration 0036 is the file generated from its owner', () => {
    expect(readFileSync(CUSTOMER_FOLDS_MIGRATION_FILE, 'utf8')).toBe(customerFoldsMigrationSql());
  });
});
