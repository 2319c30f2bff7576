// The statement cache drizzle and the services share: one prepare per SQL text and connection, and a statement
// drizzle read as arrays (raw mode) answers the next caller with objects again.
import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { prepared, withStatementCache } from '../../db/statements';

it('prepares each text once per connection and resets raw mode for the next caller', () => {
  const sqlite = new Database(':memory:');
  sqlite.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO t (name) VALUES ('a'), ('b')");
  const viaDrizzle = withStatementCache(sqlite);
  const sql = 'SELECT id, name FROM t ORDER BY id';
  const first = viaDrizzle.prepare(sql);
  expect(first.raw().all()).toEqual([[1, 'a'], [2, 'b']]);
  const again = prepared(sqlite, sql);
  expect(again).toBe(first);
  expect(again.all()).toEqual([{ id: 1, name: 'a' }, { id: 2, name: 'b' }]);
  // Everything else is the connection itself.
  expect(viaDrizzle.inTransaction).toBe(false);
  viaDrizzle.transaction(() => prepared(sqlite, "INSERT INTO t (name) VALUES ('c')").run())();
  expect(prepared(sqlite, 'SELECT count(*) AS n FROM t').get()).toEqual({ n: 3 });
  expect(prepared(new Database(':memory:'), 'SELECT 1 AS one')).not.toBe(prepared(sqlite, 'SELECT 1 AS one'));
  sqlite.close();
});
