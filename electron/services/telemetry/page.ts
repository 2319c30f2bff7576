// telemetry.readings: every reading of a ticket, newest first, a page at a time (the panel's table): nothing recorded
// is out of reach even though the ticket reply and the chart only carry summaries.
import { AppError } from '../../contract';
import type { TelemetryPagedReading, TelemetryReadingsPage } from '../../contract/telemetrySeries';
import type { ServiceContext } from '../context';
import { loadTicket } from '../tickets';
import { compareReadings, windowReadings, type ReadingsWindow } from './flatten';

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

export function readingsPage(ctx: ServiceContext, input: ReadingsWindow & { cursor?: string | undefined; limit?: number | undefined }): TelemetryReadingsPage {
  loadTicket(ctx.db, input.ticketId);
  const after = input.cursor === undefined ? null : decodeCursor(input.cursor);
  const limit = input.limit ?? DEFAULT_READINGS_PAGE;
  const all = windowReadings(ctx.sqlite, input);
  // Oldest first: the page is the run just before the cursor (or the end), read backwards.
  let end = all.length;
  if (after) {
    let lo = 0;
    let hi = all.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareReadings(all[mid] as TelemetryPagedReading, after) < 0) lo = mid + 1;
      else hi = mid;
    }
    end = lo;
  }
  const start = Math.max(0, end - limit);
  const readings = all.slice(start, end).reverse();
  const oldest = readings[readings.length - 1];
  return { readings, total: all.length, nextCursor: start > 0 && oldest ? encodeCursor(oldest) : null };
}
