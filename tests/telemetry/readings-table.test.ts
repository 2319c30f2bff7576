// telemetry_readings, the local derived table the chart and the readings pages read (services/telemetry/readingsTable.ts):
// filled by triggers on import and on a replayed event, skipping exactly the readings the pages always skipped,
// rebuilt by reindex, backfilled when a schema-28 file is upgraded, and its migration is the generated file.
import type Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/open';
import { newId } from '../../electron/services/ids';
import {
  rebuildTelemetryReadings,
  TELEMETRY_READINGS_MIGRATION_FILE,
  telemetryReadingsDrift,
  telemetryReadingsMigrationSql,
} from '../../electron/services/telemetry/readingsTable';
import { olderMigrationsFolder, removeTempDirs, seedRows, tempDir } from '../db/helpers';
import { openEmptyCopy, replayOpLog } from '../sync/support';
import { minutesBefore, startTelemetryApp, type TelemetryApp } from './helpers';

let app: TelemetryApp;
beforeAll(async () => {
  app = await startTelemetryApp();
});
afterAll(() => app.close());
afterEach(() => removeTempDirs());

const sqlite = () => app.backend.database.sqlite;

interface Kept {
  eventId: string;
  index: number;
  metric: string;
  value: number;
  unit: string;
  source: string;
  measuredAt: string;
  ms: number | null;
}

/** The table's rows for a ticket, in the pages' order (time, event, place). */
function kept(db: Database.Database, ticketId: string): Kept[] {
  return db
    .prepare(
      `SELECT event_id AS eventId, idx AS "index", metric, value, unit, source, measured_at AS measuredAt, measured_ms AS ms
       FROM telemetry_readings WHERE ticket_id = ? ORDER BY measured_at, event_id, idx`,
    )
    .all(ticketId) as Kept[];
}

/** The oracle: each event's JSON read in JavaScript, every reading with a text metric, numeric value and text time. */
function heldByEvents(db: Database.Database, ticketId: string): Kept[] {
  const events = db.prepare(`SELECT id, meta_data FROM ticket_timeline WHERE ticket_id = ? AND event_type = 'telemetry'`).all(ticketId) as { id: string; meta_data: string | null }[];
  const out: Kept[] = [];
  for (const event of events) {
    const readings = event.meta_data === null ? undefined : (JSON.parse(event.meta_data) as { readings?: unknown }).readings;
    if (!Array.isArray(readings)) continue;
    readings.forEach((item: Record<string, unknown> | null, index) => {
      if (!item || typeof item.metric !== 'string' || typeof item.value !== 'number' || typeof item.measuredAt !== 'string') return;
      const ms = Date.parse(item.measuredAt);
      out.push({
        eventId: event.id,
        index,
        metric: item.metric,
        value: item.value,
        unit: typeof item.unit === 'string' ? item.unit : '',
        source: typeof item.source === 'string' ? item.source : '',
        measuredAt: item.measuredAt,
        ms: Number.isNaN(ms) ? null : ms,
      });
    });
  }
  const key = (r: Kept) => [r.measuredAt, r.eventId, r.index] as const;
  return out.sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    return x[0] !== y[0] ? (x[0] < y[0] ? -1 : 1) : x[1] !== y[1] ? (x[1] < y[1] ? -1 : 1) : x[2] - y[2];
  });
}

/** A telemetry event written straight to the table, as an older build or another copy could have left it. */
function rawTelemetryEvent(db: Database.Database, ticketId: string, metaData: unknown): string {
  const id = newId();
  db.prepare(`INSERT INTO ticket_timeline (id, ticket_id, event_type, content, meta_data) VALUES (?, ?, 'telemetry', 'lecturas', ?)`).run(id, ticketId, JSON.stringify(metaData));
  return id;
}

/** Valid readings beside ones the pages skip: no metric, a text value, no time, null, an array; no unit or source. */
function mixedReadings(at: (minutes: number) => string) {
  return {
    via: 'socket',
    readings: [
      { metric: 'voltage', value: 229.8, unit: 'V', source: 'Fluke', measuredAt: at(5) },
      { value: 3, unit: 'A', measuredAt: at(4) },
      { metric: 'current', value: '4.1', unit: 'A', measuredAt: at(4) },
      { metric: 'current', value: 4, unit: 'A' },
      null,
      ['voltage', 230],
      { metric: 'humidity', value: 55, measuredAt: at(3) },
      { metric: 'voltage', value: -0.1, unit: 'V', source: 7, measuredAt: at(5) },
    ],
  };
}

describe('telemetry_readings', () => {
  it('is filled on import and on a hand-recorded batch, one row per reading, as the events hold them', async () => {
    const csv = ['metric,value,unit,measured_at,source', ...[1, 2, 3, 4].map((i) => `voltage,${229 + i / 10},V,${minutesBefore(app, 30 + i)},Registrador`)].join('\n');
    expect((await app.admin.call('telemetry.import', { ticketId: app.ticketId, format: 'csv', content: csv, mode: 'valid_rows', fileName: 'lecturas.csv' })).imported).toBe(4);
    await app.admin.call('telemetry.record', { ticketId: app.ticketId, readings: [{ metric: 'current', value: 4.2, unit: 'A', measuredAt: minutesBefore(app, 10) }] });
    const rows = kept(sqlite(), app.ticketId);
    expect(rows).toHaveLength(5);
    expect(rows).toEqual(heldByEvents(sqlite(), app.ticketId));
    expect(rows[0]?.ms).toBe(Date.parse(rows[0]?.measuredAt ?? ''));
    expect(telemetryReadingsDrift(sqlite())).toBe(0);
  });

  it('skips exactly the readings the pages skipped, and the chart and pages agree with the events', async () => {
    const ticket = await app.admin.call('tickets.create', { title: 'Sonda con lecturas dudosas' });
    rawTelemetryEvent(sqlite(), ticket.id, mixedReadings((m) => minutesBefore(app, m)));
    rawTelemetryEvent(sqlite(), ticket.id, { via: 'import', readings: { voltage: 230 } });
    const oracle = heldByEvents(sqlite(), ticket.id);
    expect(oracle.map((r) => r.metric)).toEqual(['voltage', 'voltage', 'humidity']);
    expect(kept(sqlite(), ticket.id)).toEqual(oracle);
    const page = await app.admin.call('telemetry.readings', { ticketId: ticket.id });
    expect(page.readings.map((r) => [r.metric, r.value, r.unit, r.source])).toEqual([...oracle].reverse().map((r) => [r.metric, r.value, r.unit, r.source]));
    const series = await app.admin.call('telemetry.series', { ticketId: ticket.id });
    expect(series.series.map((s) => [s.metric, s.unit, s.count, s.min, s.max, s.times])).toEqual([
      ['humidity', '', 1, 55, 55, [Date.parse(oracle[2]?.measuredAt ?? '')]],
      ['voltage', 'V', 2, -0.1, 229.8, oracle.slice(0, 2).map((r) => Date.parse(r.measuredAt))],
    ]);
  });

  it('lets an event go with its readings (a deleted ticket takes its events and their readings along)', async () => {
    const ticket = await app.admin.call('tickets.create', { title: 'Lecturas que se van' });
    const gone = rawTelemetryEvent(sqlite(), ticket.id, mixedReadings((m) => minutesBefore(app, m)));
    rawTelemetryEvent(sqlite(), ticket.id, { readings: [{ metric: 'voltage', value: 231, unit: 'V', measuredAt: minutesBefore(app, 1) }] });
    expect(kept(sqlite(), ticket.id)).toHaveLength(4);
    sqlite().prepare(`DELETE FROM ticket_timeline WHERE id = ?`).run(gone);
    expect(kept(sqlite(), ticket.id).map((r) => r.value)).toEqual([231]);
    sqlite().prepare(`DELETE FROM tickets WHERE id = ?`).run(ticket.id);
    expect(kept(sqlite(), ticket.id)).toEqual([]);
    expect(telemetryReadingsDrift(sqlite())).toBe(0);
  });

  it('is filled on a copy that replays the events from the op log, the same rows on both', () => {
    const empty = openEmptyCopy('readings-replay.db');
    try {
      expect(replayOpLog(sqlite(), empty.sqlite, app.clock.now().getTime()).setAside).toEqual([]);
      expect(kept(empty.sqlite, app.ticketId)).toEqual(kept(sqlite(), app.ticketId));
      expect(kept(empty.sqlite, app.ticketId)).toHaveLength(5);
      expect(telemetryReadingsDrift(empty.sqlite)).toBe(0);
    } finally {
      empty.close();
    }
  });

  it('reindex rebuilds it; damage is found as drift and repaired', () => {
    const before = kept(sqlite(), app.ticketId);
    sqlite().prepare(`UPDATE telemetry_readings SET value = value + 1 WHERE ticket_id = ? AND idx = 0`).run(app.ticketId);
    sqlite().prepare(`DELETE FROM telemetry_readings WHERE ticket_id = ? AND metric = 'current'`).run(app.ticketId);
    expect(telemetryReadingsDrift(sqlite())).toBeGreaterThan(0);
    const total = (sqlite().prepare(`SELECT count(*) AS n FROM telemetry_readings`).get() as { n: number }).n;
    expect(rebuildTelemetryReadings(sqlite())).toBeGreaterThan(total);
    expect(telemetryReadingsDrift(sqlite())).toBe(0);
    expect(kept(sqlite(), app.ticketId)).toEqual(before);
  });

  it('is backfilled when a file written at schema 28 is upgraded', () => {
    const file = path.join(tempDir(), 'emerald.db');
    const older = openDatabase(file, { migrationsFolder: olderMigrationsFolder(28) });
    expect(older.sqlite.prepare(`SELECT name FROM sqlite_master WHERE name = 'telemetry_readings'`).get()).toBeUndefined();
    const { ticketId } = seedRows(older.sqlite);
    rawTelemetryEvent(older.sqlite, ticketId, mixedReadings((m) => new Date(Date.UTC(2026, 10, 1, 12, 0) - m * 60_000).toISOString()));
    rawTelemetryEvent(older.sqlite, ticketId, { via: 'import', readings: [{ metric: 'current', value: 12, unit: 'A', measuredAt: '2026-11-01T11:00:00.000Z' }] });
    older.close();
    const current = openDatabase(file);
    try {
      const rows = kept(current.sqlite, ticketId);
      expect(rows).toHaveLength(4);
      expect(rows).toEqual(heldByEvents(current.sqlite, ticketId));
      expect(telemetryReadingsDrift(current.sqlite)).toBe(0);
    } finally {
      current.close();
    }
  });

  it('its migration is the file generated from readingsTable.ts (npx tsx scripts/gen-board-migration.ts)', () => {
    expect(readFileSync(TELEMETRY_READINGS_MIGRATION_FILE, 'utf8')).toBe(telemetryReadingsMigrationSql());
  });
});
