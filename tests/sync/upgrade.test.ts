// Upgrading a database made by the last release before team sync (tests/fixtures/emerald-v8.db: the release's own
// demo data plus settings, telemetry, roles and users written through its channels): nothing is lost, every
// replicated row becomes one baseline op of this device, and the op log alone rebuilds the same replicated state.
import Database from 'better-sqlite3';
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../db/open';
import { databasePath } from '../../electron/ipc/backend';
import { syncDigest } from '../../electron/services/sync/digest';
import { REPLICATED_ENTITIES, REPLICATED_SETTING_KEYS } from '../../electron/services/sync/entities';
import { isDeviceId } from '../../electron/services/sync/hlc';
import { removeTempDirs, tempDir } from '../db/helpers';
import { columnsOf, snapshotRows } from '../reliability/support';
import { Caller, TestClock } from '../support/backend';
import { createBackend } from '../../electron/ipc/backend';
import { openEmptyCopy, opsSetAside, pendingCaptureCount, replayOpLog, replicatedTable } from './support';

const FIXTURE = path.join(import.meta.dirname, '../fixtures/emerald-v8.db');
/** The release's demo logins all share this password. */
const DEMO_PASSWORD = 'emerald-demo';

let dir: string;
let before: { columns: Record<string, string[]>; rows: Record<string, string[]>; counts: Record<string, number> };
let upgraded: OpenedDatabase;

function rowCountsOf(sqlite: Database.Database): Record<string, number> {
  return Object.fromEntries(REPLICATED_ENTITIES.map(({ table }) => [table, replicatedTable(sqlite, table).length]));
}

interface LocalRow {
  device_id: string;
  next_seq: number;
  last_hlc: string;
}
const localOf = (sqlite: Database.Database) => sqlite.prepare('SELECT device_id, next_seq, last_hlc FROM sync_local WHERE id = 1').get() as LocalRow;

beforeAll(() => {
  dir = tempDir();
  copyFileSync(FIXTURE, databasePath(dir));
  const release = new Database(databasePath(dir), { readonly: true });
  try {
    expect(release.pragma('user_version', { simple: true })).toBe(8);
    const columns = columnsOf(release);
    // The replicated tables as the release had them (team tables did not exist yet: zero rows).
    const counts = Object.fromEntries(
      REPLICATED_ENTITIES.map(({ table, key, onlyRows }) => {
        if (!columns[table]) return [table, 0];
        const filter = onlyRows ? ` WHERE "${key}" IN (${onlyRows.map((k) => `'${k}'`).join(', ')})` : '';
        return [table, (release.prepare(`SELECT count(*) AS n FROM "${table}"${filter}`).get() as { n: number }).n];
      }),
    );
    before = { columns, rows: snapshotRows(release, columns), counts };
  } finally {
    release.close();
  }
  upgraded = openDatabase(databasePath(dir));
});

afterAll(() => {
  upgraded.close();
  removeTempDirs();
});

describe('upgrading the last release without team sync', () => {
  it('is a realistic copy: tickets, OTs, items, telemetry, settings, several roles and users', () => {
    for (const table of ['tickets', 'work_orders', 'work_order_items', 'ticket_timeline', 'customers', 'products', 'ticket_categories', 'roles', 'users', 'settings']) {
      expect(before.counts[table], table).toBeGreaterThan(0);
    }
    expect(before.rows.ticket_timeline?.some((row) => row.includes('"telemetry"'))).toBe(true);
  });

  it('keeps every row of every table the release had, column by column', () => {
    expect(snapshotRows(upgraded.sqlite, before.columns)).toEqual(before.rows);
    expect(upgraded.sqlite.pragma('foreign_key_check')).toEqual([]);
  });

  it('gives the copy a device id and leaves nothing captured', () => {
    expect(isDeviceId(localOf(upgraded.sqlite).device_id)).toBe(true);
    expect(pendingCaptureCount(upgraded.sqlite)).toBe(0);
  });

  it('makes one baseline insert op of this device per replicated row, table by table', () => {
    const { device_id: deviceId, next_seq: nextSeq } = localOf(upgraded.sqlite);
    const opsPerTable = Object.fromEntries(
      REPLICATED_ENTITIES.map(({ table }) => [
        table,
        (upgraded.sqlite.prepare('SELECT count(*) AS n FROM sync_ops WHERE entity = ?').get(table) as { n: number }).n,
      ]),
    );
    expect(opsPerTable).toEqual(before.counts);
    expect(rowCountsOf(upgraded.sqlite)).toEqual(before.counts);
    const total = Object.values(before.counts).reduce((sum, n) => sum + n, 0);
    const shape = upgraded.sqlite
      .prepare(
        `SELECT count(*) AS n, count(DISTINCT entity || ':' || row_id) AS rows, min(seq) AS first, max(seq) AS last,
                sum(kind = 'insert' AND author_id IS NULL AND status = 'applied' AND device_id = ?) AS baseline
         FROM sync_ops`,
      )
      .get(deviceId);
    expect(shape).toEqual({ n: total, rows: total, first: 1, last: total, baseline: total });
    expect(nextSeq).toBe(total + 1);
    // Each op carries the row as it is.
    const ticket = upgraded.sqlite.prepare('SELECT id, code, title, status FROM tickets ORDER BY id LIMIT 1').get() as Record<string, string>;
    const op = upgraded.sqlite.prepare("SELECT fields FROM sync_ops WHERE entity = 'tickets' AND row_id = ?").get(ticket.id) as { fields: string };
    expect(JSON.parse(op.fields)).toMatchObject({ code: ticket.code, title: ticket.title, status: ticket.status });
  });

  it('carries only the replicated settings keys', () => {
    const keys = (upgraded.sqlite.prepare("SELECT row_id FROM sync_ops WHERE entity = 'settings' ORDER BY row_id").all() as { row_id: string }[]).map((row) => row.row_id);
    expect(keys.length).toBeGreaterThan(3);
    expect(keys.every((key) => (REPLICATED_SETTING_KEYS as readonly string[]).includes(key))).toBe(true);
    expect(upgraded.sqlite.prepare("SELECT count(*) AS n FROM settings WHERE key IN ('language', 'telemetrySocketEnabled')").get()).toEqual({ n: 2 });
  });

  it('its op log alone rebuilds the same replicated state in an empty database', () => {
    const empty = openEmptyCopy();
    try {
      const outcome = replayOpLog(upgraded.sqlite, empty.sqlite, Date.now());
      expect(outcome.setAside).toEqual([]);
      expect(opsSetAside(empty.sqlite)).toEqual([]);
      for (const { table } of REPLICATED_ENTITIES) expect(replicatedTable(empty.sqlite, table), table).toEqual(replicatedTable(upgraded.sqlite, table));
      expect(syncDigest(empty.sqlite)).toBe(syncDigest(upgraded.sqlite));
    } finally {
      empty.close();
    }
  });

  it('a write after the upgrade makes exactly the ops it should, after the baseline', async () => {
    upgraded.close();
    const clock = new TestClock(new Date());
    const backend = createBackend({ dataDir: dir, clock });
    try {
      const sqlite = backend.database.sqlite;
      const local = localOf(sqlite);
      const admin = new Caller(backend);
      const { user } = await admin.call('auth.login', { login: 'admin', password: DEMO_PASSWORD });
      const ticket = (await admin.call('tickets.list', { status: ['open'], limit: 1 })).items[0];
      if (!ticket) throw new Error('the fixture has an open ticket');
      clock.advance(1000);
      await admin.call('tickets.addNote', { id: ticket.id, content: 'Primera nota tras la actualización' });
      const ops = sqlite.prepare('SELECT device_id, seq, hlc, entity, row_id, kind, fields, base, author_id FROM sync_ops WHERE seq >= ? ORDER BY seq').all(local.next_seq) as {
        device_id: string;
        seq: number;
        hlc: string;
        entity: string;
        row_id: string;
        kind: string;
        fields: string;
        base: string | null;
        author_id: string;
      }[];
      expect(ops.map((op) => [op.seq, op.entity, op.kind, Object.keys(JSON.parse(op.fields) as object).sort()])).toEqual([
        [local.next_seq, 'tickets', 'update', ['updated_at']],
        [local.next_seq + 1, 'ticket_timeline', 'insert', ['author_id', 'content', 'created_at', 'event_type', 'meta_data', 'ticket_id', 'updated_at']],
      ]);
      for (const op of ops) {
        expect(op.device_id).toBe(local.device_id);
        expect(op.author_id).toBe(user.id);
        expect(op.hlc > local.last_hlc).toBe(true);
      }
      // The update's base is the clock its field had: the baseline insert of that ticket.
      const baseline = sqlite.prepare("SELECT hlc FROM sync_ops WHERE entity = 'tickets' AND row_id = ? AND kind = 'insert'").get(ticket.id) as { hlc: string };
      expect(JSON.parse(ops[0]?.base ?? '{}')).toEqual({ updated_at: baseline.hlc });
      const note = JSON.parse(ops[1]?.fields ?? '{}') as Record<string, unknown>;
      expect(note).toMatchObject({ ticket_id: ticket.id, event_type: 'note', content: 'Primera nota tras la actualización', author_id: user.id });
      expect(pendingCaptureCount(sqlite)).toBe(0);
    } finally {
      backend.close();
      upgraded = openDatabase(databasePath(dir));
    }
  });
});
