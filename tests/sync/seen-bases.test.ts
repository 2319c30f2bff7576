// The seen bases of many customers made in one transaction: read from one pass over the table past the first op, they
// must be what a lookup per op (seenBase, the query conflicts.ts groups by) gives for the same rows.
import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../../electron/services/ids';
import { seenBase } from '../../electron/services/sync/seen';
import { startTestApp, type TestApp } from '../support/backend';
import { adminIdOf, captured } from './bundle-fixture';

let app: TestApp | null = null;
afterEach(() => app?.close());

describe('seen bases of one drain', () => {
  it('equal a lookup per op, names folded and trimmed as the duplicate rule compares them', async () => {
    app = await startTestApp();
    const sqlite = app.backend.database.sqlite;
    sqlite.prepare('INSERT INTO customers (id, name) VALUES (?, ?)').run(newId(), 'Bar Pepe');
    const names = ['Bar Pepe', ' bar pepé ', 'BAR PEPE', 'Ferretería Luna', 'ferreteria luna', 'Único', 'Bar  Pepe'];
    const made: string[] = [];
    captured(sqlite, adminIdOf(sqlite), app.clock.now().getTime(), () => {
      const insert = sqlite.prepare('INSERT INTO customers (id, name) VALUES (?, ?)');
      for (const name of names) {
        const id = newId();
        insert.run(id, name);
        made.push(id);
      }
    });
    const ops = sqlite.prepare("SELECT row_id, fields, base FROM sync_ops WHERE entity = 'customers' AND row_id IN (SELECT value FROM json_each(?))").all(JSON.stringify(made)) as {
      row_id: string;
      fields: string;
      base: string;
    }[];
    expect(ops).toHaveLength(names.length);
    for (const op of ops) expect(JSON.parse(op.base)).toEqual(seenBase(sqlite, 'customers', op.row_id, JSON.parse(op.fields) as Record<string, unknown>));
    // The names that fold to one key saw each other and the row made before.
    const pepe = ops.find((op) => op.row_id === made[1]);
    expect(JSON.parse(JSON.parse(pepe!.base)['seen:name'] as string)).toHaveLength(3);
  });
});
