// What the shells call: runs the socket while the setting is on, and follows the setting when an admin changes it.
import type { Backend } from '../backend';
import { readSettings } from '../../services/settings';
import { ensureSocketToken } from '../../services/telemetry';
import { startTelemetrySocket, type TelemetrySocket } from './server';

/** Announced after the socket starts or stops, so the admin card refetches its state (and this manager ignores it). */
export const SOCKET_STATE_EVENT_ID = 'telemetrySocket';

export interface TelemetrySocketManager {
  current(): TelemetrySocket | null;
  close(): Promise<void>;
}

export function manageTelemetrySocket(
  backend: Pick<Backend, 'database' | 'events' | 'clock' | 'running'>,
  log: (message: string, error?: unknown) => void = () => {},
): TelemetrySocketManager {
  let socket: TelemetrySocket | null = null;
  let running: { port: number } | null = null;
  let chain = Promise.resolve();
  let closed = false;

  const apply = async () => {
    const wanted = closed ? null : readSettings(backend.database.db);
    const port = wanted?.telemetrySocketEnabled ? wanted.telemetrySocketPort : null;
    if (running && running.port === port) return;
    if (socket) {
      backend.running.telemetrySocket = null;
      await socket.close();
      log(`telemetry socket: stopped (port ${running?.port})`);
      socket = null;
      running = null;
      if (!closed) backend.events.emit({ entity: 'settings', id: SOCKET_STATE_EVENT_ID, kind: 'updated' });
    }
    if (port === null) return;
    try {
      const started = await startTelemetrySocket({ backend, port, token: ensureSocketToken({ db: backend.database.db, clock: backend.clock }), log });
      // Closed while it was starting: the shell is about to close the database.
      if (closed) return void (await started.close());
      socket = started;
      running = { port };
      backend.running.telemetrySocket = socket;
      log(`telemetry socket: listening on ws://127.0.0.1:${socket.port}`);
      backend.events.emit({ entity: 'settings', id: SOCKET_STATE_EVENT_ID, kind: 'updated' });
    } catch (error) {
      log(`telemetry socket: cannot listen on 127.0.0.1:${port}`, error);
    }
  };
  // Serialized: two quick settings changes must not start two servers.
  const schedule = () => (chain = chain.then(apply, apply));
  const off = backend.events.on((event) => {
    if (event.entity === 'settings' && event.id !== SOCKET_STATE_EVENT_ID) void schedule();
  });
  void schedule();
  return {
    current: () => socket,
    /** Flushes queued readings synchronously (before the caller closes the database), then lets connections go. */
    close() {
      closed = true;
      off();
      const stopping = socket;
      socket = null;
      running = null;
      backend.running.telemetrySocket = null;
      return Promise.all([stopping?.close(), chain]).then(() => undefined);
    },
  };
}
