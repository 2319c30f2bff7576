// The job worker's wire format: the calling thread sends `run` and `cancel`; the worker answers with progress, then
// one result or one error. Errors cross as shapes and are rebuilt on arrival, so an AppError stays an AppError.
import { AppError, type DomainEvent, type ErrorShape, type FilePayload, type TelemetryImportReport } from '../../contract';
import type { SyncImportSummaryDto } from '../../contract/sync';
import type { z } from 'zod';
import type { telemetryImportInput } from '../../contract/telemetry';
import type { Actor } from '../context';
import type { BackupInfo } from '../../../db/reliability/backup';
import type { ValidBackup } from '../../../db/reliability/inspect';
import type { ReportLanguage } from '../reports';

export interface JobProgress {
  done: number;
  total: number;
}

/** Every job the worker knows: what it takes and what it answers. */
export interface JobKinds {
  /** One OT report; `generatedAt` is the caller's clock (the footer prints it), so output matches the in-process one. */
  workOrderPdf: { input: { id: string; language?: ReportLanguage; generatedAt: string }; output: FilePayload };
  ticketPdf: { input: { id: string; language?: ReportLanguage; generatedAt: string }; output: FilePayload };
  /** A checked backup into <dataDir>/backups; `keep` also prunes to the newest `keep` (the start-up backup). */
  backup: { input: { now: string; keep?: number }; output: BackupInfo };
  /** PRAGMA quick_check of the live file (what opening the database used to run before the first screen). */
  integrityCheck: { input: Record<string, never>; output: { ok: boolean; detail: string } };
  /**
   * A restore's checks (identity, integrity_check, schema version) of each candidate in order, stopping at the first
   * that passes; progress counts candidates. The swap itself stays with the caller (db/reliability/restore.ts).
   */
  restoreCheck: { input: { files: string[]; migrationsFolder?: string }; output: { backup: ValidBackup | null; refused: RefusedBackup[] } };
  /**
   * telemetry.import as a whole (parse, validate, the one event written in one inTransaction with op capture, the
   * actor as author) on the worker's own writing connection; `events` are what it emitted, for the caller to publish.
   */
  telemetryImport: {
    input: { import: z.output<typeof telemetryImportInput>; actor: Actor; now: string };
    output: { report: TelemetryImportReport; events: DomainEvent[] };
  };
  /** Rebuilds the full-text index on the worker's own writing connection, in one transaction (cancel rolls it back). */
  reindex: { input: { step?: number }; output: { tickets: number; rows: number } };
  /**
   * A team bundle verified and applied on the worker's own writing connection (one transaction; cancel rolls it back);
   * `events` are the domain events of the rows it touched, for the caller to publish.
   */
  bundleImport: { input: { file: string; now: string }; output: { summary: SyncImportSummaryDto; events: DomainEvent[] } };
  /** Forgets the worker's prepared-photo cache (benchmarks measure a cold PDF). */
  clearCaches: { input: Record<string, never>; output: null };
}

/** A candidate backup that failed a restore's checks, with the restore reason (db/failures.ts). */
export interface RefusedBackup {
  path: string;
  reason: string;
  message: string;
}

export type JobKind = keyof JobKinds;
export type JobInput<K extends JobKind> = JobKinds[K]['input'];
export type JobOutput<K extends JobKind> = JobKinds[K]['output'];

/** What the worker receives at start. */
export interface JobWorkerData {
  databaseFile: string;
  dataDir: string;
  /** The report fonts as the spawning thread found them (a packaged app's resources path is known there). */
  fontDir?: string;
  /** The backend opened the file read-only: the writing jobs refuse (they would write through a connection of their own). */
  readonly?: boolean;
}

export type JobRequest = { type: 'run'; id: number; kind: JobKind; input: unknown } | { type: 'cancel'; id: number };

/** An error as it crosses the thread: an AppError's shape, or a plain error's message. */
export type WireError = { app: ErrorShape } | { message: string };

export type JobReply =
  | { type: 'progress'; id: number; progress: JobProgress }
  | { type: 'result'; id: number; value: unknown }
  | { type: 'error'; id: number; error: WireError };

export function toWireError(error: unknown): WireError {
  if (error instanceof AppError) return { app: error.toShape() };
  return { message: error instanceof Error ? error.message : String(error) };
}

/** The error the caller sees: the same AppError, or INTERNAL with the worker's words for anything else. */
export function fromWireError(wire: WireError): AppError | Error {
  if ('app' in wire) return new AppError(wire.app.code, wire.app.message, wire.app.details);
  return new Error(wire.message);
}

export function jobCancelledError(): AppError {
  return new AppError('CONFLICT', 'the job was cancelled', { reason: 'job_cancelled' });
}

/** Buffers of a result worth moving rather than copying (a PDF's bytes). */
export function transferablesOf(value: unknown): ArrayBuffer[] {
  if (!value || typeof value !== 'object') return [];
  const bytes = (value as { bytes?: unknown }).bytes;
  if (bytes instanceof Uint8Array && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer) {
    return [bytes.buffer];
  }
  return [];
}
