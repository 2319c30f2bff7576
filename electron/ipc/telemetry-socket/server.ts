// The optional loopback WebSocket a measuring tool pushes readings to: token-guarded, rate- and size-limited.
import { createServer, STATUS_CODES, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { z } from 'zod';
import { AppError, type ErrorShape, type TelemetrySocketStats } from '../../contract';
import { telemetrySocketMessage } from '../../contract/telemetry';
import type { ServiceContext } from '../../services/context';
import { assertMeasuredTimes } from '../../services/telemetry';
import { loadTicket } from '../../services/tickets/guards';
import type { Backend } from '../backend';
import { upgradeRefusal } from './auth';
import { TelemetryBatcher } from './batcher';
import { AckQueue, TokenBucket } from './limits';

export interface TelemetrySocketOptions {
  backend: Pick<Backend, 'database' | 'events' | 'clock'>;
  port: number;
  token: string;
  host?: '127.0.0.1';
  maxPayloadBytes?: number;
  ratePerSecond?: number;
  burst?: number;
  maxConnections?: number;
  flushEveryMs?: number;
  flushAtReadings?: number;
  log?: (message: string, error?: unknown) => void;
}

export interface TelemetrySocket {
  port: number;
  close(): Promise<void>;
  stats(): TelemetrySocketStats;
}

/** Beyond this many readings waiting for the writer, new messages are refused rather than buffered. */
const MAX_QUEUED_READINGS = 20_000;

const errorAck = (ref: unknown, code: ErrorShape['code'], reason: string, message: string, extra: Record<string, unknown> = {}) => ({
  ok: false,
  ...(ref !== undefined ? { ref } : {}),
  error: { code, message, details: { reason, ...extra } },
});

function refuseUpgrade(socket: Duplex, status: number): void {
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

export async function startTelemetrySocket(options: TelemetrySocketOptions): Promise<TelemetrySocket> {
  const log = options.log ?? (() => {});
  const { database, events, clock } = options.backend;
  const ctx: ServiceContext = { db: database.db, sqlite: database.sqlite, clock, events, actor: null };
  const batcher = new TelemetryBatcher(ctx, { flushEveryMs: options.flushEveryMs ?? 100, flushAtReadings: options.flushAtReadings ?? 500, log });
  const totals: TelemetrySocketStats = { connections: 0, acceptedMessages: 0, acceptedReadings: 0, rateLimited: 0, invalid: 0, refusedUpgrades: 0 };
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayloadBytes ?? 64 * 1024 });
  const http: Server = createServer((_req, res) => {
    res.writeHead(426, { 'Content-Type': 'text/plain' }).end('Emerald telemetry: connect with a WebSocket client\n');
  });
  let boundPort = options.port;

  http.on('upgrade', (req, socket, head) => {
    const status = upgradeRefusal(req, options.token, boundPort);
    const full = wss.clients.size >= (options.maxConnections ?? 32);
    if (status !== 0 || full) {
      totals.refusedUpgrades += 1;
      refuseUpgrade(socket, status || 503);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveConnection(ws));
  });

  function serveConnection(ws: WebSocket): void {
    totals.connections += 1;
    const bucket = new TokenBucket(options.ratePerSecond ?? 50, options.burst ?? 200);
    const acks = new AckQueue((ack) => {
      if (ws.readyState === ws.OPEN) ws.send(ack);
    });
    const mine = { accepted: 0, rateLimited: 0, invalid: 0 };
    ws.on('error', (error) => log('telemetry socket: connection error', error));
    ws.on('close', (code) => {
      if (mine.rateLimited + mine.invalid > 0) {
        log(`telemetry socket: connection closed (${code}): accepted ${mine.accepted}, rate-limited ${mine.rateLimited}, invalid ${mine.invalid}`);
      }
    });
    ws.on('message', (data, isBinary) => {
      const reserved = acks.reserve();
      let answered = false;
      const ack: typeof reserved = (value) => {
        answered = true;
        reserved(value);
      };
      // Anything thrown here would be an uncaught exception in the main process (ws calls this from an emitter).
      try {
        handleMessage(data, isBinary, ack);
      } catch (error) {
        log('telemetry socket: message handling failed', error);
        if (!answered) ack(errorAck(undefined, 'INTERNAL', 'internal', 'the message could not be handled; it was not saved'));
      }
    });

    function handleMessage(data: RawData, isBinary: boolean, ack: (value: object) => void): void {
      // The bucket is checked before parsing: a flood costs one comparison per message.
      if (!bucket.take()) {
        mine.rateLimited += 1;
        totals.rateLimited += 1;
        ack(errorAck(undefined, 'CONFLICT', 'rate_limited', 'too many messages; slow down and resend'));
        return;
      }
      const outcome = acceptMessage(isBinary ? null : data.toString());
      if ('error' in outcome) {
        mine.invalid += 1;
        totals.invalid += 1;
        ack(outcome.error);
        return;
      }
      const { ticketId, readings, ref } = outcome.message;
      batcher.add({
        ticketId,
        readings,
        done: (result) => {
          if (result.ok) {
            mine.accepted += 1;
            totals.acceptedMessages += 1;
            totals.acceptedReadings += readings.length;
            ack({ ok: true, ...(ref !== undefined ? { ref } : {}), eventId: result.eventId, readings: readings.length });
          } else ack({ ok: false, ...(ref !== undefined ? { ref } : {}), error: result.error });
        },
      });
    }
  }

  type Accepted = { message: z.output<typeof telemetrySocketMessage> } | { error: ReturnType<typeof errorAck> };

  function acceptMessage(text: string | null): Accepted {
    if (text === null) return { error: errorAck(undefined, 'VALIDATION', 'binary_not_supported', 'send JSON text messages') };
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return { error: errorAck(undefined, 'VALIDATION', 'json_malformed', 'the message is not JSON') };
    }
    const parsed = telemetrySocketMessage.safeParse(json);
    const ref = (json as { ref?: unknown } | null)?.ref;
    if (!parsed.success) {
      const issues = parsed.error.issues.slice(0, 5).map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
      return { error: errorAck(typeof ref === 'string' || typeof ref === 'number' ? ref : undefined, 'VALIDATION', 'invalid_input', 'the message does not match {ticketId, readings:[...]}', { issues }) };
    }
    try {
      assertMeasuredTimes(parsed.data.readings, clock.now());
      loadTicket(ctx.db, parsed.data.ticketId);
    } catch (error) {
      if (!(error instanceof AppError)) {
        log('telemetry socket: checking a message failed', error);
        return { error: errorAck(parsed.data.ref, 'INTERNAL', 'internal', 'the message could not be checked; it was not saved') };
      }
      const shape = error.toShape();
      return { error: errorAck(parsed.data.ref, shape.code, shape.details?.reason ?? 'invalid_input', shape.message) };
    }
    if (batcher.queuedReadings + parsed.data.readings.length > MAX_QUEUED_READINGS) {
      return { error: errorAck(parsed.data.ref, 'CONFLICT', 'busy', 'the writer is behind; resend shortly') };
    }
    return { message: parsed.data };
  }

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port, options.host ?? '127.0.0.1', () => {
      http.off('error', reject);
      resolve();
    });
  });
  boundPort = (http.address() as AddressInfo).port;

  return {
    port: boundPort,
    stats: () => ({ ...totals }),
    async close() {
      batcher.close();
      for (const client of wss.clients) client.close(1001, 'server closing');
      // A tool that never answers the closing handshake must not hold the shutdown for ws's 30 s timeout.
      const grace = setTimeout(() => wss.clients.forEach((client) => client.terminate()), 1000);
      grace.unref();
      wss.close();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      clearTimeout(grace);
    },
  };
}
