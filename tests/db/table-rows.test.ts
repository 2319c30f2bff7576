// The write path's prepared row access (electron/services/tableRows.ts) against drizzle itself: the same rows read and
// written, json and boolean columns mapped as drizzle maps them, inside a transaction on its connection.
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { roles, users, workOrders } from '../../db/schema';
import { connectionOf, hasRow, insertRow, rowById, rowsWhere, updateRow } from '../../electron/services/tableRows';
import { freshDatabase, removeTempDirs } from './helpers';

afterEach(removeTempDirs);

const at = '2026-12-03T09:00:00.000Z';

describe('table rows', () => {
  it('reads and writes the rows drizzle does, json and boolean columns mapped the same way', () => {
    const { db, sqlite } = freshDatabase();
    try {
      // One row written by each: read back by each, they are the same values.
      insertRow(db, roles, { id: 'r1', name: 'Técnicos', permissions: ['tickets:read', 'workorders:execute'], createdAt: at, updatedAt: at });
      db.insert(roles).values({ id: 'r2', name: 'Oficina', permissions: { permissions: ['tickets:write'] }, createdAt: at, updatedAt: at }).run();
      for (const id of ['r1', 'r2']) expect(rowById(db, roles, id)).toEqual(db.select().from(roles).where(eq(roles.id, id)).get());
      expect(rowById(db, roles, 'r1')?.permissions).toEqual(['tickets:read', 'workorders:execute']);
      expect(sqlite.prepare("SELECT permissions FROM roles WHERE id = 'r1'").pluck().get()).toBe('["tickets:read","workorders:execute"]');
      expect(rowById(db, roles, 'missing')).toBeUndefined();

      const user = { email: 'ana@example.com', username: 'ana', fullName: 'Ana Ruiz', passwordHash: 'x', roleId: 'r1', createdAt: at, updatedAt: at };
      insertRow(db, users, { id: 'u1', ...user, isActive: false });
      db.insert(users).values({ id: 'u2', ...user, email: 'b@example.com', username: 'b', isActive: false }).run();
      const [mine, theirs] = ['u1', 'u2'].map((id) => rowById(db, users, id));
      expect({ ...mine, id: 'u2', email: 'b@example.com', username: 'b' }).toEqual(theirs);
      expect(mine).toMatchObject({ isActive: false, isSuperuser: false, failedLogins: 0, version: 1, lockedUntil: null });
      expect(hasRow(db, users, { id: 'u1', isActive: false })).toBe(true);
      expect(hasRow(db, users, { id: 'u1', isActive: true })).toBe(false);
      expect(hasRow(db, users, { roleId: 'r1' })).toBe(true);

      // A versioned update changes the row only at the version named; values go through the column's mapping.
      expect(updateRow(db, roles, { permissions: ['tickets:read'], version: 2, updatedAt: at }, { id: 'r1', version: 5 })).toBe(0);
      expect(updateRow(db, roles, { permissions: ['tickets:read'], version: 2, name: undefined, updatedAt: at }, { id: 'r1', version: 1 })).toBe(1);
      expect(db.select().from(roles).where(eq(roles.id, 'r1')).get()).toMatchObject({ name: 'Técnicos', permissions: ['tickets:read'], version: 2 });
      expect(updateRow(db, users, { isActive: true }, { id: 'u1' })).toBe(1);
      expect(db.select().from(users).where(eq(users.id, 'u1')).get()?.isActive).toBe(true);
      expect(() => updateRow(db, users, { isActive: undefined }, { id: 'u1' })).toThrow(/nothing to set/);
      expect(() => rowsWhere(db, users, 'nickname', 'x', '"id"')).toThrow(/no column nickname/);
    } finally {
      sqlite.close();
    }
  });

  it('works on the transaction’s connection: it sees the transaction’s own writes, in the order asked', () => {
    const { db, sqlite } = freshDatabase();
    try {
      const seen = db.transaction((tx) => {
        expect(connectionOf(tx).prepare('SELECT 1 AS one').get()).toEqual({ one: 1 });
        insertRow(tx, roles, { id: 'r1', name: 'Técnicos', permissions: [], createdAt: at, updatedAt: at });
        return rowById(tx, roles, 'r1')?.name;
      });
      expect(seen).toBe('Técnicos');
      insertRow(db, users, { id: 'u', email: 'ana@example.com', username: 'ana', fullName: 'Ana Ruiz', passwordHash: 'x', createdAt: at, updatedAt: at });
      sqlite.prepare("INSERT INTO tickets (id, code, title, creator_id, created_at, updated_at) VALUES ('t1', 'TK-1', 'x', 'u', ?, ?)").run(at, at);
      const order = (id: string, createdAt: string) =>
        insertRow(db, workOrders, { id, code: `OT-${id}`, ticketId: 't1', otType: 'repair', status: 'pending_planning', createdAt, updatedAt: createdAt });
      order('b', '2026-12-03T10:00:00.000Z');
      order('a', '2026-12-03T11:00:00.000Z');
      order('c', '2026-12-03T10:00:00.000Z');
      expect(rowsWhere(db, workOrders, 'ticketId', 't1', '"created_at", "id"').map((w) => w.id)).toEqual(['b', 'c', 'a']);
      expect(rowsWhere(db, workOrders, 'ticketId', 't1', '"created_at", "id"')).toEqual(
        db.select().from(workOrders).where(eq(workOrders.ticketId, 't1')).orderBy(workOrders.createdAt, workOrders.id).all(),
      );
    } finally {
      sqlite.close();
    }
  });
});
