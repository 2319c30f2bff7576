// The messages between the engine worker and its host, and errors made plain enough to cross the thread and be
// rebuilt as the same types on the other side (the shell shows a DatabaseOpenError's reason as its dialog).
import { AppError, ERROR_CODES, type DomainEvent, type ErrorCode, type ErrorDetails } from '../../contract';
import type { HubStateDto } from '../../contract/teamNet';
import type { StartupReport } from '../../services/jobs';
import { DatabaseOpenError } from '../../../db/errors';
import { DATABASE_FAILURES, DatabaseFailureError, type DatabaseFailure } from '../../../db/failures';
import type { CallContext, DispatchResult } from '../router';
import type { SessionStatus } from './host';

/** What the engine worker runs beside the database (what serve.ts and the Electron main process used to start). */
export interface EngineWorkerOptions {
  dataDir: string;
  migrationsFolder?: string;
  /** LAN sync: background rounds with this copy's hub, the hub itself while its switch is on; null = not started. */
  net?: {
    mdns: boolean;
    timings?: { intervalMs?: number; backoffCapMs?: number };
    /** Turn hub mode on here at start (saved like the switch in Administración → Equipo). */
    hub?: { host: string; port: number } | null;
  } | null;
  /** The loopback telemetry socket, run while its setting is on. */
  telemetrySocket?: boolean;
  /** Start at once: quick_check (and the start-up backup when `backup`) run in the job worker after the engine is ready. */
  startupJobs?: { backup: boolean };
  /** Calls slower than this are logged as `slow call <channel> <ms> ms` (default 40). */
  slowCallMs?: number;
}

export type SerializedError =
  | { kind: 'app'; code: ErrorCode; message: string; details?: ErrorDetails }
  | { kind: 'database'; open: boolean; reason: DatabaseFailure; path: string; message: string }
  | { kind: 'error'; name: string; message: string; stack?: string; code?: string };

export type ToEngine =
  | { type: 'dispatch'; id: number; call: CallContext; channel: unknown; input: unknown }
  | { type: 'sessionStatus'; id: number; token: string | null }
  | { type: 'endSession'; token: string | null }
  | { type: 'hubRunning'; id: number }
  | { type: 'close' };

export type FromEngine =
  | { type: 'ready'; hub: HubStateDto | null }
  | { type: 'startup'; report: StartupReport | null }
  | { type: 'failed'; error: SerializedError }
  | { type: 'result'; id: number; result: DispatchResult }
  | { type: 'answer'; id: number; value: SessionStatus | boolean }
  | { type: 'event'; event: DomainEvent }
  | { type: 'log'; message: string; error?: SerializedError }
  | { type: 'closed' };

export function serializeError(error: unknown): SerializedError {
  if (error instanceof AppError) return { kind: 'app', code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) };
  if (error instanceof DatabaseFailureError) {
    return { kind: 'database', open: error instanceof DatabaseOpenError, reason: error.reason, path: error.path, message: error.message };
  }
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { kind: 'error', name: error.name, message: error.message, ...(error.stack ? { stack: error.stack } : {}), ...(typeof code === 'string' ? { code } : {}) };
  }
  return { kind: 'error', name: 'Error', message: String(error) };
}

/** The same type on this side: AppError, DatabaseOpenError (or its base), or an Error with the worker's name and stack. */
export function rebuildError(shape: SerializedError): Error {
  if (shape.kind === 'app') {
    const code = (ERROR_CODES as readonly string[]).includes(shape.code) ? shape.code : 'INTERNAL';
    return new AppError(code, shape.message, shape.details);
  }
  if (shape.kind === 'database') {
    const reason = DATABASE_FAILURES.includes(shape.reason) ? shape.reason : 'unreadable';
    return shape.open ? new DatabaseOpenError(reason, shape.path, shape.message) : new DatabaseFailureError(reason, shape.path, shape.message);
  }
  const error = new Error(shape.message);
  error.name = shape.name;
  if (shape.stack) error.stack = shape.stack;
  if (shape.code) Object.assign(error, { code: shape.code });
  return error;
}

/** An ArrayBuffer that only `bytes` uses can move across the thread instead of being copied (never a pooled Buffer's). */
export function transferableOf(bytes: Uint8Array): ArrayBuffer | null {
  const buffer = bytes.buffer;
  return buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === buffer.byteLength && buffer.byteLength > 0 ? buffer : null;
}

/** The byte buffers directly inside a value (an upload's field, a FilePayload's bytes): moved, not copied. */
export function transfersIn(value: unknown): ArrayBuffer[] {
  if (value === null || typeof value !== 'object') return [];
  const found: ArrayBuffer[] = [];
  for (const field of Object.values(value)) {
    if (!(field instanceof Uint8Array)) continue;
    const buffer = transferableOf(field);
    if (buffer && !found.includes(buffer)) found.push(buffer);
  }
  return found;
}
