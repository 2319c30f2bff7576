// Reading readings back: flattened out of the telemetry events with json_each, oldest first.
import { loadTicket } from '../tickets';
import type { TelemetryReadingDto } from '../../contract';
import type { ServiceContext } from '../context';
import { limitSql, prepared } from '../sql';

export const DEFAULT_LIST_LIMIT = 10_000;

export interface TelemetryListQuery {
  ticketId: string;
  metric?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  limit?: number | undefined;
  afterEventId?: string | undefined;
}

/** The latest `limit` readings in the window, returned in time order (ties keep event then array order). */
export function listReadings(ctx: ServiceContext, query: TelemetryListQuery): TelemetryReadingDto[] {
  loadTicket(ctx.db, query.ticketId);
  const where = [`e.ticket_id = @ticketId`, `e.event_type = 'telemetry'`];
  // Filtered on the event before json_each expands it: a live refresh reads only the new events' readings.
  if (query.afterEventId) where.push(`e.id > @afterEventId`);
  if (query.metric) where.push(`json_extract(r.value, '$.metric') = @metric`);
  if (query.from) where.push(`json_extract(r.value, '$.measuredAt') >= @from`);
  // Half-open like every other period: [from, to).
  if (query.to) where.push(`json_extract(r.value, '$.measuredAt') < @to`);
  const rows = prepared(ctx.sqlite,
      `SELECT e.id AS eventId,
              json_extract(r.value, '$.metric') AS metric,
              json_extract(r.value, '$.value') AS value,
              json_extract(r.value, '$.unit') AS unit,
              json_extract(r.value, '$.source') AS source,
              json_extract(r.value, '$.measuredAt') AS measuredAt
       FROM ticket_timeline e, json_each(e.meta_data, '$.readings') r
       WHERE ${where.join(' AND ')}
       ORDER BY measuredAt DESC, e.id DESC, r.key DESC
       ${limitSql(query.limit ?? DEFAULT_LIST_LIMIT)}`,
    )
    .all({
      ticketId: query.ticketId,
      ...(query.metric ? { metric: query.metric } : {}),
      ...(query.from ? { from: query.from } : {}),
      ...(query.to ? { to: query.to } : {}),
      ...(query.afterEventId ? { afterEventId: query.afterEventId } : {}),
    }) as TelemetryReadingDto[];
  return rows.reverse();
}
