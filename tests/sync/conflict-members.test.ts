// The index of rows a duplicate conflict lists (sync_conflict_members) follows the conflict's detail through
// insert, update and delete, so a write finds the conflicts of its rows without reading every detail.
import { afterAll, expect, it } from 'vitest';
import { freshDatabase, removeTempDirs } from '../db/helpers';

afterAll(removeTempDirs);

it('keeps the members of each conflict equal to the ids its detail lists', () => {
  const { sqlite, close } = freshDatabase();
  const members = () => sqlite.prepare('SELECT conflict_id AS c, member_id AS m FROM sync_conflict_members ORDER BY c, m').all();
  const insert = sqlite.prepare('INSERT INTO sync_conflicts (id, kind, entity, row_id, field, detail) VALUES (?, ?, ?, ?, NULL, ?)');
  insert.run('s1', 'duplicate_serial', 'work_order_items', 'sn-1', JSON.stringify({ scope: 'sn-1', items: ['i1', 'i2'] }));
  insert.run('c1', 'duplicate_customer', 'customers', 'acme', JSON.stringify({ scope: 'acme', customers: ['k1', 'k2', 'k3'] }));
  insert.run('o1', 'closed_ticket_open_ot', 'work_orders', 'w1', JSON.stringify({ scope: 't1', ticketCode: 'TK-1' }));
  expect(members()).toEqual([
    { c: 'c1', m: 'k1' },
    { c: 'c1', m: 'k2' },
    { c: 'c1', m: 'k3' },
    { c: 's1', m: 'i1' },
    { c: 's1', m: 'i2' },
  ]);
  sqlite.prepare('UPDATE sync_conflicts SET detail = ? WHERE id = ?').run(JSON.stringify({ scope: 'sn-1', items: ['i2', 'i9'] }), 's1');
  sqlite.prepare('DELETE FROM sync_conflicts WHERE id = ?').run('c1');
  expect(members()).toEqual([
    { c: 's1', m: 'i2' },
    { c: 's1', m: 'i9' },
  ]);
  close();
});
