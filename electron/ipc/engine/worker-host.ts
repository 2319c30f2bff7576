// The main thread's side of the engine worker: an EngineHost that passes envelopes and events across the thread.
// A dead worker fails every pending and later call with `engine_unavailable` instead of leaving callers waiting.
import type { Worker } from 'node:worker_threads';
import type { DomainEvent, ErrorShape } from '../../contract';
import type { HubStateDto } from '../../contract/teamNet';
import type { StartupReport } from '../../services/jobs';
import { spawnWorker } from '../../workers/spawn';
import type { CallContext, DispatchResult } from '../router';
import type { EngineHost, SessionStatus } from './host';
import { rebuildError, transfersIn, type EngineWorkerOptions, type FromEngine, type ToEngine } from './protocol';

/**
 * dispatch() moves the byte buffers directly inside `input` (an upload's Uint8Array that alone uses its ArrayBuffer) to
 * the worker: the caller must not read them afterwards (the transports never do).
 */
export interface EngineWorkerHost extends EngineHost {
  /** The hub's state when the start options turned hub mode on, else null. */
  readonly startupHub: HubStateDto | null;
  /** The after-start integrity check and backup (startupJobs); null when not asked for or the engine stopped first. */
  readonly startup: Promise<StartupReport | null>;
  /** Whether this copy is the team's hub now (the window may close while it keeps running). */
  hubRunning(): Promise<boolean>;
  sessionStatus(token: string | null): Promise<SessionStatus>;
  close(): Promise<void>;
  /** The thread itself (tests end it to see calls fail cleanly). */
  readonly thread: Worker;
}

export interface EngineWorkerHostOptions extends EngineWorkerOptions {
  log?: (message: string, error?: unknown) => void;
  /** How long close() waits for the engine to close the database before ending the thread (default 10 s). */
  closeTimeoutMs?: number;
}

export const ENGINE_UNAVAILABLE: ErrorShape = {
  code: 'INTERNAL',
  message: 'the data engine stopped; restart Emerald (the last change may not have been saved)',
  details: { reason: 'engine_unavailable' },
};

/**
 * Starts the engine worker and resolves once its database is open (and the hub started, when asked); rejects with the
 * worker's own error rebuilt (DatabaseOpenError with its reason, AppError, Error) when it cannot start.
 */
export function startEngineWorker(options: EngineWorkerHostOptions): Promise<EngineWorkerHost> {
  const { log = () => {}, closeTimeoutMs = 10_000, ...engineOptions } = options;
  const thread = spawnWorker('engine-worker', { workerData: engineOptions });
  const pendingCalls = new Map<number, (result: DispatchResult) => void>();
  const pendingAnswers = new Map<number, (value: unknown) => void>();
  // Many streams ask about the same session at once (a burst of events): one question in flight per token.
  const statusInFlight = new Map<string, Promise<SessionStatus>>();
  const listeners = new Set<(event: DomainEvent) => void>();
  let nextId = 1;
  let alive = true;
  let closing = false;
  let closed: () => void = () => {};
  const closedPromise = new Promise<void>((resolve) => (closed = resolve));
  let reportStartup: (report: StartupReport | null) => void = () => {};
  const startup = new Promise<StartupReport | null>((resolve) => (reportStartup = resolve));

  const send = (message: ToEngine, transfer: ArrayBuffer[] = []) => thread.postMessage(message, transfer);

  const failEverything = () => {
    alive = false;
    for (const resolve of pendingCalls.values()) resolve({ envelope: { ok: false, error: ENGINE_UNAVAILABLE } });
    pendingCalls.clear();
    for (const resolve of pendingAnswers.values()) resolve(undefined);
    pendingAnswers.clear();
    statusInFlight.clear();
    reportStartup(null);
    closed();
  };

  const ask = <T>(message: (id: number) => ToEngine, fallback: T): Promise<T> => {
    if (!alive) return Promise.resolve(fallback);
    const id = nextId++;
    return new Promise<T>((resolve) => {
      pendingAnswers.set(id, (value) => resolve(value === undefined ? fallback : (value as T)));
      send(message(id));
    });
  };

  return new Promise<EngineWorkerHost>((resolveStart, rejectStart) => {
    let started = false;
    const host: EngineWorkerHost = {
      startupHub: null,
      startup,
      thread,
      dispatch(call: CallContext, channel: unknown, input: unknown) {
        if (!alive || closing) return Promise.resolve({ envelope: { ok: false, error: ENGINE_UNAVAILABLE } });
        const id = nextId++;
        return new Promise<DispatchResult>((resolve) => {
          pendingCalls.set(id, resolve);
          // An upload's bytes move to the engine (the transport is done with them); nothing else is copied twice.
          send({ type: 'dispatch', id, call, channel, input }, transfersIn(input));
        });
      },
      onEvent(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      sessionStatus(token) {
        const key = token ?? '';
        const inFlight = statusInFlight.get(key);
        if (inFlight) return inFlight;
        const answer = ask<SessionStatus>((id) => ({ type: 'sessionStatus', id, token }), 'missing');
        statusInFlight.set(key, answer);
        void answer.then(() => statusInFlight.delete(key));
        return answer;
      },
      endSession(token) {
        if (alive) send({ type: 'endSession', token });
      },
      hubRunning: () => ask<boolean>((id) => ({ type: 'hubRunning', id }), false),
      async close() {
        if (!alive) return;
        closing = true;
        send({ type: 'close' });
        const timer = setTimeout(() => void thread.terminate(), closeTimeoutMs);
        await closedPromise;
        clearTimeout(timer);
      },
    };

    thread.on('message', (message: FromEngine) => {
      switch (message.type) {
        case 'ready':
          started = true;
          resolveStart({ ...host, startupHub: message.hub });
          return;
        case 'failed':
          alive = false;
          void thread.terminate();
          rejectStart(rebuildError(message.error));
          return;
        case 'startup':
          reportStartup(message.report);
          return;
        case 'result':
          pendingCalls.get(message.id)?.(message.result);
          pendingCalls.delete(message.id);
          return;
        case 'answer':
          pendingAnswers.get(message.id)?.(message.value);
          pendingAnswers.delete(message.id);
          return;
        case 'event':
          for (const listener of listeners) {
            try {
              listener(message.event);
            } catch (error) {
              log(`event listener failed on ${message.event.entity} ${message.event.kind}`, error);
            }
          }
          return;
        case 'log':
          log(message.message, message.error ? rebuildError(message.error) : undefined);
          return;
        case 'closed':
          // The database is closed: end the thread (timers of the LAN runtime must not keep it).
          void thread.terminate();
          return;
      }
    });
    thread.on('error', (error) => {
      if (!started) rejectStart(error);
      else log('engine worker failed; calls now answer engine_unavailable', error);
      failEverything();
    });
    thread.on('exit', (code) => {
      if (!started) rejectStart(new Error(`the engine worker exited (code ${code}) before it opened the database`));
      else if (!closing && alive) log(`engine worker exited (code ${code}); calls now answer engine_unavailable`);
      failEverything();
    });
  });
}
