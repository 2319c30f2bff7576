// telemetry.readings: every reading of a ticket, newest first, a page at a time (the panel's table): nothing recorded
// is out of reach even though the ticket reply and the chart only carry summaries.
import { AppError } from '../../contract';
import type { TelemetryPagedReading, TelemetryReadingsPage } from '../../contract/telemetrySeries';
import type { ServiceContext } from '../context';
import { loadTicket } from '../tickets';
import { limitSql, prepared } from '../sql';
import { windowWhere, type ReadingsWindow } from './window';

export const DEFAULT_READINGS_PAGE = 100;

type Position = Pick<TelemetryPagedReading, 'measuredAt' | 'eventId' | 'index'>;

/** The cursor names the last reading of a page; the next page starts strictly before it. */
export function encodeCursor(r: Position): string {
  return `${r.measuredAt}|${r.eventId}|${r.index}`;
}

function decodeCursor(cursor: string): Position {
  const [measuredAt, eventId, index] = cursor.split('|');
  const place = Number(index);
  if (!measuredAt || !eventId || !Number.isInteger(place) || place < 0) {
    throw new AppError('VALIDATION', 'the cursor is not one telemetry.readings gave', { reason: 'invalid_cursor', field: 'cursor' });
  }
  return { measuredAt, eventId, index: place };
}

/** The page is the run just before the cursor (or the newest), read backwards along ix_telemetry_readings_time. */
export function readingsPage(ctx: ServiceContext, input: ReadingsWindow & { cursor?: string | undefined; limit?: number | undefined }): TelemetryReadingsPage {
  loadTicket(ctx.db, input.ticketId);
  const after = input.cursor === undefined ? null : decodeCursor(input.cursor);
  const limit = input.limit ?? DEFAULT_READINGS_PAGE;
  const { where, params } = windowWhere(input);
  const total = (prepared(ctx.sqlite, `SELECT count(*) AS n FROM telemetry_readings WHERE ${where}`).get(params) as { n: number }).n;
  const before = after ? ' AND (measured_at, event_id, idx) < (@cursorAt, @cursorEvent, @cursorIndex)' : '';
  // One more than the page: whether an older page exists.
  const rows = prepared(
    ctx.sqlite,
    `SELECT event_id AS eventId, idx AS "index", metric, value, unit, source, measured_at AS measuredAt FROM telemetry_readings
     WHERE ${where}${before} ORDER BY measured_at DESC, event_id DESC, idx DESC ${limitSql(limit + 1)}`,
  ).all({ ...params, ...(after ? { cursorAt: after.measuredAt, cursorEvent: after.eventId, cursorIndex: after.index } : {}) }) as TelemetryPagedReading[];
  const readings = rows.slice(0, limit);
  const oldest = readings[readings.length - 1];
  return { readings, total, nextCursor: rows.length > limit && oldest ? encodeCursor(oldest) : null };
}
