// What issue 12's write budget changed in the write path, held by behaviour (never by time): the SLA row is written only
// where it changed and then equals a full recompute, one setting read alone agrees with the whole set (bad values fall
// back to the default), the system time zone asked once still follows a changed TZ, and the idle checkpointer keeps
// one timer per burst and never checkpoints inside the write that noted itself.
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { idleCheckpointer } from '../../db/checkpoint';
import { removeTempDirs, tempDir } from '../db/helpers';
import { systemTimeZone } from '../../electron/contract/zonedTime';
import { readSetting, readSettings, DEFAULT_SETTINGS } from '../../electron/services/settings';
import { refreshAllTicketSla, refreshTicketSla } from '../../electron/services/sla';
import { recordCapturedOps } from '../../electron/services/sync/capture';
import { refreshConflicts } from '../../electron/services/sync/conflicts';
import { startTestApp, type TestApp } from '../support/backend';

let app: TestApp;
afterEach(() => {
  vi.useRealTimers();
  app?.close();
  removeTempDirs();
});

const slaRows = () => app.backend.database.sqlite.prepare('SELECT * FROM ticket_sla ORDER BY ticket_id').all() as Record<string, unknown>[];
const changes = () => (app.backend.database.sqlite.prepare('SELECT total_changes() AS n').get() as { n: number }).n;

describe('write budget', () => {
  it('SLA refresh writes nothing for a ticket whose clocks did not move, rewrites only a row that differs, equals a full recompute', async () => {
    app = await startTestApp();
    const a = await app.admin.call('tickets.create', { title: 'Caldera sin presión', priority: 'high' });
    const b = await app.admin.call('tickets.create', { title: 'Termo que gotea', priority: 'low' });
    const sqlite = app.backend.database.sqlite;
    const before = slaRows();
    expect(before).toHaveLength(2);

    // Nothing moved: a refresh of both changes no row (no delete-and-insert of every index entry).
    const start = changes();
    sqlite.transaction(() => refreshTicketSla(sqlite, [a.id, b.id]))();
    expect(changes() - start).toBe(0);
    expect(slaRows()).toEqual(before);

    // A row that differs from its recompute (a stale due, a stale kind) is rewritten: only that row, back to the recompute.
    sqlite.prepare("UPDATE ticket_sla SET sort_due = '2000-01-01T00:00:00.000Z', next_kind = 'resolution' WHERE ticket_id = ?").run(a.id);
    const fixStart = changes();
    sqlite.transaction(() => refreshTicketSla(sqlite, [a.id, b.id]))();
    expect(changes() - fixStart).toBe(1);
    expect(slaRows()).toEqual(before);

    // A status move changes a's row and leaves b's alone.
    app.clock.advance(60_000);
    await app.admin.call('tickets.addContact', { id: a.id, channel: 'phone', summary: 'Llamé al cliente' });
    const moved = slaRows();
    const rowOf = (rows: Record<string, unknown>[], id: string) => rows.find((row) => row.ticket_id === id) as Record<string, unknown>;
    expect(rowOf(moved, a.id).next_kind).toBe('resolution');
    expect(rowOf(moved, b.id)).toEqual(rowOf(before, b.id));

    // Whatever the path, the table equals what a recompute from scratch writes.
    sqlite.exec('DELETE FROM ticket_sla');
    sqlite.transaction(() => refreshAllTicketSla(sqlite))();
    expect(slaRows()).toEqual(moved);

    // A row that cannot be computed any more (the ticket is gone) is removed.
    sqlite.transaction(() => refreshTicketSla(sqlite, ['no-such-ticket', b.id]))();
    expect(slaRows()).toHaveLength(2);
  });

  it('readSetting agrees with readSettings key by key, and falls back to the default for a value the schema refuses', async () => {
    app = await startTestApp();
    const { db, sqlite } = app.backend.database;
    await app.admin.call('settings.update', { versions: {}, ticketPrefix: 'SOP', sessionTimeoutMinutes: 45 });
    const all = readSettings(db);
    for (const key of ['ticketPrefix', 'workOrderPrefix', 'sessionTimeoutMinutes', 'workOrderDefaultMinutes', 'slaTargets', 'timeZone'] as const) {
      expect(readSetting(sqlite, key)).toEqual(all[key]);
    }
    // A hand-edited row: text where a number belongs, and a value that is not JSON at all (the CHECK needs valid JSON,
    // so that one is written with the check off, as an older or damaged file could hold it).
    sqlite.prepare("UPDATE settings SET value = '\"soon\"' WHERE key = 'sessionTimeoutMinutes'").run();
    expect(readSetting(sqlite, 'sessionTimeoutMinutes')).toBe(DEFAULT_SETTINGS.sessionTimeoutMinutes);
    expect(readSettings(db).sessionTimeoutMinutes).toBe(DEFAULT_SETTINGS.sessionTimeoutMinutes);
    sqlite.pragma('ignore_check_constraints = ON');
    sqlite.prepare("UPDATE settings SET value = 'not json' WHERE key = 'ticketPrefix'").run();
    sqlite.pragma('ignore_check_constraints = OFF');
    expect(readSetting(sqlite, 'ticketPrefix')).toBe(DEFAULT_SETTINGS.ticketPrefix);
    // The new ticket's code uses the prefix read that way.
    const created = await app.admin.call('tickets.create', { title: 'Sin prefijo guardado' });
    expect(created.code.startsWith(`${DEFAULT_SETTINGS.ticketPrefix}-`)).toBe(true);
  });

  it('the system time zone is asked once and asked again when TZ changes', () => {
    const previous = process.env.TZ;
    try {
      process.env.TZ = 'America/New_York';
      expect(systemTimeZone()).toBe('America/New_York');
      expect(systemTimeZone()).toBe('America/New_York');
      process.env.TZ = 'Asia/Tokyo';
      expect(systemTimeZone()).toBe('Asia/Tokyo');
    } finally {
      if (previous === undefined) delete process.env.TZ;
      else process.env.TZ = previous;
    }
  });

  it('the idle checkpointer checkpoints from its timer, never inside noteWrite, also when writes keep coming past the longest delay', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const sqlite = new Database(path.join(tempDir(), 'wal.db'));
    try {
      sqlite.pragma('journal_mode = WAL');
      const checkpointer = idleCheckpointer(sqlite, { idleMs: 1000, maxDelayMs: 10_000 });
      const spy = vi.spyOn(sqlite, 'pragma');
      const count = () => spy.mock.calls.filter(([sql]) => sql === 'wal_checkpoint(PASSIVE)').length;
      const timers = vi.spyOn(globalThis, 'setTimeout');
      // A write every 500 ms for 12 s: each noteWrite returns without checkpointing; the timer does it once 10 s passed.
      for (let i = 0; i < 24; i++) {
        const before = count();
        checkpointer.noteWrite();
        expect(count()).toBe(before);
        vi.advanceTimersByTime(500);
      }
      expect(count()).toBe(1);
      // One timer at a time: far fewer timers than writes.
      expect(timers.mock.calls.length).toBeLessThan(24);
      // Quiet for a second: the rest is checkpointed; stop() has nothing left.
      vi.advanceTimersByTime(1000);
      expect(count()).toBe(2);
      checkpointer.stop();
      expect(count()).toBe(2);
    } finally {
      sqlite.close();
    }
  });

  it('local writes keep the cross-row conflicts equal to a full re-check, also when a note or a new open ticket skips the ticket rules', async () => {
    app = await startTestApp();
    const sqlite = app.backend.database.sqlite;
    const ticket = await app.admin.call('tickets.create', { title: 'Aire acondicionado sin frío' });
    const visit = (await app.admin.call('workOrders.requestVisit', { ticketId: ticket.id, otType: 'repair' })) as { id: string };
    const conflicts = () => sqlite.prepare('SELECT id, kind, entity, row_id, detail FROM sync_conflicts ORDER BY id').all();
    /** What a re-check of every ticket and OT finds (rolled back: only compared). */
    const fullRecheck = () => {
      let found: unknown[] = [];
      const all = [
        ...(sqlite.prepare('SELECT id FROM tickets').pluck().all() as string[]).map((rowId) => ({ entity: 'tickets', rowId })),
        ...(sqlite.prepare('SELECT id FROM work_orders').pluck().all() as string[]).map((rowId) => ({ entity: 'work_orders', rowId })),
      ];
      try {
        sqlite.transaction(() => {
          refreshConflicts(sqlite, all);
          found = conflicts();
          throw new Error('rollback');
        })();
      } catch (error) {
        if ((error as Error).message !== 'rollback') throw error;
      }
      return found;
    };
    /** A write through the local write path (the capture turns it into ops and re-checks the rules it can move). */
    const localWrite = (sql: string, ...params: unknown[]) =>
      sqlite.transaction(() => {
        sqlite.prepare(sql).run(...params);
        recordCapturedOps(sqlite, null, Date.now());
      })();

    // The ticket closed with its OT still open (as a merge can leave it): the conflict is recorded.
    localWrite("UPDATE tickets SET status = 'closed', closed_at = ?, resolution = 'Cerrado en otro portátil' WHERE id = ?", new Date().toISOString(), ticket.id);
    expect(conflicts().map((c) => (c as { kind: string }).kind)).toEqual(['closed_ticket_open_ot']);
    expect(conflicts()).toEqual(fullRecheck());
    // A touch of the ticket's updated_at only (a note, a reading) leaves it as the full re-check has it.
    localWrite('UPDATE tickets SET updated_at = ? WHERE id = ?', new Date(Date.now() + 1000).toISOString(), ticket.id);
    expect(conflicts()).toHaveLength(1);
    expect(conflicts()).toEqual(fullRecheck());
    // A new resolution text shows in the record's detail at once; the OT completed clears the conflict.
    localWrite("UPDATE tickets SET resolution = 'Cambiada la placa' WHERE id = ?", ticket.id);
    expect(conflicts()).toEqual(fullRecheck());
    localWrite("UPDATE work_orders SET status = 'cancelled' WHERE id = ?", visit.id);
    expect(conflicts()).toEqual([]);
    expect(fullRecheck()).toEqual([]);

    // A ticket inserted open, with no close on record, can hold no rule (the write skips them); one inserted with a close
    // on record (as a merge can leave it) still counts.
    const creator = sqlite.prepare('SELECT creator_id FROM tickets WHERE id = ?').pluck().get(ticket.id);
    const insertTicket = (id: string, code: string, closedAt: string | null) =>
      localWrite(
        `INSERT INTO tickets (id, code, title, status, creator_id, closed_at, resolution, created_at, updated_at) VALUES (?, ?, 'Insertado', 'open', ?, ?, ?, ?, ?)`,
        id, code, creator, closedAt, closedAt ? 'Cerrado en otro portátil' : null, new Date().toISOString(), new Date().toISOString(),
      );
    insertTicket('00000000-0000-7000-8000-000000000001', 'TK-2026-990001', null);
    expect(conflicts()).toEqual([]);
    expect(fullRecheck()).toEqual([]);
    insertTicket('00000000-0000-7000-8000-000000000002', 'TK-2026-990002', new Date().toISOString());
    expect(conflicts().map((c) => (c as { kind: string }).kind)).toEqual(['ticket_close_undone']);
    expect(conflicts()).toEqual(fullRecheck());
  });
});
