// Issue 12's op log budget against the least any op log of this design can cost: a customer created in raw SQL, each
// run in its own transaction, alternately alone and with the two rows the design requires in the same transaction
// (its op in sync_ops, its clock in sync_clocks), nothing else: no capture trigger, no JSON drained, no HLC kept, no
// seen base. The difference at p95 over the router's customer create without the op log (the writes bench's figure)
// is the share no op log could go below. Runs with the capture off; removes its rows after.
import type Database from 'better-sqlite3';
import { newId } from '../../electron/services/ids';
import { CREATE_CUSTOMER_CASE } from './cases';
import { measureAlternating, type Stats } from './measure';

export interface OpLogFloor {
  rowAlone: Stats;
  rowWithOpAndClock: Stats;
  /** p95 with the two rows less p95 alone (ms). */
  floorMs: number;
}

// A device id no copy has: the floor's ops are never any member's.
const FLOOR_DEVICE = 'op-log-floor-bench';

export async function measureOpLogFloor(sqlite: Database.Database, runs: number): Promise<OpLogFloor> {
  const insertCustomer = sqlite.prepare('INSERT INTO customers (id, name, phone, town, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)');
  const insertOp = sqlite.prepare(
    `INSERT INTO sync_ops (device_id, seq, hlc, entity, row_id, kind, fields, base, author_id, schema_version, status)
     VALUES (?, ?, ?, 'customers', ?, 'insert', ?, ?, NULL, ?, 'applied')`,
  );
  const insertClock = sqlite.prepare("INSERT INTO sync_clocks (entity, row_id, row_hlc, fields, deleted_hlc) VALUES ('customers', ?, ?, '{}', NULL)");
  const schemaVersion = sqlite.pragma('user_version', { simple: true }) as number;
  const setCapture = sqlite.prepare('UPDATE sync_local SET capture = ? WHERE id = 1');
  const ids: string[] = [];
  let seq = 0;
  const write = (withOp: boolean, i: number) =>
    sqlite
      .transaction(() => {
        // Time-ordered ids, as the app makes them: each row lands at the end of its tables' keys.
        const id = newId();
        const now = new Date().toISOString();
        const name = `Cliente suelo ${i} ${id.slice(0, 8)}`;
        insertCustomer.run(id, name, '954 000 000', 'Sevilla', now, now);
        ids.push(id);
        if (!withOp) return;
        // The op as the write path records a customer's insert: every column, and the seen base of its name.
        const fields = { name, contact_name: null, phone: '954 000 000', email: null, address: null, notes: null, town: 'Sevilla', created_at: now, updated_at: now };
        const hlc = `${now}-000000-${FLOOR_DEVICE}`;
        insertOp.run(FLOOR_DEVICE, ++seq, hlc, id, JSON.stringify(fields), JSON.stringify({ 'seen:name': '[]' }), schemaVersion);
        insertClock.run(id, hlc);
      })
      .immediate();
  setCapture.run(0);
  try {
    const { even: rowAlone, odd: rowWithOpAndClock } = await measureAlternating(runs, (i) => write(i % 2 === 1, i), () => undefined, 20);
    return { rowAlone, rowWithOpAndClock, floorMs: rowWithOpAndClock.p95 - rowAlone.p95 };
  } finally {
    sqlite.transaction(() => {
      const remove = sqlite.prepare('DELETE FROM customers WHERE id = ?');
      const removeClock = sqlite.prepare("DELETE FROM sync_clocks WHERE entity = 'customers' AND row_id = ?");
      for (const id of ids) {
        remove.run(id);
        removeClock.run(id);
      }
      sqlite.prepare('DELETE FROM sync_ops WHERE device_id = ?').run(FLOOR_DEVICE);
    })();
    setCapture.run(1);
  }
}

/**
 * Measures the floor and says it in one line for the bench's summary: in ms, and as a share of the router's customer
 * create without the op log among `writes` (the write bench's figures of the same copy).
 */
export async function opLogFloorAgainst(
  sqlite: Database.Database,
  runs: number,
  writes: readonly { name: string; withoutOpLog: Stats }[],
): Promise<{ floor: OpLogFloor; line: string }> {
  const floor = await measureOpLogFloor(sqlite, runs);
  const write = writes.find((w) => w.name === CREATE_CUSTOMER_CASE);
  if (!write) return { floor, line: `Op log floor: no ${CREATE_CUSTOMER_CASE} case measured.` };
  const withoutP95 = write.withoutOpLog.p95;
  const share = (floor.floorMs / withoutP95) * 100;
  const line =
    `Op log floor (${CREATE_CUSTOMER_CASE}): its op and clock rows alone, in raw SQL, add ${floor.floorMs.toFixed(3)} ms at p95 ` +
    `(${floor.rowWithOpAndClock.p95.toFixed(3)} against ${floor.rowAlone.p95.toFixed(3)} ms), ${share.toFixed(0)} % of the write without the op log ` +
    `through the router (${withoutP95.toFixed(2)} ms at p95; budget 20 %).`;
  return { floor, line };
}
