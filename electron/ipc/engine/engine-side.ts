// The engine worker's side: opens the database, runs the router, sessions, LAN sync and the telemetry socket in this
// thread, and answers its host's messages. Nothing here imports electron (the Electron main process starts it too).
import { performance } from 'node:perf_hooks';
import type { MessagePort } from 'node:worker_threads';
import type { HubStateDto } from '../../contract/teamNet';
import { writeHubSetting } from '../../services/sync/background/hubSetting';
import { startNetRuntime, type NetRuntime } from '../../services/sync/background/runtime';
import { createBackend, type Backend } from '../backend';
import { isFilePayload } from '../http/responses';
import type { DispatchResult } from '../router';
import { manageTelemetrySocket, type TelemetrySocketManager } from '../telemetry-socket';
import { serializeError, transferableOf, type EngineWorkerOptions, type FromEngine, type ToEngine } from './protocol';
import { withSlowCallLog } from './slow-calls';

type Port = Pick<MessagePort, 'postMessage' | 'on'>;

/** A downloaded file's bytes move to the host instead of being copied (every FilePayload is made for its answer; no service keeps one). */
function resultTransfers(result: DispatchResult): ArrayBuffer[] {
  if (!result.envelope.ok || !isFilePayload(result.envelope.value)) return [];
  const buffer = transferableOf(result.envelope.value.bytes);
  return buffer ? [buffer] : [];
}

export async function runEngine(port: Port, options: EngineWorkerOptions): Promise<void> {
  const post = (message: FromEngine, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
  const log = (message: string, error?: unknown) => post({ type: 'log', message, ...(error !== undefined ? { error: serializeError(error) } : {}) });

  let backend: Backend;
  try {
    backend = createBackend({
      dataDir: options.dataDir,
      ...(options.migrationsFolder ? { migrationsFolder: options.migrationsFolder } : {}),
      ...(options.startupJobs ? { startupJobs: options.startupJobs } : {}),
      log,
    });
  } catch (error) {
    post({ type: 'failed', error: serializeError(error) });
    return;
  }
  const dispatch = withSlowCallLog(backend.dispatch, { now: () => performance.now(), ...(options.slowCallMs !== undefined ? { thresholdMs: options.slowCallMs } : {}), log });
  backend.onEvent((event) => post({ type: 'event', event }));

  let telemetrySocket: TelemetrySocketManager | null = null;
  let net: NetRuntime | null = null;
  let closing: Promise<void> | null = null;
  const close = async () => {
    await net?.close();
    await telemetrySocket?.close();
    backend.close();
  };

  port.on('message', (message: ToEngine) => {
    switch (message.type) {
      case 'dispatch':
        void dispatch(message.call, message.channel, message.input)
          .catch((error: unknown): DispatchResult => {
            // The router answers every failure itself; this is the last guard, so a caller never waits forever.
            log('engine: dispatch failed', error);
            return { envelope: { ok: false, error: { code: 'INTERNAL', message: 'something went wrong; the change was not saved', details: { reason: 'internal' } } } };
          })
          .then((result) => post({ type: 'result', id: message.id, result }, resultTransfers(result)));
        return;
      case 'sessionStatus':
        return post({ type: 'answer', id: message.id, value: backend.sessionStatus(message.token) as 'active' | 'expired' | 'missing' });
      case 'endSession':
        return void backend.endSession(message.token);
      case 'hubRunning':
        return post({ type: 'answer', id: message.id, value: net?.hubState().running ?? false });
      case 'close':
        closing ??= close().then(
          () => post({ type: 'closed' }),
          (error: unknown) => {
            log('engine: closing failed', error);
            post({ type: 'closed' });
          },
        );
        return;
    }
  });

  let hub: HubStateDto | null = null;
  try {
    // The loopback ingestion socket runs only while its setting is on (off by default).
    if (options.telemetrySocket) telemetrySocket = manageTelemetrySocket(backend, log);
    if (options.net) {
      const services = { db: backend.database.db, sqlite: backend.database.sqlite, clock: backend.clock, events: backend.events, dataDir: options.dataDir };
      if (options.net.hub) writeHubSetting(backend.database.sqlite, { enabled: true, ...options.net.hub }, backend.clock.now().toISOString());
      net = startNetRuntime(services, { log, mdns: options.net.mdns, hubThread: true, ...(options.net.timings ? { timings: options.net.timings } : {}) });
      if (options.net.hub) hub = await net.applyHubSetting();
    }
  } catch (error) {
    await close().catch(() => undefined);
    post({ type: 'failed', error: serializeError(error) });
    return;
  }
  post({ type: 'ready', hub });
  // The after-start check (and backup) in the job worker: the shell interrupts the user only if it failed.
  void backend.startup.then((report) => post({ type: 'startup', report }));
}
