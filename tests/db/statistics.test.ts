// The planner keeps sqlite_stat1's averages but never per-value samples (db/statistics.ts says why).
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/open';
import { dropValueSamples } from '../../db/statistics';
import { newId } from '../../electron/services/ids';
import { freshDatabase, removeTempDirs } from './helpers';

afterEach(removeTempDirs);

const insertCustomers = (sqlite: Database.Database, count: number) => {
  const insert = sqlite.prepare('INSERT INTO customers (id, name, town) VALUES (?, ?, ?)');
  sqlite.transaction(() => {
    for (let i = 0; i < count; i++) insert.run(newId(), `Cliente ${i % 40}`, i % 3 ? 'Lugo' : 'Ourense');
  })();
};
const samples = (sqlite: Database.Database) => (sqlite.prepare('SELECT count(*) AS n FROM sqlite_stat4').get() as { n: number }).n;
const averagesOf = (sqlite: Database.Database, index: string) =>
  sqlite.prepare('SELECT stat FROM sqlite_stat1 WHERE idx = ?').pluck().get(index) as string | undefined;

describe('planner statistics without samples', () => {
  it('drops the samples ANALYZE stored and keeps the averages', () => {
    const db = freshDatabase();
    insertCustomers(db.sqlite, 300);
    db.sqlite.exec('ANALYZE');
    expect(samples(db.sqlite)).toBeGreaterThan(0);
    expect(dropValueSamples(db.sqlite)).toBe(true);
    expect(samples(db.sqlite)).toBe(0);
    expect(averagesOf(db.sqlite, 'ix_customers_name')).toMatch(/^300 /);
    // Nothing left to drop the second time; the averages still steer the plan to the index.
    expect(dropValueSamples(db.sqlite)).toBe(false);
    const plan = db.sqlite.prepare('EXPLAIN QUERY PLAN SELECT id FROM customers WHERE lower(name) = ?').all('cliente 7') as { detail: string }[];
    expect(plan.map((step) => step.detail).join(' ')).toContain('ix_customers_name');
    db.close();
  });

  it('opening a file analyzed with samples (an older version, or by hand) leaves none', () => {
    const db = freshDatabase();
    insertCustomers(db.sqlite, 300);
    db.sqlite.exec('ANALYZE');
    db.sqlite.close();
    const file = path.join(db.dir, 'emerald.db');
    const raw = new Database(file);
    expect(samples(raw)).toBeGreaterThan(0);
    raw.close();
    const reopened = openDatabase(file);
    expect(samples(reopened.sqlite)).toBe(0);
    expect(averagesOf(reopened.sqlite, 'ix_customers_name')).toMatch(/^300 /);
    reopened.close();
  });

  it('the ANALYZE that PRAGMA optimize runs at close stores no samples', () => {
    const db = freshDatabase();
    insertCustomers(db.sqlite, 300);
    // A query that used the index without statistics on record: optimize analyzes the table at close.
    db.sqlite.prepare('SELECT id FROM customers WHERE lower(name) = ?').all('cliente 7');
    db.close();
    const raw = new Database(path.join(db.dir, 'emerald.db'), { readonly: true });
    expect(averagesOf(raw, 'ix_customers_name')).toMatch(/^300 /);
    expect(samples(raw)).toBe(0);
    raw.close();
  });

  it('with no samples on record, opening takes no write lock: it opens while another connection is writing', () => {
    const db = freshDatabase();
    const file = path.join(db.dir, 'emerald.db');
    db.close();
    const writer = new Database(file);
    writer.exec('BEGIN IMMEDIATE');
    try {
      const reopened = openDatabase(file, { busyTimeoutMs: 50 });
      expect(samples(reopened.sqlite)).toBe(0);
      reopened.sqlite.close();
    } finally {
      writer.exec('ROLLBACK');
      writer.close();
    }
  });
});
