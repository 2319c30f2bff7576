// Writing readings: each batch measured together is one `telemetry` timeline event, inside the caller's transaction.
import type { AppDb } from '../../../db/open';
import { AppError, type TelemetryRecordResult } from '../../contract';
import { measuredAtIssue, type TelemetryReading } from '../../contract/telemetry';
import { inTransaction, nowIso, requireActor, type ServiceContext } from '../context';
import { loadTicket, saveTicket } from '../tickets';
import { appendEvent } from '../tickets';
import { assertWorksOnTicket } from '../workOrders';
import { summarizeReadings } from './summary';

export type TelemetryVia = 'manual' | 'import' | 'socket';

/** What meta_data.readings holds: the validated reading with its source filled in. */
export interface StoredReading {
  metric: string;
  value: number;
  unit: string;
  source: string;
  measuredAt: string;
}

export interface ReadingBatch {
  ticketId: string;
  readings: readonly TelemetryReading[];
  via: TelemetryVia;
  fileName?: string | undefined;
}

const DEFAULT_SOURCE: Record<TelemetryVia, string> = { manual: 'manual', import: 'import', socket: 'socket' };

export function toStored(reading: TelemetryReading, defaultSource: string): StoredReading {
  return {
    metric: reading.metric,
    value: reading.value,
    unit: reading.unit,
    source: reading.source || defaultSource,
    measuredAt: reading.measuredAt,
  };
}

/** The clock rule zod cannot apply (it needs the service's clock): VALIDATION naming the first bad reading. */
export function assertMeasuredTimes(readings: readonly TelemetryReading[], now: Date): void {
  readings.forEach((reading, index) => {
    const reason = measuredAtIssue(reading.measuredAt, now);
    if (reason) {
      throw new AppError('VALIDATION', `reading ${index + 1}: measuredAt ${reading.measuredAt} is not acceptable (${reason})`, {
        reason,
        field: 'readings',
        index,
      });
    }
  });
}

/** A Técnico without tickets:write records only on tickets where one of their OTs is (the rule notes share). */
export const assertMayRecord = assertWorksOnTicket;

/** Appends one telemetry event (ticket must exist) and touches the ticket so lists re-sort; returns the event id. */
export function appendTelemetryEvent(tx: AppDb, batch: ReadingBatch, authorId: string | null, at: string): string {
  const ticket = loadTicket(tx, batch.ticketId);
  const stored = batch.readings.map((r) => toStored(r, batch.fileName ?? DEFAULT_SOURCE[batch.via]));
  saveTicket(tx, ticket, {}, at, { bumpVersion: false });
  return appendEvent(tx, {
    ticketId: ticket.id,
    authorId,
    eventType: 'telemetry',
    content: summarizeReadings(stored, batch.fileName),
    metaData: { readings: stored, via: batch.via, ...(batch.fileName ? { fileName: batch.fileName } : {}) },
    at,
  });
}

/** telemetry.record: one transaction, one event, then the ticket 'updated' event that live charts refetch on. */
export function recordReadings(ctx: ServiceContext, input: { ticketId: string; readings: TelemetryReading[] }): TelemetryRecordResult {
  const actor = requireActor(ctx);
  assertMeasuredTimes(input.readings, ctx.clock.now());
  return inTransaction(ctx, (tx, emit) => {
    assertMayRecord(ctx, tx, actor, input.ticketId);
    const eventId = appendTelemetryEvent(tx, { ticketId: input.ticketId, readings: input.readings, via: 'manual' }, actor.id, nowIso(ctx));
    emit({ entity: 'ticket', id: input.ticketId, kind: 'updated' });
    return { eventId, readings: input.readings.length };
  });
}
