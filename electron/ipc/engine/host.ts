// The one interface transports (HTTP server, Electron ipcMain) depend on: the data engine, wherever it runs —
// in this thread (createBackend, the CLI and most tests) or in the engine worker (startEngineWorker).
import type { DomainEvent } from '../../contract';
import type { CallContext, DispatchResult } from '../router';
import type { SessionLookup } from '../sessions';

export type SessionStatus = SessionLookup['status'];

/** A value now (in-process) or later (across the thread): transports handle both without waiting when they need not. */
export type MaybePromise<T> = T | Promise<T>;

export interface EngineHost {
  dispatch(call: CallContext, channel: unknown, input: unknown): Promise<DispatchResult>;
  /** Every committed domain event; returns the unsubscribe. */
  onEvent(listener: (event: DomainEvent) => void): () => void;
  /** A session's state without counting it as activity (live-event streams must not keep an idle session alive). */
  sessionStatus(token: string | null): MaybePromise<SessionStatus>;
  /** Ends a session the transport holds (a closed window, a shutdown). */
  endSession(token: string | null): MaybePromise<void>;
  close(): MaybePromise<void>;
}

/** What a transport needs: everything but closing the engine, which stays with whoever started it. */
export type EngineTransport = Pick<EngineHost, 'dispatch' | 'onEvent' | 'sessionStatus' | 'endSession'>;

/** Runs `then` at once on a plain value, after resolution on a promise: in-process checks stay synchronous. */
export function whenReady<T>(value: MaybePromise<T>, then: (value: T) => void, failed: (error: unknown) => void): void {
  if (value instanceof Promise) value.then(then, failed);
  else then(value);
}
