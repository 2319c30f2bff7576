// telemetry.import: validate every row, then write all valid rows (or none) as ONE event in ONE transaction.
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { z } from 'zod';
import type { TelemetryImportRejection, TelemetryImportReport } from '../../contract';
import { measuredAtIssue, telemetryReading, type TelemetryReading, type telemetryImportInput } from '../../contract/telemetry';
import { inTransaction, nowIso, requireActor, type Actor, type ServiceContext } from '../context';
import type { JobWorker } from '../jobs';
import { loadTicket } from '../tickets';
import { csvRows, jsonRows, type RawRow } from './parse';
import { appendTelemetryEvent, assertMayRecord } from './record';

/** The report lists this many rejections; a 100k-row file of garbage must not produce a 10 MB answer. */
export const MAX_REPORTED_REJECTIONS = 1000;

const snake = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** A row's first problem as a stable reason key (our own refinements carry theirs as the message). */
function rowReason(fields: Record<string, unknown>, now: Date): { reading?: TelemetryReading; field?: string; reason?: string } {
  const parsed = telemetryReading.safeParse(fields);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    if (!issue) return { reason: 'invalid_row' };
    if (issue.code === 'unrecognized_keys') return { reason: 'unknown_field', field: issue.keys[0] ?? '' };
    const field = snake(String(issue.path[0] ?? 'row'));
    return { field, reason: issue.code === 'custom' ? issue.message : `invalid_${field}` };
  }
  const timeIssue = measuredAtIssue(parsed.data.measuredAt, now);
  return timeIssue ? { field: 'measured_at', reason: timeIssue } : { reading: parsed.data };
}

/** Rows validated per turn of the event loop, so other windows' calls interleave with a big import. */
const ROWS_PER_TURN = 2000;

export async function validateRows(rows: readonly RawRow[], now: Date): Promise<{ readings: TelemetryReading[]; rejected: TelemetryImportRejection[] }> {
  const readings: TelemetryReading[] = [];
  const rejected: TelemetryImportRejection[] = [];
  for (const [index, row] of rows.entries()) {
    if (index > 0 && index % ROWS_PER_TURN === 0) await nextTurn();
    const result = row.fields ? rowReason(row.fields, now) : { reason: row.reason ?? 'invalid_row' };
    if (result.reading) readings.push(result.reading);
    else rejected.push({ line: row.line, reason: result.reason ?? 'invalid_row', ...(result.field ? { field: result.field } : {}) });
  }
  return { readings, rejected };
}

/** Past this size a file is imported by the job worker; a smaller one is a slice or two here (a thread hop would cost more). */
export const WORKER_IMPORT_MIN_CHARS = 64 * 1024;

/**
 * A big file (a 5 MB one: seconds to parse, over a second to write its 100,000 readings as one event and its op) is
 * imported whole by the job worker: this very function on the worker's own connection, its write one inTransaction
 * with op capture and this actor as author, so the engine's thread stays free for the write too. The events the
 * worker's write emitted are published here, after its commit, as a local write's are.
 */
async function importInJobWorker(ctx: ServiceContext, jobWorker: JobWorker, actor: Actor, input: z.output<typeof telemetryImportInput>): Promise<TelemetryImportReport> {
  const author: Actor = { id: actor.id, username: actor.username, fullName: actor.fullName, isSuperuser: actor.isSuperuser, permissions: new Set(actor.permissions) };
  const { report, events } = await jobWorker.run('telemetryImport', { import: input, actor: author, now: nowIso(ctx) });
  for (const event of events) ctx.events.emit(event);
  return report;
}

/**
 * One event per import (not per measured_at group): an import is one act by one person with one file,
 * so the bitácora shows one entry ("240 lecturas (lecturas.csv)") and the chart still plots every point.
 */
export async function importReadings(ctx: ServiceContext, input: z.output<typeof telemetryImportInput>): Promise<TelemetryImportReport> {
  const actor = requireActor(ctx);
  if (ctx.jobWorker && input.content.length > WORKER_IMPORT_MIN_CHARS) return importInJobWorker(ctx, ctx.jobWorker, actor, input);
  loadTicket(ctx.db, input.ticketId);
  // Checked before parsing too: even a dry report must not be given for a ticket the caller may not write to.
  assertMayRecord(ctx, ctx.db, actor, input.ticketId);
  // Parsing and validating yield to the event loop; only the final write is one synchronous transaction.
  const rows = input.format === 'csv' ? await csvRows(input.content) : jsonRows(input.content);
  const { readings, rejected } = await validateRows(rows, ctx.clock.now());
  const report = (imported: number, eventId?: string): TelemetryImportReport => ({
    imported,
    rejected: rejected.slice(0, MAX_REPORTED_REJECTIONS),
    rejectedCount: rejected.length,
    ...(eventId ? { eventId } : {}),
  });
  if (readings.length === 0 || (input.mode === 'all_or_nothing' && rejected.length > 0)) {
    return report(0);
  }
  return inTransaction(ctx, (tx, emit) => {
    assertMayRecord(ctx, tx, actor, input.ticketId);
    const eventId = appendTelemetryEvent(tx, { ticketId: input.ticketId, readings, via: 'import', fileName: input.fileName || undefined }, actor.id, nowIso(ctx));
    emit({ entity: 'ticket', id: input.ticketId, kind: 'updated' });
    return report(readings.length, eventId);
  });
}

